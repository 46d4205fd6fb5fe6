import { capitalise } from '../src/engine/sentence-case.js';
import { defineRule } from '../src/engine/define-rule.js';
import { practicesOf } from '../src/inventory/inventory.js';

export default defineRule({
  meta: {
    id: 'transport-encryption',
    claims: ['transport.requireEncryption'],
    defaultSeverity: 'error',
    description: 'Client and server-to-server connections must require TLS when the policy says so.',
    docs: {
      rationale: 'Without required encryption, passwords and messages may cross the network in clear to a client or a server that does not insist on TLS.',
      checks: [
        'Prosody: `c2s_require_encryption` (legacy `require_encryption`) per host, default true; `s2s_require_encryption`, global, default true; `s2s_secure_auth = true` forces s2s encryption back on.',
        'ejabberd: every `ejabberd_c2s` listener needs `starttls_required: true` or `tls: true`; `s2s_use_starttls` must be `required` (default false).',
      ],
      examples: [{ language: 'lua', compliant: 'c2s_require_encryption = true\ns2s_require_encryption = true', violating: 's2s_require_encryption = false' }],
      sources: ['Prosody 0.12 modules/mod_tls.lua:13-21', 'Prosody 0.12 modules/mod_s2s.lua:40-43', 'Prosody 0.12 modules/mod_saslauth.lua:20'],
    },
  },
  check(ctx) {
    const claim = ctx.claim<boolean>('transport.requireEncryption');
    if (!claim) return;
    for (const t of practicesOf(ctx.inventory, 'transport')) {
      const at = t.evidence[0] ?? claim.position;
      const channel = t.channel === 'c2s' ? 'client' : 'server-to-server';
      if (claim.value === false || t.encryptionRequired === true) {
        ctx.honours('transport.requireEncryption', t.evidence, `${channel} TLS required`);
      } else if (t.encryptionRequired === false) {
        const report = { message: `${capitalise(t.description)}: the policy declares TLS required`, at, observed: `${channel} TLS optional` };
        ctx.breaks('transport.requireEncryption', { ...report, suggestion: t.suggestion });
      } else {
        ctx.cannotTell('transport.requireEncryption', { message: `Cannot tell whether ${channel} connections require TLS: the value is known only at runtime`, at, observed: 'unknown' });
      }
    }
  },
});
