import type { EditProposal } from '../../inventory/edit.js';
import { describeDuration } from '../../config/duration.js';
import type { Evidence } from '../../inventory/evidence.js';
import { timeBound, unknownFigure, type Interval, type Retention, type Seconds } from '../../inventory/retention.js';
import type { Schedule, ScheduledJob } from './job-model.js';

/**
 * How often a schedule runs, as a figure the one judge reads: nominal = the mean gap over the
 * schedule's cycle (`OnCalendar=daily` = 1 day; a monthly job = a mean month), worst case = the
 * longest gap with the scheduler's jitter (a monthly job: 31 days).
 */
export function scheduleInterval(schedule: Schedule, evidence: Evidence[]): Interval {
  if (schedule.interval === undefined) {
    return unknownFigure(`how often it runs cannot be computed: ${schedule.description}`, schedule.description, { evidence });
  }
  const worst = schedule.worstCaseInterval === undefined
    ? { unknown: `the longest gap between two runs of "${schedule.description}" cannot be computed` }
    : { seconds: schedule.worstCaseInterval, reason: `two runs of "${schedule.description}" can be ${describeDuration(schedule.worstCaseInterval)} apart` };
  return timeBound(schedule.interval, schedule.description, worst, { evidence });
}

/** A cleanup a scheduled job does: deletes `what` once older than `threshold`. */
export interface JobCleanup {
  job: ScheduledJob;
  /** The threshold as the command states it, in seconds (`-mtime +21`: 21 days; DAYS of ejabberdctl). */
  threshold: Seconds;
  /** What deletion adds by its granularity: `find -mtime +N` deletes only at N+1 whole days. */
  rounding?: { seconds: Seconds; reason: string };
  what: string;
  /** Where the cleanup is stated; first is the command. */
  evidence: Evidence[];
  fixTemplate?: string;
  /** The threshold as an edit of the job's command, `{{days}}` where the figure goes. */
  fixEdit?: EditProposal;
}

/**
 * Retention given by a scheduled cleanup (POLICY.md "Verdicts"): the nominal figure is the
 * threshold the command states; the worst case adds its rounding and the longest gap between two
 * runs of the job (a weekly job keeping 14 days can hold data 21 days).
 */
export function cleanupRetention(cleanup: JobCleanup): Retention {
  const { job, threshold, rounding, what } = cleanup;
  const gap = job.schedule.worstCaseInterval;
  const description = `${what} deleted once older than ${describeDuration(threshold)} by a job that runs ${job.schedule.description}`;
  const details = {
    evidence: cleanup.evidence,
    cleanupLag: (gap ?? 86400) + (rounding?.seconds ?? 0),
    ...(cleanup.fixTemplate ? { fixTemplate: cleanup.fixTemplate } : {}),
    ...(cleanup.fixEdit ? { fixEdit: cleanup.fixEdit } : {}),
  };
  if (gap === undefined) {
    return timeBound(threshold, description, { unknown: `how often the job runs cannot be computed (${job.schedule.description})` }, details);
  }
  const worst = threshold + (rounding?.seconds ?? 0) + gap;
  const reasons = [...(rounding ? [rounding.reason] : []), `the job runs ${job.schedule.description}`];
  return timeBound(threshold, description, { seconds: worst, reason: `${reasons.join('; ')}, so data can live up to ${describeDuration(worst)}` }, details);
}

/** The rounding of a `find` age test, as `cleanupRetention` takes it. */
export function findRounding(action: { rounding: number }): JobCleanup['rounding'] {
  if (action.rounding <= 0) return undefined;
  return { seconds: action.rounding, reason: 'find -mtime +N counts whole days with fractions dropped, so a file is deleted only once it is N+1 days old' };
}
