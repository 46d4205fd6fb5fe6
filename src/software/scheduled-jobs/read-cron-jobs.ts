import { parseCrontab, type CrontabForm } from '../../formats/crontab/parse-crontab.js';
import type { ScheduledJob, ScheduledJobs } from './job-model.js';
import { recogniseCleanup } from './recognise-cleanup.js';
import { scheduleFromCronEntry } from './schedule.js';
import type { RootFiles } from '../../files/root-files.js';
import { appendAll } from '../../arrays/append-all.js';

import { RUN_PARTS_NAME, runPartsRename } from './run-parts-name.js';
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
  const pathLines = crontab.env.filter((e) => e.name === 'PATH');
  for (const entry of crontab.entries) {
    const schedule = scheduleFromCronEntry(entry);
    const pathLine = pathLines.filter((e) => e.at.line < entry.commandAt.line).pop();
    const job: ScheduledJob = {
      origin,
      file,
      command: entry.command,
      commandAt: entry.commandAt,
      schedule,
      runs: true,
      // The raw text keeps `\%` so offsets match the file; the tokenizer reads `\%` as `%`, as sh would.
      actions: recogniseCleanup(entry.commandSource, entry.commandAt),
      searchPath: pathLine ? splitPath(pathLine.value.replace(/^(["'])(.*)\1$/, '$2')) : CRON_DEFAULT_PATH,
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
  const names = files.list('/etc/cron.d') ?? [];
  for (const name of names) {
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
      const what = runPartsRename(name, new Set(names));
      const message = `${reason}; its ${out.jobs.length - before} job(s) never run`;
      const position = { file: files.host(systemPath), line: 1, column: 1 };
      if ('rename' in what) out.diagnostics.push({ code: 'config-warning', message, position, suggestion: `Rename it: mv ${systemPath} /etc/cron.d/${what.rename}` });
      else out.diagnostics.push({ code: 'config-warning', message: `${message} (${what.leftover})`, position });
    }
  }

  const spool = '/var/spool/cron/crontabs';
  out.searched.push(files.host(spool));
  for (const user of files.list(spool) ?? []) {
    if (user.startsWith('.')) continue; // crontab(1) temp files, never loaded as a user's table
    readCrontabFile(files, `${spool}/${user}`, 'user', 'user-crontab', out, undefined, user);
  }
}
