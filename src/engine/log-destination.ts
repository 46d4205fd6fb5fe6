import type { Practice, PracticeOf } from '../inventory/practice.js';

/** A practice that writes to a log whose retention the join (join-log-retention.ts) works out. */
export type LogToJoin = (PracticeOf<'log-sink'> | PracticeOf<'ip-address'>) & { destination: string };

/**
 * Whether the join gives this practice a retention: a log sink, or IP addresses written to a log,
 * whose destination is known and for which no retention was read already.
 */
export function isLogToJoin(practice: Practice): practice is LogToJoin {
  if (practice.kind !== 'log-sink' && !(practice.kind === 'ip-address' && practice.medium === 'log')) return false;
  return !practice.retention && !!practice.destination && practice.destination !== 'unknown';
}
