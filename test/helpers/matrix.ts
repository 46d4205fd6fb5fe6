import type { Kind, MatrixRule, Software } from '../../scripts/test-matrix/axes.js';

/**
 * Declares that a test proves one cell of the README's rule × software matrix, and names the
 * test after it. Call it with string literals: scripts/test-matrix/table.ts finds the cells by
 * scanning the test files for `cell('software', 'rule', 'kind')`.
 */
export function cell(software: Software, rule: MatrixRule, kind: Kind): string {
  return `[${software} × ${rule}: ${kind}]`;
}
