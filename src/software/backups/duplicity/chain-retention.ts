import type { Evidence, SourcePosition } from '../../../inventory/evidence.js';
import type { Retention } from '../../../inventory/practice.js';
import type { ScheduledJob } from '../../scheduled-jobs/job-model.js';
import { formatDuration } from './duplicity-time.js';

/** A scheduled removal of old backup sets (`remove-older-than`, `remove-all-but-n-full`, duply `purge`). */
export interface Removal {
  kind: 'older-than' | 'all-but-n-full';
  /** Seconds for older-than; the count N for all-but-n-full. */
  value: number;
  force: boolean;
  text: string;
  at: SourcePosition;
  job: ScheduledJob;
}

/** How often a full backup starts a new chain. */
export interface FullEvery {
  seconds: number;
  description: string;
  at: SourcePosition;
}

/**
 * duplicity deletes whole chains (a full backup and its incrementals): "Old backup sets will not
 * be deleted if backup sets newer than time depend on them" (duplicity 0.8.22 duplicity(1),
 * remove-older-than). So the oldest set kept is up to TIME + chain length + the removal job's
 * interval; without forced fulls there is one endless chain and nothing is ever removed
 * (research/backups.md §5). Without --force the remove commands only list.
 */
export function chainRetention(removals: Removal[], full: FullEvery | undefined, fixTemplate: string): Retention {
  const forced = removals.filter((r) => r.force);
  const evidence: Evidence[] = removals.map((r) => ({ ...r.at, note: r.text }));
  if (forced.length === 0) {
    const unforced = removals[0];
    return {
      nominal: Infinity,
      worstCase: Infinity,
      description: unforced ? `${unforced.text} without --force only lists old backup sets` : 'nothing removes old backup sets',
      worstCaseReason: unforced ? 'duplicity removes nothing unless --force is given' : 'no scheduled job runs remove-older-than, remove-all-but-n-full or a duply purge',
      fixTemplate,
      evidence,
    };
  }
  if (!full) {
    return {
      nominal: Infinity,
      worstCase: Infinity,
      description: `${forced[0]?.text}, but no full backup is ever forced`,
      worstCaseReason:
        'with no `full` run and no --full-if-older-than, every backup is an incremental of the first full one: a single chain that the removal never deletes, because newer sets depend on it',
      fixTemplate,
      evidence,
    };
  }
  const options = forced.map((r) => {
    const lag = r.job.schedule.worstCaseInterval ?? Infinity;
    const nominal = r.kind === 'older-than' ? r.value + full.seconds : r.value * full.seconds;
    return { r, nominal, worst: nominal + lag, lag };
  });
  options.sort((a, b) => a.worst - b.worst);
  const best = options[0] as (typeof options)[number];
  return {
    nominal: best.nominal,
    worstCase: best.worst,
    description:
      best.r.kind === 'older-than'
        ? `${best.r.text}: ${formatDuration(best.r.value)} + the full-backup chain (${full.description})`
        : `${best.r.text}: ${best.r.value} full chains × ${full.description}`,
    worstCaseReason: `a set goes only with its whole chain (fulls ${full.description}), and the removal runs ${best.r.job.schedule.description}`,
    ...(Number.isFinite(best.lag) ? { cleanupLag: best.lag } : {}),
    fixTemplate,
    evidence: [...evidence, { ...full.at, note: `full backups ${full.description}` }],
  };
}
