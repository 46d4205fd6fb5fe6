import type { LintOptions } from './lint-options.js';
import type { LintResult } from './types.js';

/**
 * The whole pipeline: load config and policy, discover and read sources, interpret them into an
 * inventory, run the rules, and compute verdicts. Throws UsageError for exit-code-2 problems.
 */
export async function lint(options: LintOptions): Promise<LintResult> {
  throw new Error(`lint is not implemented yet (${options.root})`);
}
