import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './lint-fixture.js';
import { filesMissing, findProgram, programsMissing } from './require-program.js';

/**
 * The guard every oracle test uses: a real test file (the systemd-analyze calendar oracle) run
 * by vitest with an empty PATH, so its program cannot be found, must fail under CI=true and be
 * skipped with the reason otherwise.
 */
const ORACLE_TEST = 'test/software/scheduled-jobs/systemd-calendar-oracle.test.ts';
/** Starting a second vitest takes seconds on a loaded machine: a bound, not a measured time. */
const VITEST_RUN_BOUND_MS = 120_000;

function runWithoutPath(ci: boolean): { status: number | null; output: string } {
  const env: Record<string, string> = { PATH: '', HOME: process.env['HOME'] ?? '/tmp', NO_COLOR: '1' };
  if (ci) env['CI'] = 'true';
  const run = spawnSync(process.execPath, [join(repoRoot, 'node_modules/vitest/vitest.mjs'), 'run', ORACLE_TEST], { cwd: repoRoot, env, encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('requireOracle', () => {
  it('finds programs on PATH, and says which are missing', () => {
    expect(findProgram(process.execPath)).toBe(process.execPath);
    expect(programsMissing('privacy-lint-no-such-program', 'also-absent')).toBe('privacy-lint-no-such-program, also-absent not found on PATH');
    expect(filesMissing('/nonexistent/a.conf')).toBe('/nonexistent/a.conf is absent');
  });

  it('fails an oracle test under CI=true when its program is not on PATH', () => {
    const run = runWithoutPath(true);
    expect(run.status, run.output).toBe(1);
    expect(run.output).toContain('systemd-analyze not found on PATH (Debian: apt-get install systemd): under CI=true a missing oracle fails instead of skipping');
    expect(run.output).toMatch(/Tests\s+1 failed \(1\)/);
  }, VITEST_RUN_BOUND_MS);

  it('skips it with the reason when CI is not set', () => {
    const run = runWithoutPath(false);
    expect(run.status, run.output).toBe(0);
    expect(run.output).toMatch(/Tests\s+1 skipped \(1\)/);
  }, VITEST_RUN_BOUND_MS);
});
