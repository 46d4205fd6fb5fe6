import type { EditProposal } from '../../inventory/edit.js';
import { optionValueEdit } from './option-edit.js';
import type { Evidence, Tri } from '../../inventory/evidence.js';
import type { LuaValue, ProsodySection } from './config-model.js';
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
    const required: Tri = c2s.unknown ? 'unknown' : c2s.scalar !== false;
    const plainHttp = required === true ? insecureHttpSessions(ctx, host) : undefined;
    if (plainHttp) {
      ctx.emit({
        kind: 'transport',
        subject: ctx.subject(host),
        channel: 'c2s',
        encryptionRequired: 'unknown',
        unknownReason: plainHttp.reason,
        description: `clients of ${host.name} may log in over plain HTTP`,
        suggestion: plainHttp.suggestion,
        evidence: [...plainHttp.evidence, c2s.evidence],
      });
      continue;
    }
    ctx.emit({
      kind: 'transport',
      subject: ctx.subject(host),
      channel: 'c2s',
      encryptionRequired: required,
      description: c2s.scalar === false ? `clients of ${host.name} may connect without TLS` : `clients of ${host.name} must use TLS`,
      suggestion: 'c2s_require_encryption = true',
      ...editOf(optionValueEdit(c2s, 'true')),
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
    ...editOf(optionValueEdit(s2s, 'true')),
    evidence: forced && s2s.scalar === false ? [s2s.evidence, secureAuth.evidence] : [s2s.evidence],
  });
}

/**
 * `consider_bosh_secure` / `consider_websocket_secure` make every BOSH or WebSocket session
 * "secure" (0.12 modules/mod_bosh.lua:46,334, modules/mod_websocket.lua:35,280; 13.0 the same
 * lines), so mod_saslauth offers authentication on them (mod_saslauth.lua:255) even when they
 * arrived over plain HTTP. That is safe only when the plain HTTP port is not reachable from
 * other machines: the "http" service is private, so it binds `http_interfaces`, else
 * `local_interfaces`, else 127.0.0.1 and ::1 (core/portmanager.lua:23-31,97-99; mod_http.lua:340-346).
 */
function insecureHttpSessions(ctx: ProsodyContext, host: ProsodySection): { reason: string; suggestion: string; evidence: Evidence[] } | undefined {
  const transports = [
    { module: 'bosh', option: 'consider_bosh_secure', what: 'BOSH' },
    { module: 'websocket', option: 'consider_websocket_secure', what: 'WebSocket' },
  ].flatMap((t) => {
    if (ctx.loaded(host, t.module) === false) return [];
    const reading = ctx.read(host, t.option, undefined, `mod_${t.module}`);
    return reading.scalar === true ? [{ ...t, reading }] : [];
  });
  if (transports.length === 0) return undefined;
  const reach = plainHttpReach(ctx);
  if (!reach) return undefined;
  const names = transports.map((t) => `${t.option} = true`).join(' and ');
  const what = transports.map((t) => t.what).join(' and ');
  return {
    reason: `${names} lets clients log in over ${what} without TLS, and the plain HTTP port listens on ${reach.where}; only a firewall or a TLS proxy that is the sole way in keeps passwords off the network`,
    suggestion: `http_interfaces = { "127.0.0.1", "::1" } -- plain HTTP only for the TLS-terminating proxy`,
    evidence: [...transports.map((t) => t.reading.evidence), reach.evidence],
  };
}

/** Where the plain HTTP port listens when it is reachable from other machines (or may be). */
function plainHttpReach(ctx: ProsodyContext): { where: string; evidence: Evidence } | undefined {
  const ports = ctx.read(ctx.global, 'http_ports');
  if (ports.value?.type === 'table' && ports.value.items.length === 0 && ports.value.unknownEntries.length === 0) return undefined;
  for (const name of ['http_interfaces', 'http_interface', 'local_interfaces']) {
    const reading = ctx.read(ctx.global, name);
    if (reading.isDefault) continue;
    const addresses = interfaceList(reading.value);
    const open = addresses.filter((a) => !isLoopback(a));
    if (open.length === 0) return undefined;
    return { where: open.join(', '), evidence: reading.evidence };
  }
  return undefined;
}

function interfaceList(value: LuaValue | undefined): string[] {
  if (!value) return [];
  if (value.type === 'string') return [value.value];
  if (value.type === 'unknown') return [`an address known only at runtime`];
  if (value.type !== 'table') return [];
  return [
    ...value.items.map((item) => (item.type === 'string' ? item.value : 'an address known only at runtime')),
    ...value.unknownEntries.map(() => 'an address known only at runtime'),
  ];
}

function isLoopback(address: string): boolean {
  return /^127\./.test(address) || address === '::1' || address === 'localhost';
}

function editOf(edit: EditProposal | undefined): { edit?: EditProposal } {
  return edit ? { edit } : {};
}
