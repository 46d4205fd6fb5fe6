import type { ChalkInstance } from 'chalk';
import type { Severity } from '../config/types.js';
import type { ClaimResult, Finding, LintResult, Verdict } from '../engine/types.js';
import type { SourceFile } from '../inventory/inventory.js';
import { displayPathFrom } from './display-path.js';
import { count } from './plural.js';
import type { ReportContext } from './report-context.js';
import { groupEvidence, groupLines } from './evidence-groups.js';
import { alignRows, columnOffset, type Cell } from './text-columns.js';
import { appendAll } from '../arrays/append-all.js';

/**
 * The human report, in the spirit of ESLint's stylish: which policy was used, findings grouped
 * by file, the claim table, and a one-line summary. Readable and aligned without colour too.
 */
export function formatStylish(result: LintResult, context: ReportContext): string {
  const { chalk } = context;
  const show = displayPathFrom(context.cwd);
  const blocks: string[][] = [header(result, chalk, show)];
  for (const [file, findings] of groupByFile(result.findings)) {
    blocks.push(fileBlock(file === '' ? '(no file)' : show(file), findings, chalk));
  }
  if (result.claims.length > 0) blocks.push(claimTable(result.claims, chalk, show));
  const accepted = suppressedClaims(result.claims, chalk, show);
  if (accepted.length > 0) blocks.push(accepted);
  blocks.push([summaryLine(result.summary, chalk)]);
  return `${blocks.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}

function header(result: LintResult, chalk: ChalkInstance, show: (file: string) => string): string[] {
  const { config } = result;
  const lines: string[] = [];
  if (config.usedDefaultProfile) {
    lines.push(
      `${chalk.yellow('No privacy-lint configuration found')}: judging against the built-in ${chalk.bold('recommended')} profile (${show(config.policyFile)}).`,
      `  To declare your own policy, write ${chalk.bold('privacy-lint.config.yaml')} with ${chalk.bold('extends: recommended')} and the claims you promise.`,
    );
  } else {
    const configNote =
      config.configFile !== undefined && config.configFile !== config.policyFile
        ? ` (configuration: ${show(config.configFile)})`
        : '';
    lines.push(`Policy: ${chalk.bold(show(config.policyFile))}${configNote}`);
  }
  lines.push(sourcesLine(result.sources, result.root, chalk, show));
  return lines;
}

function sourcesLine(
  sources: SourceFile[],
  root: string,
  chalk: ChalkInstance,
  show: (file: string) => string,
): string {
  if (sources.length === 0) return `Sources: ${chalk.yellow(`none found under ${show(root)}`)}`;
  const listed = sources.map((s) => {
    const status = s.status === 'ok' ? '' : s.status === 'error' ? ', parse errors' : s.status === 'unreadable' ? ', not read' : ', missing';
    const text = `${show(s.file)} (${s.kind}${status})`;
    return s.status === 'ok' ? text : chalk.yellow(text);
  });
  return `Sources: ${listed.join(', ')}`;
}

/** Files in the order the engine first reported them; within a file, by position. */
function groupByFile(findings: Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const group = groups.get(f.file);
    if (group) group.push(f);
    else groups.set(f.file, [f]);
  }
  for (const group of groups.values()) group.sort((a, b) => a.line - b.line || a.column - b.column);
  return groups;
}

const severityStyle: Record<Severity, (chalk: ChalkInstance) => (text: string) => string> = {
  error: (chalk) => chalk.red,
  warning: (chalk) => chalk.yellow,
  info: (chalk) => chalk.blue,
};

const rowIndent = '  ';

function fileBlock(file: string, findings: Finding[], chalk: ChalkInstance): string[] {
  const rows: Cell[][] = findings.map((f) => [
    { text: `${f.line}:${f.column}`, style: chalk.dim },
    { text: f.severity, style: severityStyle[f.severity](chalk) },
    { text: firstLine(f.message) },
    { text: f.ruleId, style: chalk.dim },
  ]);
  const aligned = alignRows(rows, rowIndent);
  // Continuation lines (rest of a message, the suggestion) start under the message column.
  const under = ' '.repeat(rowIndent.length + columnOffset(rows, 2));
  const lines = [chalk.underline(file)];
  findings.forEach((f, i) => {
    appendAll(lines, (aligned[i] ?? []));
    for (const rest of f.message.split('\n').slice(1)) lines.push(under + rest);
    if (f.suggestion !== undefined) {
      const label = '→ change: ';
      const [first = '', ...more] = f.suggestion.split('\n');
      lines.push(under + chalk.green(label) + first);
      for (const rest of more) lines.push(under + ' '.repeat(label.length) + rest);
    }
  });
  return lines;
}

function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return end === -1 ? text : text.slice(0, end);
}

const verdictStyle: Record<Verdict, (chalk: ChalkInstance) => (text: string) => string> = {
  verified: (chalk) => chalk.green,
  violated: (chalk) => chalk.red,
  unverified: (chalk) => chalk.yellow,
  'not-applicable': (chalk) => chalk.dim,
};

function claimTable(claims: ClaimResult[], chalk: ChalkInstance, show: (file: string) => string): string[] {
  const heading: Cell[] = ['claim', 'declared', 'verdict', 'observed'].map((text) => ({ text, style: chalk.dim }));
  const rows: Cell[][] = claims.map((c) => [
    { text: c.claim },
    { text: c.declared },
    { text: c.suppressions === undefined ? c.verdict : `${c.verdict} (suppressed)`, style: verdictStyle[c.verdict](chalk) },
    { text: c.observed },
  ]);
  const aligned = alignRows([heading, ...rows], rowIndent);
  // Evidence shared by many hosts: one line per figure and setting, with the count, under "observed".
  const under = ' '.repeat(rowIndent.length + columnOffset([heading, ...rows], 3));
  const lines = [chalk.bold('Claims'), ...(aligned[0] ?? [])];
  claims.forEach((c, i) => {
    appendAll(lines, aligned[i + 1] ?? []);
    const groups = groupEvidence(c.evidence);
    if (groups) for (const line of groupLines(groups, show)) lines.push(under + chalk.dim(line));
  });
  return lines;
}

/** Who accepted the claims that stay broken, and why: the table alone must not read as a pass. */
function suppressedClaims(claims: ClaimResult[], chalk: ChalkInstance, show: (file: string) => string): string[] {
  const lines: string[] = [];
  for (const c of claims) {
    for (const s of c.suppressions ?? []) {
      const how = s.kind === 'inSource' ? 'privacy-lint-disable at' : 'baseline entry at';
      lines.push(`${rowIndent}${c.claim} ${chalk.red(c.verdict)}, accepted by ${how} ${show(s.at.file)}:${s.at.line}: ${s.justification}`);
    }
  }
  return lines.length > 0 ? [chalk.bold('Suppressed claims'), ...lines] : [];
}


function summaryLine(summary: LintResult['summary'], chalk: ChalkInstance): string {
  const { errors, warnings, infos, claims } = summary;
  const problems = errors + warnings;
  const suppressed = summary.suppressed ?? 0;
  const infoNote = (infos > 0 ? `, ${count(infos, 'info')}` : '') + (suppressed > 0 ? `, ${suppressed} suppressed` : '');
  const judged = claims.verified + claims.violated + claims.unverified + claims.notApplicable;
  const claimNote =
    judged === 0
      ? ' — no claims judged'
      : ` — claims: ${claims.verified} verified, ${claims.violated} violated, ${claims.unverified} unverified, ${claims.notApplicable} not applicable`;
  if (problems === 0) return chalk.green.bold(`✔ no problems${infoNote}`) + claimNote;
  const style = errors > 0 ? chalk.red.bold : chalk.yellow.bold;
  const counts = `${count(problems, 'problem')} (${count(errors, 'error')}, ${count(warnings, 'warning')})`;
  return style(`✖ ${counts}${infoNote}`) + claimNote;
}
