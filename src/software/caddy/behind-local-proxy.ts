import type { CaddyDirective, CaddySiteBlock } from '../../formats/caddyfile/parse-caddyfile.js';
import type { Diagnostic } from '../../inventory/diagnostic.js';
import type { SourcePosition } from '../../inventory/evidence.js';
import { versionAtLeast } from './caddy-version.js';

/**
 * Whose address Caddy's access-log fields hold when only this machine can reach a site.
 *
 * request>remote_ip is the connection's peer (modules/caddyhttp/marshalers.go). A site whose
 * `bind` addresses are all loopback or unix sockets is reached only from this machine: a local
 * reverse proxy, so remote_ip is the proxy's. request>client_ip (v2.7.0 and later) is the first
 * address of `client_ip_headers` (default X-Forwarded-For) only when the peer is within the
 * global `servers { trusted_proxies ... }`, else remote_ip again (v2.7.0
 * modules/caddyhttp/server.go determineTrustedProxy, trustedRealClientIP). Before v2.7.0 the
 * `servers` option has no `trusted_proxies` and Caddy refuses the Caddyfile (verified with
 * Debian's caddy 2.6.2: "unrecognized servers option 'trusted_proxies'").
 */
export interface CaddyPeer {
  /** Why the peer is a local proxy: "it binds only to 127.0.0.1, ::1 (this machine)". */
  proxied: string;
  /** The trusted_proxies option that puts the client's address in request>client_ip, when one does. */
  restoredBy?: string;
}

/** The trusted_proxies of the global `servers` options, as far as they cover a local proxy. */
export interface TrustedProxies {
  text: string;
  /** True when a static range holds 127.0.0.1 or ::1; 'unknown' for other sources (modules). */
  coversLoopback: true | false | 'unknown';
}

export function trustedProxies(global: CaddyDirective[] | undefined, release: string, versionNote: string, diagnostics: Diagnostic[]): TrustedProxies | undefined {
  let found: TrustedProxies | undefined;
  for (const servers of (global ?? []).filter((d) => d.name.text === 'servers')) {
    for (const option of servers.block ?? []) {
      if (option.name.text !== 'trusted_proxies') continue;
      if (!versionAtLeast(release, '2.7')) {
        diagnostics.push({ code: 'config-error', message: `Caddy ${release} has no servers option trusted_proxies (added in 2.7.0): it refuses this Caddyfile; ${versionNote}`, position: option.name.at });
        continue;
      }
      const source = option.args[0]?.text;
      const ranges = [...option.args.slice(1), ...(option.block ?? []).flatMap((d) => (d.name.text === 'ranges' ? d.args : []))].map((a) => a.text);
      const text = ['trusted_proxies', ...option.args.map((a) => a.text)].join(' ');
      const covers = source === 'static' ? ranges.some(coversLoopback) : 'unknown';
      found = { text, coversLoopback: covers };
    }
  }
  return found;
}

/** Why a site's peer is a local proxy, or undefined when clients may connect directly. */
export function loopbackSite(site: CaddySiteBlock): string | undefined {
  const binds = site.directives.filter((d) => d.name.text === 'bind').flatMap((d) => d.args.map((a) => a.text));
  // Without `bind` a site listens on every interface; `bind` takes its addresses as they are (builtins.go parseBind).
  if (binds.length === 0 || !binds.every(isLoopback)) return undefined;
  return `it binds only to ${binds.join(', ')} (this machine)`;
}

/** Why a JSON server's peer is a local proxy: every `listen` address is loopback or a unix socket. */
export function loopbackListen(listen: string[]): string | undefined {
  const hosts = listen.map(hostOf);
  if (listen.length === 0 || !hosts.every(isLoopback)) return undefined;
  return `it listens only on ${listen.join(', ')} (this machine)`;
}

/** A JSON server's `trusted_proxies` module ({"source": "static", "ranges": [...]}). */
export function trustedProxiesOf(source: string | undefined, ranges: string[], release: string, versionNote: string, diagnostics: Diagnostic[], at: SourcePosition): TrustedProxies | undefined {
  if (!versionAtLeast(release, '2.7')) {
    diagnostics.push({ code: 'config-error', message: `Caddy ${release} has no server field trusted_proxies (added in 2.7.0): it refuses this config; ${versionNote}`, position: at });
    return undefined;
  }
  return { text: `trusted_proxies ${source ?? ''} ${ranges.join(' ')}`.trim(), coversLoopback: source === 'static' ? ranges.some(coversLoopback) : 'unknown' };
}

/** `127.0.0.1:8080` → 127.0.0.1, `[::1]:80` → ::1, `unix//run/x.sock` kept, `:443` → empty (every interface). */
function hostOf(address: string): string {
  const a = address.replace(/^(tcp[46]?|udp[46]?)\//, '');
  if (a.startsWith('unix')) return a.replace(/^unix(gram|packet)?\/+/, 'unix/');
  const v6 = /^\[([^\]]*)\]/.exec(a);
  if (v6) return v6[1] ?? '';
  return a.replace(/:[^:]*$/, '');
}

export function peerOf(proxied: string | undefined, trusted: TrustedProxies | undefined): CaddyPeer | undefined {
  if (proxied === undefined) return undefined;
  // A range source that cannot be read here (a module) may cover the proxy: client_ip then counts.
  return trusted !== undefined && trusted.coversLoopback !== false ? { proxied, restoredBy: trusted.text } : { proxied };
}

function isLoopback(address: string): boolean {
  const a = address.toLowerCase().replace(/^(tcp[46]?\/)/, '');
  return a.startsWith('unix/') || a.startsWith('unixgram/') || a === 'localhost' || a === '::1' || a === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(a);
}

/** A trusted_proxies range (CIDR or address, or private_ranges) holding 127.0.0.1 or ::1. */
function coversLoopback(range: string): boolean {
  if (range === 'private_ranges' || range === '::1' || range === '::1/128' || range === '0.0.0.0/0' || range === '::/0') return true;
  const m = /^(\d+)\.\d+\.\d+\.\d+(?:\/(\d+))?$/.exec(range);
  if (m === null) return false;
  const bits = m[2] === undefined ? 32 : Number(m[2]);
  const first = Number(m[1]);
  return first === 127 || (bits > 0 && bits < 8 && first >> (8 - bits) === 127 >> (8 - bits));
}
