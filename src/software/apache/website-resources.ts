import type { Evidence, Tri } from '../../inventory/evidence.js';
import type { WebsiteResourcesPractice } from '../../inventory/practice.js';
import { judgeCsp } from './content-security-policy.js';
import type { ApacheServer, ApacheUse } from './load-config.js';

/**
 * The Content-Security-Policy each site sends (mod_headers `Header [always|onsuccess] set|add|
 * append|merge|setifempty|unset Content-Security-Policy value`, httpd 2.4
 * https://httpd.apache.org/docs/2.4/mod/mod_headers.html#header). Server-level headers of the
 * main server apply to every virtual host too (mod_headers merges the main server's list first).
 */
export const CSP_FIX = `Header always set Content-Security-Policy "default-src 'self'"`;

interface CspHeader {
  value: string | undefined;
  use: ApacheUse;
}

function cspHeaders(server: ApacheServer): CspHeader[] {
  const out: CspHeader[] = [];
  for (const use of server.uses) {
    if (use.name !== 'header') continue;
    const words = use.args.map((a) => a.value);
    if (/^(always|onsuccess)$/i.test(words[0] ?? '')) words.shift();
    const action = (words[0] ?? '').toLowerCase();
    if ((words[1] ?? '').toLowerCase() !== 'content-security-policy') continue;
    if (action === 'unset') out.push({ value: undefined, use });
    else if (['set', 'add', 'append', 'merge', 'setifempty'].includes(action) && words[2] !== undefined) out.push({ value: words[2], use });
  }
  return out;
}

function siteName(server: ApacheServer): string {
  return server.names[0] ?? (server.kind === 'main' ? '*' : server.label);
}

export function websiteResources(servers: ApacheServer[]): WebsiteResourcesPractice[] {
  const main = servers.find((s) => s.kind === 'main');
  const vhosts = servers.filter((s) => s.kind === 'vhost');
  const sites = vhosts.length > 0 ? vhosts : main !== undefined ? [main] : [];
  return sites.map((site) => {
    const own = cspHeaders(site);
    const inherited = site === main || main === undefined ? [] : cspHeaders(main);
    const serverLevel = [...inherited, ...own].filter((h) => h.use.container === undefined);
    const nested = own.filter((h) => h.use.container !== undefined && h.value !== undefined);
    const last = serverLevel[serverLevel.length - 1];
    const subject = { software: 'apache', name: siteName(site), kind: 'host' };
    const siteEvidence: Evidence = { file: site.at.file, line: site.at.line, column: site.at.column, note: `${site.label}` };
    if (last?.value !== undefined) {
      const judged = judgeCsp(last.value);
      return {
        kind: 'website-resources',
        subject,
        evidence: [{ ...last.use.at, note: `Content-Security-Policy: ${last.value}` }, siteEvidence],
        thirdPartyAllowed: judged.thirdPartyAllowed,
        contentSecurityPolicy: last.value,
        description: `${site.label} sends a Content-Security-Policy where ${judged.reason}`,
        ...(judged.thirdPartyAllowed !== false ? { suggestion: CSP_FIX } : {}),
      };
    }
    let thirdPartyAllowed: Tri = true;
    let description = `${site.label} sends no Content-Security-Policy header, so browsers load scripts, styles and fonts from anywhere`;
    const evidence: Evidence[] = [siteEvidence];
    if (last !== undefined) {
      description = `${site.label} removes the Content-Security-Policy header (Header unset), so browsers load scripts, styles and fonts from anywhere`;
      evidence.unshift({ ...last.use.at, note: 'Header unset Content-Security-Policy' });
    } else if (nested.length > 0) {
      thirdPartyAllowed = 'unknown';
      const first = nested[0] as CspHeader;
      description = `${site.label} sends a Content-Security-Policy only within ${first.use.container}`;
      evidence.push({ ...first.use.at, note: `Content-Security-Policy: ${first.value}` });
    }
    return { kind: 'website-resources', subject, evidence, thirdPartyAllowed, description, suggestion: CSP_FIX };
  });
}
