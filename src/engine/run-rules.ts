import type { ClaimName, DeclaredClaim, ResolvedConfig, Severity } from '../config/types.js';
import type { Evidence } from '../inventory/evidence.js';
import type { Inventory } from '../inventory/inventory.js';
import type { ClaimResult, Finding, Report, Rule, RuleContext, Verdict } from './types.js';
import { EMPTY_CONFIGS, type ConfigModels } from './config-models.js';
import { appendAll } from '../arrays/append-all.js';
import { distinctEvidence } from '../inventory/distinct-evidence.js';

/** One rule's word on one claim. */
interface Outcome {
  kind: 'honours' | 'breaks' | 'worst-case' | 'cannot-tell' | 'not-applicable';
  ruleId: string;
  observed: string;
  evidence: Evidence[];
}

export interface RuleRun {
  claims: ClaimResult[];
  findings: Finding[];
}

/** The id under which claims that no rule could judge are reported (rules/unverifiable-claim.ts). */
export const UNVERIFIABLE_CLAIM_RULE = 'unverifiable-claim';
/** The id under which a rule that failed is reported (rules/rule-error.ts). */
export const RULE_ERROR_RULE = 'rule-error';

/**
 * Runs every enabled rule over the inventory and turns their outcomes into verdicts:
 * violated if any place breaks the claim (or, under strictRetention, exceeds it in the worst
 * case); else unverified if any place cannot be judged; else verified if any place honours it;
 * else not-applicable if nothing on the server can break it; else unverified (nothing looked at it).
 */
export function runRules(rules: Rule[], inventory: Inventory, config: ResolvedConfig, options: RunOptions = {}): RuleRun {
  const outcomes = new Map<ClaimName, Outcome[]>();
  const findings: Finding[] = [];

  for (const rule of rules) {
    const severity = config.ruleSeverities.get(rule.meta.id) ?? rule.meta.defaultSeverity;
    if (severity === 'off') continue;
    // A rule's word counts only once it has finished: one that fails halfway has judged nothing.
    const own = { outcomes: new Map<ClaimName, Outcome[]>(), findings: [] as Finding[] };
    try {
      rule.check(contextFor(rule, severity, inventory, config, own.outcomes, own.findings, options.configs ?? EMPTY_CONFIGS));
    } catch (error) {
      options.onRuleError?.(rule.meta.id, error);
      failedRule(rule, error, config, outcomes, findings);
      continue;
    }
    for (const [claim, list] of own.outcomes) {
      const all = outcomes.get(claim) ?? [];
      appendAll(all, list);
      outcomes.set(claim, all);
    }
    appendAll(findings, own.findings);
  }

  const claims: ClaimResult[] = [];
  for (const claim of config.claims.values()) {
    claims.push(verdictFor(claim, outcomes.get(claim.name) ?? [], config, rules, inventory, findings));
  }
  return { claims, findings: sortFindings(findings) };
}

export interface RunOptions {
  /** The interpreted configs rules may read (ctx.configs); empty models when not given. */
  configs?: ConfigModels;
  /** Told about each rule that throws, for DEBUG=1's stack; the run goes on. */
  onRuleError?: (ruleId: string, error: unknown) => void;
}

/** The rule-error finding for a rule that threw, and "cannot tell" for each declared claim it judges. */
function failedRule(rule: Rule, error: unknown, config: ResolvedConfig, outcomes: Map<ClaimName, Outcome[]>, findings: Finding[]): void {
  const ruleId = rule.meta.id;
  const slash = ruleId.indexOf('/');
  const who = slash > 0 ? `rule ${ruleId} of plugin ${ruleId.slice(0, slash)}` : `rule ${ruleId}`;
  const reason = error instanceof Error ? error.message : String(error);
  const message = `The ${who} failed: ${reason === '' ? 'it threw an error without a message' : reason}`;
  const declared = rule.meta.claims.map((c) => config.claims.get(c)).filter((c): c is DeclaredClaim => c !== undefined);
  const at = declared[0]?.position ?? { file: config.configFile ?? config.policyFile, line: 1, column: 1 };
  const severity = config.ruleSeverities.get(RULE_ERROR_RULE) ?? 'error';
  if (severity !== 'off') findings.push(toFinding(RULE_ERROR_RULE, declared[0]?.name, severity, { message, at }));
  for (const claim of declared) {
    const list = outcomes.get(claim.name) ?? [];
    list.push({ kind: 'cannot-tell', ruleId, observed: `cannot tell: the ${who} failed`, evidence: [{ ...claim.position, note: message }] });
    outcomes.set(claim.name, list);
  }
}

