import type { Evidence } from '../../inventory/evidence.js';
import type { WebsiteResourcesPractice } from '../../inventory/practice.js';
import { describePolicies, judgeCsp } from '../web/content-security-policy.js';
import type { ApacheServer, ApacheUse } from './load-config.js';
import { websitePracticeFor } from '../web/website-practice.js';

/**
 * The Content-Security-Policy each site sends, as mod_headers builds it (httpd 2.4
 * modules/metadata/mod_headers.c, https://httpd.apache.org/docs/2.4/mod/mod_headers.html#header):
 * `Header [onsuccess|always] set|add|append|merge|setifempty|unset|edit Content-Security-Policy
 * [value] [early|env=...|expr=...]`. Each condition has its own table: `onsuccess` (the
 * default) writes r->headers_out, `always` r->err_headers_out. A page carries both tables (the
 * same header set in both is sent twice, and the browser enforces both policies). httpd's own
 * error responses carry only the `always` table, but they load nothing; a local ErrorDocument
 * page gets both tables, as a page does (checked against Debian's apache2 2.4, see
 * test/software/apache/csp-headers-runtime.test.ts).
 * The main server's directives run before a virtual host's (mod_headers merges the base list
 * first). Directives within <Directory>, <Location> ... apply only to some requests.
 */
export const CSP_FIX = `Header always set Content-Security-Policy "default-src 'self'"`;

/** mod_headers format specifiers (%{NAME}e, %t, %D ...) are filled in per request. */
const apacheFormat = (source: string): boolean => /%(\{[^}]*\})?[a-zA-Z]/.test(source);

interface HeaderTables {
  onsuccess: string[];
  always: string[];
  /** The last directive that changed each table. */
  lastAt: { onsuccess?: ApacheUse; always?: ApacheUse };
  /** Directives whose effect is known only per request (env=, expr=, edit). */
  uncertain: ApacheUse[];
}

function cspTables(uses: ApacheUse[]): HeaderTables {
  const tables: HeaderTables = { onsuccess: [], always: [], lastAt: {}, uncertain: [] };
  for (const use of uses) {
    if (use.name !== 'header') continue;
    const words = use.args.map((a) => a.value);
    const condition = /^(always|onsuccess)$/i.test(words[0] ?? '') ? ((words.shift() as string).toLowerCase() as 'always' | 'onsuccess') : 'onsuccess';
    const action = (words[0] ?? '').toLowerCase();
    if ((words[1] ?? '').toLowerCase() !== 'content-security-policy') continue;
    const value = words[2];
    const extra = action === 'unset' ? words[2] : action.startsWith('edit') ? words[4] : words[3];
    if ((extra !== undefined && /^(env|expr)=/i.test(extra)) || action.startsWith('edit')) {
      tables.uncertain.push(use);
      continue;
    }
    const table = tables[condition];
    if (action === 'unset') table.length = 0;
    else if (value === undefined) continue;
    else if (action === 'set') table.splice(0, table.length, value);
    else if (action === 'add') table.push(value);
    else if (action === 'setifempty') {
      if (table.length === 0) table.push(value);
    } else if (action === 'append' || action === 'merge') {
      // apr_table_mergen joins with ", ": one header holding several policies.
      const first = table[0];
      const merged = first === undefined ? value : action === 'merge' && first.split(',').some((v) => v.trim() === value) ? first : `${first}, ${value}`;
      table.splice(0, table.length, merged);
    } else continue;
    tables.lastAt[condition] = use;
  }
  return tables;
}

function siteName(server: ApacheServer): string {
  return server.names[0] ?? (server.kind === 'main' ? '*' : server.label);
}

export function websiteResources(servers: ApacheServer[]): WebsiteResourcesPractice[] {
  const main = servers.find((s) => s.kind === 'main');
  const vhosts = servers.filter((s) => s.kind === 'vhost');
  const sites = vhosts.length > 0 ? vhosts : main !== undefined ? [main] : [];
  return sites.map((site) => {
    const uses = [...(site === main || main === undefined ? [] : main.uses), ...site.uses];
    const tables = cspTables(uses.filter((u) => u.container === undefined));
    const nested = uses.filter((u) => u.container !== undefined && u.name === 'header' && u.args.some((a) => a.value.toLowerCase() === 'content-security-policy'));
    const subject = { software: 'apache', name: siteName(site), kind: 'host' };
    const siteEvidence: Evidence = { file: site.at.file, line: site.at.line, column: site.at.column, note: site.label };
    // Several virtual hosts share a label (<VirtualHost *:80>): the name tells a finding's site apart.
    const who = site.names[0] !== undefined ? `${site.label} ${site.names[0]}` : site.label;
    const practice = websitePracticeFor(subject, CSP_FIX);
    const sent = [...tables.always, ...tables.onsuccess];
    const lastAt = tables.lastAt.onsuccess ?? tables.lastAt.always;
    const uncertain = tables.uncertain[0] ?? nested[0];
    if (sent.length === 0) {
      if (uncertain !== undefined) {
        const where = uncertain.container !== undefined ? `only within ${uncertain.container}` : 'only under a condition (env=, expr= or edit)';
        return practice('unknown', `${who} sends a Content-Security-Policy ${where}`, [siteEvidence, { ...uncertain.at, note: 'Header … Content-Security-Policy' }]);
      }
      if (lastAt !== undefined) {
        return practice(true, `${who} removes the Content-Security-Policy header (Header unset), so browsers load scripts, styles and fonts from anywhere`, [{ ...lastAt.at, note: 'Header unset Content-Security-Policy' }, siteEvidence]);
      }
      return practice(true, `${who} sends no Content-Security-Policy header, so browsers load scripts, styles and fonts from anywhere`, [siteEvidence]);
    }
    const policy = describePolicies(sent);
    const at = (tables.lastAt.always !== undefined && tables.always.length > 0 ? tables.lastAt.always : lastAt) as ApacheUse;
    const judged = judgeCsp(sent, apacheFormat);
    const evidence: Evidence[] = [{ ...at.at, note: `Content-Security-Policy: ${policy}` }, siteEvidence];
    const description =
      sent.length > 1
        ? `${who} sends ${sent.length} Content-Security-Policy headers (all enforced), where ${judged.reason}`
        : `${who} sends a Content-Security-Policy where ${judged.reason}`;
    if (judged.thirdPartyAllowed === 'unknown' || uncertain === undefined) return practice(judged.thirdPartyAllowed, description, evidence, policy);
    // Pages open to third parties stay open; a strict policy may be replaced or removed where the condition holds.
    if (judged.thirdPartyAllowed) return practice(true, description, evidence, policy);
    const changedBy = uncertain.container !== undefined ? `a Header directive within ${uncertain.container}` : 'a conditional Header directive';
    return practice('unknown', `${description}, but ${changedBy} changes it for some requests`, [...evidence, { ...uncertain.at, note: 'Content-Security-Policy changed for some requests' }], policy);
  });
}
