import { posix } from 'node:path';
import type { RootFiles } from '../../files/root-files.js';
import type { Diagnostic } from '../../inventory/diagnostic.js';
import type { Practice } from '../../inventory/practice.js';
import { PROVIDER_FILE_URI, servedProviderPromises } from '../../provider-file/served-provider-file.js';
import { appendAll } from '../../arrays/append-all.js';
import type { ApacheServer, ApacheUse } from './load-config.js';

/**
 * The provider file each virtual host serves at /.well-known/xmpp-provider-v2.json: the first
 * server-level `Alias URL-path file-path` whose URL-path matches it whole segments at a time
 * (mod_alias alias_matches; Alias is tried before DocumentRoot), else DocumentRoot + the URI,
 * the vhost's own or the main server's (httpd 2.4 docs, mod_alias and core DocumentRoot).
 * AliasMatch, mod_rewrite and proxies are not followed.
 */
export function apacheProviderPromises(files: RootFiles, servers: ApacheServer[]): { practices: Practice[]; diagnostics: Diagnostic[] } {
  const practices: Practice[] = [];
  const diagnostics: Diagnostic[] = [];
  const main = servers.find((s) => s.kind === 'main');
  const vhosts = servers.filter((s) => s.kind === 'vhost');
  for (const server of vhosts.length > 0 ? vhosts : servers) {
    const domains = server.names.filter((n) => /^[A-Za-z0-9.-]+$/.test(n) && n.includes('.'));
    if (domains.length === 0) continue;
    const found = servedPath(server, main);
    if (!found) continue;
    const read = servedProviderPromises(files, found.path, domains, { ...found.use.at, note: `Apache serves ${PROVIDER_FILE_URI} for ${server.label} from ${found.path}` }, 'apache');
    appendAll(practices, read.practices);
    appendAll(diagnostics, read.diagnostics);
  }
  return { practices, diagnostics };
}

function serverLevel(server: ApacheServer | undefined, name: string): ApacheUse[] {
  return server?.uses.filter((u) => u.name === name && u.container === undefined) ?? [];
}

function servedPath(server: ApacheServer, main: ApacheServer | undefined): { path: string; use: ApacheUse } | undefined {
  for (const use of serverLevel(server, 'alias')) {
    const [url, target] = use.args.map((a) => a.value);
    if (url === undefined || target === undefined || !target.startsWith('/')) continue;
    const prefix = url.replace(/\/+$/, '');
    if (PROVIDER_FILE_URI === prefix) return { path: posix.normalize(target), use };
    if (PROVIDER_FILE_URI.startsWith(`${prefix}/`)) return { path: posix.join(target, PROVIDER_FILE_URI.slice(prefix.length)), use };
  }
  const root = serverLevel(server, 'documentroot').at(-1) ?? serverLevel(main, 'documentroot').at(-1);
  const dir = root?.args[0]?.value;
  if (!root || dir === undefined || !dir.startsWith('/')) return undefined;
  return { path: posix.join(dir, PROVIDER_FILE_URI), use: root };
}
