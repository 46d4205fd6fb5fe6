import type { Diagnostic } from '../../inventory/diagnostic.js';
import type { Tri } from '../../inventory/evidence.js';
import type { CaddyPeer } from './behind-local-proxy.js';
import { versionAtLeast } from './caddy-version.js';
import type { CaddyFormat, FieldFilter } from './log-directive.js';

/**
 * What an access-log entry reveals of the client, after a `format filter` (modules/logging/
 * filters.go). Logged fields (modules/caddyhttp/marshalers.go): request>remote_ip always,
 * request>client_ip since 2.7, and every request header under request>headers>NAME.
 */
export interface IpJudgement {
  carries: Tri;
  /** Which fields carry addresses and how, for descriptions. */
  description: string;
  /** Set when addresses are truncated or removed: what the filter does. */
  filtered: string;
}

/**
 * Request headers that carry client addresses, as Caddy logs them: under the canonical key Go's
 * net/http gives every header (textproto.CanonicalMIMEHeaderKey: `X-Real-IP` is logged as
 * `X-Real-Ip`), which is also the only spelling a filter on request>headers>NAME matches.
 */
export const IP_HEADERS = ['X-Forwarded-For', 'Forwarded', 'X-Real-Ip', 'Cf-Connecting-Ip', 'True-Client-Ip', 'X-Client-Ip', 'Fastly-Client-Ip'];

type State = 'full' | 'truncated' | 'removed' | 'hashed' | 'unknown';

function filterFor(fields: FieldFilter[], path: string): FieldFilter | undefined {
  // A filter on a parent (`request>headers`, `request`) applies to everything below it.
  return fields.find((f) => f.field === path) ?? fields.find((f) => path.startsWith(`${f.field}>`));
}

function ipMaskState(f: FieldFilter, version: string, diagnostics: Diagnostic[], warned: Set<FieldFilter>): { state: State; what: string } {
  if (f.inline === true && !versionAtLeast(version, '2.8')) {
    if (!warned.has(f)) {
      warned.add(f);
      diagnostics.push({
        code: 'config-warning',
        message: `Caddy ${version} does not read the inline form "ip_mask ${f.ipv4 ?? ''} ${f.ipv6 ?? ''}" (only 2.8 and later do): ${f.field} is logged as "<nil>", not masked to the prefix you meant`,
        position: f.at,
        suggestion: `${f.field} ip_mask {\n\tipv4 ${f.ipv4 ?? 24}\n\tipv6 ${f.ipv6 ?? 32}\n}`,
      });
    }
    // Verified on Debian's caddy 2.6.2: with no prefix set, net.IP.Mask(nil) gives nil, logged as "<nil>".
    return { state: 'removed', what: `${f.field} is logged as "<nil>" (inline ip_mask ignored before Caddy 2.8)` };
  }
  // filters.go IPMaskFilter: the numbers are prefix lengths KEPT; 0/absent = no mask = "<nil>".
  const family = (bits: number | undefined, all: number): State => (bits === undefined || bits <= 0 ? 'removed' : bits >= all ? 'full' : 'truncated');
  const v4 = family(f.ipv4, 32);
  const v6 = family(f.ipv6, 128);
  const state: State = v4 === 'full' || v6 === 'full' ? 'full' : v4 === 'truncated' || v6 === 'truncated' ? 'truncated' : 'removed';
  return { state, what: `${f.field} ip_mask keeps ${f.ipv4 ?? 0} bits of IPv4 and ${f.ipv6 ?? 0} bits of IPv6 addresses` };
}

/** `peer` is set for sites only a local proxy reaches: remote_ip (and client_ip unless trusted_proxies covers it) is the proxy's. */
export function judgeAccessLogIps(format: CaddyFormat | undefined, version: string, diagnostics: Diagnostic[], peer?: CaddyPeer): IpJudgement {
  const fields = format?.kind === 'filter' ? format.fields : [];
  const warned = new Set<FieldFilter>();
  const stateOf = (path: string): { state: State; what?: string } => {
    const f = filterFor(fields, path);
    if (f === undefined) return { state: 'full' };
    switch (f.filter) {
      case 'delete':
      case 'replace':
        return { state: 'removed', what: `${f.field} ${f.filter}` };
      case 'hash':
        return { state: 'hashed', what: `${f.field} hash (a pseudonym, still personal data)` };
      case 'ip_mask':
        return ipMaskState(f, version, diagnostics, warned);
      default:
        return { state: 'unknown', what: `${f.field} ${f.filter}` };
    }
  };
  const logged = addressFields(version);
  const proxyFields = peer === undefined ? [] : logged.filter((f) => f === 'request>remote_ip' || peer.restoredBy === undefined);
  const direct = logged.filter((f) => !proxyFields.includes(f));
  const carrying: string[] = [];
  const filtered: string[] = [];
  let unknown = false;
  for (const path of direct) {
    const s = stateOf(path);
    if (s.what !== undefined && !filtered.includes(s.what)) filtered.push(s.what);
    if (s.state === 'full' || s.state === 'hashed') carrying.push(path);
    if (s.state === 'unknown') unknown = true;
  }
  const headers = IP_HEADERS.map((h) => `request>headers>${h}`).filter((p) => {
    const s = stateOf(p);
    if (s.state !== 'full' && s.what !== undefined && !filtered.includes(s.what)) filtered.push(s.what);
    return s.state === 'full' || s.state === 'hashed';
  });
  if (peer !== undefined && proxyFields.length > 0) {
    const restored = peer.restoredBy !== undefined ? `; ${peer.restoredBy} puts the client's address in request>client_ip` : '';
    filtered.push(`${proxyFields.join(' and ')} ${proxyFields.length > 1 ? 'are' : 'is'} the local proxy's address: ${peer.proxied}${restored}`);
  }
  const filteredText = filtered.join('; ');
  if (carrying.length > 0) {
    return { carries: true, description: `${carrying.join(' and ')} (the client's IP address)`, filtered: filteredText };
  }
  if (unknown) return { carries: 'unknown', description: 'a filter whose effect on the client address cannot be told statically', filtered: filteredText };
  if (headers.length > 0) {
    return {
      carries: 'unknown',
      description: 'request>headers>X-Forwarded-For and other proxy headers, logged as sent (they hold client addresses when a proxy or client sets them)',
      filtered: filteredText,
    };
  }
  return { carries: false, description: 'no client address', filtered: filteredText };
}

/** The fields that hold the client's address directly: request>client_ip exists since Caddy 2.7. */
export function addressFields(version: string): string[] {
  return ['request>remote_ip', ...(versionAtLeast(version, '2.7') ? ['request>client_ip'] : [])];
}
