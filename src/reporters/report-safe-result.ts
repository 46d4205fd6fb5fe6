import type { DeclaredClaim, ResolvedConfig } from '../config/types.js';
import type { CategoryFigure, DataCategory } from '../engine/categories.js';
import type { ClaimResult, Finding, LintResult, RuleMeta } from '../engine/types.js';
import type { TimeFigure } from '../inventory/retention.js';
import type { Evidence, SourcePosition } from '../inventory/evidence.js';
import type { SourceFile } from '../inventory/inventory.js';
import { isSafeBlock, isSafeLine, neutraliseBlock, neutraliseLine, neutralisePath } from './neutralise.js';
import { suppressedFindings, type FindingSuppression, type SuppressedFinding } from './suppressed-findings.js';

/**
 * The result as every reporter receives it (the registry applies this, so no reporter, custom
 * ones included, can forget it): each string that came from a config, a policy, a file name or a
 * plugin neutralised (neutralise.ts), and each finding placed somewhere a CI platform can show.
 */
export function reportSafeResult(result: LintResult): LintResult {
  const config = safeConfig(result.config);
  const claims = result.claims.map(safeClaim);
  const suppressed = suppressedFindings(result);
  return {
    ...result,
    root: neutralisePath(result.root),
    config,
    rules: result.rules.map(safeRule),
    sources: result.sources.map(safeSource),
    claims,
    findings: result.findings.map((f) => anchored(safeFinding(f), claims, config.policyFile)),
    ...(suppressed.length > 0 && { suppressed: suppressed.map((f) => anchored(safeSuppressed(f), claims, config.policyFile)) }),
    ...(result.categories !== undefined && { categories: result.categories.map(safeCategory) }),
  };
}

function safeCategory(c: DataCategory): DataCategory {
  // Each place is neutralised once, when a reporter first asks for it: the JSON report shows only
  // the longest per claim, while a tree of 10,000 jobs has thousands of places (5,004 on the
  // one-crontab bench tree); the HTML report's charts ask for all of them.
  const safe = new Map<CategoryFigure, CategoryFigure>();
  const safeOf = (place: CategoryFigure): CategoryFigure => {
    let done = safe.get(place);
    if (done === undefined) safe.set(place, (done = safePlace(place)));
    return done;
  };
  const category: DataCategory = {
    ...c,
    claims: c.claims.map((claim) => ({
      ...claim,
      // The same object as in `figures`, so that a reporter can still find it there.
      ...(claim.longest !== undefined && { longest: safeOf(claim.longest) }),
      ...(claim.declared !== undefined && { declared: { ...claim.declared, text: neutraliseLine(claim.declared.text), at: safePosition(claim.declared.at) } }),
    })),
  };
  let figures: CategoryFigure[] | undefined;
  // Redefined in place, so `figures` keeps its place among the keys (JSON.stringify of the result).
  Object.defineProperty(category, 'figures', { enumerable: true, configurable: true, get: () => (figures ??= c.figures.map(safeOf)) });
  return category;
}

function safePlace(p: CategoryFigure): CategoryFigure {
  const figure = safeFigure(p.figure);
  const evidence = safeEvidenceList(p.evidence);
  const { subject } = p;
  if (
    figure === p.figure && evidence === p.evidence && isSafeLine(p.label) && isSafeLine(subject.software) &&
    isSafeLine(subject.kind) && isSafeLine(subject.name) && (p.uncertain === undefined || isSafeLine(p.uncertain))
  ) {
    return p;
  }
  return {
    ...p,
    label: neutraliseLine(p.label),
    subject: { software: neutraliseLine(subject.software), kind: neutraliseLine(subject.kind), name: neutraliseLine(subject.name) },
    figure,
    evidence,
    ...(p.uncertain !== undefined && { uncertain: neutraliseLine(p.uncertain) }),
  };
}

function safeFigure(f: TimeFigure): TimeFigure {
  const evidence = safeEvidenceList(f.evidence);
  const reason = f.bound !== 'time' ? f.reason : f.worstCase.kind === 'as-nominal' ? undefined : f.worstCase.reason;
  if (
    evidence === f.evidence && isSafeLine(f.description) && (reason === undefined || isSafeLine(reason)) &&
    (f.fixTemplate === undefined || isSafeBlock(f.fixTemplate))
  ) {
    return f;
  }
  const safe = { ...f, description: neutraliseLine(f.description), evidence };
  if (f.fixTemplate !== undefined) safe.fixTemplate = neutraliseBlock(f.fixTemplate);
  if (safe.bound !== 'time') return { ...safe, reason: neutraliseLine(safe.reason) };
  if (safe.worstCase.kind === 'as-nominal') return safe;
  return { ...safe, worstCase: { ...safe.worstCase, reason: neutraliseLine(safe.worstCase.reason) } };
}

/** The same source when its path needs no escape (nearly always: a run may list 15,000 of them). */
function safeSource(s: SourceFile): SourceFile {
  const file = neutralisePath(s.file);
  return file === s.file ? s : { ...s, file };
}

function safeSuppressed(f: SuppressedFinding): SuppressedFinding {
  // safeFinding may return the finding itself: the escaped suppressions go into a copy.
  const safe: SuppressedFinding = safeFinding(f);
  return f.suppressions === undefined ? safe : { ...safe, suppressions: f.suppressions.map(safeSuppression) };
}

