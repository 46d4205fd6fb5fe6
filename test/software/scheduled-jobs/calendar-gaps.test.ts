import { describe, expect, it } from 'vitest';
import { calendarGaps, type DaySpec } from '../../../src/software/scheduled-jobs/calendar-gaps.js';

/**
 * The definition calendarGaps must keep: walk every day of the 400-year Gregorian cycle from
 * 2000-01-01 (a Saturday), note the gap from each run to the next (wrapping around the cycle),
 * mean = cycle seconds / runs. Written here independently, day by day with Date, as the oracle
 * for the closed forms (one week) and the cached walk.
 */
function walk(spec: DaySpec, timesOfDay: number[]): { mean: number; longest: number; shortest: number } | undefined {
  const times = [...new Set(timesOfDay)].sort((a, b) => a - b);
  const runs: number[] = [];
  const start = Date.UTC(2000, 0, 1);
  const cycleDays = 146097;
  for (let i = 0; i < cycleDays; i++) {
    const date = new Date(start + i * 86400000);
    const dateOk = spec.days.includes(date.getUTCDate());
    const weekdayOk = spec.weekdays.includes(date.getUTCDay());
    if (!spec.months.includes(date.getUTCMonth() + 1)) continue;
    if (!(spec.either ? dateOk || weekdayOk : dateOk && weekdayOk)) continue;
    for (const t of times) runs.push(i * 86400 + t);
  }
  if (runs.length === 0) return undefined;
  let longest = 0;
  let shortest = Infinity;
  for (let i = 0; i < runs.length; i++) {
    const next = i + 1 < runs.length ? (runs[i + 1] as number) : (runs[0] as number) + cycleDays * 86400;
    const gap = next - (runs[i] as number);
    longest = Math.max(longest, gap);
    shortest = Math.min(shortest, gap);
  }
  return { mean: Math.round((cycleDays * 86400) / runs.length), longest, shortest };
}

const ALL_MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const ALL_DAYS = Array.from({ length: 31 }, (_, i) => i + 1);
const ALL_WEEKDAYS = [0, 1, 2, 3, 4, 5, 6];

describe('calendarGaps agrees with a day-by-day walk of the 400-year cycle', () => {
  const cases: [string, DaySpec, number[]][] = [
    ['daily at 03:15 (closed form, one week)', { months: ALL_MONTHS, days: ALL_DAYS, weekdays: ALL_WEEKDAYS, either: false }, [3 * 3600 + 900]],
    ['weekly on Sunday (closed form)', { months: ALL_MONTHS, days: ALL_DAYS, weekdays: [0], either: false }, [6 * 3600 + 47 * 60]],
    ['weekdays, twice a day (closed form)', { months: ALL_MONTHS, days: ALL_DAYS, weekdays: [1, 2, 3, 4, 5], either: false }, [3600, 13 * 3600]],
    ['the 1st or a Monday (cron OR, walked)', { months: ALL_MONTHS, days: [1], weekdays: [1], either: true }, [0]],
    ['the 31st of each month (walked)', { months: ALL_MONTHS, days: [31], weekdays: ALL_WEEKDAYS, either: false }, [0]],
    ['29 February (walked)', { months: [2], days: [29], weekdays: ALL_WEEKDAYS, either: false }, [3600]],
    ['Friday the 13th (walked)', { months: ALL_MONTHS, days: [13], weekdays: [5], either: false }, [0]],
    ['every day in June (walked)', { months: [6], days: ALL_DAYS, weekdays: ALL_WEEKDAYS, either: false }, [0, 43200]],
    // Years in which it never runs lie between runs: the chaining of years must bridge them.
    ['Friday 29 February (walked)', { months: [2], days: [29], weekdays: [5], either: false }, [0, 7200]],
    ['the first Monday of March and September (walked)', { months: [3, 9], days: [1, 2, 3, 4, 5, 6, 7], weekdays: [1], either: false }, [3600]],
    ['the 29th or a Sunday, in February (cron OR, walked)', { months: [2], days: [29], weekdays: [0], either: true }, [0]],
    ['the 31st, in December only (walked: the gap wraps from one year to the next)', { months: [12], days: [31], weekdays: ALL_WEEKDAYS, either: false }, [60]],
  ];
  for (const [what, spec, times] of cases) {
    it(what, () => {
      expect(calendarGaps(spec, times)).toEqual(walk(spec, times));
    });
  }

  it('30 February never runs', () => {
    expect(calendarGaps({ months: [2], days: [30], weekdays: ALL_WEEKDAYS, either: false }, [0])).toBeUndefined();
  });
});
