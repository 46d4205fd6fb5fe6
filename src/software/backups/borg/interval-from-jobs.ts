import type { RootFiles } from '../../../files/root-files.js';
import type { Evidence } from '../../../inventory/evidence.js';
import { unknownFigure, type Interval } from '../../../inventory/retention.js';
import type { SourcePosition } from '../../../inventory/evidence.js';
import type { ScheduledJob } from '../../scheduled-jobs/job-model.js';
import { scheduleInterval } from '../../scheduled-jobs/job-figures.js';
import { failedCondition, type Invocation } from './tool-invocations.js';

/** Where a tool is run from: the job, and the place in it. */
export interface Scheduled {
  job: ScheduledJob;
  at: SourcePosition;
}

/**
 * How often a backup runs: the most frequent job that runs the backing-up command (crontab(5),
 * systemd.timer(5): the largest gap between runs, jitter included, is the worst case). Jobs that never run
 * (disabled timer, @reboot, failing service condition) are named in the reason when nothing
 * else runs.
 */
export function intervalFromInvocations(files: RootFiles, invocations: Invocation[], what: string): Interval {
  return scheduling(files, invocations, what).interval;
}

/**
 * intervalFromInvocations of a repository's list of prune or forget commands, once per list and
 * `what`: every backup to the repository asks for it, and a crontab of 10,000 backup and forget
 * lines to one repository made that 10,000 times 10,000 jobs looked at. The list must not change
 * after the first call (the readers cache it per repository), and the result is shared.
 */
export function intervalOfCommands(files: RootFiles, commands: ReadonlyArray<{ inv: Invocation }>, what: string): Interval {
  let byWhat = intervalsOfLists.get(commands);
  if (byWhat === undefined) intervalsOfLists.set(commands, (byWhat = new Map<string, Interval>()));
  let interval = byWhat.get(what);
  if (interval === undefined) byWhat.set(what, (interval = intervalFromInvocations(files, commands.map((c) => c.inv), what)));
  return interval;
}

const intervalsOfLists = new WeakMap<object, Map<string, Interval>>();

/**
 * How often `what` runs, and, when no job that runs it is ever started (commented-out cron
 * lines, a disabled timer, no job at all), why: such a backup is configured but never scheduled.
 */
export function scheduling(files: RootFiles, invocations: Scheduled[], what: string): { interval: Interval; neverScheduled?: string } {
  const notRunning: string[] = [];
  const running: Scheduled[] = [];
  for (const inv of invocations) {
    const failed = failedCondition(files, inv.job);
    if (!inv.job.runs) notRunning.push(inv.job.whyNotRuns ?? 'the job does not run');
    else if (failed) notRunning.push(failed.reason);
    else if (inv.job.schedule.interval === undefined) notRunning.push(inv.job.schedule.description);
    else running.push(inv);
  }
  // The first of the runs with the shortest worst-case gap (what a stable sort puts first), found
  // in one pass: a list of thousands of runs was sorted for every backup that asked.
  let best: Scheduled | undefined;
  for (const run of running) {
    if (best === undefined || (run.job.schedule.worstCaseInterval ?? Infinity) < (best.job.schedule.worstCaseInterval ?? Infinity)) best = run;
  }
  if (!best) {
    const evidence: Evidence[] = invocations.map((i) => ({ ...i.at, note: `runs ${what}, but not periodically` }));
    const reason = notRunning.length > 0
      ? `no job that runs ${what} runs periodically: ${[...new Set(notRunning)].join('; ')}`
      : `no cron line or systemd timer under the root runs ${what}`;
    return { interval: unknownFigure(reason, `${what} is not run periodically`, { evidence }), neverScheduled: reason };
  }
  const s = best.job.schedule;
  return { interval: scheduleInterval(s, [{ ...s.at, note: s.description }, { ...best.at, note: `runs ${what}` }]) };
}
