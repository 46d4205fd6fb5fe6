import type { Evidence, SourcePosition } from '../inventory/evidence.js';
import type { ClaimResult, Finding, LintResult, Suppression } from '../engine/types.js';
import { displayPathFrom } from './display-path.js';
import { categoriesJson } from './categories-json.js';
import { groupSharedEvidence } from './shared-evidence.js';
import type { JsonClaim, JsonEvidence, JsonFinding, JsonPosition, JsonReport, JsonSuppression } from './json-report.js';
import type { ReportContext } from './report-context.js';
import { toolName, toolVersion } from './tool-info.js';

/**
 * The JSON report of DESIGN.md ("JSON report"), a contract CI depends on: keys are never renamed
 * or removed. Beyond it, additive keys only: `declaredAt` on claims, `evidence` on findings and
 * `default` on evidence, each present only when there is something to say, as are `suppressed` (the
 * findings a privacy-lint-disable comment or the baseline accepted, each with its `suppressions`,
 * like ESLint's suppressedMessages), `summary.suppressed`, and `suppressions` on a claim whose
 * every finding was suppressed; and `categories` (categories-json.ts, docs/json-report.md).
 */
export function formatJson(result: LintResult, context: ReportContext): string {
  // Every file read is a source, each listed once: shown directly, with no memo entry.
  const display = displayPathFrom(context.cwd);
  // Findings and claims name few files, each in thousands of evidence entries: each is made relative once.
  const shown = new Map<string, string>();
  const show = (file: string): string => {
    let text = shown.get(file);
    if (text === undefined) shown.set(file, (text = display(file)));
    return text;
  };
  const report: JsonReport = {
    version: 1,
    tool: { name: toolName, version: toolVersion() },
    root: show(result.root),
    // `defaultProfile` is additive: true when no configuration was found and `recommended` is used.
    policy: { source: show(result.config.policyFile), defaultProfile: result.config.usedDefaultProfile },
    sources: result.sources.map((s) => ({ file: display(s.file), kind: s.kind, status: s.status })),
    claims: result.claims.map((c) => claimJson(c, show)),
    findings: result.findings.map((f) => findingJson(f, show)),
    ...(result.suppressed !== undefined && result.suppressed.length > 0 && { suppressed: result.suppressed.map((f) => findingJson(f, show)) }),
    ...(result.categories !== undefined && { categories: categoriesJson(result.categories, show, evidenceListJson) }),
    summary: {
      errors: result.summary.errors,
      warnings: result.summary.warnings,
      infos: result.summary.infos,
      ...(result.suppressed !== undefined && result.suppressed.length > 0 && { suppressed: result.suppressed.length }),
      claims: {
        verified: result.summary.claims.verified,
        violated: result.summary.claims.violated,
        unverified: result.summary.claims.unverified,
        notApplicable: result.summary.claims.notApplicable,
      },
    },
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

type Show = (file: string) => string;

function claimJson(c: ClaimResult, show: Show): JsonClaim {
  return {
    claim: c.claim,
    declared: c.declared,
    declaredAt: positionJson(c.declaredAt, show),
    verdict: c.verdict,
    observed: c.observed,
    evidence: evidenceListJson(c.evidence, show),
    ...(c.suppressions !== undefined && { suppressions: c.suppressions.map((x) => suppressionJson(x, show)) }),
  };
}

function suppressionJson(s: Suppression, show: Show): JsonSuppression {
  return { kind: s.kind, justification: s.justification, ...positionJson(s.at, show) };
}

function findingJson(f: Finding, show: Show): JsonFinding {
  // Keys in the contract's order; optional ones are left out rather than written as null.
  return {
    ruleId: f.ruleId,
    ...(f.claim !== undefined && { claim: f.claim }),
    severity: f.severity,
    message: f.message,
    file: show(f.file),
    line: f.line,
    column: f.column,
    ...(f.hosts !== undefined && { hosts: f.hosts }),
    ...(f.suggestion !== undefined && { suggestion: f.suggestion }),
    ...(f.fix !== undefined && { fix: { file: show(f.fix.file), range: f.fix.range, text: f.fix.text } }),
    ...(f.evidence !== undefined && f.evidence.length > 0 && { evidence: evidenceListJson(f.evidence, show) }),
    ...(f.suppressions !== undefined && { suppressions: f.suppressions.map((x) => suppressionJson(x, show)) }),
  };
}

function positionJson(p: SourcePosition, show: Show): JsonPosition {
  return { file: show(p.file), line: p.line, column: p.column };
}

/**
 * Evidence at the same place is written once, its notes as a template; the same note on several
 * lines once, with its `lines` (shared-evidence.ts).
 */
function evidenceListJson(evidence: Evidence[], show: Show): JsonEvidence[] {
  return groupSharedEvidence(evidence).map(({ evidence: e, shared, lines }) => {
    // Built with its keys in order rather than spread from parts: 40,000 entries in a claim.
    const entry = evidenceJson(e, show);
    if (shared !== undefined) entry.shared = shared;
    if (lines !== undefined) entry.lines = lines;
    return entry;
  });
}

function evidenceJson(e: Evidence, show: Show): JsonEvidence {
  const entry: JsonEvidence = { file: show(e.file), line: e.line, column: e.column, note: e.note };
  if (e.default !== undefined) entry.default = { software: e.default.software, release: e.default.release, source: e.default.source };
  return entry;
}
