import type { Duration } from './types.js';

/**
 * Policy durations (POLICY.md "Durations").
 *
 * Accepted: `<number><unit>` or `<number> <unit word>`, several of them in a row ("1d 12h"),
 * `forever` (no limit) and `none` (not kept at all); a bare `0` means none.
 * Units: h/hour(s), d/day(s), w/week(s), mo/month(s) = 30 days, y/year(s) = 365 days,
 * and, beyond the contract, min/minute(s) and s/second(s) so that every figure
 * formatDuration prints can be written back into a policy (describeDuration, for messages,
 * rounds figures of centuries and more, which no policy declares).
 * Decimals are allowed ("1.5d" = 36h); the total is rounded to whole seconds, because no
 * retention a server configures is finer than a second.
 * Case does not matter. A bare `m` is refused: minutes or months is a guess we will not make.
 */

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

const UNITS: Readonly<Record<string, number>> = {
  s: 1,
  second: 1,
  seconds: 1,
  min: MINUTE,
  minute: MINUTE,
  minutes: MINUTE,
  h: HOUR,
  hour: HOUR,
  hours: HOUR,
  d: DAY,
  day: DAY,
  days: DAY,
  w: WEEK,
  week: WEEK,
  weeks: WEEK,
  mo: MONTH,
  month: MONTH,
  months: MONTH,
  y: YEAR,
  year: YEAR,
  years: YEAR,
};

/** What every duration error ends with, so the user sees what to write instead. */
export const ACCEPTED_DURATION_FORMS =
  'a duration is <number><unit> or <number> <unit word>: h/hours, d/days, w/weeks, ' +
  'mo/months (30 days), y/years (365 days), min/minutes, s/seconds ' +
  '(e.g. 12h, 21d, 2w, 6mo, 1y, "90 days", "1d 12h"), or forever, or none';

/** A duration that cannot be read. The message starts with the offending text, quoted. */
export class DurationError extends Error {
  override name = 'DurationError';
  constructor(
    /** The value as given. */
    readonly input: string | number,
    message: string,
  ) {
    super(message);
  }
}

const PART = /(\d+(?:\.\d+)?)\s*([a-z]+)\s*/y;

export function parsePolicyDuration(text: string | number): Duration {
  if (typeof text === 'number') return parseNumber(text);
  const written = text.trim();
  const lower = written.toLowerCase();
  const shown = JSON.stringify(text);
  if (lower === 'forever') return { seconds: Infinity, text: written };
  if (lower === 'none' || lower === '0') return { seconds: 0, text: written };
  if (/^\d+(?:\.\d+)?$/.test(lower)) {
    throw new DurationError(text, `${shown} has no unit; ${ACCEPTED_DURATION_FORMS}`);
  }
  let seconds = 0;
  let offset = 0;
  while (offset < lower.length) {
    PART.lastIndex = offset;
    const match = PART.exec(lower);
    if (!match) {
      throw new DurationError(text, `${shown} is not a duration; ${ACCEPTED_DURATION_FORMS}`);
    }
    const [, amount = '', unit = ''] = match;
    if (unit === 'm') {
      throw new DurationError(
        text,
        `${shown} is ambiguous: "m" could mean minutes or months; write ${amount}mo (or "${amount} months") ` +
          `for months, or ${amount}min or a number of hours for minutes; ${ACCEPTED_DURATION_FORMS}`,
      );
    }
    const factor = UNITS[unit];
    if (factor === undefined) {
      throw new DurationError(
        text,
        `${shown} is not a duration: unknown unit "${unit}"; ${ACCEPTED_DURATION_FORMS}`,
      );
    }
    seconds += Number(amount) * factor;
    offset = PART.lastIndex;
  }
  if (offset === 0) {
    throw new DurationError(text, `${shown} is not a duration; ${ACCEPTED_DURATION_FORMS}`);
  }
  return { seconds: Math.round(seconds), text: written };
}

