import { inherited, ownDirectives, type RequestScope } from './request-scopes.js';

/**
 * Whether the connections a scope serves come only from this machine: every `listen` of its
 * server is a loopback address or a unix socket. Such a server sits behind a local reverse
 * proxy, so its peer address is the proxy's. ngx_http_realip_module puts the client's address
 * back, but only for peers listed in set_real_ip_from: without one its handler declines
 * (nginx 1.22.1 src/http/modules/ngx_http_realip_module.c ngx_http_realip_handler, `rlcf->from
 * == NULL`), whatever real_ip_header says. A server without `listen` listens on *:80
 * (ngx_http_core_module.c ngx_http_core_merge_srv_conf), which is not loopback.
 * Returns why the peer is a proxy, or undefined when it may be the client.
 */
export function behindLocalProxy(scope: RequestScope): string | undefined {
  const server = scope.server;
  if (!server || server.protocol !== 'http') return undefined;
  const listens = loopbackListens(server);
  if (listens === undefined) return undefined;
  if (inherited(scope, 'set_real_ip_from').statements.length > 0) return undefined;
  return `it listens only on ${listens} (this machine) and no set_real_ip_from applies, so its peer is a local proxy`;
}

/** Per server: asked for each of its locations by the access log, error log and edit readers. */
const listensByServer = new WeakMap<RequestScope, string | null>();

/** The server's `listen` addresses when every one is loopback, else undefined. */
function loopbackListens(server: RequestScope): string | undefined {
  let known = listensByServer.get(server);
  if (known === undefined) {
    const listens = ownDirectives(server, 'listen').map((s) => s.args[0]?.value ?? '');
    known = listens.length > 0 && listens.every(isLoopback) ? listens.join(', ') : null;
    listensByServer.set(server, known);
  }
  return known ?? undefined;
}

function isLoopback(address: string): boolean {
  const a = address.toLowerCase();
  return a.startsWith('unix:') || /^127\.\d+\.\d+\.\d+(:\d+)?$/.test(a) || /^\[::1\](:\d+)?$/.test(a) || /^localhost(:\d+)?$/.test(a);
}
