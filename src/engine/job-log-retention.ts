import { formatDuration } from '../config/duration.js';
import type { LogRetentionSource } from '../inventory/log-retention.js';
import type { ScheduledJob } from '../software/scheduled-jobs/job-model.js';

/**
 * Scheduled `find DIR -mtime +N -delete` jobs as a retention mechanism for the files under DIR
 * (research/web-system.md §8.3): nominal = the age threshold, worst case = threshold plus the
 * longest gap between two runs.
 */
export function jobLogRetention(jobs: ScheduledJob[]): LogRetentionSource[] {
  const sources: LogRetentionSource[] = [];
  for (const job of jobs) {
    if (!job.runs) continue;
    for (const action of job.actions) {
      if (action.kind !== 'delete-files-older-than') continue;
      const gap = job.schedule.worstCaseInterval;
      sources.push({
        mechanism: 'scheduled-job',
        patterns: [],
        destinations: [],
        directories: [action.directory],
        retention: {
          nominal: action.olderThan,
          worstCase: gap === undefined ? Infinity : action.olderThan + gap,
          description: `files under ${action.directory} deleted once older than ${formatDuration(action.olderThan)} by a job that runs ${job.schedule.description}`,
          worstCaseReason:
            gap === undefined ? `how often the job runs could not be computed (${job.schedule.description})` : `the job runs ${job.schedule.description}`,
          evidence: [{ ...action.at, note: `deletes files under ${action.directory} older than ${formatDuration(action.olderThan)}` }],
        },
      });
    }
  }
  return sources;
}
