import type { RequestScope } from './request-scopes.js';

/**
 * Which XMPP service a location proxies, judged from its path and upstream: BOSH (XEP-0206,
 * /http-bind), websocket (RFC 7395, /xmpp-websocket), HTTP upload (XEP-0363, mod_http_file_share
 * /file_share, mod_http_upload /upload). Ports 5280/5281 (Prosody), 5443 (ejabberd) mark an
 * XMPP server's HTTP endpoint when the path says nothing.
 */
// null: judged, no endpoint (one lookup per question; asked for each location by four readers).
const known = new WeakMap<RequestScope, string | null>();

export function xmppEndpoint(scope: RequestScope): string | undefined {
  if (scope.kind !== 'location') return undefined;
  let endpoint = known.get(scope);
  if (endpoint === undefined) known.set(scope, (endpoint = judge(scope) ?? null));
  return endpoint ?? undefined;
}

function judge(scope: RequestScope): string | undefined {
  const path = scope.statement.args.map((a) => a.value).join(' ').toLowerCase();
  if (/http-bind|\bbosh\b/.test(path)) return 'BOSH';
  if (/xmpp-websocket|websocket|\/ws\b|prosodyws/.test(path)) return 'websocket';
  if (/upload|file_share|file-share|\/share\b/.test(path)) return 'HTTP upload';
  const upstream = scope.directives.find((d) => d.name === 'proxy_pass')?.args[0]?.value ?? '';
  if (/:(5280|5281|5443)\b/.test(upstream) || /\bprosody\b|\bejabberd\b/.test(upstream)) return 'XMPP HTTP';
  return undefined;
}
