import { parseCrontab, type CrontabForm } from '../../formats/crontab/parse-crontab.js';
import type { ScheduledJob, ScheduledJobs } from './job-model.js';
import { recogniseCleanup } from './recognise-cleanup.js';
import { scheduleFromCronEntry } from './schedule.js';
import type { RootFiles } from '../../files/root-files.js';
import { appendAll } from '../../arrays/append-all.js';

/**
 * run-parts(8) (debianutils) runs only names made of letters, digits, `_` and `-`; Debian's cron
 * applies the same rule to /etc/cron.d (cron(8), "must conform to the same naming convention as
 * used by run-parts"), so `cleanup.sh` or `ejabberd.conf` there is silently never run.
 */
export const RUN_PARTS_NAME = /^[A-Za-z0-9_-]+$/;

function readCrontabFile(
  files: RootFiles,
  systemPath: string,
  form: CrontabForm,
  origin: string,
  out: ScheduledJobs,
  notRun?: string,
  owner?: string,
): void {
  out.searched.push(files.host(systemPath));
  const text = files.read(systemPath);
  if (text === undefined) return;
  const file = files.host(systemPath);
  out.files.push(file);
  const crontab = parseCrontab(text, file, form);
  appendAll(out.diagnostics, crontab.diagnostics);
  for (const entry of crontab.entries) {
    const schedule = scheduleFromCronEntry(entry);
    const job: ScheduledJob = {
      origin,
      file,
      command: entry.command,
      commandAt: entry.commandAt,
      schedule,
      runs: true,
      // The raw text keeps `\%` so offsets match the file; the tokenizer reads `\%` as `%`, as sh would.
      actions: recogniseCleanup(entry.commandSource, entry.commandAt),
    };
    const user = entry.user ?? owner;
    if (user !== undefined) job.user = user;
    if (notRun !== undefined) {
      job.runs = false;
      job.whyNotRuns = notRun;
    } else if (entry.macro === 'reboot') {
      job.runs = false;
      job.whyNotRuns = '@reboot runs the command once at boot, not periodically';
    } else if (schedule.interval === undefined) {
      job.runs = false;
      job.whyNotRuns = `no date ever matches "${entry.scheduleText}"`;
    }
    out.jobs.push(job);
  }
}

/** /etc/crontab, /etc/cron.d/* and the user crontabs in /var/spool/cron/crontabs (Debian's spool). */
export function readCronTables(files: RootFiles, out: ScheduledJobs): void {
  readCrontabFile(files, '/etc/crontab', 'system', 'crontab', out);

  out.searched.push(files.host('/etc/cron.d'));
  for (const name of files.list('/etc/cron.d') ?? []) {
    const systemPath = `/etc/cron.d/${name}`;
    if (RUN_PARTS_NAME.test(name)) {
      readCrontabFile(files, systemPath, 'system', 'cron.d', out);
      continue;
    }
    const before = out.jobs.length;
    const reason = `cron ignores /etc/cron.d/${name}: names there may only contain letters, digits, "_" and "-" (cron(8), run-parts naming)`;
    readCrontabFile(files, systemPath, 'system', 'cron.d', out, reason);
    // Only worth a warning when the ignored file holds jobs (Debian ships an empty .placeholder).
    if (out.jobs.length > before) {
      out.diagnostics.push({
        code: 'config-warning',
        message: `${reason}; its ${out.jobs.length - before} job(s) never run`,
        position: { file: files.host(systemPath), line: 1, column: 1 },
        suggestion: `Rename it to ${name.replace(/[^A-Za-z0-9_-]/g, '_')}`,
      });
    }
  }

  const spool = '/var/spool/cron/crontabs';
  out.searched.push(files.host(spool));
  for (const user of files.list(spool) ?? []) {
    if (user.startsWith('.')) continue; // crontab(1) temp files, never loaded as a user's table
    readCrontabFile(files, `${spool}/${user}`, 'user', 'user-crontab', out, undefined, user);
  }
}
