import type { Interpretation } from '../prosody/interpret.js';
import type { ScheduledJob } from '../scheduled-jobs/job-model.js';
import type { EjabberdConfig } from './config-model.js';
import { interpretAccounts } from './interpret-accounts.js';
import { EjabberdContext } from './interpret-context.js';
import { modCronJobs } from './interpret-jobs.js';
import { interpretLogging } from './interpret-logging.js';
import { interpretStorage } from './interpret-storage.js';
import { interpretProviders } from './interpret-providers.js';
import { checkOptionsForRelease } from './release-option-check.js';
import { appendAll } from '../../arrays/append-all.js';

/**
 * What an ejabberd server configured like this does with personal data, per host. Retention of
 * archives, offline messages and accounts comes from scheduled jobs (cron, systemd timers, and
 * mod_cron tasks in the config itself), since ejabberd has no expiry option for them.
 */
export function interpretEjabberd(config: EjabberdConfig, jobs: ScheduledJob[], release: string): Interpretation {
  const ctx = new EjabberdContext(config, [...jobs], release);
  appendAll(ctx.jobs, modCronJobs(ctx));
  interpretStorage(ctx);
  interpretProviders(ctx);
  interpretLogging(ctx);
  interpretAccounts(ctx);
  appendAll(ctx.diagnostics, checkOptionsForRelease(config, release));
  return { practices: ctx.practices, diagnostics: ctx.diagnostics, logRetention: ctx.logRetention };
}
