/**
 * How often a borg prune or restic forget runs is weighed once per repository, not once for every
 * backup to it: a crontab of K backup lines and K prune (or forget) lines to one repository made
 * each of the K backups look again at the K prune jobs (K × K jobs weighed: 5.7 million for the
 * 10,000-job crontab of bench/BASELINE.md ("10,000 scheduled jobs")). Counted here as the calls that check whether a
 * job runs at all (failedCondition, asked once for every job whose schedule is weighed), not as
 * time.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import type { LintResult } from '../../src/engine/types.js';
import { claimOf } from '../helpers/lint-fixture.js';

const weighed = vi.hoisted(() => ({ jobs: 0 }));
vi.mock('../../src/software/backups/borg/tool-invocations.js', async (original) => {
  const actual = await original<typeof import('../../src/software/backups/borg/tool-invocations.js')>();
  return {
    ...actual,
    failedCondition: (...args: Parameters<typeof actual.failedCondition>) => {
      weighed.jobs++;
      return actual.failedCondition(...args);
    },
  };
});

const K = 300;
const work: string[] = [];
afterAll(() => Promise.all(work.map((w) => rm(w, { recursive: true, force: true }))));
beforeEach(() => {
  weighed.jobs = 0;
});

/** A crontab whose K backup lines come first, then K prune or forget lines, each at its own minute. */
async function lintCrontab(backup: string, prune: string[]): Promise<LintResult> {
  const root = await mkdtemp(path.join(tmpdir(), 'privacy-lint-repository-runs-'));
  work.push(root);
  await mkdir(path.join(root, 'etc'), { recursive: true });
  const lines = [
    ...Array.from({ length: K }, (_, i) => `${i % 60} 1 * * * root ${backup}`),
    ...prune.flatMap((command) => Array.from({ length: K }, (_, i) => `${i % 60} 2 * * * root ${command}`)),
  ];
  await writeFile(path.join(root, 'etc/crontab'), `${lines.join('\n')}\n`);
  await writeFile(path.join(root, 'policy.yaml'), 'policy:\n  backups:\n    retention: 30d\n');
  return lint({ cwd: root, root, paths: [], ruleOverrides: [], configFile: path.join(root, 'policy.yaml') });
}

describe(`${K} backup lines and ${K} prune lines to one repository in /etc/crontab`, () => {
  it('restic: each backup job is weighed once for its own schedule, each forget job once for the repository', async () => {
    const result = await lintCrontab('restic -r /srv/restic backup /etc', ['restic -r /srv/restic forget --keep-daily 7 --prune']);
    // K backups, each its own line and so its own backup; the K forget jobs once: 2K, not K + K × K.
    expect(weighed.jobs).toBe(2 * K);
    expect(claimOf(result, 'backups.retention').verdict).not.toBe('unverified');
  });

  it('borg: each create job is weighed once for its own schedule, each prune job once for the repository', async () => {
    const result = await lintCrontab('borg create /srv/borg::x /etc', ['borg prune --keep-daily 7 /srv/borg', 'borg compact /srv/borg']);
    expect(weighed.jobs).toBe(2 * K);
    expect(claimOf(result, 'backups.retention').verdict).not.toBe('unverified');
  });
});
