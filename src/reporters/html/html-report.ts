import path from 'node:path';
import type { Severity } from '../../config/types.js';
import type { DataCategory } from '../../engine/categories.js';
import { SourceTexts } from '../../engine/source-texts.js';
import type { ClaimResult, Finding, LintResult, Verdict } from '../../engine/types.js';
import { displayPathFrom } from '../display-path.js';
import { count } from '../plural.js';
import type { ReportContext } from '../report-context.js';
import { toolName, toolVersion } from '../tool-info.js';
import { escapeHtml } from './html-text.js';
import { reportStyle } from './html-style.js';
import { chartRows } from './chart-rows.js';
import { retentionChart } from './retention-chart.js';
import { sourceExcerpt } from './source-excerpt.js';

const verdictWords: Record<Verdict, string> = {
  verified: 'verified',
  violated: 'violated',
  unverified: 'unverified',
  'not-applicable': 'not applicable',
};

const severityWords: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'info' };

/**
 * Nothing is fetched and nothing runs, whatever a value manages to smuggle past the escaping:
 * the page itself forbids every request and every script (CSP Level 3, `default-src 'none'`);
 * its one stylesheet is inline.
 */
const contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";

/**
 * One self-contained HTML page for people (an admin, a data-protection officer): a header naming
 * the server and the date, the claim table, the retention chart, and each finding with the
 * config lines around it and the change to make. Inline CSS and SVG, no script. Every string
 * from a config arrives neutralised (report-safe-result.ts) and is escaped here once, where it
 * is written into the page.
 */
