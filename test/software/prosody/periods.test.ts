import { describe, expect, it } from 'vitest';
import { readArchiveExpiry012, readFileShareExpiry012, readHttpUploadExpiry, readPeriod13 } from '../../../src/software/prosody/periods.js';

const DAY = 86400;
const MONTH = 31 * DAY;
const YEAR = 365.2425 * DAY;

describe('Prosody 0.12 archive_expires_after (mod_mam own parser)', () => {
  it.each([
    [undefined, 7 * DAY],
    ['1d', DAY],
    ['30d', 30 * DAY],
    ['1w', 7 * DAY],
    ['1 week', 7 * DAY],
    ['2 Weeks', 14 * DAY],
    ['1m', MONTH],
    ['2 months', 2 * MONTH],
    ['1y', YEAR],
    ['3600', 3600],
    [604800, 604800],
    ['never', Infinity],
  ])('%s → %d seconds', (value, seconds) => {
    const reading = readArchiveExpiry012(value, 'archive_expires_after');
    expect(reading.seconds).toBe(seconds);
    expect(reading.problem).toBeUndefined();
  });

  it('reads "2 hours" as 2 seconds and says so', () => {
    const reading = readArchiveExpiry012('2 hours', 'archive_expires_after');
    expect(reading.seconds).toBe(2);
    expect(reading.problem).toBe('Prosody 0.12 reads archive_expires_after = "2 hours" as 2 seconds (only d, w, m and y are units there)');
  });

  it('reads "30 minutes" as 30 months and says so', () => {
    const reading = readArchiveExpiry012('30 minutes', 'muc_log_expires_after');
    expect(reading.seconds).toBe(30 * MONTH);
    expect(reading.problem).toBe('Prosody 0.12 reads muc_log_expires_after = "30 minutes" as months ("m" is a 31-day month there), not minutes');
  });

  it('reads only the whole number of "1.5d"', () => {
    const reading = readArchiveExpiry012('1.5d', 'archive_expires_after');
    expect(reading.seconds).toBe(1);
    expect(reading.problem).toContain('first whole number');
  });

  it.each([[false], ['forever'], ['none']])('%s: cannot be parsed, so expiry is off (kept forever)', (value) => {
    const reading = readArchiveExpiry012(value, 'archive_expires_after');
    expect(reading.seconds).toBe(Infinity);
    expect(reading.problem).toContain('never deletes anything');
  });
});

describe('Prosody 13.0 periods (get_option_period)', () => {
  it.each([
    [undefined, 7 * DAY],
    ['30d', 30 * DAY],
    ['30 days', 30 * DAY],
    ['2 hours', 2 * 3600],
    ['1 hr', 3600],
    ['30 minutes', 30 * 60],
    ['1 month', MONTH],
    ['1 year', YEAR],
    ['90s', 90],
    [3600, 3600],
    ['never', Infinity],
    [false, Infinity],
    [-1, Infinity],
  ])('%s → %d seconds without complaint', (value, seconds) => {
    const reading = readPeriod13(value, '1w', 'archive_expires_after');
    expect(reading.seconds).toBe(seconds);
    expect(reading.problem).toBeUndefined();
  });

  it.each([
    ['1m', MONTH],
    ['1mo', MONTH],
    ['3600', 3600],
  ])('ambiguous %s is used (%d s) but logged as an error', (value, seconds) => {
    const reading = readPeriod13(value, '1w', 'archive_expires_after');
    expect(reading.seconds).toBe(seconds);
    expect(reading.problem).toContain('ambiguous period');
  });

  it('does not understand "forever"', () => {
    const reading = readPeriod13('forever', '1w', 'archive_expires_after');
    expect(reading.problem).toBe('Prosody 13.0 does not understand archive_expires_after = "forever" ("not understood, expecting a period")');
  });
});

describe('upload expiry', () => {
  it('0.12 mod_http_file_share takes numbers only; a duration string makes the module fail', () => {
    expect(readFileShareExpiry012(undefined).seconds).toBe(7 * DAY);
    expect(readFileShareExpiry012(30 * DAY).seconds).toBe(30 * DAY);
    expect(readFileShareExpiry012(-1).seconds).toBe(Infinity);
    const bad = readFileShareExpiry012('31d');
    expect(bad.moduleFails).toBe(true);
    expect(bad.problem).toContain('fail to load');
  });

  it('community mod_http_upload never expires unless given seconds', () => {
    expect(readHttpUploadExpiry(undefined).seconds).toBe(Infinity);
    expect(readHttpUploadExpiry(604800).seconds).toBe(604800);
    expect(readHttpUploadExpiry('1w')).toEqual({
      seconds: Infinity,
      problem: 'mod_http_upload reads http_upload_expire_after only as a number of seconds; "1w" is not understood, so files never expire',
    });
  });
});
