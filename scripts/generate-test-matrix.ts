/** Rewrites the README's test-matrix table from the cell() calls in test/ (see test-matrix/table.ts). */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { declaredCells, withMatrix } from './test-matrix/table.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { errors } = declaredCells(repo);
if (errors.length > 0) {
  console.error(errors.join('\n'));
  process.exit(1);
}
const readme = path.join(repo, 'README.md');
writeFileSync(readme, withMatrix(readFileSync(readme, 'utf8'), repo));
console.log('wrote the test matrix in README.md');
