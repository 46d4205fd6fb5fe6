import { describeDuration } from '../config/duration.js';
import type { LogRetentionSource } from '../inventory/log-retention.js';
import type { Retention } from '../inventory/retention.js';
import { cleanupRetention, findRounding } from '../software/scheduled-jobs/job-figures.js';
import type { ScheduledJob } from '../software/scheduled-jobs/job-model.js';

/**
 * Scheduled `find DIR -mtime +N -delete` jobs as a retention mechanism for the files under DIR
 * (find(1) -mtime, GNU findutils 4.9.0): nominal = the age threshold, worst case = threshold plus the
 * longest gap between two runs.
 */
export function jobLogRetention(jobs: ScheduledJob[]): LogRetentionSource[] {
  const sources: LogRetentionSource[] = [];
  for (const job of jobs) {
    if (!job.runs) continue;
    for (const action of job.actions) {
      if (action.kind !== 'delete-files-older-than') continue;
      let retention: Retention | undefined;
      sources.push({
        mechanism: 'scheduled-job',
        patterns: [],
        destinations: [],
        directories: [action.directory],
        // Worked out when a log or an upload directory under it asks: thousands of cleanup jobs
        // of directories that hold neither need no figure, evidence and texts each.
        get retention(): Retention {
          retention ??= cleanupRetention({
            job,
            threshold: action.olderThan,
            rounding: findRounding(action),
            what: `files under ${action.directory}`,
            evidence: [{ ...action.at, note: `deletes files under ${action.directory} older than ${describeDuration(action.olderThan)}` }],
          });
          return retention;
        },
      });
    }
  }
  return sources;
}
