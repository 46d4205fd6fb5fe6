import type { EditProposal } from '../../../inventory/edit.js';
import type { Evidence, SourcePosition } from '../../../inventory/evidence.js';
import { forever, soonest, timeBound, type Retention } from '../../../inventory/retention.js';
import type { ScheduledJob } from '../../scheduled-jobs/job-model.js';
import { describeDuration } from '../../../config/duration.js';

/** A scheduled removal of old backup sets (`remove-older-than`, `remove-all-but-n-full`, duply `purge`). */
export interface Removal {
  kind: 'older-than' | 'all-but-n-full';
  /** Seconds for older-than; the count N for all-but-n-full. */
  value: number;
  force: boolean;
  text: string;
  at: SourcePosition;
  job: ScheduledJob;
  /** The edit that lowers this removal's TIME where it is written, when there is one place to change. */
  edit?: EditProposal;
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
 * (duplicity 0.8.22 duplicity(1) remove-older-than: "Old backup sets will not be deleted if
 * backup sets newer than time depend on them"). Without --force the remove commands only list.
 */
export function chainRetention(removals: Removal[], full: FullEvery | undefined, fixTemplate: string): Retention {
  const forced = removals.filter((r) => r.force);
  const evidence: Evidence[] = removals.map((r) => ({ ...r.at, note: r.text }));
  if (forced.length === 0) {
    const unforced = removals[0];
    return forever(
      unforced
        ? `${unforced.text} without --force only lists old backup sets: duplicity removes nothing unless --force is given`
        : 'nothing removes old backup sets: no scheduled job runs remove-older-than, remove-all-but-n-full or a duply purge',
      { fixTemplate, evidence },
    );
  }
  if (!full) {
    return forever(
      `${forced[0]?.text}, but no full backup is ever forced: every backup is an incremental of the first full one, a single chain that the removal never deletes, because newer sets depend on it`,
      { fixTemplate, evidence },
    );
  }
  // Nominal: what the removal states (TIME, or N full chains); worst case: a set goes only with
  // its whole chain, and the removal runs on its own schedule (POLICY.md "Verdicts").
  const options = forced.map((r) => {
    const lag = r.job.schedule.worstCaseInterval;
    const nominal = r.kind === 'older-than' ? r.value : r.value * full.seconds;
    const chain = r.kind === 'older-than' ? full.seconds : 0;
    return { r, nominal, lag, worst: lag === undefined ? undefined : nominal + chain + lag };
  });
  // One list for every figure (figures are never changed): a copy per removal held removals²
  // entries, gigabytes for a cron line repeated 20,000 times.
  const chainEvidence = [...evidence, { ...full.at, note: `full backups ${full.description}` }];
  const figures = options.map(({ r, nominal, lag, worst }) => timeBound(
    nominal,
    r.kind === 'older-than' ? `${r.text}: ${describeDuration(r.value)}` : `${r.text}: ${r.value} full chains × ${full.description}`,
    worst === undefined
      ? { unknown: `how often the removal runs cannot be computed (${r.job.schedule.description})` }
      : { seconds: worst, reason: `a set goes only with its whole chain (fulls ${full.description}), and the removal runs ${r.job.schedule.description}` },
    {
      // The suggestion is always a remove-older-than TIME (MAX_AGE for duply), whose worst case
      // adds a whole chain and a late run, even when the figure it replaces keeps N full chains.
      ...(lag !== undefined ? { cleanupLag: lag + full.seconds } : {}),
      // With one removal, lowering its TIME is the whole fix; with several, which one is a choice.
      ...(forced.length === 1 && lag !== undefined && r.edit ? { fixEdit: r.edit } : {}),
      fixTemplate,
      evidence: chainEvidence,
    },
  ));
  return soonest(figures) as Retention;
}
