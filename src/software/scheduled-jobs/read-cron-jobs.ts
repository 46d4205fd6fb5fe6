import { parseCrontab, type CrontabForm } from '../../formats/crontab/parse-crontab.js';
import type { ScheduledJob, ScheduledJobs } from './job-model.js';
import { recogniseCleanup } from './recognise-cleanup.js';
import { scheduleFromCronEntry } from './schedule.js';
import type { RootFiles } from '../../files/root-files.js';
import { appendAll } from '../../arrays/append-all.js';
import type { CronFlavour } from './cron-flavour.js';

import { CRON_DEFAULT_PATH, splitPath } from './search-path.js';

export { RUN_PARTS_NAME } from './run-parts-name.js';

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
  // cron copies the environment set so far into each entry (Vixie cron entry.c load_entry): a
  // PATH= line applies to the entries below it.
  // Both lists are in file order: the PATH line in force moves forward with the entries.
  const pathLines = crontab.env.filter((e) => e.name === 'PATH');
  let nextPath = 0;
  // The search path in force, split once per PATH= line rather than once per entry below it.
  let searchPath = CRON_DEFAULT_PATH;
  for (const entry of crontab.entries) {
    const schedule = scheduleFromCronEntry(entry);
    while (nextPath < pathLines.length && (pathLines[nextPath] as (typeof pathLines)[number]).at.line < entry.commandAt.line) {
      searchPath = splitPath((pathLines[nextPath++] as (typeof pathLines)[number]).value.replace(/^(["'])(.*)\1$/, '$2'));
    }
    const job: ScheduledJob = {
      origin,
      file,
      command: entry.command,
      commandAt: entry.commandAt,
      schedule,
      runs: true,
      // The raw text keeps `\%` so offsets match the file; the tokenizer reads `\%` as `%`, as sh would.
      actions: recogniseCleanup(entry.commandSource, entry.commandAt),
      searchPath,
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

/**
 * /etc/crontab, the system crontab directories (/etc/cron.d) and the per-user spools, as the
 * distribution's cron daemon reads them: which places, and which names it skips.
 */
export function readCronTables(files: RootFiles, out: ScheduledJobs, flavour: CronFlavour): void {
  if (flavour.systemCrontab) readCrontabFile(files, '/etc/crontab', 'system', 'crontab', out);
  else unread(files, out, '/etc/crontab', `${flavour.daemon} does not read /etc/crontab`);

  for (const dir of flavour.systemDirs) readSystemDir(files, out, flavour, dir);
  if (!flavour.systemDirs.includes('/etc/cron.d')) unread(files, out, '/etc/cron.d', `${flavour.daemon} does not read /etc/cron.d`);

  const seen = new Set<string>();
  for (const spool of flavour.spools) {
    out.searched.push(files.host(spool));
    // Alpine's /var/spool/cron/crontabs is a link to /etc/crontabs: one table, read once.
    const real = files.resolve(spool) ?? spool;
    if (seen.has(real)) continue;
    seen.add(real);
    for (const user of files.list(spool) ?? []) {
      if (user.startsWith('.')) continue; // crontab(1) temp files, never loaded as a user's table
      if (files.kind(`${spool}/${user}`) === 'directory') continue; // openSUSE's tabs/ inside /var/spool/cron
      readCrontabFile(files, `${spool}/${user}`, 'user', 'user-crontab', out, undefined, user);
    }
  }
}

function readSystemDir(files: RootFiles, out: ScheduledJobs, flavour: CronFlavour, dir: string): void {
  out.searched.push(files.host(dir));
  const names = files.list(dir) ?? [];
  const siblings = new Set(names); // once per directory: per name, 5,000 files made 25 million entries
  for (const name of names) {
    const systemPath = `${dir}/${name}`;
    const skip = flavour.skipsTable(dir, name, siblings);
    if (skip === undefined) {
      readCrontabFile(files, systemPath, 'system', 'cron.d', out);
      continue;
    }
    const before = out.jobs.length;
    readCrontabFile(files, systemPath, 'system', 'cron.d', out, skip.reason);
    // Only worth a warning when the ignored file holds jobs (Debian ships an empty .placeholder).
    if (out.jobs.length > before) {
      out.diagnostics.push({
        code: 'config-warning',
        message: `${skip.reason}; its ${out.jobs.length - before} job(s) never run`,
        position: { file: files.host(systemPath), line: 1, column: 1 },
        ...(skip.suggestion !== undefined && { suggestion: skip.suggestion }),
      });
    }
  }
}

/** A crontab the daemon never reads: its jobs are kept as not run, with a warning when it has any. */
function unread(files: RootFiles, out: ScheduledJobs, place: string, why: string): void {
  const names = files.kind(place) === 'directory' ? (files.list(place) ?? []).filter((n) => !n.startsWith('.')).map((n) => `${place}/${n}`) : files.exists(place) ? [place] : [];
  for (const systemPath of names) {
    const before = out.jobs.length;
    readCrontabFile(files, systemPath, 'system', place === '/etc/crontab' ? 'crontab' : 'cron.d', out, why);
    if (out.jobs.length > before) {
      out.diagnostics.push({
        code: 'config-warning',
        message: `${why}; the ${out.jobs.length - before} job(s) in ${systemPath} never run`,
        position: { file: files.host(systemPath), line: 1, column: 1 },
        suggestion: "put them in the user's table (crontab -e), which it reads",
      });
    }
  }
}
