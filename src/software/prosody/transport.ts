import type { ProsodyContext } from './context.js';
import { PROSODY_DEFAULTS } from './defaults.js';

/**
 * Encryption requirements. c2s: `c2s_require_encryption`, falling back to the legacy
 * `require_encryption`, default true, read per host by mod_tls and mod_saslauth
 * (0.12 modules/mod_tls.lua:13, mod_saslauth.lua:20). s2s: `s2s_require_encryption`, default
 * true, read by mod_s2s in the global context and by mod_tls per host (mod_s2s.lua:43,
 * mod_tls.lua:14); `s2s_secure_auth = true` forces it back on (mod_tls.lua:18-21).
 */
export function interpretTransport(ctx: ProsodyContext): void {
  for (const host of ctx.activeSections('host')) {
    let c2s = ctx.read(host, 'c2s_require_encryption');
    if (c2s.isDefault) c2s = ctx.read(host, 'require_encryption', PROSODY_DEFAULTS.c2s_require_encryption, 'mod_tls');
    ctx.emit({
      kind: 'transport',
      subject: ctx.subject(host),
      channel: 'c2s',
      encryptionRequired: c2s.unknown ? 'unknown' : c2s.scalar !== false,
      description: c2s.scalar === false ? `clients of ${host.name} may connect without TLS` : `clients of ${host.name} must use TLS`,
      suggestion: 'c2s_require_encryption = true',
      evidence: [c2s.evidence],
    });
  }
  const global = ctx.global;
  const s2s = ctx.read(global, 's2s_require_encryption', PROSODY_DEFAULTS.s2s_require_encryption, 'mod_s2s');
  const secureAuth = ctx.read(global, 's2s_secure_auth', PROSODY_DEFAULTS.s2s_secure_auth, 'mod_s2s');
  const forced = secureAuth.scalar === true;
  ctx.emit({
    kind: 'transport',
    subject: { software: 'prosody', name: '*', kind: 'server' },
    channel: 's2s',
    encryptionRequired: s2s.unknown ? 'unknown' : s2s.scalar !== false || forced,
    description: s2s.scalar === false && !forced ? 'other servers may connect without TLS' : 'server-to-server connections must use TLS',
    suggestion: 's2s_require_encryption = true',
    evidence: forced && s2s.scalar === false ? [s2s.evidence, secureAuth.evidence] : [s2s.evidence],
  });
}
