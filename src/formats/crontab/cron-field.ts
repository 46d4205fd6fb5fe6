/**
 * One of the five time fields of a crontab line, expanded to the values it matches.
 * Grammar and ranges follow Vixie cron as shipped by Debian (cron 3.0pl1, entry.c get_list /
 * get_range / get_number; crontab(5)): `*`, numbers, ranges `a-b`, steps `*\/n` and `a-b/n`,
 * lists joined by `,`, and three-letter month/day names (case-insensitive). crontab(5) says names
 * may not be used in ranges or lists, but entry.c's get_range reads both ends with get_number,
 * which accepts a name wherever a number may stand, so the parser accepts them too.
 */
export type CronFieldName = 'minute' | 'hour' | 'day of month' | 'month' | 'day of week';

export interface CronFieldSpec {
  name: CronFieldName;
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;
// Day-of-week 7 is Sunday as well as 0 (crontab(5) EXTENSIONS; entry.c "make sundays equivalent").
const DOW_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

// Bounds from Vixie cron cron.h (FIRST_/LAST_MINUTE 0-59, HOUR 0-23, DOM 1-31, MONTH 1-12, DOW 0-7).
export const CRON_FIELDS: readonly CronFieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES },
  { name: 'day of week', min: 0, max: 7, names: DOW_NAMES },
];

export type FieldResult =
  | { ok: true; values: number[]; star: boolean }
  | { ok: false; offset: number; expected: string };

/**
 * Expands `text` for `spec`. `star` is true when the field's first character is `*`: Vixie cron
 * sets DOM_STAR/DOW_STAR from that character alone (entry.c `if (ch == '*') e->flags |= DOM_STAR`),
 * which decides whether day-of-month and day-of-week are ANDed or ORed (cron.c find_jobs).
 * On failure, `offset` is where in `text` the problem starts.
 */
export function parseCronField(text: string, spec: CronFieldSpec): FieldResult {
  // Once per field text: 10,000 cron lines repeat a handful of `*`, `3`, `*/15`. Shared, so frozen.
  const key = `${spec.name}\0${text}`;
  const cached = parsedFields.get(key);
  if (cached) return cached;
  const result = parseField(text, spec);
  if (result.ok) Object.freeze(result.values);
  if (parsedFields.size >= 4096) parsedFields.clear();
  parsedFields.set(key, result);
  return result;
}

const parsedFields = new Map<string, FieldResult>();

function parseField(text: string, spec: CronFieldSpec): FieldResult {
  const values = new Set<number>();
  let pos = 0;
  const fail = (expected: string): FieldResult => ({ ok: false, offset: pos, expected });
  const numberOrName = (): number | undefined => {
    const digits = /^\d+/.exec(text.slice(pos));
    if (digits) {
      pos += digits[0].length;
      return Number(digits[0]);
    }
    if (spec.names) {
      const word = /^[A-Za-z]{3}/.exec(text.slice(pos));
      const index = word ? spec.names.indexOf(word[0].toLowerCase()) : -1;
      if (word && index >= 0) {
        pos += 3;
        return spec.min + index;
      }
    }
    return undefined;
  };
  const what = spec.names ? `a number ${spec.min}-${spec.max} or a name` : `a number ${spec.min}-${spec.max}`;
  for (;;) {
    const itemStart = pos;
    let low: number;
    let high: number;
    if (text[pos] === '*') {
      pos++;
      low = spec.min;
      high = spec.max;
    } else {
      const first = numberOrName();
      if (first === undefined) return fail(`${what}, "*", a range or a list`);
      if (first < spec.min || first > spec.max) {
        pos = itemStart;
        return fail(`${what} (got ${first})`);
      }
      low = first;
      high = first;
      if (text[pos] === '-') {
        pos++;
        const rangeStart = pos;
        const last = numberOrName();
        if (last === undefined) return fail(`the end of the range (${what})`);
        if (last < spec.min || last > spec.max || last < low) {
          pos = rangeStart;
          return fail(`a range end between ${low} and ${spec.max} (got ${last})`);
        }
        high = last;
      }
    }
    let step = 1;
    if (text[pos] === '/') {
      pos++;
      const digits = /^\d+/.exec(text.slice(pos));
      if (!digits || Number(digits[0]) === 0) return fail('a step: a positive number after "/"');
      step = Number(digits[0]);
      pos += digits[0].length;
      // After a single number, Vixie cron 3.0 entry.c get_range returns before looking for a
      // step, so `5/10` matches 5 alone (cronie reads it as 5-max/10). low == high keeps that.
    }
    for (let v = low; v <= high; v += step) values.add(v);
    if (pos === text.length) break;
    if (text[pos] !== ',') return fail('"," between list items, or a blank before the next field');
    pos++;
  }
  if (spec.name === 'day of week' && values.has(7)) {
    values.delete(7);
    values.add(0);
  }
  return { ok: true, values: [...values].sort((a, b) => a - b), star: text.startsWith('*') };
}
