import type { Evidence } from '../../../inventory/evidence.js';
import type { Interval } from '../../../inventory/practice.js';
import { failedCondition, type Invocation } from './tool-invocations.js';

/**
 * How often a backup runs: the most frequent job that runs the backing-up command (research
 * §9: the largest gap between runs, jitter included, is the worst case). Jobs that never run
 * (disabled timer, @reboot, failing service condition) are named in the reason when nothing
 * else runs.
 */
export function intervalFromInvocations(root: string, invocations: Invocation[], what: string): Interval {
  const notRunning: string[] = [];
  const running: Invocation[] = [];
  // A condition belongs to the unit: read once per unit file, not once per ExecStart= line of it
  // (a unit with 2,000 of them was read and split 2,000 times).
  const conditions = new Map<string, ReturnType<typeof failedCondition>>();
  for (const inv of invocations) {
    if (!conditions.has(inv.job.file)) conditions.set(inv.job.file, failedCondition(root, inv.job));
    const failed = conditions.get(inv.job.file);
    if (!inv.job.runs) notRunning.push(`${inv.job.whyNotRuns ?? 'the job does not run'}`);
    else if (failed) notRunning.push(failed.reason);
    else if (inv.job.schedule.interval === undefined) notRunning.push(inv.job.schedule.description);
    else running.push(inv);
  }
  const best = running.sort((a, b) => (a.job.schedule.worstCaseInterval ?? Infinity) - (b.job.schedule.worstCaseInterval ?? Infinity))[0];
  if (!best) {
    const evidence: Evidence[] = invocations.map((i) => ({ ...i.at, note: `runs ${what}, but not periodically` }));
    return {
      nominal: undefined,
      worstCase: undefined,
      description: `${what} is not run periodically`,
      unknownReason:
        notRunning.length > 0 ? `no job that runs ${what} runs periodically: ${[...new Set(notRunning)].join('; ')}` : `no cron line or systemd timer under the root runs ${what}`,
      evidence,
    };
  }
  const s = best.job.schedule;
  return {
    nominal: s.interval,
    worstCase: s.worstCaseInterval,
    description: s.description,
    ...(s.worstCaseInterval === undefined ? { unknownReason: s.description } : {}),
    evidence: [
      { ...s.at, note: s.description },
      { ...best.at, note: `runs ${what}` },
    ],
  };
}
