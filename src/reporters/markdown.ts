import { maxOf } from '../arrays/extremes.js';
import type { Severity } from '../config/types.js';
import type { Finding, LintResult, Verdict } from '../engine/types.js';
import { count } from './plural.js';
import { ciPath } from './relative-path.js';
import type { ReportContext } from './report-context.js';
import { toolName } from './tool-info.js';

/** Enough to act on in a pull-request comment; the full list is in the job's other reports. */
const maxFindings = 50;
const maxCell = 200;

const verdictMark: Record<Verdict, string> = {
  verified: '✅ verified',
  violated: '❌ violated',
  unverified: '⚠️ unverified',
  'not-applicable': '➖ not applicable',
};

const severityMark: Record<Severity, string> = { error: '❌ error', warning: '⚠️ warning', info: 'ℹ️ info' };

/**
 * A pull-request comment (also the GitHub step summary): the claim table, then the findings with
 * file:line, linked to the commit when GitHub's variables say where it lives. Config text goes in
 * code spans or is escaped, so a value cannot add markup, links, mentions or table cells.
 */
export function formatMarkdown(result: LintResult, context: ReportContext): string {
  const base = context.env.GITHUB_WORKSPACE || context.cwd;
  const link = blobLink(context.env);
  const { summary } = result;
  const lines: string[] = [`## ${toolName}: ${headline(result)}`, ''];
  if (result.claims.length > 0) {
    lines.push('| claim | declared | verdict | observed |', '|---|---|---|---|');
    for (const c of result.claims) {
      lines.push(`| ${code(c.claim)} | ${code(c.declared)} | ${verdictMark[c.verdict]} | ${text(c.observed)} |`);
    }
    lines.push('');
  }
  const problems = summary.errors + summary.warnings + summary.infos;
  if (problems > 0) {
    lines.push(`### Findings (${count(summary.errors, 'error')}, ${count(summary.warnings, 'warning')}, ${count(summary.infos, 'info')})`, '');
    for (const f of result.findings.slice(0, maxFindings)) lines.push(findingItem(f, base, link));
    const more = result.findings.length - maxFindings;
    if (more > 0) lines.push(`- … and ${more} more (see the full report)`);
    lines.push('');
  }
  return lines.join('\n');
}

function headline(result: LintResult): string {
  const { claims, errors, warnings } = result.summary;
  const declared = claims.verified + claims.violated + claims.unverified + claims.notApplicable;
  const promise = claims.violated > 0 ? `${claims.violated} of ${count(declared, 'claim')} violated` : `no claim violated (${declared} declared)`;
  return `${promise}, ${count(errors, 'error')}, ${count(warnings, 'warning')}`;
}

function findingItem(f: Finding, base: string, link: ((path: string, line: number) => string) | undefined): string {
  const file = ciPath(f.file, base);
  const place = `${file}:${f.line}`;
  const shown = link !== undefined && !file.startsWith('/') ? `[${code(place)}](${link(file, f.line)})` : code(place);
  return `- ${severityMark[f.severity]} ${shown} ${text(f.message)} (${code(f.ruleId)})`;
}

/** GITHUB_SERVER_URL/GITHUB_REPOSITORY/blob/GITHUB_SHA/path#Lline, when all three are set. */
function blobLink(env: Record<string, string | undefined>): ((path: string, line: number) => string) | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_SHA: sha } = env;
  if (!server || !repo || !sha) return undefined;
  return (path, line) => `${server}/${repo}/blob/${sha}/${path.split('/').map(encodeURIComponent).join('/')}#L${line}`;
}

function shorten(value: string): string {
  return value.length > maxCell ? `${value.slice(0, maxCell - 1)}…` : value;
}

/** Plain text: Markdown and HTML punctuation escaped, `@` kept from mentioning anyone, `|` from splitting a cell. */
function text(value: string): string {
  return escapeMarkdown(shorten(value));
}

/** `text` at any length: for documents (describe) rather than table cells. */
export function escapeMarkdown(value: string): string {
  return value.replace(/[\\`*_[\]<>|~&@]/g, (c) => (c === '@' ? '@\u200b' : `\\${c}`));
}

/** A code span long enough for any backticks inside; `|` escaped, which GFM tables require even in code. */
function code(value: string): string {
  return markdownCode(shorten(value));
}

/** `code` at any length. */
export function markdownCode(v: string): string {
  const longest = maxOf([0, ...(v.match(/`+/g) ?? []).map((run) => run.length)]);
  const fence = '`'.repeat(longest + 1);
  const pad = v.startsWith('`') || v.endsWith('`') || longest > 0 ? ' ' : '';
  return `${fence}${pad}${v.replace(/\|/g, '\\|')}${pad}${fence}`;
}
