export interface CalendarGaps {
  /** Mean seconds between runs over the Gregorian 400-year cycle. */
  mean: number;
  longest: number;
  shortest: number;
}

const CYCLE_DAYS = 146097; // 400 Gregorian years: a whole number of weeks, so the calendar repeats.

/**
 * The days a schedule runs on: months 1-12, days of the month 1-31, weekdays 0 = Sunday.
 * `either`: a day matches when its date OR its weekday is listed (cron with neither day field
 * starting with `*`); else both must match (cron otherwise, systemd always).
 */
export interface DaySpec {
  months: readonly number[];
  days: readonly number[];
  weekdays: readonly number[];
  either: boolean;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The matching days of one kind of year, as day-of-year indexes (0 = 1 January). */
interface YearRuns {
  count: number;
  first: number;
  last: number;
  longest: number;
  shortest: number;
}

/**
 * Which days of a year match depends only on whether it is a leap year and on the weekday of its
 * 1 January: 14 kinds of year. Each kind is checked day by day once (at most 14 × 366 days).
 */
function yearRuns(spec: DaySpec, leap: boolean, firstWeekday: number): YearRuns {
  const months = new Set(spec.months);
  const days = new Set(spec.days);
  const weekdays = new Set(spec.weekdays);
  const runs: YearRuns = { count: 0, first: -1, last: -1, longest: 0, shortest: Infinity };
  let index = 0;
  for (let mo = 1; mo <= 12; mo++) {
    const length = mo === 2 && leap ? 29 : (MONTH_DAYS[mo - 1] as number);
    for (let d = 1; d <= length; d++, index++) {
      if (!months.has(mo)) continue;
      const dateOk = days.has(d);
      const weekdayOk = weekdays.has((firstWeekday + index) % 7);
      if (!(spec.either ? dateOk || weekdayOk : dateOk && weekdayOk)) continue;
      if (runs.count > 0) {
        const gap = index - runs.last;
        if (gap > runs.longest) runs.longest = gap;
        if (gap < runs.shortest) runs.shortest = gap;
      } else runs.first = index;
      runs.last = index;
      runs.count++;
    }
  }
  return runs;
}

/** The gaps in days between consecutive matching days over the 400-year cycle, wrapping around it. */
interface DayGaps {
  count: number;
  longest: number;
  shortest: number;
}

/** Per distinct set of days: timers and cron lines that differ only in the time of day share it. */
const dayGapsComputed = new Map<string, DayGaps | undefined>();

/**
 * The years of the cycle from 2000 (1 January 2000 was a Saturday) chained through their kind's
 * runs: 400 steps instead of 146,097 days, with the same result as walking every day.
 */
function dayGaps(spec: DaySpec): DayGaps | undefined {
  const key = `${spec.months.join(',')}|${spec.days.join(',')}|${spec.weekdays.join(',')}|${String(spec.either)}`;
  if (dayGapsComputed.has(key)) return dayGapsComputed.get(key);
  const kinds = new Map<number, YearRuns>();
  let longest = 0;
  let shortest = Infinity;
  let count = 0;
  let firstDay = -1;
  let previous = -1;
  let yearStart = 0;
  let weekday = 6;
  for (let y = 2000; y < 2400; y++) {
    const leap = isLeap(y);
    const kind = weekday * 2 + (leap ? 1 : 0);
    let runs = kinds.get(kind);
    if (!runs) kinds.set(kind, (runs = yearRuns(spec, leap, weekday)));
    if (runs.count > 0) {
      if (previous >= 0) {
        const gap = yearStart + runs.first - previous;
        if (gap > longest) longest = gap;
        if (gap < shortest) shortest = gap;
      } else firstDay = yearStart + runs.first;
      if (runs.count > 1) {
        if (runs.longest > longest) longest = runs.longest;
        if (runs.shortest < shortest) shortest = runs.shortest;
      }
      previous = yearStart + runs.last;
      count += runs.count;
    }
    const length = leap ? 366 : 365;
    yearStart += length;
    weekday = (weekday + length) % 7;
  }
  let gaps: DayGaps | undefined;
  if (count > 0) {
    const wrap = firstDay + CYCLE_DAYS - previous;
    gaps = { count, longest: Math.max(longest, wrap), shortest: Math.min(shortest, wrap) };
  }
  if (dayGapsComputed.size > 10_000) dayGapsComputed.clear();
  dayGapsComputed.set(key, gaps);
  return gaps;
}

/** Results per distinct schedule: 400 identical cron lines are computed once. */
const computed = new Map<string, CalendarGaps | undefined>();

/**
 * The gaps between consecutive runs of a schedule that runs at the same times (seconds after
 * midnight) on every matching day, exact over the Gregorian calendar (month lengths, leap days,
 * weekday/date combinations). A schedule whose days depend on the weekday alone (daily, weekly,
 * every weekday: nearly every real job) repeats every 7 days, and its gaps are computed from one
 * week; any other from the 14 kinds of year chained over the 400-year cycle, after which the
 * calendar repeats (dayGaps). Undefined when no day ever matches.
 */
export function calendarGaps(spec: DaySpec, timesOfDay: number[]): CalendarGaps | undefined {
  const times = [...new Set(timesOfDay)].sort((a, b) => a - b);
  const key = `${spec.months.join(',')}|${spec.days.join(',')}|${spec.weekdays.join(',')}|${String(spec.either)}|${times.join(',')}`;
  if (computed.has(key)) return computed.get(key);
  const gaps = computeGaps(spec, times);
  if (computed.size > 10_000) computed.clear();
  computed.set(key, gaps);
  return gaps;
}

function computeGaps(spec: DaySpec, times: number[]): CalendarGaps | undefined {
  const first = times[0];
  const last = times[times.length - 1];
  if (first === undefined || last === undefined) return undefined;
  const monthSet = new Set(spec.months);
  const daySet = new Set(spec.days);
  const weekdaySet = new Set(spec.weekdays);
  const allMonths = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].every((m) => monthSet.has(m));
  const allDays = Array.from({ length: 31 }, (_, i) => i + 1).every((d) => daySet.has(d));
  const allWeekdays = [0, 1, 2, 3, 4, 5, 6].every((w) => weekdaySet.has(w));

