import type { NginxStatement } from '../../formats/nginx/nginx-syntax.js';
import type { Evidence, Tri } from '../../inventory/evidence.js';
import type { WebsiteResourcesPractice } from '../../inventory/practice.js';
import { judgeCsp } from './content-security-policy.js';
import { inherited, serverName, type RequestScope } from './request-scopes.js';
import { xmppEndpoint } from './xmpp-endpoints.js';

/**
 * One `website-resources` practice per http server block that serves pages. The header a page
 * gets is the nearest level's add_header set: a level with any add_header drops every inherited
 * one (nginx 1.22.1 src/http/modules/ngx_http_headers_filter_module.c:696-697). A server that
 * only redirects (`return` at server level) or only proxies XMPP endpoints serves no pages.
 */

const SUGGESTION = `add_header Content-Security-Policy "default-src 'self'" always;`;

interface PageHeaders {
  scope: RequestScope;
  policy?: { value: string; statement: NginxStatement };
  /** An add_header level without CSP that hides one set higher up. */
  droppedBy?: NginxStatement;
  reportOnly?: NginxStatement;
}

export function websiteResources(scopes: RequestScope[]): WebsiteResourcesPractice[] {
  const practices: WebsiteResourcesPractice[] = [];
  const byServer = new Map<RequestScope, RequestScope[]>();
  for (const scope of scopes) {
    if (scope.protocol !== 'http' || !scope.server || (scope.kind !== 'server' && scope.kind !== 'location')) continue;
    const list = byServer.get(scope.server) ?? [];
    list.push(scope);
    byServer.set(scope.server, list);
  }
  for (const [server, members] of byServer) {
    if (server.directives.some((d) => d.name === 'return')) continue;
    const locations = members.filter((m) => m.kind === 'location');
    const pageLocations = locations.filter(servesPages);
    const serverHandles = locations.length === 0 || server.directives.some((d) => ['root', 'alias', 'index', 'try_files', 'proxy_pass', 'fastcgi_pass'].includes(d.name));
    const pages = serverHandles ? [server, ...pageLocations] : pageLocations;
    if (pages.length === 0) continue;
    practices.push(judgeServer(server, pages.map(headersOf)));
  }
  return practices;
}

function servesPages(location: RequestScope): boolean {
  const first = location.statement.args[0]?.value ?? '';
  if (first.startsWith('@')) return false;
  if (location.directives.some((d) => d.name === 'return' || d.name === 'internal')) return false;
  if (location.directives.some((d) => d.name === 'deny' && d.args[0]?.value === 'all')) return false;
  return xmppEndpoint(location) === undefined;
}

function headersOf(scope: RequestScope): PageHeaders {
  const { statements } = inherited(scope, 'add_header');
  const headers: PageHeaders = { scope };
  for (const s of statements) {
    const name = s.args[0]?.value.toLowerCase();
    if (name === 'content-security-policy' && !headers.policy) headers.policy = { value: s.args[1]?.value ?? '', statement: s };
    if (name === 'content-security-policy-report-only') headers.reportOnly = s;
  }
  if (!headers.policy && statements.length > 0 && scope.parent) {
    const above = scope.parent ? inherited(scope.parent, 'add_header').statements : [];
    if (above.some((s) => s.args[0]?.value.toLowerCase() === 'content-security-policy')) headers.droppedBy = statements[0];
  }
  return headers;
}

function judgeServer(server: RequestScope, pages: PageHeaders[]): WebsiteResourcesPractice {
  const name = serverName(server);
  let verdict: Tri = false;
  const reasons: string[] = [];
  const evidence: Evidence[] = [];
  let policy: string | undefined;
  for (const page of pages) {
    const where = page.scope.kind === 'server' ? `server ${name}` : `location ${page.scope.statement.args.map((a) => a.value).join(' ')}`;
    let pageVerdict: Tri;
    let reason: string;
    if (page.policy) {
      const judged = judgeCsp(page.policy.value);
      pageVerdict = judged.thirdPartyAllowed;
      reason = judged.reason;
      policy ??= page.policy.value;
      evidence.push({ ...at(page.policy.statement), note: `${where}: Content-Security-Policy "${page.policy.value}": ${reason}` });
    } else {
      pageVerdict = true;
      reason = page.droppedBy
        ? `the add_header at line ${page.droppedBy.line} replaces the inherited headers, so pages under ${where} get no Content-Security-Policy`
        : `${where} sends no Content-Security-Policy${page.reportOnly ? ' (only a Report-Only policy, which blocks nothing)' : ''}`;
      evidence.push({ ...at(page.droppedBy ?? page.reportOnly ?? page.scope.statement), note: reason });
    }
    if (pageVerdict === true || (pageVerdict === 'unknown' && verdict === false)) verdict = pageVerdict;
    if (pageVerdict !== false) reasons.push(reason);
  }
  // The most telling place first: a page without restriction.
  evidence.sort((a, b) => Number(a.note.includes('limited to the site')) - Number(b.note.includes('limited to the site')));
  const practice: WebsiteResourcesPractice = {
    kind: 'website-resources',
    subject: { software: 'nginx', name: `server ${name}`, kind: 'host' },
    evidence,
    thirdPartyAllowed: verdict,
    description:
      verdict === false
        ? `nginx server ${name} limits scripts, styles and fonts to the site itself (Content-Security-Policy)`
        : verdict === 'unknown'
          ? `nginx server ${name}: ${[...new Set(reasons)].join('; ')}`
          : `nginx server ${name} lets pages load scripts, styles or fonts from other sites: ${[...new Set(reasons)].join('; ')}`,
  };
  if (policy !== undefined) practice.contentSecurityPolicy = policy;
  if (verdict !== false) practice.suggestion = SUGGESTION;
  return practice;
}

function at(s: NginxStatement): { file: string; line: number; column: number } {
  return { file: s.file, line: s.line, column: s.column };
}