/* eslint-disable @typescript-eslint/no-unnecessary-condition -- a plugin's report is checked as it really is, whatever its type says */
/** Refuses a finding that a reporter could not show: thrown inside the rule, so it becomes its rule-error. */
function checkReport(report: Report): void {
  if (typeof report?.message !== 'string' || report.message === '') throw new Error(`it reported a finding without a message (${JSON.stringify(report?.message) ?? 'undefined'})`);
  checkPosition(report.at, 'at', report.message);
  report.evidence?.forEach((e, i) => checkPosition(e, `evidence[${i}]`, report.message));
}

function checkPosition(at: Report['at'] | undefined, name: string, message: string): void {
  const whole = (n: unknown): boolean => typeof n === 'number' && Number.isInteger(n) && n >= 1;
  const problem =
    typeof at !== 'object' || at === null ? 'is missing'
    : typeof at.file !== 'string' || at.file === '' ? 'has no file'
    : !whole(at.line) ? `has line ${JSON.stringify(at.line) ?? 'undefined'}`
    : !whole(at.column) ? `has column ${JSON.stringify(at.column) ?? 'undefined'}`
    : undefined;
  if (problem) throw new Error(`it reported a malformed finding ("${message}"): ${name} ${problem}; a position needs a file and a line and column from 1`);
}
/* eslint-enable @typescript-eslint/no-unnecessary-condition */

function contextFor(
  rule: Rule,
  severity: Severity,
  inventory: Inventory,
  config: ResolvedConfig,
  outcomes: Map<ClaimName, Outcome[]>,
  findings: Finding[],
  configs: ConfigModels,
): RuleContext {
  const ruleId = rule.meta.id;
  const declared = (claim: ClaimName): boolean => config.claims.has(claim);
  const record = (claim: ClaimName, outcome: Omit<Outcome, 'ruleId'>): void => {
    if (!declared(claim)) return;
    const list = outcomes.get(claim) ?? [];
    list.push({ ...outcome, ruleId });
    outcomes.set(claim, list);
  };
  const find = (report: Report, claim: ClaimName | undefined, findingSeverity: Severity): void => {
    checkReport(report);
    findings.push(toFinding(ruleId, claim, findingSeverity, report));
  };
  const weaker = (s: Severity): Severity => (severity === 'info' ? 'info' : s);

  return {
    inventory,
    config,
    configs,
    claim: <V extends DeclaredClaim['value']>(name: ClaimName) => config.claims.get(name) as DeclaredClaim<V> | undefined,
    honours: (claim, evidence, observed) => record(claim, { kind: 'honours', evidence, observed }),
    breaks: (claim, report) => {
      if (!declared(claim)) return;
      record(claim, { kind: 'breaks', evidence: [report.at, ...(report.evidence ?? [])].map(asEvidence(report.message)), observed: report.observed });
      find(report, claim, severity);
    },
    exceedsInWorstCase: (claim, report) => {
      if (!declared(claim)) return;
      const strict = config.strictRetention;
      record(claim, { kind: strict ? 'breaks' : 'worst-case', evidence: [report.at, ...(report.evidence ?? [])].map(asEvidence(report.message)), observed: report.observed });
      find(report, claim, strict ? severity : weaker('warning'));
    },
    worstCaseUnknown: (claim, report) => {
      if (!declared(claim)) return;
      const strict = config.strictRetention;
      record(claim, { kind: strict ? 'cannot-tell' : 'worst-case', evidence: [report.at, ...(report.evidence ?? [])].map(asEvidence(report.message)), observed: report.observed });
      find(report, claim, weaker('warning'));
    },
    cannotTell: (claim, report) => {
      if (!declared(claim)) return;
      record(claim, { kind: 'cannot-tell', evidence: [report.at, ...(report.evidence ?? [])].map(asEvidence(report.message)), observed: report.observed ?? 'cannot tell' });
      find(report, claim, weaker('warning'));
    },
    notApplicable: (claim, evidence, observed) => record(claim, { kind: 'not-applicable', evidence, observed }),
    report: (report) => find(report, report.claim, report.severity ?? severity),
  };
}

/** Positions without a note get the finding's message as their note. */
function asEvidence(message: string): (p: Report['at'] | Evidence) => Evidence {
  return (p) => ('note' in p ? p : { ...p, note: message });
}

function toFinding(ruleId: string, claim: ClaimName | undefined, severity: Severity, report: Report): Finding {
  const finding: Finding = {
    ruleId,
    severity,
    message: report.message,
    file: report.at.file,
    line: report.at.line,
    column: report.at.column,
  };
  if (claim) finding.claim = claim;
  if (report.suggestion) finding.suggestion = report.suggestion;
  if (report.suggestion && report.edit) finding.edit = report.edit;
  if (report.evidence && report.evidence.length > 0) finding.evidence = report.evidence;
  return finding;
}

