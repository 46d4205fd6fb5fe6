import type { CronTimeField } from '../../formats/crontab/parse-crontab.js';

import { calendarGaps, type CalendarGaps } from './calendar-gaps.js';

/** Per distinct schedule text. */
const computed = new Map<string, CalendarGaps | undefined>();

/**
 * The gaps between runs of a five-field cron schedule. Day matching follows Vixie cron cron.c
 * find_jobs: when either day field starts with `*` (DOM_STAR/DOW_STAR, set in entry.c from the
 * field's first character), both must match; otherwise either one suffices. Undefined when no
 * date ever matches (e.g. `0 0 30 2 *`).
 */
export function cronGaps(fields: CronTimeField[]): CalendarGaps | undefined {
  const [minute, hour, dom, month, dow] = fields;
  if (!minute || !hour || !dom || !month || !dow) return undefined;
  // The fields' text decides their values: `* * * * *` on 10,000 lines lists its 1,440 times once.
  const key = fields.map((f) => f.text).join(' ');
  if (computed.has(key)) return computed.get(key);
  const times: number[] = [];
  for (const h of hour.values) for (const m of minute.values) times.push(h * 3600 + m * 60);
  const gaps = calendarGaps({ months: month.values, days: dom.values, weekdays: dow.values, either: !(dom.star || dow.star) }, times);
  if (computed.size > 10_000) computed.clear();
  computed.set(key, gaps);
  return gaps;
}

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const pad = (n: number): string => String(n).padStart(2, '0');

/** A short reading of a cron schedule for messages: "daily at 03:17", "every 15 minutes". */
export function describeCronFields(fields: CronTimeField[], text: string): string {
  const [minute, hour, dom, month, dow] = fields;
  if (!minute || !hour || !dom || !month || !dow) return `cron schedule "${text}"`;
  const single = (f: CronTimeField): number | undefined => (f.values.length === 1 ? f.values[0] : undefined);
  const allDays = dom.star && dow.star && month.values.length === 12 && dom.values.length === 31 && dow.values.length === 7;
  const m = single(minute);
  const h = single(hour);
  const everyMinuteStep = /^\*\/(\d+)$/.exec(minute.text);
  if (allDays && hour.values.length === 24) {
    if (minute.values.length === 60) return 'every minute';
    if (everyMinuteStep && 60 % Number(everyMinuteStep[1]) === 0) return `every ${everyMinuteStep[1]} minutes`;
    if (m !== undefined) return `hourly at minute ${m}`;
  }
  if (m === undefined || h === undefined) return `cron schedule "${text}"`;
  const time = `${pad(h)}:${pad(m)}`;
  if (allDays) return `daily at ${time}`;
  const dayOfWeek = single(dow);
  if (dom.star && dom.values.length === 31 && month.values.length === 12 && dayOfWeek !== undefined) {
    return `weekly on ${DAY_NAMES[dayOfWeek] as string} at ${time}`;
  }
  const dayOfMonth = single(dom);
  if (dow.star && dow.values.length === 7 && month.values.length === 12 && dayOfMonth !== undefined) {
    return `monthly on day ${dayOfMonth} at ${time}`;
  }
  return `cron schedule "${text}"`;
}
