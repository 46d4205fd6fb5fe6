import type { EditProposal } from './edit.js';
import type { Evidence } from './evidence.js';

/** Seconds. `Infinity` = without limit, as configured ("kept forever"). */
export type Seconds = number;

/**
 * How far the real figure can exceed the nominal one (POLICY.md "Verdicts", worst case): the
 * granularity of deletion, the gap between two runs of the job, the scheduler's slack.
 * - `as-nominal`: nothing adds to the nominal figure;
 * - `longer`: it adds up to `seconds` in all (always more than the nominal figure), because of `reason`;
 * - `unknown`: it cannot be told (a job whose schedule is unreadable), because of `reason`.
 */
export type WorstCase =
  | { kind: 'as-nominal' }
  | { kind: 'longer'; seconds: Seconds; reason: string }
  | { kind: 'unknown'; reason: string };

interface FigureBase {
  /** Human-readable: how the figure was reached, e.g. `archive_expires_after = "1w"`. */
  description: string;
  /**
   * The setting that changes this figure, in the software's own syntax, with `{{days}}` or
   * `{{seconds}}` where the figure goes: the judge fills in a value that guarantees the claim.
   */
  fixTemplate?: string;
  /** The fix template as an edit of the setting, its text with the same `{{days}}`/`{{seconds}}`/`{{count}}`. */
  fixEdit?: EditProposal;
  /**
   * For a template with `{{count}}`: the seconds one unit of the count keeps (logrotate's period
   * per rotated copy); when not even one fits the claim, `fixFallback` is the suggestion instead.
   */
  fixUnit?: Seconds;
  fixFallback?: string;
  /** How late deletion can run (a daily job: 1 day), so a fix can leave room for it. */
  cleanupLag?: Seconds;
  evidence: Evidence[];
}

/**
 * How long something is kept, or how often something runs (a backup's interval): one type for
 * every software, with the three states POLICY.md "Verdicts" distinguishes. The states that the
 * contract has no verdict for (a worst case below the nominal figure, an unknown nominal figure
 * with a known worst case) cannot be built: make figures with the constructors below.
 *
 * - `time`: deletion is bounded by time. `nominal` is what the configuration states, in the
 *   software's own units (with a period stretched to the schedule that really runs it);
 *   `worstCase` is what deletion as it really runs adds.
 * - `traffic`: no time bound, because deletion depends on traffic (a size-based rotation, an
 *   expiry that runs only when a user acts): `reason` says on what.
 * - `unknown`: the figure cannot be told (a value known only at run time, a file outside
 *   `--root`): `reason` says why.
 */
export type TimeFigure =
  | (FigureBase & { bound: 'time'; nominal: Seconds; worstCase: WorstCase })
  | (FigureBase & { bound: 'traffic'; reason: string })
  | (FigureBase & { bound: 'unknown'; reason: string });

/** How long data is kept. */
export type Retention = TimeFigure;
/** How often something runs (nominal = as scheduled; worst case = with jitter, catch-up, gaps). */
export type Interval = TimeFigure;
export type TimeBound = Extract<TimeFigure, { bound: 'time' }>;

type Details = Omit<FigureBase, 'description' | 'evidence'> & { evidence?: Evidence[] };

/**
 * A figure bounded by time. `worst` is the real worst case in seconds and why it exceeds the
 * nominal figure, or `{ unknown: reason }`; a worst case that is not above the nominal figure
 * (or a nominal figure that is already forever) is the nominal figure.
 */
export function timeBound(
  nominal: Seconds,
  description: string,
  worst?: { seconds: Seconds; reason: string } | { unknown: string },
  details: Details = {},
): TimeFigure {
  if (Number.isNaN(nominal) || nominal < 0) throw new RangeError(`timeBound: ${nominal} is not a figure`);
  let worstCase: WorstCase = { kind: 'as-nominal' };
  if (worst && nominal !== Infinity) {
    if ('unknown' in worst) worstCase = { kind: 'unknown', reason: worst.unknown };
    else if (Number.isNaN(worst.seconds)) throw new RangeError('timeBound: NaN worst case');
    else if (worst.seconds > nominal) worstCase = { kind: 'longer', seconds: worst.seconds, reason: worst.reason };
  }
  return withDetails({ bound: 'time', nominal, worstCase, description }, details);
}

