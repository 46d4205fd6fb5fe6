export interface CalendarGaps {
  /** Mean seconds between runs over the Gregorian 400-year cycle. */
  mean: number;
  longest: number;
  shortest: number;
}

const CYCLE_DAYS = 146097; // 400 Gregorian years: a whole number of weeks, so the calendar repeats.

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** A calendar day: month 1-12, day of month 1-31, weekday 0 = Sunday. */
export type DayTest = (month: number, day: number, weekday: number) => boolean;

/**
 * The gaps between consecutive runs of a schedule that runs at the same times (seconds after
 * midnight) on every matching day. Every day of a 400-year cycle is walked — the Gregorian
 * calendar, weekdays included, repeats after it — so month lengths, leap days and weekday/date
 * combinations are exact rather than estimated. Undefined when no day ever matches.
 */
export function calendarGaps(matches: DayTest, timesOfDay: number[]): CalendarGaps | undefined {
  const times = [...new Set(timesOfDay)].sort((a, b) => a - b);
  const days: number[] = [];
  let weekday = 6; // 2000-01-01 was a Saturday.
  let day = 0;
  for (let y = 2000; y < 2400; y++) {
    for (let mo = 1; mo <= 12; mo++) {
      const length = mo === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(mo) ? 30 : 31;
      for (let d = 1; d <= length; d++) {
        if (matches(mo, d, weekday)) days.push(day);
        day++;
        weekday = (weekday + 1) % 7;
      }
    }
  }
  const first = times[0];
  const last = times[times.length - 1];
  if (days.length === 0 || first === undefined || last === undefined) return undefined;

  let longest = 0;
  let shortest = Infinity;
  const note = (gap: number): void => {
    if (gap > longest) longest = gap;
    if (gap < shortest) shortest = gap;
  };
  for (let i = 1; i < times.length; i++) note((times[i] as number) - (times[i - 1] as number));
  for (let i = 0; i < days.length; i++) {
    const next = i + 1 < days.length ? (days[i + 1] as number) : (days[0] as number) + CYCLE_DAYS;
    note((next - (days[i] as number)) * 86400 + first - last);
  }
  const runs = days.length * times.length;
  return { mean: Math.round((CYCLE_DAYS * 86400) / runs), longest, shortest };
}
