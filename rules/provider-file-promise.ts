import { describeDuration } from '../src/config/duration.js';
import { PROVIDER_STORAGE_FIELDS, promisedDays } from '../src/config/provider-file.js';
import { defineRule } from '../src/engine/define-rule.js';
import { practicesOf } from '../src/inventory/inventory.js';
import { nominalSeconds, type TimeFigure } from '../src/inventory/retention.js';
import { providerDays } from '../src/provider-file/guaranteed-storage.js';

/**
 * Provider files the server publishes itself (ejabberd's mod_providers) are checked here, against
 * the same host's archive and uploads. A provider file given as --policy becomes claims, and the
 * engine reports its broken fields under this id too (src/engine/provider-promises.ts).
 */
export default defineRule({
  meta: {
    id: 'provider-file-promise',
    claims: [],
    defaultSeverity: 'error',
    description: 'An XMPP Providers provider file promises less storage time than the configuration keeps.',
    docs: {
      rationale: 'Clients such as Conversations, Monal and Kaidan recommend providers from their provider files (/.well-known/xmpp-provider-v2.json). Its storage fields are promises to users; a field that promises 7 days while the archive keeps 21 misleads every user who picked the provider for it.',
      checks: [
        'ejabberd: with mod_providers enabled, its options maximumMessageArchiveManagementStorageTime (default 0) and maximumHttpFileUploadStorageTime (default: mod_http_upload_quota max_days, else 0) are what the server publishes; when the same host keeps archived messages or uploaded files longer (nominal figure), this error is reported at the option, with the value that holds.',
        'nginx: the provider file each server serves at /.well-known/xmpp-provider-v2.json (the location nginx picks, then its alias or root) is read under --root; a storage field shorter than what the server_name domain keeps is this error at the field\'s line in that file.',
        'Apache: the same for the file a virtual host serves there (its server-level Alias covering the URI, else DocumentRoot, its own or the main server\'s).',
        'Caddy (Caddyfile): the same for a site with file_server, from its most specific root matching the URI.',
        'With `--policy xmpp-provider-v2.json`, maximumMessageArchiveManagementStorageTime becomes the messageArchive.retention claim and maximumHttpFileUploadStorageTime the fileUploads.retention claim (days; 0 = no limit; -1 = less than a day). When the claim is violated, this error is reported at the field\'s line in the provider file, beside the retention rule\'s error at the config\'s line.',
      ],
      sources: ['XMPP Providers, provider file properties (maximum…StorageTime: "number in days, 0 for no limit or -1 for less than 1 day")', 'ejabberd 25.08 src/mod_providers.erl (mod_doc, file_json/1)'],
    },
  },
  check(ctx) {
    for (const promise of practicesOf(ctx.inventory, 'provider-promise')) {
      const field = PROVIDER_STORAGE_FIELDS.find((f) => f.field === promise.field);
      if (!field || promise.days === 0) continue;
      const limit = promise.days === -1 ? 86_399 : promise.days * 86_400;
      const kept: { retention: TimeFigure; evidence: typeof promise.evidence }[] = field.claim === 'messageArchive.retention'
        ? practicesOf(ctx.inventory, 'message-archive').filter((p) => p.scope === 'one-to-one' && p.enabled !== false && p.subject.name === promise.subject.name)
        : practicesOf(ctx.inventory, 'file-upload').filter((p) => p.enabled !== false && p.subject.name === promise.subject.name);
      for (const figure of kept) {
        const nominal = nominalSeconds(figure.retention);
        if (nominal === undefined || nominal <= limit) continue;
        const days = providerDays(nominal === Infinity ? Infinity : worstOrNominal(figure.retention, nominal));
        const text = promise.days === -1 ? 'under a day' : `${promise.days}d`;
        ctx.report({
          message: `${promise.field} promises ${promisedDays(text)} while ${field.keeps} ${nominal === Infinity ? 'without a time bound' : describeDuration(nominal)} on ${promise.subject.name}`,
          // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- a kept figure is always read at a place: its evidence is never empty
          at: promise.evidence[0] ?? figure.retention.evidence[0] ?? figure.evidence[0]!,
          evidence: [...figure.retention.evidence, ...figure.evidence],
          suggestion: `${promise.field}: ${days}`,
        });
      }
    }
  },
});

/** The figure a provider file can promise: the worst case when it is known. */
function worstOrNominal(retention: TimeFigure, nominal: number): number {
  return retention.bound === 'time' && retention.worstCase.kind === 'longer' ? retention.worstCase.seconds : nominal;
}