/** No time bound: deletion depends on traffic (or on what users do), as `reason` says. */
export function trafficBound(reason: string, description: string, details: Details = {}): TimeFigure {
  return withDetails({ bound: 'traffic', reason, description }, details);
}

/** The figure cannot be told, because of `reason`. */
export function unknownFigure(reason: string, description: string = reason, details: Details = {}): TimeFigure {
  return withDetails({ bound: 'unknown', reason, description }, details);
}

/** Kept forever, as configured (no deletion at all). */
export function forever(description: string, details: Details = {}): TimeFigure {
  return timeBound(Infinity, description, undefined, details);
}

/** Nothing is kept. */
export function nothingKept(description: string, details: Details = {}): TimeFigure {
  return timeBound(0, description, undefined, details);
}

/**
 * The longest a figure can really reach: the worst case when it is known, the nominal figure
 * when nothing adds to it; `Infinity` without a time bound; `undefined` when it cannot be told.
 */
export function longestSeconds(figure: TimeFigure): Seconds | undefined {
  if (figure.bound === 'traffic') return Infinity;
  if (figure.bound === 'unknown') return undefined;
  if (figure.worstCase.kind === 'longer') return figure.worstCase.seconds;
  if (figure.worstCase.kind === 'unknown') return undefined;
  return figure.nominal;
}

/** The nominal figure: `Infinity` without a time bound, `undefined` when it cannot be told. */
export function nominalSeconds(figure: TimeFigure): Seconds | undefined {
  if (figure.bound === 'traffic') return Infinity;
  if (figure.bound === 'unknown') return undefined;
  return figure.nominal;
}

/**
 * The figure that deletes soonest of several that all apply to the same data (logrotate and a
 * `find -delete` job on one file): a time bound beats none, then the shortest worst case, then
 * the shortest nominal figure. Unknown figures count only when nothing else is known.
 */
export function soonest(figures: TimeFigure[]): TimeFigure | undefined {
  const rank = (f: TimeFigure): [number, number, number] => {
    if (f.bound === 'unknown') return [2, Infinity, Infinity];
    if (f.bound === 'traffic') return [1, Infinity, Infinity];
    return [0, longestSeconds(f) ?? Infinity, f.nominal];
  };
  let best: TimeFigure | undefined;
  for (const f of figures) {
    if (!best) { best = f; continue; }
    const [a, b] = [rank(f), rank(best)];
    if (a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2])))) best = f;
  }
  return best;
}

/** The same figure with more evidence behind it. */
export function withMoreEvidence(figure: TimeFigure, evidence: Evidence[]): TimeFigure {
  return { ...figure, evidence: [...figure.evidence, ...evidence] };
}

/**
 * The figure with its details in their order, then its evidence: the fields the spread of a rest
 * object gave, copied one by one. The rest object and its spread gave each of the ten figures per
 * Prosody host a hidden class of its own.
 */
function withDetails(head: Record<string, unknown> & { bound: TimeFigure['bound']; description: string }, details: Details): TimeFigure {
  const figure: Record<string, unknown> = head;
  for (const key of Object.keys(details)) {
    if (key !== 'evidence') figure[key] = details[key as keyof Details];
  }
  figure.evidence = details.evidence ?? [];
  return figure as unknown as TimeFigure;
}

/**
 * The figure that keeps longest of several that all hold (a dump written to two files): a figure
 * that cannot be told decides first, then one without a time bound, then the longest worst case.
 */
export function longestOf(figures: TimeFigure[]): TimeFigure | undefined {
  const unknown = figures.find((f) => f.bound === 'unknown' || (f.bound === 'time' && f.worstCase.kind === 'unknown'));
  if (unknown) return unknown;
  const traffic = figures.find((f) => f.bound === 'traffic');
  if (traffic) return traffic;
  let best: TimeFigure | undefined;
  for (const f of figures) if (!best || (longestSeconds(f) ?? Infinity) > (longestSeconds(best) ?? Infinity)) best = f;
  return best;
}
