import type { ClaimName, DeclaredClaim, ResolvedConfig, Severity } from '../config/types.js';
import type { Evidence } from '../inventory/evidence.js';
import type { Inventory } from '../inventory/inventory.js';
import type { ClaimResult, Finding, Report, Rule, RuleContext, Verdict } from './types.js';

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

/**
 * Runs every enabled rule over the inventory and turns their outcomes into verdicts:
 * violated if any place breaks the claim (or, under strictRetention, exceeds it in the worst
 * case); else unverified if any place cannot be judged; else verified if any place honours it;
 * else not-applicable if nothing on the server can break it; else unverified (nothing looked at it).
 */
export function runRules(rules: Rule[], inventory: Inventory, config: ResolvedConfig): RuleRun {
  const outcomes = new Map<ClaimName, Outcome[]>();
  const findings: Finding[] = [];

  for (const rule of rules) {
    const severity = config.ruleSeverities.get(rule.meta.id) ?? rule.meta.defaultSeverity;
    if (severity === 'off') continue;
    rule.check(contextFor(rule, severity, inventory, config, outcomes, findings));
  }

  const claims: ClaimResult[] = [];
  for (const claim of config.claims.values()) {
    claims.push(verdictFor(claim, outcomes.get(claim.name) ?? [], config, rules, inventory, findings));
  }
  return { claims, findings: sortFindings(findings) };
}

function contextFor(
  rule: Rule,
  severity: Severity,
  inventory: Inventory,
  config: ResolvedConfig,
  outcomes: Map<ClaimName, Outcome[]>,
  findings: Finding[],
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
    findings.push(toFinding(ruleId, claim, findingSeverity, report));
  };
  const weaker = (s: Severity): Severity => (severity === 'info' ? 'info' : s);

  return {
    inventory,
    config,
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
  return { ...base, verdict, observed, evidence: dedupeEvidence(deciding.flatMap((o) => o.evidence)) };
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
  const read = unique(inventory.sources.filter((s) => s.status !== 'missing').map((s) => s.kind));
  const readText = read.length > 0 ? `it read: ${read.join(', ')}` : 'no configuration was read';
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

function dedupeEvidence(evidence: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => {
    const key = `${e.file}:${e.line}:${e.column}:${e.note}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Findings by file, line, column and rule: the order every reporter shows them in. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId),
  );
}
