import type { Finding, LintResult, Suppression } from '../engine/types.js';

/**
 * Why a finding was accepted rather than fixed: a privacy-lint-disable comment (`inSource`) or a
 * baseline entry (`external`), in SARIF 2.1.0's words (§3.35.2). The engine keeps such findings
 * apart from those that count, in `suppressed`; reporters that show them (SARIF) read them here.
 */
export type FindingSuppression = Suppression;

export type SuppressedFinding = Finding & { suppressions?: Suppression[] };

/** The suppressed findings of a result, none when the engine recorded none. */
export function suppressedFindings(result: LintResult): SuppressedFinding[] {
  return result.suppressed ?? [];
}
