/**
 * Issue 14's "work proportional to the input, never to its repetitions" for scheduled jobs: 400
 * identical cron lines, 1,000 `OnCalendar=daily` timers and one unit with 2,000 `ExecStart=`
 * lines (these took 10-22 s, 23 s and 19 s: a 400-year calendar walk per job, the unit re-read
 * once per line). A crash test, not a timed one: it asserts what the report shows.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import type { LintResult } from '../../src/engine/types.js';
import { claimOf } from '../helpers/lint-fixture.js';

// Each OnCalendar= text the run evaluates, in order (the calendar reader, wrapped).
const calendars = vi.hoisted(() => ({ read: [] as string[] }));
vi.mock('../../src/software/scheduled-jobs/systemd-time.js', async (original) => {
  const actual = await original<typeof import('../../src/software/scheduled-jobs/systemd-time.js')>();
  return {
    ...actual,
    readCalendar: (text: string) => {
      calendars.read.push(text);
      return actual.readCalendar(text);
    },
  };
});

const TIMERS = 1_000;
const EXEC_LINES = 2_000;
let work: string;
let root: string;
let result: LintResult;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'privacy-lint-repeated-jobs-'));
  root = path.join(work, 'root');
  const units = path.join(root, 'etc/systemd/system');
  await mkdir(path.join(units, 'timers.target.wants'), { recursive: true });
  await mkdir(path.join(root, 'etc/cron.d'), { recursive: true });
  await writeFile(path.join(root, 'etc/cron.d/cleanup'), '15 3 * * * root find /srv/tmp -mtime +40 -delete\n'.repeat(400));
  const writes: Promise<void>[] = [];
  for (let i = 0; i < TIMERS; i++) {
    writes.push(writeFile(path.join(units, `t${i}.timer`), '[Timer]\nOnCalendar=daily\n'));
    writes.push(writeFile(path.join(units, `t${i}.service`), '[Service]\nExecStart=/bin/true\n'));
    writes.push(symlink(`/etc/systemd/system/t${i}.timer`, path.join(units, `timers.target.wants/t${i}.timer`)));
  }
  // Lines 3 to 2,002 each run borg: the unit is read and parsed once, each line is a job.
  writes.push(writeFile(path.join(units, 'backup.service'), `[Service]\nType=oneshot\n${'ExecStart=/usr/bin/borg create /srv/borg::x /etc\n'.repeat(EXEC_LINES)}`));
  writes.push(writeFile(path.join(units, 'backup.timer'), '[Timer]\nOnCalendar=hourly\n'));
  writes.push(symlink('/etc/systemd/system/backup.timer', path.join(units, 'timers.target.wants/backup.timer')));
  await Promise.all(writes);
  await writeFile(path.join(work, 'policy.yaml'), 'policy:\n  backups:\n    encrypted: true\n    interval: 2h\n');
  result = await lint({ cwd: work, root, paths: [], configFile: path.join(work, 'policy.yaml'), ruleOverrides: [] });
}, 600_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('scheduled jobs repeated thousands of times', () => {
  it('reads the crontab once and each unit once: one timer and one service per job, and the backup unit', () => {
    const count = (kind: string) => result.sources.filter((s) => s.kind === kind && s.status === 'ok').length;
    expect(count('cron')).toBe(1);
    // 1,000 timers with their services, plus backup.timer and backup.service.
    expect(count('systemd')).toBe(2 * TIMERS + 2);
  });

  it('judges every ExecStart= line of the unit, each at its own line', () => {
    const lines = result.findings.filter((f) => f.ruleId === 'backup-encryption').map((f) => `${path.relative(root, f.file)}:${f.line}:${f.column}`);
    expect(lines).toHaveLength(EXEC_LINES);
    // "ExecStart=" is 10 characters: the command starts at column 11.
    expect(lines[0]).toBe('etc/systemd/system/backup.service:3:11');
    expect(lines[EXEC_LINES - 1]).toBe(`etc/systemd/system/backup.service:${EXEC_LINES + 2}:11`);
  });

  it('works out each timer schedule once per distinct setting: daily for the 1,000 timers, hourly for the backup', () => {
    expect([...calendars.read].sort()).toEqual(['daily', 'hourly']);
  });

  it('takes the interval from the hourly timer: at most 1h apart (plus the 1min default AccuracySec=), within the 2h promised', () => {
    expect(claimOf(result, 'backups.interval').verdict).toBe('verified');
  });
});
