import { calendarGaps, type CalendarGaps } from './calendar-gaps.js';

/**
 * systemd time values (systemd.time(7), systemd 252). Unit factors from src/basic/time-util.c
 * parse_time: a month is 30.44 days and a year 365.25 days; a bare number is seconds.
 * Checked against `systemd-analyze timespan` (1month = 2629800 s).
 */
const TIMESPAN_UNITS: Array<[RegExp, number]> = [
  [/^(usec|us|µs|μs)$/, 1e-6],
  [/^(msec|ms)$/, 1e-3],
  [/^(seconds|second|sec|s|)$/, 1],
  [/^(minutes|minute|min|m)$/, 60],
  [/^(hours|hour|hr|h)$/, 3600],
  [/^(days|day|d)$/, 86400],
  [/^(weeks|week|w)$/, 604800],
  [/^(months|month|M)$/, 2629800],
  [/^(years|year|y)$/, 31557600],
];

/** Seconds in a systemd timespan ("1d", "12h 30min", "1w", "90"); undefined if not one. */
export function parseTimespan(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === 'infinity') return undefined;
  let total = 0;
  const re = /\s*(\d+(?:\.\d+)?)\s*([A-Za-zµμ]*)/y;
  let pos = 0;
  while (pos < trimmed.length) {
    re.lastIndex = pos;
    const m = re.exec(trimmed);
    if (!m) return undefined;
    const unit = TIMESPAN_UNITS.find(([pattern]) => pattern.test(m[2] as string));
    if (!unit) return undefined;
    total += Number(m[1]) * unit[1];
    pos = re.lastIndex;
  }
  return total;
}

/**
 * OnCalendar shorthands and their normalised forms, as printed by `systemd-analyze calendar`
 * (systemd 252; src/shared/calendarspec.c). `annually` is the same as `yearly`.
 */
const CALENDAR_SHORTHANDS: Record<string, string> = {
  minutely: '*-*-* *:*:00',
  hourly: '*-*-* *:00:00',
  daily: '*-*-* 00:00:00',
  weekly: 'Mon *-*-* 00:00:00',
  monthly: '*-*-01 00:00:00',
  yearly: '*-01-01 00:00:00',
  annually: '*-01-01 00:00:00',
  quarterly: '*-01,04,07,10-01 00:00:00',
  semiannually: '*-01,07-01 00:00:00',
};

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const LONG_WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** systemd accepts the English weekday names, abbreviated to three letters or in full. */
function weekdayIndex(name: string): number | undefined {
  const lower = name.toLowerCase();
  const i = lower.length === 3 ? WEEKDAYS.indexOf(lower) : LONG_WEEKDAYS.indexOf(lower);
  return i < 0 ? undefined : i;
}

/** A calendar component: `*`, N, lists, `A..B` ranges, `N/S` and `*\/S` repetitions. */
function component(text: string, min: number, max: number): number[] | undefined {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const m = /^(\*|\d+)(?:\.\.(\d+))?(?:\/(\d+))?$/.exec(item);
    if (!m) return undefined;
    const low = m[1] === '*' ? min : Number(m[1]);
    const high = m[2] !== undefined ? Number(m[2]) : m[1] === '*' || m[3] !== undefined ? max : low;
    const step = m[3] !== undefined ? Number(m[3]) : 1;
    if (step === 0 || low < min || high > max || low > high) return undefined;
    for (let v = low; v <= high; v += step) values.add(v);
  }
  return [...values];
}

function weekdaySet(text: string): Set<number> | undefined {
  const set = new Set<number>();
  for (const item of text.split(',')) {
    const [a, b, extra] = item.split('..');
    if (extra !== undefined || a === undefined) return undefined;
    const from = weekdayIndex(a);
    const to = b === undefined ? from : weekdayIndex(b);
    if (from === undefined || to === undefined) return undefined;
    for (let d = from; ; d = (d + 1) % 7) {
      set.add(d);
      if (d === to) break;
    }
  }
  return set;
}

export interface CalendarReading {
  normalized: string;
  gaps: CalendarGaps | undefined;
}

/** Per distinct expression text. */
const readings = new Map<string, CalendarReading | undefined>();

/**
 * Reads the common OnCalendar forms: the shorthands, `[Weekdays] [[*-]MM-DD] [HH:MM[:SS]]` with
 * `*`, lists, `..` ranges and `/` repetitions, optional trailing `UTC`. Anything else (a fixed
 * year, `~` last days, fractional seconds, other time zones) is undefined: no guess is made.
 */
export function readCalendar(text: string): CalendarReading | undefined {
  // Once per distinct expression: `*:*:*` lists 86,400 times, and thousands of timers say `daily`.
  if (readings.has(text)) return readings.get(text);
  const reading = readCalendarOnce(text);
  if (readings.size > 10_000) readings.clear();
  readings.set(text, reading);
  return reading;
}

function readCalendarOnce(text: string): CalendarReading | undefined {
  let spec = text.trim();
  const shorthand = CALENDAR_SHORTHANDS[spec.toLowerCase()];
  if (shorthand) spec = shorthand;
  const words = spec.split(/\s+/).filter((w) => w !== '');
  if (words[words.length - 1] === 'UTC') words.pop();
  let weekdays: Set<number> | undefined;
  let date = '*-*-*';
  let time = '00:00:00';
  let i = 0;
  if (words[i] && /^[A-Za-z]/.test(words[i] as string)) {
    weekdays = weekdaySet(words[i] as string);
    if (!weekdays) return undefined;
    i++;
  }
  if (words[i]?.includes('-')) date = words[i++] as string;
  if (words[i]?.includes(':')) time = words[i++] as string;
  if (i !== words.length) return undefined;

  const dateParts = date.split('-');
  if (dateParts.length === 3) {
    if (dateParts[0] !== '*') return undefined; // a fixed year runs a bounded number of times
    dateParts.shift();
  }
  if (dateParts.length !== 2) return undefined;
  const months = component(dateParts[0] as string, 1, 12);
  const days = component(dateParts[1] as string, 1, 31);
  const timeParts = time.split(':');
  if (timeParts.length === 2) timeParts.push('00');
  if (timeParts.length !== 3) return undefined;
  const hours = component(timeParts[0] as string, 0, 23);
  const minutes = component(timeParts[1] as string, 0, 59);
  const seconds = component(timeParts[2] as string, 0, 59);
  if (!months || !days || !hours || !minutes || !seconds) return undefined;

  const times: number[] = [];
  for (const h of hours) for (const m of minutes) for (const s of seconds) times.push(h * 3600 + m * 60 + s);
  // systemd requires the weekday AND the date to match (systemd.time(7)), unlike cron's OR.
  const gaps = calendarGaps({ months, days, weekdays: weekdays ? [...weekdays] : [0, 1, 2, 3, 4, 5, 6], either: false }, times);
  const normalized = [weekdays ? (words[0] as string) : undefined, `*-${dateParts.join('-')}`, timeParts.join(':')]
    .filter((w) => w !== undefined)
    .join(' ');
  return { normalized, gaps };
}