function parseNumber(value: number): Duration {
  // A YAML `retention: 0` is unambiguous; any other bare number lacks its unit.
  if (value === 0) return { seconds: 0, text: '0' };
  if (Number.isFinite(value) && value > 0) {
    throw new DurationError(value, `${value} has no unit; write e.g. ${value}d; ${ACCEPTED_DURATION_FORMS}`);
  }
  throw new DurationError(value, `${String(value)} is not a duration; ${ACCEPTED_DURATION_FORMS}`);
}

/**
 * The most readable exact spelling of a number of seconds, as every verdict message shows it.
 * Stable rules (tests pin them):
 * - `Infinity` → "forever", 0 → "none"; negative values get a leading "-".
 * - Whole days: exact years are written in years ("1y", "2y"); exactly seven days is "1w"
 *   (Prosody's own spelling of its defaults); every other count of days stays in days
 *   ("14d", "21d", "30d", "366d"), because policies, logrotate and cron count in days.
 * - A part below a day is added as hours ("1d 12h"); a part below an hour as whole minutes
 *   ("1h 30min") or else as seconds ("90s", "1h 90s"). Months and "m" are never printed.
 * - Fractions of a second are kept to the millisecond ("0.5s").
 * - Whole multiples of Prosody's 365.2425-day year are shown as days to two decimals
 *   ("365.24d"): readable, but only approximately readable back.
 * Every result can be read back by parsePolicyDuration to the same number of seconds.
 */
const PROSODY_YEAR = 365.2425 * 86400;

export function formatDuration(seconds: number): string {
  if (Number.isNaN(seconds)) throw new RangeError('formatDuration: NaN is not a duration');
  if (seconds === Infinity) return 'forever';
  if (seconds < 0) return `-${formatDuration(-seconds)}`;
  if (seconds === 0) return 'none';

  const days = Math.floor(seconds / DAY);
  const belowDay = seconds - days * DAY;
  // Prosody's year is 365.2425 days (util/human/io.lua, mod_mam.lua:510): "365d 5h 2952s" says
  // nothing a reader can use, so whole Prosody years are shown as days to two decimals.
  if (seconds % PROSODY_YEAR === 0) return `${Math.round((seconds / DAY) * 100) / 100}d`;
  const hours = Math.floor(belowDay / HOUR);
  const belowHour = Math.round((belowDay - hours * HOUR) * 1000) / 1000;

  const parts: string[] = [];
  if (days > 0) parts.push(formatDays(days, belowDay === 0));
  if (hours > 0) parts.push(`${hours}h`);
  if (belowHour > 0) {
    parts.push(Number.isInteger(belowHour) && belowHour % MINUTE === 0 ? `${belowHour / MINUTE}min` : `${belowHour}s`);
  }
  // Only a sub-millisecond remainder can leave nothing to print.
  return parts.length > 0 ? parts.join(' ') : `${seconds}s`;
}

function formatDays(days: number, whole: boolean): string {
  if (whole && days % 365 === 0) return `${days / 365}y`;
  if (whole && days === 7) return '1w';
  return `${days}d`;
}

/** From here on a figure reads better as a rounded count of years than as days. */
const APPROXIMATE_FROM = 100 * YEAR;
// Made on first use: an Intl format loads ICU's locale data, a cost every start would pay otherwise.
let grouped: Intl.NumberFormat | undefined;

/**
 * A duration as every message shows it: formatDuration's exact form, except that figures of a
 * century or more that are not whole years are rounded to two significant figures of 365-day
 * years ("about 8,500 years" rather than "3100000d", which logrotate's `monthly` with
 * `rotate 99999` gives). Such a figure only says "no real bound"; its last digits mean nothing.
 */
export function describeDuration(seconds: number): string {
  const magnitude = Math.abs(seconds);
  if (!Number.isFinite(magnitude) || magnitude < APPROXIMATE_FROM || magnitude % YEAR === 0) return formatDuration(seconds);
  grouped ??= new Intl.NumberFormat('en-US', { maximumSignificantDigits: 2 });
  return `${seconds < 0 ? '-' : ''}about ${grouped.format(magnitude / YEAR)} years`;
}