  let longest = 0;
  let shortest = Infinity;
  const note = (gap: number): void => {
    if (gap > longest) longest = gap;
    if (gap < shortest) shortest = gap;
  };
  for (let i = 1; i < times.length; i++) note((times[i] as number) - (times[i - 1] as number));

  // Every date of every month matches: which days run depends on the weekday alone (with
  // `either`, a listed date then always matches, so every day runs).
  if (allMonths && allDays) {
    const weekdays = spec.either ? [0, 1, 2, 3, 4, 5, 6] : [...weekdaySet].filter((w) => w >= 0 && w <= 6).sort((a, b) => a - b);
    if (weekdays.length === 0) return undefined;
    for (let i = 0; i < weekdays.length; i++) {
      const next = i + 1 < weekdays.length ? (weekdays[i + 1] as number) : (weekdays[0] as number) + 7;
      note((next - (weekdays[i] as number)) * 86400 + first - last);
    }
    // CYCLE_DAYS is 20,871 weeks: each listed weekday runs 20,871 times per cycle.
    const runs = (CYCLE_DAYS / 7) * weekdays.length * times.length;
    return { mean: Math.round((CYCLE_DAYS * 86400) / runs), longest, shortest };
  }
  if (spec.either && allWeekdays && allMonths) {
    note(86400 + first - last);
    return { mean: Math.round(86400 / times.length), longest, shortest };
  }

  const days = dayGaps(spec);
  if (!days) return undefined;
  note(days.longest * 86400 + first - last);
  note(days.shortest * 86400 + first - last);
  return { mean: Math.round((CYCLE_DAYS * 86400) / (days.count * times.length)), longest, shortest };
}
