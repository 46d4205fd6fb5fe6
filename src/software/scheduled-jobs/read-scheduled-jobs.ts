import type { ScheduledJobs } from './job-model.js';
import { readCronTables } from './read-cron-jobs.js';
import { readPeriodicScripts } from './read-periodic-scripts.js';
import { readTimerJobs } from './read-timer-jobs.js';
import { RootFiles } from '../../files/root-files.js';

/**
 * Every periodic job on the system under `root` (read as `/`, never outside it): /etc/crontab,
 * /etc/cron.d/*, /var/spool/cron/crontabs/*, /etc/cron.{hourly,daily,weekly,monthly}/* and
 * systemd timers with their services, each with its schedule and the cleanup actions
 * recognised in its command. Jobs that never run (ignored file names, disabled timers) are
 * kept with `runs: false` so a finding can say why a cleanup does not happen.
 */
export function readScheduledJobs(files: RootFiles): ScheduledJobs {
  const out: ScheduledJobs = { jobs: [], files: [], diagnostics: [], searched: [] };
  readCronTables(files, out);
  readPeriodicScripts(files, out);
  readTimerJobs(files, out);
  return out;
}
