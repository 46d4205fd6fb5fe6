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

/** Month, day of month and weekday of every day of the 400-year cycle from 2000-01-01, made once. */
let cycle: { month: Uint8Array; day: Uint8Array; weekday: Uint8Array } | undefined;

function calendarCycle(): NonNullable<typeof cycle> {
  if (cycle) return cycle;
  const month = new Uint8Array(CYCLE_DAYS);
  const day = new Uint8Array(CYCLE_DAYS);
  const weekday = new Uint8Array(CYCLE_DAYS);
  let wd = 6; // 2000-01-01 was a Saturday.
  let i = 0;
  for (let y = 2000; y < 2400; y++) {
    for (let mo = 1; mo <= 12; mo++) {
      const length = mo === 2 ? (isLeap(y) ? 29 : 28) : mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
      for (let d = 1; d <= length; d++) {
        month[i] = mo;
        day[i] = d;
        weekday[i] = wd;
        i++;
        wd = (wd + 1) % 7;
      }
    }
  }
  cycle = { month, day, weekday };
  return cycle;
}

/** Results per distinct schedule: 400 identical cron lines are computed once. */
const computed = new Map<string, CalendarGaps | undefined>();

/**
 * The gaps between consecutive runs of a schedule that runs at the same times (seconds after
 * midnight) on every matching day, exact over the Gregorian calendar (month lengths, leap days,
 * weekday/date combinations). A schedule whose days depend on the weekday alone (daily, weekly,
 * every weekday: nearly every real job) repeats every 7 days, and its gaps are computed from one
 * week; any other is walked over the 400-year cycle, after which the calendar repeats. Undefined
 * when no day ever matches.
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

  const { month, day, weekday } = calendarCycle();
  let firstDay = -1;
  let previous = -1;
  let count = 0;
  for (let i = 0; i < CYCLE_DAYS; i++) {
    if (!monthSet.has(month[i] as number)) continue;
    const dateOk = daySet.has(day[i] as number);
    const weekdayOk = weekdaySet.has(weekday[i] as number);
    if (!(spec.either ? dateOk || weekdayOk : dateOk && weekdayOk)) continue;
    if (previous >= 0) note((i - previous) * 86400 + first - last);
    else firstDay = i;
    previous = i;
    count++;
  }
  if (count === 0) return undefined;
  note((firstDay + CYCLE_DAYS - previous) * 86400 + first - last);
  return { mean: Math.round((CYCLE_DAYS * 86400) / (count * times.length)), longest, shortest };
}
