import type { ScheduledJobs } from './job-model.js';
import { readCronTables } from './read-cron-jobs.js';
import { readPeriodicScripts } from './read-periodic-scripts.js';
import { readTimerJobs } from './read-timer-jobs.js';
import { readJobFilesAhead } from './read-job-files-ahead.js';
import { RootFiles } from '../../files/root-files.js';
import { cronFlavour, type CronFlavour } from './cron-flavour.js';
import { detectDistribution } from '../../discover/distribution.js';

/**
 * Every periodic job on the system under `root` (read as `/`, never outside it), as its
 * distribution's cron daemon reads them (cron-flavour.ts): /etc/crontab,
 * /etc/cron.d/*, /var/spool/cron/crontabs/*, /etc/cron.{hourly,daily,weekly,monthly}/* and
 * systemd timers with their services, each with its schedule and the cleanup actions
 * recognised in its command. Jobs that never run (ignored file names, disabled timers) are
 * kept with `runs: false` so a finding can say why a cleanup does not happen.
 */
export function readScheduledJobs(files: RootFiles, flavour: CronFlavour = cronFlavour(detectDistribution(files).family)): ScheduledJobs {
  const out: ScheduledJobs = { jobs: [], files: [], diagnostics: [], searched: [] };
  readJobFilesAhead(files, flavour);
  readCronTables(files, out, flavour);
  readPeriodicScripts(files, out, flavour);
  readTimerJobs(files, out);
  return out;
}
