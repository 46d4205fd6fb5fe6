import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCrontab } from '../../../src/formats/crontab/parse-crontab.js';
import type { ScheduledJob } from '../../../src/software/scheduled-jobs/job-model.js';
import { readScheduledJobs } from '../../../src/software/scheduled-jobs/read-scheduled-jobs.js';
import { recogniseCleanup } from '../../../src/software/scheduled-jobs/recognise-cleanup.js';
import { RootFiles } from '../../../src/files/root-files.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const root = join(repo, 'fixtures/jobs/debian-mixed');
const at = (path: string, line: number, column: number) => ({ file: join(root, path), line, column });
const DAY = 86400;

const result = readScheduledJobs(new RootFiles(root));
const jobsIn = (path: string): ScheduledJob[] => result.jobs.filter((j) => j.file === join(root, path));

// find -mtime +N states N days; find(1) (GNU findutils 4.9) deletes only at N+1 whole days: `rounding`.
describe('readScheduledJobs: cron', () => {
  it('reads /etc/crontab with its run-parts lines and no cleanup actions', () => {
    const jobs = jobsIn('etc/crontab');
    expect(jobs.map((j) => [j.origin, j.user, j.schedule.worstCaseInterval, j.runs])).toEqual([
      ['crontab', 'root', 3600, true],
      ['crontab', 'root', DAY, true],
      ['crontab', 'root', 7 * DAY, true],
      ['crontab', 'root', 31 * DAY, true],
    ]);
    expect(jobs.flatMap((j) => j.actions)).toEqual([]);
  });

  it('reads a cron.d file: actions, intervals, positions, @reboot, and goes on after a bad line', () => {
    const jobs = jobsIn('etc/cron.d/ejabberd-cleanup');
    expect(jobs.map((j) => [j.user, j.schedule.description, j.runs])).toEqual([
      ['ejabberd', 'daily at 03:17 (cron)', true],
      ['root', 'weekly on Sunday at 04:30 (cron)', true],
      ['root', '@weekly: weekly on Sunday at 00:00 (cron)', true],
      ['root', 'at boot only (@reboot, cron)', false],
      ['root', 'every 15 minutes (cron)', true],
    ]);
    expect(jobs[0]!.commandAt).toEqual(at('etc/cron.d/ejabberd-cleanup', 3, 25));
    expect(jobs[0]!.schedule).toMatchObject({ interval: DAY, worstCaseInterval: DAY, at: at('etc/cron.d/ejabberd-cleanup', 3, 1) });
    expect(jobs[0]!.actions).toEqual([
      { kind: 'ejabberd-delete-old-mam-messages', type: 'all', days: 30, batch: false, at: at('etc/cron.d/ejabberd-cleanup', 3, 25) },
    ]);
    expect(jobs[1]!.actions).toEqual([{ kind: 'ejabberd-delete-old-messages', days: 14, batch: false, at: at('etc/cron.d/ejabberd-cleanup', 4, 52) }]);
    expect(jobs[2]!.actions).toEqual([
      { kind: 'ejabberd-delete-old-users', days: 400, host: 'example.org', at: at('etc/cron.d/ejabberd-cleanup', 6, 46) },
    ]);
    expect(jobs[3]!.whyNotRuns).toBe('@reboot runs the command once at boot, not periodically');
    expect(jobs[4]!.actions).toEqual([
      { kind: 'delete-files-older-than', directory: '/var/lib/ejabberd/upload', olderThan: 6 * DAY, rounding: DAY, filters: ['-type f'], at: at('etc/cron.d/ejabberd-cleanup', 8, 25) },
    ]);
    expect(result.diagnostics).toContainEqual({
      code: 'parse-error',
      message: 'Invalid hour field "25": expected a number 0-23 (got 25)',
      position: at('etc/cron.d/ejabberd-cleanup', 5, 3),
    });
  });

  it('keeps the jobs of a dotted cron.d file as never run, with a warning; says nothing of an empty .placeholder', () => {
    const [job] = jobsIn('etc/cron.d/prune.conf');
    expect(job).toMatchObject({ runs: false, actions: [{ kind: 'delete-files-older-than', directory: '/var/log/ejabberd', olderThan: 13 * DAY, rounding: DAY }] });
    expect(job!.whyNotRuns).toContain('cron ignores /etc/cron.d/prune.conf');
    const warnings = result.diagnostics.filter((d) => d.code === 'config-warning').map((d) => d.position.file);
    expect(warnings).toContain(join(root, 'etc/cron.d/prune.conf'));
    expect(warnings.some((f) => f.endsWith('.placeholder'))).toBe(false);
    expect(jobsIn('etc/cron.d/.placeholder')).toEqual([]);
  });

  it('reads user crontabs without a user field; the user is the file name; % starts stdin', () => {
    const [job] = jobsIn('var/spool/cron/crontabs/ejabberd');
    expect(job).toMatchObject({ origin: 'user-crontab', user: 'ejabberd', command: 'ejabberdctl delete_old_push_sessions 30 ', runs: true });
    expect(job!.schedule.worstCaseInterval).toBe(3 * DAY); // weekdays only: Friday to Monday
    expect(job!.actions).toEqual([{ kind: 'ejabberd-delete-old-push-sessions', days: 30, at: at('var/spool/cron/crontabs/ejabberd', 2, 14) }]);
  });

  it('reads cron.daily scripts as whole commands; skips badly named and non-executable ones', () => {
    const [mam] = jobsIn('etc/cron.daily/ejabberd-mam');
    expect(mam).toMatchObject({ origin: 'cron-periodic', runs: true, schedule: { interval: DAY, worstCaseInterval: DAY } });
    expect(mam!.schedule.description).toBe('daily (run-parts /etc/cron.daily, started by /etc/crontab or anacron)');
    expect(mam!.actions).toEqual([
      { kind: 'ejabberd-delete-old-mam-messages', type: 'groupchat', days: 90, batch: false, at: at('etc/cron.daily/ejabberd-mam', 5, 23) },
    ]);
    const [dotted] = jobsIn('etc/cron.daily/prune-logs.sh');
    expect(dotted).toMatchObject({ runs: false, actions: [{ directory: '/var/log/nginx', olderThan: 30 * DAY, rounding: DAY, at: at('etc/cron.daily/prune-logs.sh', 2, 1) }] });
    const [notExecutable] = jobsIn('etc/cron.weekly/offline-purge');
    expect(notExecutable).toMatchObject({ runs: false, whyNotRuns: 'run-parts skips /etc/cron.weekly/offline-purge: it is not executable' });
    expect(result.diagnostics).toContainEqual({
      code: 'config-warning',
      message: 'run-parts ignores /etc/cron.daily/prune-logs.sh: names may only contain letters, digits, "_" and "-", so it never runs',
      position: at('etc/cron.daily/prune-logs.sh', 1, 1),
      suggestion: 'Rename it: mv /etc/cron.daily/prune-logs.sh /etc/cron.daily/prune-logs',
    });
  });

  it('never reads outside the root: a link climbing out resolves inside it', () => {
    expect(result.searched).toContain(join(root, 'etc/cron.d/escape'));
    expect(result.files).not.toContain(join(root, 'etc/cron.d/escape'));
    expect(result.files.every((f) => f.startsWith(root))).toBe(true);
  });
});

