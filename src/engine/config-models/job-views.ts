import type { ScheduledJob } from '../../software/scheduled-jobs/job-model.js';
import type { JobView } from '../config-models.js';

/** The scheduled jobs (cron lines, periodic scripts, systemd timers) with their schedules. */
export function jobViews(jobs: readonly ScheduledJob[]): JobView[] {
  return jobs.map((job) => ({
    origin: job.origin,
    command: job.command,
    position: job.commandAt,
    ...(job.user === undefined ? {} : { user: job.user }),
    runs: job.runs,
    ...(job.whyNotRuns === undefined ? {} : { whyNotRuns: job.whyNotRuns }),
    schedule: {
      description: job.schedule.description,
      interval: job.schedule.interval,
      worstCaseInterval: job.schedule.worstCaseInterval,
      position: job.schedule.at,
    },
  }));
}
