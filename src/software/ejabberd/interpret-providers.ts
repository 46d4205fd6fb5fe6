import type { EjabberdContext, EjabberdDefault } from './interpret-context.js';

/**
 * mod_providers (ejabberd 25.08) serves /.well-known/xmpp-provider-v2.json from its options. Its
 * storage fields, as src/mod_providers.erl file_json/1 fills them:
 * - maximumMessageArchiveManagementStorageTime: the option, default 0 (no limit), mod_options/1;
 * - maximumHttpFileUploadStorageTime: the option, else (default_value) mod_http_upload_quota's
 *   max_days when that module is loaded (infinity = 0), else 0 (get_upload_time/1).
 */
const MAM_DEFAULT: EjabberdDefault = { value: 0, source: 'src/mod_providers.erl mod_options/1 (ejabberd 25.08)' };
const UPLOAD_DEFAULT: EjabberdDefault = { value: 0, source: 'src/mod_providers.erl get_upload_time/1 (ejabberd 25.08)' };

export function interpretProviders(ctx: EjabberdContext): void {
  for (const { name: host } of ctx.hosts) {
    const providers = ctx.module(host, 'mod_providers');
    if (!providers) continue;
    const mam = ctx.moduleOption(providers, 'mod_providers', 'maximumMessageArchiveManagementStorageTime', MAM_DEFAULT);
    emit(ctx, host, 'maximumMessageArchiveManagementStorageTime', mam.text, mam.evidence);
    const upload = ctx.moduleOption(providers, 'mod_providers', 'maximumHttpFileUploadStorageTime');
    if (!upload.isDefault) {
      emit(ctx, host, 'maximumHttpFileUploadStorageTime', upload.text, upload.evidence);
      continue;
    }
    const quota = ctx.module(host, 'mod_http_upload_quota');
    if (quota) {
      const maxDays = ctx.moduleOption(quota, 'mod_http_upload_quota', 'max_days');
      // mod_providers publishes max_days itself; infinity (its default) is published as 0.
      const text = maxDays.text === undefined || maxDays.text === 'infinity' ? '0' : maxDays.text;
      emit(ctx, host, 'maximumHttpFileUploadStorageTime', text, { ...upload.evidence, note: `${upload.evidence.note}: mod_providers publishes mod_http_upload_quota max_days (${text})` });
    } else {
      const fallback = ctx.moduleOption(providers, 'mod_providers', 'maximumHttpFileUploadStorageTime', UPLOAD_DEFAULT);
      emit(ctx, host, 'maximumHttpFileUploadStorageTime', fallback.text, fallback.evidence);
    }
  }
}

function emit(ctx: EjabberdContext, host: string, field: string, text: string | undefined, evidence: Parameters<EjabberdContext['warn']>[0] & { note: string }): void {
  const days = Number(text);
  if (!Number.isInteger(days) || days < -1) return;
  ctx.emit({ kind: 'provider-promise', subject: ctx.subject(host), field, days, evidence: [evidence] });
}
