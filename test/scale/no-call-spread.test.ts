import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/lint-fixture.js';

// Spreading an array into a call passes every element as an argument: past roughly 100,000
// elements (a config with that many hosts) V8 throws "Maximum call stack size exceeded".
// src/arrays/ has the loops to use instead (appendAll, maxOf, minOf).
const CALL_SPREAD = /\b(?:push|unshift|max|min|fromCharCode|fromCodePoint|apply)\(\s*\.\.\./;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('no array is spread into a call', () => {
  it('finds no push(...x), Math.max(...x) or String.fromCharCode(...x) in src/ and rules/', () => {
    const offending = ['src', 'rules'].flatMap((dir) =>
      sourceFiles(path.join(repoRoot, dir)).flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .flatMap((line, i) => (CALL_SPREAD.test(line) && !line.trimStart().startsWith('*') && !line.trimStart().startsWith('//') ? [`${path.relative(repoRoot, file)}:${i + 1}: ${line.trim()}`] : [])),
      ),
    );
    expect(offending).toEqual([]);
  });

  it('the pattern catches the shapes it is meant to catch', () => {
    expect(CALL_SPREAD.test('inventory.practices.push(...reading.practices);')).toBe(true);
    expect(CALL_SPREAD.test('const m = Math.max(...spans);')).toBe(true);
    expect(CALL_SPREAD.test('String.fromCharCode(...bytes)')).toBe(true);
    expect(CALL_SPREAD.test('const all = [first, ...rest];')).toBe(false);
  });
});
