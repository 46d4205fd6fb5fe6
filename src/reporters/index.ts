import { UsageError } from '../config/types.js';
import { formatJson } from './json.js';
import type { Reporter } from './report-context.js';
import { formatStylish } from './stylish.js';

export type { Reporter, ReportContext } from './report-context.js';

/** Reporters by `--format` name; sarif, junit and github join here as they are written. */
const reporters = new Map<string, Reporter>([
  ['stylish', formatStylish],
  ['json', formatJson],
]);

export const reporterNames: readonly string[] = [...reporters.keys()];

/** The reporter for a `--format` value; an unknown name is a usage error (exit 2). */
export function getReporter(name: string): Reporter {
  const reporter = reporters.get(name);
  if (reporter === undefined) {
    throw new UsageError(`unknown format "${name}"; available formats: ${reporterNames.join(', ')}`);
  }
  return reporter;
}