function verdictFor(
  claim: DeclaredClaim,
  outcomes: Outcome[],
  config: ResolvedConfig,
  rules: Rule[],
  inventory: Inventory,
  findings: Finding[],
): ClaimResult {
  const of = (kind: Outcome['kind']): Outcome[] => outcomes.filter((o) => o.kind === kind);
  const decide = (): [Verdict, Outcome[]] => {
    if (of('breaks').length > 0) return ['violated', of('breaks')];
    if (of('cannot-tell').length > 0) return ['unverified', of('cannot-tell')];
    if (of('honours').length > 0 || of('worst-case').length > 0) return ['verified', [...of('honours'), ...of('worst-case')]];
    return ['not-applicable', of('not-applicable')];
  };
  const base = { claim: claim.name, declared: claim.text, declaredAt: claim.position };
  if (outcomes.length === 0) {
    const observed = nothingJudged(claim, config, rules, inventory);
    const severity = config.ruleSeverities.get(UNVERIFIABLE_CLAIM_RULE) ?? 'warning';
    if (severity !== 'off') findings.push(toFinding(UNVERIFIABLE_CLAIM_RULE, claim.name, severity, { message: observed, at: claim.position }));
    return { ...base, verdict: 'unverified', observed, evidence: [{ ...claim.position, note: observed }] };
  }
  const [verdict, deciding] = decide();
  const unread = unreadSources(claim, rules, inventory);
  if (unread.length > 0 && (verdict === 'verified' || verdict === 'not-applicable')) {
    // What a file that could not be read configures is unknown: nothing shows it honours the claim.
    // The files are named by the include-error findings at their place; a message names no host path.
    const observed = `cannot tell: ${unread.length === 1 ? 'a configuration file' : `${unread.length} configuration files`} could not be read (see the include-error findings)`;
    const severity = config.ruleSeverities.get(UNVERIFIABLE_CLAIM_RULE) ?? 'warning';
    if (severity !== 'off') findings.push(toFinding(UNVERIFIABLE_CLAIM_RULE, claim.name, severity, { message: `${claim.name} is not verified: ${observed}`, at: claim.position }));
    return { ...base, verdict: 'unverified', observed, evidence: unread.map((file) => ({ file, line: 1, column: 1, note: observed })) };
  }
  const observed = unique(deciding.map((o) => o.observed)).join('; ');
  return { ...base, verdict, observed, evidence: distinctEvidence(deciding.flatMap((o) => o.evidence)) };
}

/** Files that could not be read and that the rules judging the claim look at (all kinds, unless they say). */
function unreadSources(claim: DeclaredClaim, rules: Rule[], inventory: Inventory): string[] {
  const judging = rules.filter((r) => r.meta.claims.includes(claim.name));
  const kinds = judging.some((r) => r.meta.looksAt === undefined) ? undefined : new Set(judging.flatMap((r) => r.meta.looksAt ?? []));
  return inventory.sources.filter((s) => s.status === 'unreadable' && (!kinds || kinds.has(s.kind))).map((s) => s.file);
}

/** Why no rule said anything about a declared claim: rules switched off, or no source read. */
function nothingJudged(claim: DeclaredClaim, config: ResolvedConfig, rules: Rule[], inventory: Inventory): string {
  const judging = rules.filter((r) => r.meta.claims.includes(claim.name));
  const off = judging.filter((r) => config.ruleSeverities.get(r.meta.id) === 'off').map((r) => r.meta.id);
  if (judging.length > 0 && off.length === judging.length) {
    return `${claim.name} is not checked: the rule${off.length > 1 ? 's' : ''} judging it (${off.join(', ')}) ${off.length > 1 ? 'are' : 'is'} off`;
  }
  const broken = inventory.sources.filter((s) => s.status === 'error').map((s) => s.file);
  if (broken.length > 0) {
    const files = broken.length === 1 ? 'a configuration file' : `${broken.length} configuration files`;
    return `Cannot judge ${claim.name}: ${files} could not be parsed (see the parse-error findings)`;
  }
  const read = unique(inventory.sources.filter((s) => s.status === 'ok' || s.status === 'error').map((s) => s.kind));
  const unread = unique(inventory.sources.filter((s) => s.status === 'unreadable').map((s) => s.kind));
  const readText =
    (read.length > 0 ? `it read: ${read.join(', ')}` : 'no configuration was read') +
    (unread.length > 0 ? `; could not read: ${unread.join(', ')} (see the include-error findings)` : '');
  const kinds = new Set(judging.flatMap((r) => r.meta.looksAt ?? []));
  const looked = inventory.searches
    .filter((s) => kinds.size === 0 || kinds.has(s.kind))
    .map((s) => `${s.kind}: ${s.paths.join(', ')}`)
    .join('; ');
  return `No configuration found that shows ${claim.name} (${readText}; looked for ${looked || 'nothing'})`;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** Findings by file, line, column and rule: the order every reporter shows them in. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId),
  );
}
