import type { ChalkInstance } from 'chalk';
import type { LintResult } from '../engine/types.js';

/** What a reporter needs besides the result: where paths are shown from, how to colour, the CI environment. */
export interface ReportContext {
  /** Directory that report paths are made relative to (the user's current directory). */
  cwd: string;
  /** Colour functions; level 0 when colour is off, so reporters never test for it themselves. */
  chalk: ChalkInstance;
  /** The environment, for CI variables such as GITHUB_WORKSPACE; reporters never read process.env. */
  env: Record<string, string | undefined>;
}

/**
 * A reporter turns a lint result into the text written to stdout or --output-file. Custom
 * reporters (`-f ./my-reporter.js`) default-export this shape, and may return a promise.
 */
export type Reporter = (result: LintResult, context: ReportContext) => string | Promise<string>;
