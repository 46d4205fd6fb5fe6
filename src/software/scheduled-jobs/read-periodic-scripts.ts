import type { Schedule, ScheduledJob, ScheduledJobs } from './job-model.js';
import { recogniseCleanup } from './recognise-cleanup.js';
import type { CronFlavour, PeriodicDir } from './cron-flavour.js';
import { DEBIAN_CRONTAB_PATH } from './search-path.js';
import type { RootFiles } from '../../files/root-files.js';

const DAY = 86400;

/**
 * Periods of /etc/cron.{hourly,daily,weekly,monthly}. Debian runs them from /etc/crontab
 * (`17 * * * *`, `25 6 * * *`, `47 6 * * 7`, `52 6 1 * *` run-parts lines, cron 3.0pl1-162) or,
 * when anacron is installed, from /etc/anacrontab (periods 1, 7 and @monthly). A monthly run
 * is 28 to 31 days apart; its nominal interval is the mean month (365.2425 / 12 days).
 */
const PERIODS: Array<{ dir: PeriodicDir['period']; word: string; interval: number; worst: number; shortest: number }> = [
  // Alpine's root crontab: `*/15 * * * * run-parts /etc/periodic/15min`.
  { dir: '15min', word: 'every 15 minutes', interval: 900, worst: 900, shortest: 900 },
  { dir: 'hourly', word: 'hourly', interval: 3600, worst: 3600, shortest: 3600 },
  { dir: 'daily', word: 'daily', interval: DAY, worst: DAY, shortest: DAY },
  { dir: 'weekly', word: 'weekly', interval: 7 * DAY, worst: 7 * DAY, shortest: 7 * DAY },
  { dir: 'monthly', word: 'monthly', interval: Math.round((365.2425 / 12) * DAY), worst: 31 * DAY, shortest: 28 * DAY },
];

/** True when a script has something besides comments and blank lines. */
function hasCommands(text: string): boolean {
  return text.split('\n').some((line) => !/^\s*(#.*)?$/.test(line));
}

/** Scripts in /etc/cron.{hourly,daily,weekly,monthly} (Alpine: /etc/periodic/*): the whole file is the command. */
export function readPeriodicScripts(files: RootFiles, out: ScheduledJobs, flavour: CronFlavour): void {
  for (const periodic of flavour.periodicDirs) {
    const dir = periodic.dir;
    const period = PERIODS.find((p) => p.dir === periodic.period);
    if (period === undefined) continue;
    out.searched.push(files.host(dir));
    const names = files.list(dir) ?? [];
    const siblings = new Set(names); // once per directory, not per script
    for (const name of names) {
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
        description: `${period.word} (run-parts ${dir}, ${flavour.periodicStarter})`,
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
        searchPath: DEBIAN_CRONTAB_PATH,
      };
      // run-parts skips names its distribution's rule refuses, and files that are not executable.
      let why: string | undefined;
      let suggestion: string | undefined;
      const skip = flavour.skipsScript(dir, name, siblings);
      if (skip !== undefined) {
        why = skip.reason;
        suggestion = skip.suggestion;
      } else if (!files.executable(systemPath)) {
        why = `run-parts skips ${systemPath}: it is not executable`;
        suggestion = `chmod +x ${systemPath}`;
      }
      if (why !== undefined) {
        job.runs = false;
        job.whyNotRuns = why;
        out.diagnostics.push({ code: 'config-warning', message: `${why}, so it never runs`, position: at, ...(suggestion === undefined ? {} : { suggestion }) });
      }
      out.jobs.push(job);
    }
  }
}