describe('readScheduledJobs: systemd timers', () => {
  it('pairs an enabled timer with its service: one job per ExecStart, jitter in the worst case', () => {
    const jobs = jobsIn('etc/systemd/system/mam-cleanup.service');
    expect(jobs).toHaveLength(2);
    expect(jobs[0]).toMatchObject({ origin: 'systemd-timer', user: 'ejabberd', runs: true });
    expect(jobs[0]!.schedule).toMatchObject({ interval: DAY, worstCaseInterval: DAY + 3600 + 60, at: at('etc/systemd/system/mam-cleanup.timer', 5, 12) });
    expect(jobs[0]!.commandAt).toEqual(at('etc/systemd/system/mam-cleanup.service', 7, 12));
    expect(jobs[0]!.actions).toEqual([
      { kind: 'ejabberd-delete-old-mam-messages', type: 'chat', days: 21, batch: false, at: at('etc/systemd/system/mam-cleanup.service', 7, 12) },
    ]);
    // The second ExecStart= continues on the next line; the subcommand is there but the action points at ejabberdctl.
    expect(jobs[1]!.actions).toEqual([
      { kind: 'ejabberd-delete-old-mam-messages', type: 'groupchat', days: 45, batch: false, at: at('etc/systemd/system/mam-cleanup.service', 8, 11) },
    ]);
  });

  it('records a timer that is not enabled as never running; Unit= names the service', () => {
    const [job] = jobsIn('etc/systemd/system/prune-uploads.service');
    expect(job).toMatchObject({ runs: false, schedule: { interval: DAY, worstCaseInterval: DAY + 60 } });
    expect(job!.whyNotRuns).toBe('upload-prune.timer is not enabled: no link to it in a *.wants/ directory (systemctl enable upload-prune.timer)');
    expect(job!.schedule.at).toEqual(at('etc/systemd/system/upload-prune.timer', 3, 17));
    expect(job!.actions).toEqual([
      { kind: 'delete-files-older-than', directory: '/var/lib/ejabberd/upload', olderThan: 1440 * 60, rounding: 0, filters: [], at: at('etc/systemd/system/prune-uploads.service', 3, 23) },
    ]);
  });

  it('applies drop-ins (an empty OnCalendar= resets the list) to a vendor timer enabled from /etc', () => {
    const [job] = jobsIn('usr/lib/systemd/system/logrotate.service');
    expect(job).toMatchObject({ runs: true, command: '/usr/sbin/logrotate /etc/logrotate.conf' });
    expect(job!.schedule).toMatchObject({ interval: 3600, worstCaseInterval: 7200, at: at('etc/systemd/system/logrotate.timer.d/override.conf', 3, 12) });
  });

  it('masked timers never run; unreadable calendars give no interval; a missing service is a warning', () => {
    expect(jobsIn('usr/lib/systemd/system/masked.service')[0]).toMatchObject({ runs: false, whyNotRuns: 'masked.timer is masked (linked to /dev/null)' });
    const [odd] = jobsIn('etc/systemd/system/odd-calendar.service');
    expect(odd).toMatchObject({ runs: true, schedule: { interval: undefined, worstCaseInterval: undefined } });
    expect(odd!.schedule.description).toBe('could not compute the interval of OnCalendar=*-*~03 02:00 (systemd timer)');
    expect(result.diagnostics).toContainEqual({
      code: 'config-warning',
      message: 'orphan.timer starts orphan.service, which is not in any unit directory under the root, so nothing is run',
      position: at('etc/systemd/system/orphan.timer', 1, 1),
    });
  });

  it('lists what it looked for', () => {
    expect(result.searched).toEqual(
      expect.arrayContaining(['etc/crontab', 'etc/cron.d', 'var/spool/cron/crontabs', 'etc/cron.monthly', 'etc/systemd/system', 'usr/lib/systemd/system', 'lib/systemd/system'].map((p) => join(root, p))),
    );
  });

  it('returns empty results for an empty root', () => {
    const empty = readScheduledJobs(new RootFiles(join(repo, 'fixtures/jobs/does-not-exist')));
    expect(empty.jobs).toEqual([]);
    expect(empty.diagnostics).toEqual([]);
    expect(empty.files).toEqual([]);
  });
});

