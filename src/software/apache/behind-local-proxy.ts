import type { ApacheServer, ApacheUse } from './load-config.js';

/**
 * Whose address a server's %h, %a and `[client ...]` hold when only this machine can reach it.
 *
 * A `<VirtualHost>` whose addresses are all loopback only receives connections made to a
 * loopback address; the main server (and a `*` virtual host) only what `Listen` opens. httpd
 * 2.4 cannot Listen on a unix socket. Connections from this machine come from a local reverse
 * proxy, so the peer is the proxy unless mod_remoteip puts the client's address back:
 * modules/metadata/mod_remoteip.c (httpd 2.4) remoteip_modify_request declines without
 * RemoteIPHeader, trusts every peer when no RemoteIPInternalProxy/RemoteIPTrustedProxy (or
 * their *List forms) is set, and else only the peers they cover; RemoteIPProxyProtocol takes
 * the client's address from the PROXY header. The restored address is r->useragent_ip, which
 * mod_log_config's %a and, since 2.4.19, %h log (log_remote_address, log_remote_host via
 * ap_get_useragent_host), and the default ErrorLogFormat's `[client %a]` (server/log.c); %{c}a
 * and %{c}h stay the connection's peer (https://httpd.apache.org/docs/2.4/mod/mod_log_config.html#formats).
 * A virtual host without the mod_remoteip directives uses the main server's (remoteip_merge_server_config).
 */
export interface LocalPeer {
  /** Why the peer is a local proxy: "it is reachable only on 127.0.0.1:8080 (this machine)". */
  reachable: string;
  /** The directive that restores the client's address into %a/%h, when one does. */
  restoredBy?: ApacheUse;
  /** Why the client's address is not restored, when it is not. */
  notRestored?: string;
}

export function localPeer(server: ApacheServer, main: ApacheServer): LocalPeer | undefined {
  const reachable = loopbackOnly(server, main);
  if (reachable === undefined) return undefined;
  const own = (name: string): ApacheUse[] => atServerLevel(server, name);
  const inherited = (name: string): ApacheUse[] => (own(name).length > 0 || server === main ? own(name) : atServerLevel(main, name));
  const proxyProtocol = inherited('remoteipproxyprotocol').find((u) => /^on$/i.test(u.args[0]?.value ?? ''));
  if (proxyProtocol !== undefined) return { reachable, restoredBy: proxyProtocol };
  const header = inherited('remoteipheader').at(-1);
  if (header === undefined) return { reachable, notRestored: 'no RemoteIPHeader applies' };
  const lists = ['remoteipinternalproxy', 'remoteiptrustedproxy'].flatMap(inherited);
  const files = ['remoteipinternalproxylist', 'remoteiptrustedproxylist'].flatMap(inherited);
  // A list file is not read: assume it covers the proxy, as the client's address is then logged.
  if ((lists.length === 0 && files.length === 0) || files.length > 0) return { reachable, restoredBy: header };
  const covering = lists.find((u) => u.args.some((a) => coversLoopback(a.value)));
  if (covering !== undefined) return { reachable, restoredBy: covering };
  const named = lists.flatMap((u) => u.args.map((a) => a.value)).join(', ');
  return { reachable, notRestored: `RemoteIPHeader ${header.args[0]?.value ?? ''} is trusted only from ${named}, which does not cover the local proxy` };
}

/** What a proxied server's log holds instead of client addresses, for descriptions. */
export function describeLocalPeer(server: ApacheServer, peer: LocalPeer): string {
  return `${server.label} logs its peer's address, not the client's: ${peer.reachable} and ${peer.notRestored ?? ''}, so its peer is a local proxy`;
}

function atServerLevel(server: ApacheServer, name: string): ApacheUse[] {
  return server.uses.filter((u) => u.name === name && u.container === undefined);
}

function loopbackOnly(server: ApacheServer, main: ApacheServer): string | undefined {
  const addresses = (server.addresses ?? []).map((a) => a.value);
  if (addresses.length > 0 && addresses.every(isLoopback)) return `it is reachable only on ${addresses.join(', ')} (this machine)`;
  const listens = atServerLevel(main, 'listen').map((u) => u.args[0]?.value ?? '');
  // No Listen at all: httpd refuses to start ("no listening sockets available"); not judged here.
  if (listens.length > 0 && listens.every(isLoopback)) return `httpd listens only on ${listens.join(', ')} (this machine)`;
  return undefined;
}

function isLoopback(address: string): boolean {
  const a = address.toLowerCase();
  return /^127\.\d+\.\d+\.\d+(:\d+)?$/.test(a) || /^\[::1\](:\d+)?$/.test(a) || /^localhost(:\d+)?$/.test(a);
}

/** A RemoteIP*Proxy argument (address, subnet or host name) that matches 127.0.0.1 or ::1. */
function coversLoopback(value: string): boolean {
  const v = value.toLowerCase();
  if (v === 'localhost' || v === '::1' || v === '::1/128' || v === '0.0.0.0/0' || v === '::/0') return true;
  const m = /^127(\.\d+){0,3}(\/(\d+))?$/.exec(v);
  if (m) return true;
  // A subnet by mask bits that contains 127.0.0.1 (e.g. 64.0.0.0/2, 0.0.0.0/1).
  const subnet = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(v);
  if (subnet) {
    const bits = Number(subnet[5]);
    const first = Number(subnet[1]);
    return bits <= 8 && bits > 0 && first >> (8 - bits) === 127 >> (8 - bits);
  }
  return false;
}
