import type { EditProposal } from '../../inventory/edit.js';
import type { Evidence, SourcePosition } from '../../inventory/evidence.js';
import { timeBound, unknownFigure, type Retention } from '../../inventory/retention.js';
import { describeDuration } from '../../config/duration.js';
import { maxOf } from '../../arrays/extremes.js';

/**
 * Retention arithmetic of borg and restic keep rules (borg 1.2 docs `borg help prune`;
 * restic 0.14 doc/060_forget.rst).
 * Count rules keep one backup per period for the N most recent periods *that have a backup*
 * (borg `prune --help`: "days without backups do not count"; restic doc/060_forget.rst: "for
 * the last n days which have one or more snapshots"), so a rule spans N × max(period, backup
 * interval): `keep_hourly: 24` with daily backups keeps 24 days. borg adds the spans of its
 * rules up ("backups selected by previous rules do not count towards those of later rules",
 * borg 1.2 helpers/misc.py prune_split); restic ORs them (each rule counts independently).
 */
export type KeepUnit = 'last' | 'secondly' | 'minutely' | 'hourly' | 'daily' | 'weekly' | 'monthly' | '13weekly' | '3monthly' | 'yearly';

const HOUR = 3600;
const DAY = 86400;

/** Upper-bound periods (the longest calendar unit): month 31 d, 13weekly 91 d, 3monthly 92 d, year 366 d. */
export const PERIOD: Record<Exclude<KeepUnit, 'last'>, number> = {
  secondly: 1,
  minutely: 60,
  hourly: HOUR,
  daily: DAY,
  weekly: 7 * DAY,
  monthly: 31 * DAY,
  '13weekly': 91 * DAY,
  '3monthly': 92 * DAY,
  yearly: 366 * DAY,
};

export interface KeepCount {
  unit: KeepUnit;
  /** Infinity when the rule keeps everything (borg negative count, restic `unlimited`). */
  count: number;
  /** As written, for descriptions: `keep_daily: 7`, `--keep-daily 7`. */
  text: string;
  at: SourcePosition;
  /** Where the value itself is written, when not at `at` (autorestic's `keep-daily: 60`). */
  valueAt?: SourcePosition;
}

export interface KeepWithin {
  seconds: number;
  /** For restic's `--keep-within-daily` etc.: the period whose newest snapshot is kept. */
  unit?: Exclude<KeepUnit, 'last'>;
  text: string;
  at: SourcePosition;
  /** Where the value itself is written, when not at `at`. */
  valueAt?: SourcePosition;
}

export interface KeepPolicy {
  counts: KeepCount[];
  within: KeepWithin[];
  /** Rules that keep some backups forever (`--keep-tag`), with what they are. */
  forever: Array<{ text: string; at: SourcePosition }>;
}

export interface KeepBounds {
  /** Age of the oldest backup kept when backups run at the interval; Infinity = never deleted. */
  nominal: number | undefined;
  /** Nominal plus what a late or missed run adds; undefined when the interval is unknown. */
  worstCase: number | undefined;
  /** The definite lower bound, when it can be computed. */
  lower: number | undefined;
  description: string;
  unknownReason?: string;
}

/** Parses borg's `--keep-within` interval: `<int><unit>`, H d w m(=31 d) y, and M/S (borg 1.4+). */
export function parseBorgInterval(text: string): number | undefined {
  // borg 1.2 src/borg/helpers/time.py interval(): multiplier = {'H': 3600, 'd': 86400, 'w': 7*86400, 'm': 31*86400, 'y': 365*86400};
  // borg itself uses 365 d for `y`, not the 366 d of a leap year.
  const m = /^\s*(\d+)([SMHdwmy])\s*$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit: Record<string, number> = { S: 1, M: 60, H: HOUR, d: DAY, w: 7 * DAY, m: 31 * DAY, y: 365 * DAY };
  return n * (unit[m[2] as string] as number);
}

/**
 * Parses restic's duration (`2y5m7d3h`): units y m d h only, no `w` (restic internal/restic/
 * duration.go ParseDuration). Months 31 d and years 366 d as upper bounds
 * (the longest calendar month and year).
 */
export function parseResticDuration(text: string): number | undefined {
  const t = text.trim();
  if (!/^(\d+[ymdh])+$/.test(t)) return undefined;
  let total = 0;
  for (const m of t.matchAll(/(\d+)([ymdh])/g)) {
    const unit: Record<string, number> = { y: 366 * DAY, m: 31 * DAY, d: DAY, h: HOUR };
    total += Number(m[1]) * (unit[m[2] as string] as number);
  }
  return total;
}

function span(rule: KeepCount, interval: number): number {
  const period = rule.unit === 'last' ? interval : Math.max(PERIOD[rule.unit], interval);
  return rule.count * period;
}

function period(rule: KeepCount, interval: number): number {
  return rule.unit === 'last' ? interval : PERIOD[rule.unit];
}

