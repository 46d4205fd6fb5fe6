import type { Retention } from '../../../inventory/retention.js';
import { PERIOD, type KeepPolicy } from '../keep-rules.js';

/**
 * When `restic forget` has one keep rule, lowering that rule where it is written is the whole
 * fix: the figure is filled in by the judge so that the worst case (restic's calendar bucket
 * and a late run, resticBounds) still honours the claim. With several rules a snapshot is kept
 * when any rule keeps it (restic internal/restic/snapshot_policy.go ApplyPolicy), so which one
 * to lower is the admin's choice: the suggestion stays advice.
 */
export function withKeepEdit(retention: Retention, policy: KeepPolicy, interval: number | undefined): Retention {
  if (retention.bound !== 'time' || retention.worstCase.kind === 'unknown' || policy.forever.length > 0 || policy.counts.length + policy.within.length !== 1) return retention;
  // What a late run and the bucket add to the nominal figure does not depend on the rule's value.
  const slack = retention.worstCase.kind === 'longer' ? retention.worstCase.seconds - retention.nominal : 0;
  const within = policy.within[0];
  if (within) {
    const flag = within.text.split(' ')[0] ?? '--keep-within';
    return {
      ...retention,
      fixTemplate: `restic forget ${flag} {{days}}d --prune`,
      fixEdit: { at: within.at, find: DURATION, text: '{{days}}d' },
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
    fixTemplate: `restic forget ${flag} {{count}} --prune`,
    fixEdit: { at: count.at, find: COUNT, text: '{{count}}' },
    fixUnit: unit,
    fixFallback: `restic forget --keep-within {{days}}d --prune (and no other --keep-* option)`,
    cleanupLag: slack,
  };
}

/** The value as the shell word holds it, quoted or not: `30d`, `"2y5m"`, `'1y'`. */
const DURATION = /["']?(?<old>(?:\d+[ymdh])+)["']?(?![\w-])/;
const COUNT = /["']?(?<old>\d+)["']?(?![\w-])/;
