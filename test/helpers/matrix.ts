import type { Kind, MatrixRule, Software } from '../../scripts/test-matrix/axes.js';

export interface Cell {
  software: Software;
  rule: MatrixRule;
  kind: Kind;
  /** The cell's own fixture tree, fixtures/matrix/<software>/<rule>/<kind> (for the matrix tests). */
  fixture: string;
  toString(): string;
}

/**
 * Declares that a test proves one cell of the README's rule × software matrix, and names the
 * test after it (`it(`${cell(...)} ...`)`). Call it with string literals:
 * scripts/test-matrix/table.ts finds the cells by scanning the test files for
 * `cell('software', 'rule', 'kind')`.
 */
export function cell(software: Software, rule: MatrixRule, kind: Kind): Cell {
  return {
    software, rule, kind,
    fixture: `matrix/${software}/${rule}/${kind}`,
    toString: () => `[${software} × ${rule}: ${kind}]`,
  };
}

/** The same cell, proven on the tree another rule's cell uses (one tree decides both claims). */
export function onTreeOf(c: Cell, rule: MatrixRule): Cell {
  return { ...c, fixture: `matrix/${c.software}/${rule}/${c.kind}` };
}
