import { describeDuration } from '../../config/duration.js';
import type { Retention } from '../../inventory/practice.js';
import type { Practice } from '../../inventory/practice.js';
import type { ProsodySection } from './config-model.js';
import { dailyCleanupRetention, unknownRetention, type ProsodyContext } from './context.js';
import { PROSODY_DEFAULTS } from './defaults.js';
import { readFileShareExpiry012, readHttpUploadExpiry, readPeriod13 } from './periods.js';
import { forever, trafficBound, unknownFigure } from '../../inventory/retention.js';

/**
 * HTTP file upload: mod_http_file_share (bundled) and community mod_http_upload, run either as
 * their own Component or listed in a host's modules_enabled.
 */
export function interpretUploads(ctx: ProsodyContext): void {
  const sections = [...ctx.activeSections('host'), ...ctx.activeSections('component')];
  for (const section of sections) {
    if (ctx.loaded(section, 'http_file_share') !== false) fileShare(ctx, section);
    if (ctx.loaded(section, 'http_upload') !== false) httpUpload(ctx, section);
    if (ctx.loaded(section, 'http_upload_external') !== false) httpUploadExternal(ctx, section);
  }
}

/**
 * Community mod_http_upload_external only hands out signed URLs under
 * `http_upload_external_base_url` (required); the files are stored and kept by the service
 * behind it (prosody-filer, a PHP script, ...), which Prosody never prunes (prosody-modules
 * mod_http_upload_external/mod_http_upload_external.lua:17-22,48-58, revision of 2021-05-08).
 */
function httpUploadExternal(ctx: ProsodyContext, section: ProsodySection): void {
  const evidence = ctx.moduleEvidence(section, 'http_upload_external');
  const baseUrl = ctx.read(section, 'http_upload_external_base_url', undefined, 'mod_http_upload_external');
  const where = typeof baseUrl.scalar === 'string' ? ` behind ${baseUrl.scalar}` : '';
  const retention = unknownFigure(
    `mod_http_upload_external leaves the files to the service${where}; check that service's expiry setting, or a scheduled job that deletes old files from its storage directory`,
    `uploads are stored by the external upload service${where}, which Prosody never prunes`,
    { evidence: [baseUrl.evidence, ...evidence] },
  );
  ctx.emit({ kind: 'file-upload', subject: ctx.subject(section), enabled: ctx.loaded(section, 'http_upload_external'), retention, evidence });
}

function fileShare(ctx: ProsodyContext, section: ProsodySection): void {
  const evidence = ctx.moduleEvidence(section, 'http_file_share');
  const expiry = ctx.read(section, 'http_file_share_expires_after', PROSODY_DEFAULTS.http_file_share_expires_after, 'mod_http_file_share');
  const baseUrl = ctx.read(section, 'http_file_share_base_url', PROSODY_DEFAULTS.http_file_share_base_url, 'mod_http_file_share');
  let retention: Retention;
  if (expiry.unknown) {
    retention = unknownRetention(expiry, 'uploaded files');
  } else if (typeof baseUrl.scalar === 'string') {
    // Files on external storage are never pruned by Prosody (0.12 mod_http_file_share.lua:453, 13.0 :481).
    retention = unknownFigure(
      `http_file_share_base_url is set, so Prosody does not delete uploads; their retention depends on the external storage at ${baseUrl.scalar}`,
      'uploads are stored behind http_file_share_base_url, which Prosody never prunes',
      { evidence: [baseUrl.evidence] },
    );
  } else {
    const period = ctx.release === '0.12'
      ? readFileShareExpiry012(expiry.scalar)
      : readPeriod13(expiry.scalar, '1w', 'http_file_share_expires_after');
    if (period.problem) {
      const suggestion = ctx.release === '0.12'
        ? 'http_file_share_expires_after = 31 * 24 * 60 * 60 -- 0.12 takes seconds only'
        : 'http_file_share_expires_after = "31 days"';
      if (period.moduleFails) ctx.diagnose({ code: 'config-error', message: period.problem, position: expiry.evidence, suggestion });
      else ctx.problem(expiry.evidence, period.problem, suggestion);
    }
    const template = ctx.release === '0.12'
      ? 'http_file_share_expires_after = {{days}} * 24 * 60 * 60'
      : 'http_file_share_expires_after = "{{days}} days"';
    retention = dailyCleanupRetention(expiry, period, 'uploaded files', template, ctx.release === '0.12' ? '{{days}} * 24 * 60 * 60' : '"{{days}} days"');
  }
  const practice: Practice = { kind: 'file-upload', subject: ctx.subject(section), enabled: ctx.loaded(section, 'http_file_share'), retention, evidence };
  const storage = typeof baseUrl.scalar === 'string' ? undefined : fileShareStorage(ctx, section);
  if (storage !== undefined) practice.storage = storage;
  ctx.emit(practice);
}

