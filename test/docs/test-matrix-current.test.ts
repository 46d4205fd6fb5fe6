import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { declaredCells, withMatrix } from '../../scripts/test-matrix/table.js';
import { repoRoot } from '../helpers/lint-fixture.js';

describe("the README's rule × software test matrix", () => {
  it('names only known software, rules and kinds, and no cell marked impossible', () => {
    expect(declaredCells(repoRoot).errors).toEqual([]);
  });

  it('is current (run `npm run docs` if not)', () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    expect(readme).toBe(withMatrix(readme, repoRoot));
  });
});
