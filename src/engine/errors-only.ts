import type { LintResult } from './types.js';

/**
 * The result as --quiet reports it: error findings only, and the summary's warning and info
 * counts zeroed to match. Claims are left as they are: verdicts are not findings.
 */
export function errorsOnly(result: LintResult): LintResult {
  return {
    ...result,
    findings: result.findings.filter((f) => f.severity === 'error'),
    summary: { ...result.summary, warnings: 0, infos: 0 },
  };
}
