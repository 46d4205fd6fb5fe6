import { describe, expect, it } from 'vitest';
import { parseCrontab } from '../../../src/formats/crontab/parse-crontab.js';
import { scheduleFromCronEntry, scheduleFromInterval } from '../../../src/software/scheduled-jobs/schedule.js';
import { parseTimespan, readCalendar } from '../../../src/software/scheduled-jobs/systemd-time.js';

const MIN = 60;
const HOUR = 3600;
const DAY = 86400;

function cron(line: string) {
  const tab = parseCrontab(`${line} root true\n`, '/r/etc/crontab', 'system');
  expect(tab.diagnostics).toEqual([]);
  return scheduleFromCronEntry(tab.entries[0]!);
}

describe('cron schedules', () => {
  it('daily, weekly, every 15 minutes, hourly', () => {
    expect(cron('0 3 * * *')).toMatchObject({ interval: DAY, worstCaseInterval: DAY, description: 'daily at 03:00 (cron)' });
    expect(cron('17 3 * * *').description).toBe('daily at 03:17 (cron)');
    expect(cron('0 3 * * 1')).toMatchObject({ interval: 7 * DAY, worstCaseInterval: 7 * DAY, description: 'weekly on Monday at 03:00 (cron)' });
    expect(cron('*/15 * * * *')).toMatchObject({ interval: 15 * MIN, worstCaseInterval: 15 * MIN, description: 'every 15 minutes (cron)' });
    expect(cron('17 * * * *')).toMatchObject({ interval: HOUR, worstCaseInterval: HOUR, description: 'hourly at minute 17 (cron)' });
    expect(cron('47 6 * * 7')).toMatchObject({ worstCaseInterval: 7 * DAY, description: 'weekly on Sunday at 06:47 (cron)' });
  });

  it('monthly: 28 to 31 days apart, nominally the mean month', () => {
    const s = cron('0 0 1 * *');
    expect(s.worstCaseInterval).toBe(31 * DAY);
    expect(s.shortestInterval).toBe(28 * DAY);
    expect(s.interval).toBe(Math.round((146097 / 4800) * DAY));
    expect(s.description).toBe('monthly on day 1 at 00:00 (cron)');
  });

  it('irregular schedules: worst case is the longest gap', () => {
    // Weekdays only: Friday 03:00 to Monday 03:00.
    expect(cron('0 3 * * 1-5')).toMatchObject({ interval: Math.round((7 * DAY) / 5), worstCaseInterval: 3 * DAY, shortestInterval: DAY });
    // Two runs a day, 02:00 and 08:00: 18 h gap overnight.
    expect(cron('0 2,8 * * *')).toMatchObject({ interval: 12 * HOUR, worstCaseInterval: 18 * HOUR, shortestInterval: 6 * HOUR });
    // Both day fields restricted: either matches (1st and 15th, plus every Friday).
    expect(cron('30 4 1,15 * 5').worstCaseInterval).toBeLessThanOrEqual(7 * DAY);
    // A day field starting with `*` makes cron AND the two (Vixie DOM_STAR): odd days that are Mondays.
    expect(cron('0 0 */2 * 1').worstCaseInterval).toBeGreaterThan(7 * DAY);
  });

  it('macros and impossible dates', () => {
    expect(cron('@daily')).toMatchObject({ interval: DAY, description: '@daily: daily at 00:00 (cron)' });
    expect(cron('@hourly').interval).toBe(HOUR);
    expect(cron('@weekly').worstCaseInterval).toBe(7 * DAY);
    expect(cron('@yearly').worstCaseInterval).toBe(366 * DAY);
    expect(cron('@reboot')).toMatchObject({ interval: undefined, worstCaseInterval: undefined, description: 'at boot only (@reboot, cron)' });
    expect(cron('0 0 30 2 *')).toMatchObject({ interval: undefined, description: 'never: no date matches "0 0 30 2 *" (cron)' });
    expect(cron('0 0 29 2 *').worstCaseInterval).toBe((8 * 365 + 1) * DAY); // 2096-02-29 to 2104-02-29: 2100 is not a leap year
  });

  it('scheduleFromInterval passes the period through', () => {
    const at = { file: '/r/ejabberd.yml', line: 3, column: 5 };
    expect(scheduleFromInterval(DAY, 'mod_cron: every 1 days', at)).toEqual({
      interval: DAY,
      worstCaseInterval: DAY,
      shortestInterval: DAY,
      description: 'mod_cron: every 1 days',
      at,
    });
  });
});

describe('systemd time', () => {
  // Values checked with `systemd-analyze timespan` (systemd 252).
  it('parses timespans', () => {
    expect(parseTimespan('1d')).toBe(DAY);
    expect(parseTimespan('12h')).toBe(12 * HOUR);
    expect(parseTimespan('30min')).toBe(30 * MIN);
    expect(parseTimespan('1w')).toBe(7 * DAY);
    expect(parseTimespan('5m')).toBe(5 * MIN);
    expect(parseTimespan('1month')).toBe(2629800);
    expect(parseTimespan('2h 30min')).toBe(2.5 * HOUR);
    expect(parseTimespan('1h30m')).toBe(1.5 * HOUR);
    expect(parseTimespan('90')).toBe(90);
    expect(parseTimespan('soon')).toBeUndefined();
    expect(parseTimespan('')).toBeUndefined();
  });

  // Normalised forms as printed by `systemd-analyze calendar` (systemd 252).
  it('reads the shorthands and common OnCalendar forms', () => {
    expect(readCalendar('daily')).toMatchObject({ normalized: '*-*-* 00:00:00', gaps: { mean: DAY, longest: DAY } });
    expect(readCalendar('minutely')?.gaps?.longest).toBe(MIN);
    expect(readCalendar('hourly')?.gaps?.longest).toBe(HOUR);
    expect(readCalendar('weekly')).toMatchObject({ normalized: 'Mon *-*-* 00:00:00', gaps: { longest: 7 * DAY } });
    expect(readCalendar('monthly')?.gaps).toMatchObject({ longest: 31 * DAY, shortest: 28 * DAY });
    expect(readCalendar('yearly')?.gaps?.longest).toBe(366 * DAY);
    expect(readCalendar('quarterly')?.gaps?.longest).toBe(92 * DAY);
    expect(readCalendar('semiannually')?.gaps?.longest).toBe(184 * DAY);
    expect(readCalendar('*-*-* 03:00:00')?.gaps?.longest).toBe(DAY);
    expect(readCalendar('Mon *-*-* 03:00')).toMatchObject({ normalized: 'Mon *-*-* 03:00:00', gaps: { longest: 7 * DAY } });
    expect(readCalendar('*:0/15')?.gaps).toMatchObject({ mean: 15 * MIN, longest: 15 * MIN });
    expect(readCalendar('Mon..Fri 03:00')?.gaps?.longest).toBe(3 * DAY);
    expect(readCalendar('Sat,Sun 04:30 UTC')?.gaps?.longest).toBe(6 * DAY);
    expect(readCalendar('03:17')?.gaps?.longest).toBe(DAY);
  });

  it('gives up on forms it cannot compute instead of guessing', () => {
    expect(readCalendar('2025-01-01 00:00')).toBeUndefined();
    expect(readCalendar('*-*~01')).toBeUndefined();
    expect(readCalendar('*-*-* 00:00:00 Europe/Berlin')).toBeUndefined();
    expect(readCalendar('every night')).toBeUndefined();
  });
});
