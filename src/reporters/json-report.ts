import type { ClaimName, Severity } from '../config/types.js';
import type { CategoryName } from '../engine/categories.js';
import type { LintResult, Verdict } from '../engine/types.js';
import type { TextEdit } from '../inventory/edit.js';
import type { DefaultOrigin, SourcePosition } from '../inventory/evidence.js';
import type { SourceFile } from '../inventory/inventory.js';
import type { TimeFigure } from '../inventory/retention.js';
import type { SharedEvidence } from './shared-evidence.js';
import type { PracticeSubject } from '../inventory/practice.js';

/**
 * The JSON report (`--format json`) as written by json.ts: DESIGN.md's "JSON report" contract and
 * the additive keys of docs/json-report.md. File paths are as displayed (relative to the current
 * directory when under it). For programs that read the report back, the tests among them.
 */
export interface JsonReport {
  version: 1;
  tool: { name: string; version: string };
  root: string;
  policy: { source: string; defaultProfile: boolean };
  sources: { file: string; kind: SourceFile['kind']; status: SourceFile['status'] }[];
  claims: JsonClaim[];
  findings: JsonFinding[];
  suppressed?: JsonFinding[];
  categories?: JsonCategory[];
  /** The result's own summary, written as it is. */
  summary: LintResult['summary'];
}

export type JsonPosition = SourcePosition;

export interface JsonEvidence extends JsonPosition {
  note: string;
  default?: DefaultOrigin;
  /** Present when several notes were written at this place. */
  shared?: SharedEvidence['shared'];
  /** Present when the same note was written on several lines of the file: every one of them. */
  lines?: number[];
}

export interface JsonSuppression extends JsonPosition {
  kind: 'inSource' | 'external';
  justification: string;
}

export interface JsonClaim {
  claim: ClaimName;
  declared: string;
  declaredAt: JsonPosition;
  verdict: Verdict;
  observed: string;
  evidence: JsonEvidence[];
  suppressions?: JsonSuppression[];
}

export interface JsonFinding extends JsonPosition {
  ruleId: string;
  claim?: ClaimName;
  severity: Severity;
  message: string;
  hosts?: string[];
  suggestion?: string;
  fix?: TextEdit;
  evidence?: JsonEvidence[];
  suppressions?: JsonSuppression[];
}

/** A duration; JSON has no Infinity, so `forever` is `seconds: null, forever: true`. */
export interface JsonSpan {
  seconds: number | null;
  text: string;
  forever?: true;
}

export interface JsonCategory {
  category: CategoryName;
  claims: JsonCategoryClaim[];
}

export interface JsonCategoryClaim {
  claim: ClaimName;
  measure: 'retention' | 'interval';
  places: number;
  declared?: JsonSpan & JsonPosition;
  longest?: JsonCategoryFigure;
}

export interface JsonCategoryFigure {
  label: string;
  subject: Pick<PracticeSubject, 'software' | 'kind' | 'name'>;
  bound: TimeFigure['bound'];
  description: string;
  /** With `bound: 'time'`. */
  nominal?: JsonSpan;
  worstCase?: JsonSpan & { unknown?: true; reason?: string };
  /** With `bound` other than `time`: why there is no time bound. */
  reason?: string;
  uncertain?: string;
  evidence: JsonEvidence[];
}
