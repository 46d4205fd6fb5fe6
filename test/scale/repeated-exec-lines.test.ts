/**
 * A service with thousands of identical `ExecStart=` lines (a fuzzer's repeat-line input on the
 * demo's borgmatic.service). systemd runs each line of a oneshot service in turn (systemd.service(5),
 * ExecStart=), so the same backup runs 3,000 times: what it backs up, and how, is unchanged.
 * A crash test, not a timed one: each line is a job, and the unit's conditions were read again
 * and the borgmatic runs copied for every one of them (minutes under load).
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import type { LintResult } from '../../src/engine/types.js';

const demo = path.resolve('fixtures/demo');
const COPIES = 3_000;
let work: string;
let once: LintResult;
let repeated: LintResult;

const verdicts = (r: LintResult): string[] => r.claims.map((c) => `${c.claim}: ${c.verdict}`);

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'privacy-lint-exec-lines-'));
  await cp(demo, work, { recursive: true });
  const unit = path.join(work, 'etc/systemd/system/borgmatic.service');
  const lines = (await readFile(unit, 'utf8')).split('\n');
  const exec = lines.findIndex((l) => l.startsWith('ExecStart='));
  lines.splice(exec, 0, ...Array.from({ length: COPIES - 1 }, () => lines[exec] ?? ''));
  await writeFile(unit, lines.join('\n'));
  const options = (root: string) => ({ cwd: root, root, paths: [], ruleOverrides: [], configFile: path.join(root, 'privacy-lint.config.yaml') });
  once = await lint(options(demo));
  repeated = await lint(options(work));
}, 600_000);
afterAll(() => rm(work, { recursive: true, force: true }));

describe(`the demo with ${COPIES.toLocaleString('en-US')} identical ExecStart= lines in borgmatic.service`, () => {
  it('reads every line as a run of the same backup', () => {
    expect(repeated.claims.length).toBeGreaterThan(0);
    const backups = repeated.claims.filter((c) => c.claim.startsWith('backups.'));
    expect(backups.length).toBeGreaterThan(0);
  });

  it('gives every claim the verdict the demo gets with one line', () => {
    expect(verdicts(repeated)).toEqual(verdicts(once));
  });
});
