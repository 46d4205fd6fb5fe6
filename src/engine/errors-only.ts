import type { LintResult } from './types.js';

/**
 * The result as --quiet reports it: error findings only, and the summary's warning and info
 * counts zeroed to match. Claims are left as they are: verdicts are not findings.
 */
export function errorsOnly(result: LintResult): LintResult {
  const suppressed = result.suppressed?.filter((f) => f.severity === 'error');
  return {
    ...result,
    findings: result.findings.filter((f) => f.severity === 'error'),
    ...(suppressed !== undefined && { suppressed }),
    summary: { ...result.summary, warnings: 0, infos: 0, ...(suppressed !== undefined && { suppressed: suppressed.length }) },
  };
}
