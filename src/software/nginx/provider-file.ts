import { posix } from 'node:path';
import type { RootFiles } from '../../files/root-files.js';
import type { NginxStatement } from '../../formats/nginx/nginx-syntax.js';
import type { Diagnostic } from '../../inventory/diagnostic.js';
import type { Practice } from '../../inventory/practice.js';
import { PROVIDER_FILE_URI, servedProviderPromises } from '../../provider-file/served-provider-file.js';
import { appendAll } from '../../arrays/append-all.js';
import { PREFIX } from './defaults.js';
import { inherited, ownDirectives, scopeLabel, type RequestScope } from './request-scopes.js';

/**
 * The provider file each http server serves at /.well-known/xmpp-provider-v2.json, found as
 * nginx finds it (nginx 1.22.1 docs, ngx_http_core_module `location`): an exact `=` location,
 * else the longest prefix one, which wins outright with `^~`, else the first matching regex,
 * else that prefix; then `alias` (the location's prefix replaced) or `root` + the URI, with
 * the compiled-in root `html` under the prefix. Locations that return or proxy serve no file.
 */
export function nginxProviderPromises(files: RootFiles, scopes: RequestScope[]): { practices: Practice[]; diagnostics: Diagnostic[] } {
  const practices: Practice[] = [];
  const diagnostics: Diagnostic[] = [];
  // Locations by server, built once: an http block can hold 20,000 servers.
  const locations = new Map<RequestScope, RequestScope[]>();
  for (const scope of scopes) {
    if (scope.kind !== 'location' || scope.parent?.kind !== 'server') continue;
    const list = locations.get(scope.parent);
    if (list) list.push(scope);
    else locations.set(scope.parent, [scope]);
  }
  for (const server of scopes) {
    if (server.kind !== 'server' || server.protocol !== 'http') continue;
    const domains = ownDirectives(server, 'server_name').flatMap((s) => s.args.map((a) => a.value)).filter((n) => /^[A-Za-z0-9.-]+$/.test(n) && n.includes('.'));
    if (domains.length === 0) continue;
    const scope = matchLocation(server, locations.get(server) ?? []);
    if (ownDirectives(scope, 'return').length > 0 || ownDirectives(scope, 'proxy_pass').length > 0) continue;
    const found = servedPath(scope);
    // Most servers have no provider file: no note to write for them (the load is cached for the read below).
    if (!found || !files.load(found.path).ok) continue;
    const read = servedProviderPromises(files, found.path, domains, { ...found.at, note: `nginx serves ${PROVIDER_FILE_URI} for ${scopeLabel(scope)} from ${found.path}` }, 'nginx');
    appendAll(practices, read.practices);
    appendAll(diagnostics, read.diagnostics);
  }
  return { practices, diagnostics };
}

function matchLocation(server: RequestScope, locations: RequestScope[]): RequestScope {
  let prefix: { scope: RequestScope; length: number; stop: boolean } | undefined;
  for (const scope of locations) {
    const { modifier, uri } = locationArgs(scope.statement);
    if (modifier === '=' && uri === PROVIDER_FILE_URI) return scope;
    if ((modifier === '' || modifier === '^~') && PROVIDER_FILE_URI.startsWith(uri) && uri.length > (prefix?.length ?? -1)) {
      prefix = { scope, length: uri.length, stop: modifier === '^~' };
    }
  }
  if (prefix?.stop) return prefix.scope;
  for (const scope of locations) {
    const { modifier, uri } = locationArgs(scope.statement);
    if (modifier !== '~' && modifier !== '~*') continue;
    // PCRE and JavaScript agree on the patterns used for one path; one they disagree on matches nothing here.
    try {
      if (new RegExp(uri, modifier === '~*' ? 'i' : '').test(PROVIDER_FILE_URI)) return scope;
    } catch {
      continue;
    }
  }
  return prefix?.scope ?? server;
}

function locationArgs(s: NginxStatement): { modifier: string; uri: string } {
  const [first, second] = s.args.map((a) => a.value);
  if (second !== undefined) return { modifier: first ?? '', uri: second };
  return { modifier: '', uri: first ?? '' };
}

/** The file under --root that answers the URI; undefined when it depends on variables. */
function servedPath(scope: RequestScope): { path: string; at: { file: string; line: number; column: number } } | undefined {
  const alias = ownDirectives(scope, 'alias')[0];
  if (alias) {
    const { modifier, uri } = locationArgs(scope.statement);
    const target = alias.args[0]?.value ?? '';
    if (modifier !== '' && modifier !== '^~' && modifier !== '=') return undefined; // a regex alias names its file with captures
    if (target.includes('$')) return undefined;
    const path = modifier === '=' ? target : target + PROVIDER_FILE_URI.slice(uri.length);
    return { path: absolute(path), at: { file: alias.file, line: alias.line, column: alias.column } };
  }
  const root = inherited(scope, 'root').statements[0];
  const dir = root?.args[0]?.value ?? 'html';
  if (dir.includes('$')) return undefined;
  const at = root ?? scope.statement;
  return { path: absolute(posix.join(dir, PROVIDER_FILE_URI)), at: { file: at.file, line: at.line, column: at.column } };
}

/** Relative paths resolve against the prefix (ngx_conf_full_name(.., 0)). */
function absolute(path: string): string {
  return path.startsWith('/') ? posix.normalize(path) : posix.join(PREFIX, path);
}
