import type { ProsodyRelease } from '../../config/types.js';
import type { Diagnostic } from '../../inventory/diagnostic.js';
import type { LogRetentionSource } from '../../inventory/log-retention.js';
import type { Practice } from '../../inventory/practice.js';
import { interpretAccounts } from './accounts.js';
import { interpretArchives } from './archive.js';
import { interpretAudit } from './audit.js';
import type { ProsodyConfig } from './config-model.js';
import { ProsodyContext } from './context.js';
import { interpretLogging } from './logging.js';
import { checkMisspelledOptions } from './misspelled-options.js';
import { interpretOfflineMessages } from './offline.js';
import { interpretPush } from './push.js';
import { interpretTransport } from './transport.js';
import { interpretUploads } from './uploads.js';

export interface Interpretation {
  practices: Practice[];
  diagnostics: Diagnostic[];
  /** Rotation the server does itself (ejabberd's log_rotate_size), joined with its log files like logrotate's. */
  logRetention?: LogRetentionSource[];
}

/** What a Prosody server configured like this does with personal data, per host and component. */
export function interpretProsody(config: ProsodyConfig, release: ProsodyRelease): Interpretation {
  const ctx = new ProsodyContext(config, release);
  interpretArchives(ctx);
  interpretOfflineMessages(ctx);
  interpretUploads(ctx);
  interpretLogging(ctx);
  interpretAccounts(ctx);
  interpretAudit(ctx);
  interpretPush(ctx);
  interpretTransport(ctx);
  checkMisspelledOptions(ctx);
  return { practices: ctx.practices, diagnostics: ctx.diagnostics };
}
