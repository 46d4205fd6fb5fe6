/** Exit codes of DESIGN.md ("Command line"). */
export const EXIT_OK = 0;
/** Error findings, or more warnings than --max-warnings. */
export const EXIT_FINDINGS = 1;
/** The tool could not do its job: bad arguments, invalid configuration, missing path, crash. */
export const EXIT_USAGE = 2;

export interface ExitDecision {
  code: typeof EXIT_OK | typeof EXIT_FINDINGS;
  /** Set when the warnings exceed --max-warnings: what to tell the user. */
  tooManyWarnings?: string;
}

/**
 * The exit code of a completed lint from the counts that were reported (after --quiet).
 * `maxWarnings` undefined means any number of warnings is accepted.
 */
export function decideExitCode(
  summary: { errors: number; warnings: number },
  maxWarnings: number | undefined,
): ExitDecision {
  const tooMany = maxWarnings !== undefined && summary.warnings > maxWarnings;
  const code = summary.errors > 0 || tooMany ? EXIT_FINDINGS : EXIT_OK;
  return tooMany ? { code, tooManyWarnings: `too many warnings (${summary.warnings}, max ${maxWarnings})` } : { code };
}
