import type { Schedule, ScheduledJob, ScheduledJobs } from './job-model.js';
import { recogniseCleanup } from './recognise-cleanup.js';
import { RUN_PARTS_NAME } from './read-cron-jobs.js';
import type { RootFiles } from '../../files/root-files.js';

const DAY = 86400;

/**
 * Periods of /etc/cron.{hourly,daily,weekly,monthly}. Debian runs them from /etc/crontab
 * (`17 * * * *`, `25 6 * * *`, `47 6 * * 7`, `52 6 1 * *` run-parts lines, cron 3.0pl1-162) or,
 * when anacron is installed, from /etc/anacrontab (periods 1, 7 and @monthly). A monthly run
 * is 28 to 31 days apart; its nominal interval is the mean month (365.2425 / 12 days).
 */
const PERIODS: Array<{ dir: string; word: string; interval: number; worst: number; shortest: number }> = [
  { dir: 'hourly', word: 'hourly', interval: 3600, worst: 3600, shortest: 3600 },
  { dir: 'daily', word: 'daily', interval: DAY, worst: DAY, shortest: DAY },
  { dir: 'weekly', word: 'weekly', interval: 7 * DAY, worst: 7 * DAY, shortest: 7 * DAY },
  { dir: 'monthly', word: 'monthly', interval: Math.round((365.2425 / 12) * DAY), worst: 31 * DAY, shortest: 28 * DAY },
];

/** True when a script has something besides comments and blank lines. */
function hasCommands(text: string): boolean {
  return text.split('\n').some((line) => !/^\s*(#.*)?$/.test(line));
}

/** Scripts in /etc/cron.{hourly,daily,weekly,monthly}: the whole file is the command. */
export function readPeriodicScripts(files: RootFiles, out: ScheduledJobs): void {
  for (const period of PERIODS) {
    const dir = `/etc/cron.${period.dir}`;
    out.searched.push(files.host(dir));
    for (const name of files.list(dir) ?? []) {
      const systemPath = `${dir}/${name}`;
      const text = files.read(systemPath);
      if (text === undefined || !hasCommands(text)) continue;
      const file = files.host(systemPath);
      out.files.push(file);
      const at = { file, line: 1, column: 1 };
      const schedule: Schedule = {
        interval: period.interval,
        worstCaseInterval: period.worst,
        shortestInterval: period.shortest,
        description: `${period.word} (run-parts ${dir}, started by /etc/crontab or anacron)`,
        at,
      };
      const job: ScheduledJob = {
        origin: 'cron-periodic',
        file,
        user: 'root',
        command: text,
        commandAt: at,
        schedule,
        runs: true,
        actions: recogniseCleanup(text, at),
      };
      // run-parts(8): names outside [A-Za-z0-9_-] and files that are not executable are skipped.
      let why: string | undefined;
      let suggestion: string | undefined;
      if (!RUN_PARTS_NAME.test(name)) {
        why = `run-parts ignores ${systemPath}: names may only contain letters, digits, "_" and "-"`;
        suggestion = `Rename it to ${name.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_-]/g, '_')}`;
      } else if (!files.executable(systemPath)) {
        why = `run-parts skips ${systemPath}: it is not executable`;
        suggestion = `chmod +x ${systemPath}`;
      }
      if (why !== undefined) {
        job.runs = false;
        job.whyNotRuns = why;
        out.diagnostics.push({ code: 'config-warning', message: `${why}, so it never runs`, position: at, suggestion: suggestion });
      }
      out.jobs.push(job);
    }
  }
}
