import { defineRule } from '../src/engine/define-rule.js';
import { practicesOf } from '../src/inventory/inventory.js';

/** From least to most archiving: what each declared value allows. */
const ALLOWED: Record<string, string[]> = {
  disabled: [],
  'opt-in': ['never'],
  'opt-out': ['never', 'roster', 'always'],
};

export default defineRule({
  meta: {
    id: 'message-archive-default',
    claims: ['messageArchive.default'],
    defaultSeverity: 'error',
    description: 'Whether messages are archived for users who did not choose must match the declared default.',
    docs: {
      rationale:
        'Policies say "by default MAM is not active" (opt-in) or "by default we keep an archive, you can opt out". The server default decides for every user who never touches the setting.',
      checks: [
        'disabled: no host may load mod_mam. opt-in: mod_mam may be loaded, but the server default must archive nothing (Prosody `default_archive_policy = false`). opt-out: anything less invasive also honours it.',
        'Prosody 0.12 understands true, false and "roster"; "always" and "never" are logged as errors and archive nothing by default. 13.0 also takes "always" and "never".',
        '`roster` archives messages with contacts by default, so it is opt-out.',
        'ejabberd: mod_mam `default` (never unless set) — `never` is opt-in, since clients may switch archiving on through MAM preferences unless `access_preferences` is restricted; `always` and `roster` are opt-out.',
      ],
      examples: [
        { language: 'lua', compliant: 'modules_enabled = { "mam" }\ndefault_archive_policy = false -- users opt in from their client', violating: 'modules_enabled = { "mam" }\n-- default_archive_policy not set: true, every message archived' },
      ],
      sources: ['Prosody 0.12 modules/mod_mam/mamprefs.lib.lua:13-16', 'Prosody 13.0 plugins/mod_mam/mamprefs.lib.lua:13-20'],
    },
  },
  check(ctx) {
    const claim = ctx.claim<string>('messageArchive.default');
    if (!claim) return;
    const archives = practicesOf(ctx.inventory, 'message-archive').filter((p) => p.scope === 'one-to-one');
    for (const archive of archives) {
      const host = archive.subject.name;
      if (archive.enabled === false) {
        ctx.honours('messageArchive.default', archive.evidence, 'disabled (mod_mam not loaded)');
        continue;
      }
      const at = archive.evidence[0] ?? claim.position;
      if (claim.value === 'disabled') {
        const report = {
          message: `${host} ${archive.enabled === true ? 'loads' : 'may load'} mod_mam, so messages are archived, but the policy declares the archive disabled`,
          at,
          suggestion: archive.disableFix,
          observed: archive.enabled === true ? 'archive enabled' : 'archive possibly enabled',
        };
        if (archive.enabled === true) ctx.breaks('messageArchive.default', report);
        else ctx.cannotTell('messageArchive.default', report);
        continue;
      }
      const policyAt = archive.defaultPolicyEvidence[0] ?? { ...at, note: 'default_archive_policy' };
      if (archive.defaultPolicy === 'unknown') {
        ctx.cannotTell('messageArchive.default', { message: `Cannot tell the default archive policy of ${host}: ${policyAt.note}`, at: policyAt, observed: 'unknown' });
        continue;
      }
      const observed = archive.defaultPolicy === 'never' ? 'opt-in (nothing archived by default)' : `opt-out (default: ${archive.defaultPolicy})`;
      if ((ALLOWED[claim.value] ?? []).includes(archive.defaultPolicy)) {
        ctx.honours('messageArchive.default', [...archive.defaultPolicyEvidence, ...archive.evidence], observed);
      } else {
        ctx.breaks('messageArchive.default', {
          message: `${host} archives messages by default (${archive.defaultPolicy}${policyAt.default ? ', the default' : ''}), but the policy declares the archive ${claim.value}`,
          // An unset option has no line of its own: point at where mod_mam is enabled.
          at: policyAt.default ? at : policyAt,
          evidence: [...archive.defaultPolicyEvidence, ...archive.evidence],
          suggestion: archive.optInFix,
          observed,
        });
      }
    }
  },
});
