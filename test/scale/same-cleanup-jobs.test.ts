/**
 * Thousands of jobs run a few distinct cleanup commands: each distinct command text is recognised
 * once per run (counted as calls of recogniseFind, not as time), and each job's action is still
 * placed at its own line and column.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { RootFiles } from '../../src/files/root-files.js';
import { readScheduledJobs } from '../../src/software/scheduled-jobs/read-scheduled-jobs.js';
import { cronFlavour } from '../../src/software/scheduled-jobs/cron-flavour.js';

const calls = vi.hoisted(() => ({ find: 0 }));
vi.mock('../../src/software/scheduled-jobs/recognise-find.js', async (original) => {
  const actual = await original<typeof import('../../src/software/scheduled-jobs/recognise-find.js')>();
  return {
    ...actual,
    recogniseFind: (...args: Parameters<typeof actual.recogniseFind>) => {
      calls.find += 1;
      return actual.recogniseFind(...args);
    },
  };
});

const LINES = 500;
const work = mkdtempSync(path.join(tmpdir(), 'privacy-lint-same-cleanup-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe(`${LINES} cron lines running one find cleanup, and one other`, () => {
  it('recognises each distinct command once and places every action at its own line', () => {
    mkdirSync(path.join(work, 'etc/cron.d'), { recursive: true });
    // Different schedules, the same command: `find` starts at column 16 ("M H * * * root " is 15 characters).
    const lines = Array.from({ length: LINES }, (_, i) => `${i % 6} ${i % 3} * * * root find /srv/tmp -mtime +3 -delete`);
    lines.push('0 5 * * * root find /srv/uploads -mtime +7 -delete');
    writeFileSync(path.join(work, 'etc/cron.d/cleanup'), `${lines.join('\n')}\n`);
    calls.find = 0;
    const { jobs } = readScheduledJobs(new RootFiles(work), cronFlavour('debian'));
    expect(calls.find).toBe(2);
    expect(jobs).toHaveLength(LINES + 1);
    for (const [i, job] of jobs.entries()) {
      expect(job.actions).toHaveLength(1);
      expect(job.actions[0]).toMatchObject({ kind: 'delete-files-older-than', at: { file: path.join(work, 'etc/cron.d/cleanup'), line: i + 1, column: 16 } });
    }
    // -mtime +3: 3 whole days, and +7: 7 (find(1)).
    expect(jobs[0]?.actions[0]).toMatchObject({ directory: '/srv/tmp', olderThan: 3 * 86_400 });
    expect(jobs[LINES]?.actions[0]).toMatchObject({ directory: '/srv/uploads', olderThan: 7 * 86_400 });
  });
});
