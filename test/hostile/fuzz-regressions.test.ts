/**
 * Every case the fuzzer saved (fixtures/fuzz/<kind>-<hash>/, see docs/fuzzing.md) runs through
 * the whole pipeline with the same checks the fuzzer applies: no throw, every finding positioned,
 * reporters that write what their format allows. A hang shows as vitest's timeout.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkInput } from '../../scripts/fuzz/check-input.js';
import { repoRoot } from '../helpers/lint-fixture.js';

const saved = path.join(repoRoot, 'fixtures', 'fuzz');
const cases = existsSync(saved) ? readdirSync(saved).filter((name) => existsSync(path.join(saved, name, 'fuzz-case.json'))) : [];

describe('fuzz regressions', () => {
  it('has saved cases to run', () => {
    expect(cases.length).toBeGreaterThan(0);
  });
  for (const name of cases) {
    const about = JSON.parse(readFileSync(path.join(saved, name, 'fuzz-case.json'), 'utf8')) as { problem: string; file: string };
    it(`${name}: ${about.file} (${about.problem.slice(0, 80)})`, // A case must end, not be fast: some still take a minute on a loaded machine (see docs/fuzzing.md).
    { timeout: 600_000 }, async () => {
      expect(await checkInput(path.join(saved, name))).toBeUndefined();
    });
  }
});