/** Shared checks: no rules, unlimited rules, unknown interval. Returns bounds when settled. */
function settled(policy: KeepPolicy, interval: number | undefined, flavour: string): KeepBounds | undefined {
  const counts = policy.counts.filter((c) => c.count !== 0);
  if (counts.length === 0 && policy.within.length === 0) {
    return { nominal: Infinity, worstCase: Infinity, lower: Infinity, description: `no keep rule: ${flavour} deletes nothing` };
  }
  const endless = counts.find((c) => c.count === Infinity);
  if (endless) return { nominal: Infinity, worstCase: Infinity, lower: Infinity, description: `${endless.text} keeps every backup` };
  const forever = policy.forever[0];
  if (forever) return { nominal: Infinity, worstCase: Infinity, lower: Infinity, description: `${forever.text} keeps the matching backups for ever` };
  if (interval === undefined && counts.length > 0) {
    // Count rules count periods that have a backup: without the interval their span is unknown.
    const assumed = counts.reduce((sum, c) => sum + c.count * (c.unit === 'last' ? 0 : PERIOD[c.unit]), 0);
    return {
      nominal: undefined,
      worstCase: undefined,
      lower: undefined,
      description: rulesText(policy),
      unknownReason: `the backup interval is unknown, and keep counts count only periods that have a backup (with at least one backup per period the rules span ${describeDuration(assumed)})`,
    };
  }
  return undefined;
}

function rulesText(policy: KeepPolicy): string {
  return [...policy.within.map((w) => w.text), ...policy.counts.map((c) => c.text)].join(', ');
}

/**
 * borg semantics: rules add up, `keep_within` first and its archives don't count towards later
 * rules (borg 1.2 archiver.py do_prune: prune_within, then prune_split per rule with `kept`).
 * nominal = W + Σ spans; worst case = nominal + I;
 * lower = W + max((n−1)·max(P, I)) with keep_within, else max(span − P).
 * `lateBy` is the longest gap between runs (jitter included), added once for the worst case.
 * `keep_within` is relative to now (borg helpers/misc.py prune_within: now - interval).
 */
export function borgBounds(policy: KeepPolicy, interval: number | undefined, lateBy: number | undefined = interval): KeepBounds {
  const done = settled(policy, interval, 'borg prune refuses to run ("At least one of the keep-within, keep-last, ... settings must be specified")');
  if (done) return done;
  const I = interval ?? 0;
  const counts = policy.counts.filter((c) => c.count !== 0);
  const within = maxOf([0, ...policy.within.map((w) => w.seconds)]);
  const nominal = within + counts.reduce((s, c) => s + span(c, I), 0);
  const lower =
    policy.within.length > 0
      ? within + maxOf([0, ...counts.map((c) => (c.count - 1) * Math.max(period(c, I), I))])
      : maxOf([0, ...counts.map((c) => span(c, I) - period(c, I))]);
  return {
    nominal,
    worstCase: lateBy === undefined ? undefined : nominal + lateBy,
    lower,
    description: `${rulesText(policy)} (borg: the rules add up${I > 0 ? `, with a backup every ${describeDuration(I)}` : ''})`,
    ...(lateBy === undefined ? { unknownReason: 'the backup interval is unknown, so a late run cannot be added' } : {}),
  };
}

/**
 * restic semantics: a snapshot is kept when any rule keeps it (restic internal/restic/
 * snapshot_policy.go ApplyPolicy). nominal = max(within, spans); worst case = nominal + the
 * largest rule period + I; `--keep-within` counts from the newest snapshot.
 */
export function resticBounds(policy: KeepPolicy, interval: number | undefined, lateBy: number | undefined = interval): KeepBounds {
  const done = settled(policy, interval, 'restic forget removes nothing');
  if (done) return done;
  const I = interval ?? 0;
  const counts = policy.counts.filter((c) => c.count !== 0);
  const spans = [...counts.map((c) => span(c, I)), ...policy.within.map((w) => w.seconds)];
  const nominal = maxOf(spans);
  const largestPeriod = maxOf([0, ...counts.map((c) => period(c, I)), ...policy.within.map((w) => (w.unit ? PERIOD[w.unit] : 0))]);
  const lower = maxOf([0, ...counts.map((c) => span(c, I) - period(c, I)), ...policy.within.map((w) => w.seconds)]);
  return {
    nominal,
    worstCase: lateBy === undefined ? undefined : nominal + largestPeriod + lateBy,
    lower,
    description: `${rulesText(policy)} (restic: a snapshot is kept when any rule keeps it${I > 0 ? `, with a backup every ${describeDuration(I)}` : ''}${policy.within.length > 0 ? '; --keep-within counts from the newest snapshot' : ''})`,
    ...(lateBy === undefined ? { unknownReason: 'the backup interval is unknown, so a late run cannot be added' } : {}),
  };
}

/**
 * The Retention of a backup from its keep-rule bounds (borg and restic alike): notes on what
 * the rules do not cover join the description; `lateBy` is how late the pruning run can come.
 */
export function retentionFromBounds(
  bounds: KeepBounds,
  notes: string[],
  lateBy: number | undefined,
  lateCause: string,
  fixTemplate: string,
  evidence: Evidence[],
  fixEdit?: EditProposal,
): Retention {
  const description = notes.length > 0 ? `${bounds.description}; ${notes.join('; ')}` : bounds.description;
  const details = { fixTemplate, evidence, ...(lateBy !== undefined ? { cleanupLag: lateBy } : {}), ...(fixEdit ? { fixEdit } : {}) };
  if (bounds.nominal === undefined) return unknownFigure(bounds.unknownReason ?? 'the keep rules cannot be evaluated', description, details);
  if (bounds.worstCase === undefined) {
    return timeBound(bounds.nominal, description, { unknown: bounds.unknownReason ?? 'how late the pruning run can come cannot be told' }, details);
  }
  const kept = bounds.lower !== undefined ? `; at least ${describeDuration(bounds.lower)} is kept in any case` : '';
  return timeBound(bounds.nominal, description, { seconds: bounds.worstCase, reason: `${lateCause}a run can come ${describeDuration(lateBy ?? 0)} late${kept}` }, details);
}