/** Debian's prosody launcher sets CFG_DATADIR='/var/lib/prosody' (prosody 0.12.3-1 /usr/bin/prosody). */
const DEBIAN_DATA_PATH = '/var/lib/prosody';

/**
 * Where mod_http_file_share keeps the files: `dm.getpath(slot, module.host, module.name, "bin")`
 * (Prosody 0.12.3 mod_http_file_share.lua:111), that is DATA/<host, %-encoded>/http_file_share/
 * (util/datamanager.lua getpath and encode: every non-alphanumeric byte as %xx), where DATA is the
 * global `data_path` or the launcher's CFG_DATADIR (util/startup.lua:283). undefined when a name
 * is known only at run time.
 */
function fileShareStorage(ctx: ProsodyContext, section: ProsodySection): string | undefined {
  if (section.nameUnknown !== undefined) return undefined;
  const global = ctx.config.sections.get('*');
  const dataPath = global ? ctx.read(global, 'data_path') : undefined;
  const data = dataPath === undefined || dataPath.isDefault ? DEBIAN_DATA_PATH : dataPath.unknown ? undefined : dataPath.scalar;
  if (typeof data !== 'string' || !data.startsWith('/')) return undefined;
  const host = section.name.replace(/[^A-Za-z0-9]/g, (c) => Array.from(Buffer.from(c, 'utf8'), (b) => `%${b.toString(16).padStart(2, '0')}`).join(''));
  return `${data.replace(/\/+$/, '')}/${host}/http_file_share`;
}

/**
 * Community mod_http_upload: `http_upload_expire_after` in seconds, unset = never. Expiry is lazy:
 * it runs only when the same user asks for a new upload slot (prosody-modules
 * mod_http_upload/mod_http_upload.lua:120-150,192), so a user who never uploads again keeps
 * their old files forever.
 */
function httpUpload(ctx: ProsodyContext, section: ProsodySection): void {
  const evidence = ctx.moduleEvidence(section, 'http_upload');
  const expiry = ctx.read(section, 'http_upload_expire_after', PROSODY_DEFAULTS.http_upload_expire_after, 'mod_http_upload');
  let retention: Retention;
  if (expiry.unknown) {
    retention = unknownRetention(expiry, 'uploaded files');
  } else {
    const period = readHttpUploadExpiry(expiry.scalar);
    if (period.problem) ctx.problem(expiry.evidence, period.problem, 'http_upload_expire_after = 31 * 24 * 60 * 60');
    const fix = { fixTemplate: 'http_upload_expire_after = {{days}} * 24 * 60 * 60', evidence: [expiry.evidence] };
    // Expiry that runs only when a user acts has no time bound (POLICY.md "Verdicts").
    retention = period.seconds === Infinity
      ? forever('uploaded files never expire (http_upload_expire_after not set)', fix)
      : trafficBound(
          'mod_http_upload deletes expired files only when the same user requests a new upload slot, so files of a user who never uploads again are kept forever',
          `uploaded files expire after ${describeDuration(period.seconds)} (http_upload_expire_after = ${period.seconds}), when their owner next uploads`,
          fix,
        );
  }
  ctx.emit({ kind: 'file-upload', subject: ctx.subject(section), enabled: ctx.loaded(section, 'http_upload'), retention, evidence });
}
