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
        'Prosody: `consider_bosh_secure` / `consider_websocket_secure` (read by mod_bosh / mod_websocket) mark every BOSH or WebSocket session secure, so authentication is offered on them even over plain HTTP. That is meant for a TLS-terminating proxy in front of a loopback-only HTTP port (the default: `http_interfaces` falls back to `local_interfaces`, 127.0.0.1 and ::1); with the plain HTTP port reachable from elsewhere, whether clients can log in without TLS depends on the network, and the claim stays unverified.',
        'ejabberd: every `ejabberd_c2s` listener needs `starttls_required: true` or `tls: true`; `s2s_use_starttls` must be `required` (default false).',
      ],
      examples: [{ language: 'lua', compliant: 'c2s_require_encryption = true\ns2s_require_encryption = true', violating: 's2s_require_encryption = false' }],
      sources: ['Prosody 0.12 modules/mod_tls.lua:13-21', 'Prosody 0.12 modules/mod_s2s.lua:40-43', 'Prosody 0.12 modules/mod_saslauth.lua:20', 'Prosody 0.12 modules/mod_bosh.lua:46,334, modules/mod_websocket.lua:35,280, core/portmanager.lua:23-31,97-103, modules/mod_http.lua:340-346'],
    },
  },
  check(ctx) {
    const claim = ctx.claim<boolean>('transport.requireEncryption');
    if (!claim) return;
    for (const t of practicesOf(ctx.inventory, 'transport')) {
      const at = t.evidence[0] ?? claim.position;
      const channel = t.channel === 'c2s' ? 'client' : 'server-to-server';
      if (!claim.value || t.encryptionRequired === true) {
        ctx.honours('transport.requireEncryption', t.evidence, `${channel} TLS required`);
      } else if (t.encryptionRequired === false) {
        const report = { message: `${capitalise(t.description)}: the policy declares TLS required`, at, observed: `${channel} TLS optional` };
        ctx.breaks('transport.requireEncryption', { ...report, suggestion: t.suggestion, ...(t.edit ? { edit: t.edit } : {}) });
      } else {
        const why = t.unknownReason
          ? { message: `Cannot tell whether ${channel} connections require TLS: ${t.unknownReason}`, evidence: t.evidence.slice(1), ...(t.suggestion ? { suggestion: t.suggestion } : {}) }
          : { message: `Cannot tell whether ${channel} connections require TLS: the value is known only at runtime` };
        ctx.cannotTell('transport.requireEncryption', { ...why, at, observed: 'unknown' });
      }
    }
  },
});
