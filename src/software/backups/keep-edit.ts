import type { Retention } from '../../inventory/retention.js';
import { PERIOD, type KeepPolicy } from './keep-rules.js';

/**
 * When `restic forget` or `borg prune` in a script has one keep rule, lowering that rule where
 * it is written is the whole fix: the figure is filled in by the judge so that the worst case
 * (restic's calendar bucket, a late run: resticBounds, borgBounds) still honours the claim.
 * With several rules which one to lower is the admin's choice (restic keeps a snapshot when any
 * rule keeps it, restic internal/restic/snapshot_policy.go ApplyPolicy; borg adds the rules up,
 * borg 1.2 helpers/misc.py prune_split): the suggestion stays advice.
 * `command` is how the suggestion names the run: `restic forget`, `borg prune`; `fallback` is the
 * advice when not even a count of one honours the claim.
 */
export function withKeepEdit(
  retention: Retention,
  policy: KeepPolicy,
  interval: number | undefined,
  command: string,
  fallback = `${command} --keep-within {{days}}d (and no other --keep-* option)`,
): Retention {
  if (retention.bound !== 'time' || retention.worstCase.kind === 'unknown' || policy.forever.length > 0 || policy.counts.length + policy.within.length !== 1) return retention;
  // What a late run and the bucket add to the nominal figure does not depend on the rule's value.
  const slack = retention.worstCase.kind === 'longer' ? retention.worstCase.seconds - retention.nominal : 0;
  const within = policy.within[0];
  if (within) {
    const flag = within.text.split(' ')[0] ?? '--keep-within';
    return {
      ...retention,
      fixTemplate: `${command} ${flag} {{days}}d`,
      fixEdit: { at: within.valueAt ?? within.at, find: DURATION, text: '{{days}}d' },
      cleanupLag: slack,
    };
  }
  const count = policy.counts[0];
  if (!count || count.count === Infinity) return retention;
  // A count rule spans count × max(period, backup interval) (keep-rules.ts span()).
  const unit = count.unit === 'last' ? interval : Math.max(PERIOD[count.unit], interval ?? 0);
  if (!unit) return retention;
  const flag = count.text.split(' ')[0] ?? '--keep-last';
  return {
    ...retention,
    fixTemplate: `${command} ${flag} {{count}}`,
    fixEdit: { at: count.valueAt ?? count.at, find: COUNT, text: '{{count}}' },
    fixUnit: unit,
    fixFallback: fallback,
    cleanupLag: slack,
  };
}

/** The value as the shell word holds it, quoted or not: `30d`, `"2y5m"` (restic), `'1y'`, `48H` (borg). */
const DURATION = /["']?(?<old>(?:\d+[A-Za-z])+)["']?(?![\w-])/;
const COUNT = /["']?(?<old>\d+)["']?(?![\w-])/;