describe('corpus', () => {
  const corpusFile = join(repo, '../shared/corpus/backup/decent-im__decent.im__files__etc__cron.d__decent.im_backup_db');
  it.skipIf(!existsSync(corpusFile))('reads the decent.im backup cron.d file without an exception (skipped when ../shared/corpus is absent)', () => {
    const tab = parseCrontab(readFileSync(corpusFile, 'utf8'), corpusFile, 'system');
    expect(tab.diagnostics).toEqual([]);
    expect(tab.entries.map((e) => [e.user, e.scheduleText])).toEqual([
      ['root', '0   5   *   *  tue'],
      ['root', '0   5   *   *  tue'],
      ['root', '0   5   *   *  tue'],
    ]);
    for (const e of tab.entries) expect(recogniseCleanup(e.commandSource, e.commandAt)).toEqual([]);
  });
  if (!existsSync(corpusFile)) console.warn(`skipping corpus test: ${corpusFile} is absent`);
});

describe('readScheduledJobs: ExecStart prefixes and monotonic timers', () => {
  it('skips the argv[0] word after an @ prefix and reads OnUnitInactiveSec', () => {
    const [job] = jobsIn('etc/systemd/system/push-prune.service');
    expect(job).toMatchObject({ runs: true, command: '/usr/sbin/ejabberdctl ejabberdctl-push delete_old_push_sessions 15' });
    expect(job!.actions).toEqual([{ kind: 'ejabberd-delete-old-push-sessions', days: 15, at: at('etc/systemd/system/push-prune.service', 3, 12) }]);
    expect(job!.schedule).toMatchObject({ interval: 12 * 3600, worstCaseInterval: 12 * 3600 + 60 });
    expect(job!.schedule.description).toBe('OnUnitInactiveSec=12h after each run ends; AccuracySec=1min (default) (systemd timer)');
  });
});

describe('readScheduledJobs: template timers', () => {
  it('runs an enabled instance from its template; the bare template gives no job', () => {
    const jobs = jobsIn('usr/lib/systemd/system/backup-prune@.service');
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ runs: true, schedule: { interval: 7 * DAY, worstCaseInterval: 7 * DAY + 12 * 3600 } });
    // Specifiers such as %i are left as written.
    expect(jobs[0]!.actions).toEqual([
      { kind: 'delete-files-older-than', directory: '/var/backups/%i', olderThan: 13 * DAY, rounding: DAY, filters: ['-name *.sql.gz'], at: at('usr/lib/systemd/system/backup-prune@.service', 3, 11) },
    ]);
  });

  it('reads each unit file once even when several timers share it', () => {
    expect(new Set(result.files).size).toBe(result.files.length);
  });
});
