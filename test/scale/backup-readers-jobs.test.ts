/**
 * The backup readers work once per distinct command text, not once per job: K cron.d files
 * running `find ... -delete` (a handful of distinct lines) and K timers running one borg script
 * (bench/run.js row (d), issue 14 item 4). Nine readers each went through all 2K jobs, split
 * each job's line into commands and positioned it, and the script readers did the same for the
 * script of every timer. Counted as calls that split or position a shell text (splitShell,
 * locatorFrom) while the backup readers run, and as the unit files asked of the file layer
 * (RootFiles.loadHost: each service's unit was asked for its environment for every borg command
 * and again for its conditions), never as time.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RootFiles } from '../../src/files/root-files.js';
import type { BackupPractice } from '../../src/inventory/practice.js';
import type { SoftwareReading } from '../../src/inventory/log-retention.js';
import { readBorgResticBackups } from '../../src/software/backups/readers-borg-restic.js';
import { readScriptBackups } from '../../src/software/backups/readers-scripts.js';
import { readScheduledJobs } from '../../src/software/scheduled-jobs/read-scheduled-jobs.js';

const calls = vi.hoisted(() => ({ split: 0, locate: 0 }));
vi.mock('../../src/software/scheduled-jobs/shell-words.js', async (original) => {
  const actual = await original<typeof import('../../src/software/scheduled-jobs/shell-words.js')>();
  return {
    ...actual,
    splitShell: (...args: Parameters<typeof actual.splitShell>) => {
      calls.split++;
      return actual.splitShell(...args);
    },
  };
});
vi.mock('../../src/software/scheduled-jobs/recognise-cleanup.js', async (original) => {
  const actual = await original<typeof import('../../src/software/scheduled-jobs/recognise-cleanup.js')>();
  return {
    ...actual,
    locatorFrom: (...args: Parameters<typeof actual.locatorFrom>) => {
      calls.locate++;
      return actual.locatorFrom(...args);
    },
  };
});

const K = 400;
let work: string;
let root: string;
let readings: SoftwareReading[];
let unitLoads = 0;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'privacy-lint-backup-readers-'));
  root = path.join(work, 'root');
  for (const dir of ['etc/cron.d', 'etc/systemd/system/timers.target.wants', 'usr/local/bin']) await mkdir(path.join(root, dir), { recursive: true });
  await writeFile(path.join(root, 'usr/local/bin/backup.sh'), '#!/bin/sh\nexport BORG_REPO=/srv/borg\nborg create ::x /etc\n');
  for (let i = 0; i < K; i++) {
    // Five distinct lines among K files (the -mtime day varies), as on the bench tree.
    await writeFile(path.join(root, `etc/cron.d/job${i}`), `${i % 60} 3 * * * root find /srv/uploads -mtime +${(i % 5) + 1} -delete\n`);
    await writeFile(path.join(root, `etc/systemd/system/b${i}.service`), '[Service]\nExecStart=/usr/local/bin/backup.sh\n');
    await writeFile(path.join(root, `etc/systemd/system/b${i}.timer`), `[Timer]\nOnCalendar=*-*-* ${String(i % 24).padStart(2, '0')}:00:00\n`);
    // Enabled: a link in timers.target.wants (an empty file stands for it, as in bench/run.js).
    await writeFile(path.join(root, `etc/systemd/system/timers.target.wants/b${i}.timer`), '');
  }
  const files = new RootFiles(root);
  const { jobs } = readScheduledJobs(files);
  expect(jobs.length).toBe(2 * K);
  calls.split = 0;
  calls.locate = 0;
  const loadHost = vi.spyOn(files, 'loadHost');
  readings = [readBorgResticBackups(files, jobs), readScriptBackups(files, jobs)];
  unitLoads = loadHost.mock.calls.filter(([file]) => file.endsWith('.service')).length;
}, 600_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe(`${K} cron.d cleanups and ${K} timers running one borg script, read by the backup readers`, () => {
  it('splits and positions each distinct text a few times, not once per job and reader', () => {
    // Six distinct texts (five find lines and the timers' command) and one script: the two
    // reader families split each once, and position only what runs a backup tool.
    expect(calls.split).toBeLessThan(30);
    expect(calls.locate).toBeLessThan(30);
  });

  it('asks the file layer for each service unit once, for its environment and its conditions together', () => {
    expect(unitLoads).toBe(K);
  });

  it('still finds the one borg backup, at its line of backup.sh, run daily', () => {
    const practices = readings.flatMap((r) => r.practices) as BackupPractice[];
    expect(practices.map((p) => [p.tool, p.subject.name, `${path.relative(root, p.evidence[0]?.file ?? '')}:${p.evidence[0]?.line ?? 0}`])).toEqual([
      ['borg', '/srv/borg', 'usr/local/bin/backup.sh:3'],
    ]);
    // Each timer fires once a day (OnCalendar=*-*-* HH:00:00, systemd.time(7)): 86,400 s apart.
    expect(practices[0]?.interval).toMatchObject({ bound: 'time', nominal: 86_400 });
  });
});
