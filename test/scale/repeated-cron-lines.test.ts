/**
 * A cron.d file whose rsnapshot line is repeated 5,000 times (a fuzzer's repeat-line input).
 * cron runs each line (crontab(5)), so the same snapshot level runs 5,000 times at the same
 * minute: what rsnapshot keeps, and how often, is unchanged. A crash test, not a timed one: the
 * runs of one level were copied into a new list at every line (quadratic; 20,000 lines took 11 s).
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import type { LintResult } from '../../src/engine/types.js';

const tree = path.resolve('fixtures/backups/rsnapshot/e9');
const COPIES = 5_000;
let work: string;
let once: LintResult;
let repeated: LintResult;

const verdicts = (r: LintResult): string[] => r.claims.map((c) => `${c.claim}: ${c.verdict} (${c.observed})`);

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'privacy-lint-cron-lines-'));
  await cp(tree, work, { recursive: true });
  const crontab = path.join(work, 'etc/cron.d/rsnapshot');
  const lines = (await readFile(crontab, 'utf8')).split('\n');
  const job = lines.findIndex((l) => l.includes('rsnapshot alpha'));
  lines.splice(job, 0, ...Array.from({ length: COPIES - 1 }, () => lines[job] ?? ''));
  await writeFile(crontab, lines.join('\n'));
  const policy = path.join(work, 'policy.yaml');
  await writeFile(policy, 'policy:\n  backups:\n    encrypted: true\n    retention: 7d\n    interval: 1d\n');
  const options = (root: string) => ({ cwd: root, root, paths: [], ruleOverrides: [], configFile: policy });
  once = await lint(options(tree));
  repeated = await lint(options(work));
}, 600_000);
afterAll(() => rm(work, { recursive: true, force: true }));

describe(`rsnapshot's alpha line repeated ${COPIES.toLocaleString('en-US')} times in cron.d`, () => {
  it('judges the backup claims', () => {
    expect(repeated.claims.filter((c) => c.claim.startsWith('backups.')).length).toBeGreaterThan(0);
  });

  it('gives every claim the verdict and figure of the file with one line', () => {
    expect(verdicts(repeated)).toEqual(verdicts(once));
  });
});