export function formatHtml(result: LintResult, context: ReportContext): string {
  const chart = chartRows(result.categories ?? []);
  const show = displayPathFrom(context.cwd);
  const name = serverName(result);
  const date = reportDate(context.env);
  const texts = new SourceTexts();
  const body = [
    header(result, name, date, show),
    claimSection(result.claims),
    chart.length > 0 ? `<section id="retention"><h2>How long data is kept</h2>\n${retentionChart(chart)}\n</section>` : '',
    findingSection(result.findings, texts, show),
    `<footer>Made by ${toolName} ${escapeHtml(toolVersion())}.</footer>`,
  ];
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`${toolName} report: ${name}`)}</title>`,
    `<style>${reportStyle()}</style>`,
    '</head>',
    '<body>',
    ...body.filter((part) => part !== ''),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** How many XMPP domains the header names before it says how many more there are. */
const namedHosts = 3;

/**
 * The server's name: its XMPP domains (the hosts the inventory's figures are about), else the
 * directory the configs were read from (`--root rootfs/xmpp.example.org`); `/` is the machine itself.
 */
function serverName(result: LintResult): string {
  const hosts = xmppHosts(result.categories ?? []);
  if (hosts.length > 0) {
    const more = hosts.length - namedHosts;
    return more > 0 ? `${hosts.slice(0, namedHosts).join(', ')} and ${more} more` : hosts.join(', ');
  }
  const base = path.basename(result.root);
  return base === '' || base === '.' ? 'this server' : base;
}

function xmppHosts(categories: DataCategory[]): string[] {
  const hosts = new Set<string>();
  for (const category of categories) {
    for (const f of category.figures) {
      if (f.subject.kind === 'host' && (f.subject.software === 'prosody' || f.subject.software === 'ejabberd')) hosts.add(f.subject.name);
    }
  }
  return [...hosts];
}

/**
 * The report's date, as a day (YYYY-MM-DD, UTC). SOURCE_DATE_EPOCH (reproducible-builds.org's
 * convention) fixes it, so a report made twice from the same configs is the same file.
 */
function reportDate(env: Record<string, string | undefined>): string {
  const epoch = env['SOURCE_DATE_EPOCH'];
  const seconds = epoch !== undefined && /^\d+$/.test(epoch) ? Number(epoch) : Date.now() / 1000;
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

function header(result: LintResult, name: string, date: string, show: (file: string) => string): string {
  const { summary, config } = result;
  const { claims } = summary;
  const policy = config.usedDefaultProfile ? `the built-in recommended profile` : escapeHtml(show(config.policyFile));
  const totals = [
    `${count(claims.violated, 'claim')} violated`,
    `${claims.verified} verified`,
    `${claims.unverified} unverified`,
    `${claims.notApplicable} not applicable`,
  ].join(', ');
  const problems = `${count(summary.errors, 'error')}, ${count(summary.warnings, 'warning')}, ${count(summary.infos, 'info')}`;
  return [
    '<header id="report-header">',
    `<h1>Privacy report: ${escapeHtml(name)}</h1>`,
    `<p>Checked on <time datetime="${date}">${date}</time> against ${policy}; configuration read from <code>${escapeHtml(show(result.root))}</code>.</p>`,
    `<p class="totals">${totals}; ${problems}.</p>`,
    '</header>',
  ].join('\n');
}

function verdictBadge(verdict: Verdict): string {
  return `<span class="badge verdict-${verdict}">${verdictWords[verdict]}</span>`;
}

function claimSection(claims: ClaimResult[]): string {
  if (claims.length === 0) return '<section id="claims"><h2>Promises</h2>\n<p>The policy declares no claim.</p>\n</section>';
  const rows = claims.map(
    (c) =>
      `<tr class="claim" data-claim="${escapeHtml(c.claim)}" data-verdict="${c.verdict}"><td><code>${escapeHtml(c.claim)}</code></td>` +
      `<td>${escapeHtml(c.declared)}</td><td>${verdictBadge(c.verdict)}</td><td>${escapeHtml(c.observed)}</td></tr>`,
  );
  return [
    '<section id="claims">',
    '<h2>Promises</h2>',
    '<table>',
    '<thead><tr><th scope="col">claim</th><th scope="col">declared</th><th scope="col">verdict</th><th scope="col">observed</th></tr></thead>',
    `<tbody>\n${rows.join('\n')}\n</tbody>`,
    '</table>',
    '</section>',
  ].join('\n');
}

function findingSection(findings: Finding[], texts: SourceTexts, show: (file: string) => string): string {
  const items = findings.map((f) => findingItem(f, texts, show));
  return [
    '<section id="findings">',
    `<h2>Findings (${findings.length})</h2>`,
    findings.length === 0 ? '<p>No findings.</p>' : `<ol class="findings">\n${items.join('\n')}\n</ol>`,
    '</section>',
  ].join('\n');
}

function findingItem(f: Finding, texts: SourceTexts, show: (file: string) => string): string {
  const place = `${show(f.file)}:${f.line}:${f.column}`;
  const parts = [
    `<li class="finding" data-rule="${escapeHtml(f.ruleId)}">`,
    `<p><span class="badge severity-${f.severity}">${severityWords[f.severity]}</span> ${escapeHtml(f.message)}</p>`,
    `<p class="where"><code>${escapeHtml(place)}</code> · rule <code>${escapeHtml(f.ruleId)}</code>${f.claim !== undefined ? ` · claim <code>${escapeHtml(f.claim)}</code>` : ''}</p>`,
  ];
  const excerpt = sourceExcerpt(texts, f.file, f.line);
  if (excerpt.length > 0) {
    const lines = excerpt.map(
      (l) => `<span class="line${l.marked ? ' mark' : ''}"><span class="number">${l.number}</span>${escapeHtml(l.text)}</span>`,
    );
    parts.push(`<pre class="excerpt" aria-label="${escapeHtml(`${place} and the lines around it`)}">${lines.join('')}</pre>`);
  }
  if (f.suggestion !== undefined) {
    parts.push(`<p class="suggestion-label">Change:</p>`, `<pre class="suggestion">${escapeHtml(f.suggestion)}</pre>`);
  }
  parts.push('</li>');
  return parts.join('\n');
}
