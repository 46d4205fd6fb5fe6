import type { NginxStatement } from '../../formats/nginx/nginx-syntax.js';
import type { Evidence, Tri } from '../../inventory/evidence.js';
import type { WebsiteResourcesPractice } from '../../inventory/practice.js';
import { describePolicies, judgeCsp } from '../web/content-security-policy.js';
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
  /** Every add_header Content-Security-Policy in effect: each is a policy the browser enforces. */
  policies: NginxStatement[];
  /** An add_header level without CSP that hides one set higher up. */
  droppedBy?: NginxStatement;
  reportOnly?: NginxStatement;
  /** An error_page in effect: its pages get only the headers marked `always`. */
  errorPage?: NginxStatement;
}

const isCsp = (s: NginxStatement): boolean => s.args[0]?.value.toLowerCase() === 'content-security-policy' && (s.args[1]?.value ?? '') !== '';
/** nginx fills `$name` and `${name}` in at run time. */
const nginxVariable = (source: string): boolean => source.includes('$');

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

/**
 * The headers a page gets: the nearest level's add_header set (a level with any add_header
 * drops every inherited one). Without `always`, add_header acts only on 200, 201, 204, 206,
 * 301, 302, 303, 304, 307 and 308 responses (ngx_http_headers_filter_module.c
 * ngx_http_headers_filter), so the pages an error_page serves with an error status lack it.
 */
function headersOf(scope: RequestScope): PageHeaders {
  const { statements } = inherited(scope, 'add_header');
  const headers: PageHeaders = { scope, policies: statements.filter(isCsp) };
  const reportOnly = statements.find((s) => s.args[0]?.value.toLowerCase() === 'content-security-policy-report-only');
  if (reportOnly) headers.reportOnly = reportOnly;
  const errorPage = inherited(scope, 'error_page').statements[0];
  if (errorPage) headers.errorPage = errorPage;
  if (headers.policies.length === 0 && statements.length > 0 && scope.parent) {
    if (inherited(scope.parent, 'add_header').statements.some(isCsp)) headers.droppedBy = statements[0];
  }
  return headers;
}

const always = (s: NginxStatement): boolean => s.args[2]?.value === 'always';

/** The verdict and reason for one page scope: its successful responses, then its error pages. */
function judgePage(page: PageHeaders, where: string): { verdict: Tri; reason: string; note?: string; at: NginxStatement } {
  if (page.policies.length === 0) {
    const reason = page.droppedBy
      ? `the add_header at line ${page.droppedBy.line} replaces the inherited headers, so pages under ${where} get no Content-Security-Policy`
      : `${where} sends no Content-Security-Policy${page.reportOnly ? ' (only a Report-Only policy, which blocks nothing)' : ''}`;
    return { verdict: true, reason, at: page.droppedBy ?? page.reportOnly ?? page.scope.statement };
  }
  const values = (list: NginxStatement[]): string[] => list.map((s) => s.args[1]?.value ?? '');
  const judged = judgeCsp(values(page.policies), nginxVariable);
  const first = page.policies[0] as NginxStatement;
  const shown = page.policies.map((s) => `"${s.args[1]?.value ?? ''}"`).join(' and ');
  if (judged.thirdPartyAllowed !== false || page.errorPage === undefined) {
    return { verdict: judged.thirdPartyAllowed, reason: judged.reason, note: `${where}: Content-Security-Policy ${shown}: ${judged.reason}`, at: first };
  }
  const onErrors = page.policies.filter(always);
  if (onErrors.length === 0) {
    const reason = `${where}: the pages error_page serves (line ${page.errorPage.line}) get no Content-Security-Policy, since add_header without "always" skips error responses`;
    return { verdict: true, reason, at: first };
  }
  const errors = judgeCsp(values(onErrors), nginxVariable);
  if (errors.thirdPartyAllowed === false) return { verdict: false, reason: judged.reason, note: `${where}: Content-Security-Policy ${shown}: ${judged.reason}`, at: first };
  return { verdict: errors.thirdPartyAllowed, reason: `${where}: on the pages error_page serves (line ${page.errorPage.line}) only the "always" headers apply: ${errors.reason}`, at: first };
}

function judgeServer(server: RequestScope, pages: PageHeaders[]): WebsiteResourcesPractice {
  const name = serverName(server);
  let verdict: Tri = false;
  const reasons: string[] = [];
  // The most telling place first: pages without restriction, then the unknown, then the rest, each in page order.
  const unrestricted: Evidence[] = [];
  const unknown: Evidence[] = [];
  const restricted: Evidence[] = [];
  let policy: string | undefined;
  for (const page of pages) {
    const where = page.scope.kind === 'server' ? `server ${name}` : `location ${page.scope.statement.args.map((a) => a.value).join(' ')}`;
    const judged = judgePage(page, where);
    if (page.policies.length > 0) policy ??= describePolicies(page.policies.map((s) => s.args[1]?.value ?? ''));
    const place = judged.at;
    const entry: Evidence = { file: place.file, line: place.line, column: place.column, note: judged.note ?? judged.reason };
    (judged.verdict === true ? unrestricted : judged.verdict === 'unknown' ? unknown : restricted).push(entry);
    if (judged.verdict === true || (judged.verdict === 'unknown' && verdict === false)) verdict = judged.verdict;
    if (judged.verdict !== false) reasons.push(judged.reason);
  }
  const evidence = [...unrestricted, ...unknown, ...restricted];
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
