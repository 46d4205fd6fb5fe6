import type { ChalkInstance } from 'chalk';
import type { LintResult } from '../engine/types.js';

/** What a reporter needs besides the result: where paths are shown from, and how to colour. */
export interface ReportContext {
  /** Directory that report paths are made relative to (the user's current directory). */
  cwd: string;
  /** Colour functions; level 0 when colour is off, so reporters never test for it themselves. */
  chalk: ChalkInstance;
}

/** A reporter turns a lint result into the text written to stdout or --output-file. */
export type Reporter = (result: LintResult, context: ReportContext) => string;
