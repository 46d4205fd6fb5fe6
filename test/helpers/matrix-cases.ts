import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import type { LintResult } from '../../src/engine/types.js';
import { claimOf, findingsOf, placeOf, repoRoot } from './lint-fixture.js';
import { locateInFile } from './locate-in-file.js';
import type { Cell } from './matrix.js';

/**
 * Where a case runs: by default the cell's own tree with its privacy-lint.config.yaml; `tree`
 * reuses another fixture (under fixtures/), `config` replaces its configuration (YAML text).
 */
export interface On {
  tree?: string;
  config?: string;
}

/** Lints a cell's tree with its configuration, optionally plus `strictRetention: true`. */
async function lintCell(c: Cell, on: On, strict = false): Promise<LintResult> {
  const root = path.join(repoRoot, 'fixtures', on.tree ?? c.fixture);
  let configFile = path.join(root, 'privacy-lint.config.yaml');
  if (strict || on.config !== undefined) {
    const text = on.config ?? readFileSync(configFile, 'utf8');
    configFile = path.join(mkdtempSync(path.join(tmpdir(), 'privacy-lint-matrix-')), 'privacy-lint.config.yaml');
    writeFileSync(configFile, strict ? `${text}\nstrictRetention: true\n` : text);
  }
  return lint({ cwd: repoRoot, root, paths: [], configFile, ruleOverrides: [] });
}

/** Where the finding must be: the first occurrence of `needle` in `file` (relative to the fixture root). */
export interface At {
  file: string;
  needle: string;
  comment?: string;
}

function expected(c: Cell, on: On, at: At): string {
  const pos = locateInFile(path.join(repoRoot, 'fixtures', on.tree ?? c.fixture, at.file), at.needle, at.comment ?? '#');
  return `${at.file}:${pos.line}:${pos.column}`;
}

const ofRule = (result: LintResult, c: Cell): string[] =>
  findingsOf(result, c.rule).map((f) => `${f.severity} ${placeOf(result, f)} ${f.message}`);

/** compliant: the claim is verified (not merely not-applicable) and the rule reports nothing. */
export function verifies(c: Cell, claim: string, what: string, on: On = {}): void {
  it(`${c} ${what}`, async () => {
    const result = await lintCell(c, on);
    expect(claimOf(result, claim).verdict).toBe('verified');
    expect(ofRule(result, c)).toEqual([]);
  });
}

/** violating: the claim is violated, with one error of the rule at `at` whose message contains `says`. */
export function violates(c: Cell, claim: string, what: string, at: At, says: string, on: On = {}): void {
  it(`${c} ${what}`, async () => {
    const result = await lintCell(c, on);
    expect(claimOf(result, claim).verdict).toBe('violated');
    const errors = findingsOf(result, c.rule).filter((f) => f.severity === 'error');
    expect(errors.map((f) => placeOf(result, f))).toContain(expected(c, on, at));
    expect(errors.find((f) => placeOf(result, f) === expected(c, on, at))!.message).toContain(says);
  });
}

/**
 * worst-case: the nominal figure keeps the claim, so it is verified with a warning at `at` that
 * says how the worst case arises; under strictRetention the same place is an error and the claim
 * is violated (POLICY.md, Verdicts).
 */
export function worstCase(c: Cell, claim: string, what: string, at: At, says: string, on: On = {}): void {
  it(`${c} ${what}`, async () => {
    const result = await lintCell(c, on);
    expect(claimOf(result, claim).verdict).toBe('verified');
    const warnings = findingsOf(result, c.rule).filter((f) => placeOf(result, f) === expected(c, on, at));
    // One warning per log the place covers (a logrotate block may cover several).
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.every((f) => f.severity === 'warning' && f.message.includes(says))).toBe(true);
    const strict = await lintCell(c, on, true);
    expect(claimOf(strict, claim).verdict).toBe('violated');
    const errors = findingsOf(strict, c.rule).filter((f) => placeOf(strict, f) === expected(c, on, at));
    expect(errors.length).toBe(warnings.length);
    expect(errors.every((f) => f.severity === 'error')).toBe(true);
  });
}
