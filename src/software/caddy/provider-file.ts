import { posix } from 'node:path';
import type { CaddyDirective, CaddySiteBlock } from '../../formats/caddyfile/parse-caddyfile.js';
import type { RootFiles } from '../../files/root-files.js';
import type { Diagnostic } from '../../inventory/diagnostic.js';
import type { Practice } from '../../inventory/practice.js';
import { PROVIDER_FILE_URI, servedProviderPromises } from '../../provider-file/served-provider-file.js';
import { appendAll } from '../../arrays/append-all.js';

/**
 * The provider file each Caddyfile site serves at /.well-known/xmpp-provider-v2.json: a site
 * with a site-level `file_server` serves `root` + the URI (Caddy docs, file_server and root).
 * Of several `root` directives, the one whose path matcher is the most specific applies: the
 * Caddyfile adapter puts them in one mutually exclusive group, longest path matcher first
 * (`caddy adapt`, Caddy 2.6.2: `"group": "group1"`, `root /.well-known/*` before `root *`); named
 * matchers, roots in `handle`/`route` blocks and placeholders are not followed.
 */
export function caddyProviderPromises(files: RootFiles, sites: CaddySiteBlock[]): { practices: Practice[]; diagnostics: Diagnostic[] } {
  const practices: Practice[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const site of sites) {
    const domains = site.keys.map((k) => hostOf(k.text)).filter((h): h is string => h !== undefined);
    if (domains.length === 0 || !site.directives.some((d) => d.name.text === 'file_server')) continue;
    const root = rootFor(site.directives);
    if (!root) continue;
    const dir = root.args[root.args.length - 1]?.text ?? '';
    if (!dir.startsWith('/') || dir.includes('{')) continue;
    const path = posix.join(dir, PROVIDER_FILE_URI);
    const served = { ...root.name.at, note: `Caddy serves ${PROVIDER_FILE_URI} for site ${site.keys.map((k) => k.text).join(', ')} from ${path} (file_server)` };
    const read = servedProviderPromises(files, path, domains, served, 'caddy');
    appendAll(practices, read.practices);
    appendAll(diagnostics, read.diagnostics);
  }
  return { practices, diagnostics };
}

/** `example.net`, `https://example.net:443/path` → example.net; wildcards and bare ports → none. */
function hostOf(key: string): string | undefined {
  const host = key.replace(/^[a-z]+:\/\//i, '').replace(/[/:].*$/, '');
  return /^[A-Za-z0-9.-]+$/.test(host) && host.includes('.') ? host : undefined;
}

function rootFor(directives: CaddyDirective[]): CaddyDirective | undefined {
  let best: { directive: CaddyDirective; specificity: number } | undefined;
  for (const d of directives) {
    if (d.name.text !== 'root' || d.args.length === 0) continue;
    const matcher = d.args.length > 1 ? (d.args[0]?.text ?? '') : '*';
    const specificity = matcher === '*' ? 0 : matcher.startsWith('/') && pathMatches(matcher) ? matcher.length : -1;
    if (specificity >= 0 && specificity > (best?.specificity ?? -1)) best = { directive: d, specificity };
  }
  return best?.directive;
}

/** Caddy path matchers: exact, or `*` standing for any run of characters. */
function pathMatches(pattern: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return regex.test(PROVIDER_FILE_URI);
}