function safeSuppression(s: FindingSuppression): FindingSuppression {
  return { ...s, justification: neutraliseLine(s.justification), at: safePosition(s.at) };
}

function safePosition<P extends SourcePosition>(p: P): P {
  return { ...p, file: neutralisePath(p.file) };
}

/**
 * The same array when no entry needed escaping, else a new one. Objects whose every text is
 * already safe (isSafeLine) are kept as they are: a run over 100,000 hosts has millions of
 * evidence entries and figures, and copying each (most need no escape) doubled the memory the
 * report stage held. Results are never changed after linting, so sharing is safe.
 */
function safeEvidenceList(list: Evidence[]): Evidence[] {
  for (let i = 0; i < list.length; i++) {
    if (safeEvidence(list[i] as Evidence) !== list[i]) return list.map(safeEvidence);
  }
  return list;
}

function safeEvidence(e: Evidence): Evidence {
  const d = e.default;
  if (
    neutralisePath(e.file) === e.file && isSafeLine(e.note) &&
    (d === undefined || (isSafeLine(d.software) && isSafeLine(d.release) && isSafeLine(d.source)))
  ) {
    return e;
  }
  const safe: Evidence = { ...safePosition(e), note: neutraliseLine(e.note) };
  if (e.default !== undefined) {
    safe.default = {
      software: neutraliseLine(e.default.software),
      release: neutraliseLine(e.default.release),
      source: neutraliseLine(e.default.source),
    };
  }
  return safe;
}

function safeClaim(c: ClaimResult & { suppressions?: FindingSuppression[] }): ClaimResult {
  return {
    ...c,
    declared: neutraliseLine(c.declared),
    declaredAt: safePosition(c.declaredAt),
    observed: neutraliseLine(c.observed),
    evidence: safeEvidenceList(c.evidence),
    ...(c.suppressions !== undefined && { suppressions: c.suppressions.map(safeSuppression) }),
  };
}

function safeFinding(f: Finding): Finding {
  // A finding whose every text is already safe is kept as it is, as evidence is (safeEvidenceList).
  if (
    isSafeLine(f.ruleId) && isSafeLine(f.message) && neutralisePath(f.file) === f.file &&
    (f.suggestion === undefined || neutraliseBlock(f.suggestion) === f.suggestion) &&
    (f.fix === undefined || neutralisePath(f.fix.file) === f.fix.file) &&
    (f.hosts === undefined || f.hosts.every(isSafeLine)) &&
    (f.evidence === undefined || safeEvidenceList(f.evidence) === f.evidence)
  ) {
    return f;
  }
  const safe: Finding = { ...f, ruleId: neutraliseLine(f.ruleId), message: neutraliseLine(f.message), file: neutralisePath(f.file) };
  if (f.suggestion !== undefined) safe.suggestion = neutraliseBlock(f.suggestion);
  // The edit's text stays exact (it is what --fix writes); reporters that print it escape it.
  if (f.fix !== undefined) safe.fix = { ...f.fix, file: neutralisePath(f.fix.file) };
  if (f.hosts !== undefined) safe.hosts = f.hosts.map(neutraliseLine);
  if (f.evidence !== undefined) safe.evidence = safeEvidenceList(f.evidence);
  return safe;
}

function safeRule(meta: RuleMeta): RuleMeta {
  const { docs } = meta;
  return {
    ...meta,
    id: neutraliseLine(meta.id),
    description: neutraliseLine(meta.description),
    docs: {
      ...docs,
      rationale: neutraliseBlock(docs.rationale),
      checks: docs.checks.map(neutraliseBlock),
      ...(docs.examples !== undefined && {
        examples: docs.examples.map((e) => ({
          language: neutraliseLine(e.language),
          compliant: neutraliseBlock(e.compliant),
          violating: neutraliseBlock(e.violating),
        })),
      }),
      ...(docs.sources !== undefined && { sources: docs.sources.map(neutraliseLine) }),
    },
  };
}

function safeConfig(config: ResolvedConfig): ResolvedConfig {
  const claims = new Map<DeclaredClaim['name'], DeclaredClaim>();
  for (const [name, claim] of config.claims) {
    claims.set(name, {
      ...claim,
      text: neutraliseLine(claim.text),
      position: safePosition(claim.position),
      value: typeof claim.value === 'string' ? neutraliseLine(claim.value) : claim.value,
    });
  }
  return {
    ...config,
    configFile: config.configFile === undefined ? undefined : neutralisePath(config.configFile),
    policyFile: neutralisePath(config.policyFile),
    claims,
  };
}

/**
 * A finding needs a file and a 1-based line for SARIF, GitHub and GitLab to place it. One a
 * plugin reported without a config location is shown where its claim is declared, else at the
 * top of the policy file: the promise it is about is written there.
 */
function anchored(f: Finding, claims: ClaimResult[], policyFile: string): Finding {
  if (f.file !== '') {
    const line = atLeastOne(f.line);
    const column = atLeastOne(f.column);
    return line === f.line && column === f.column ? f : { ...f, line, column };
  }
  const declared = claims.find((c) => c.claim === f.claim)?.declaredAt;
  const at = declared ?? { file: policyFile, line: 1, column: 1 };
  return { ...f, file: at.file, line: at.line, column: at.column };
}

function atLeastOne(n: number): number {
  return Number.isInteger(n) && n >= 1 ? n : 1;
}
