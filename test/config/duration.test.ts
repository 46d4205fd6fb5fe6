import { describe, expect, it } from 'vitest';
import { ACCEPTED_DURATION_FORMS, DurationError, describeDuration, formatDuration, parsePolicyDuration } from '../../src/config/duration.js';

const H = 3600;
const D = 86_400;

function errorOf(input: string | number): DurationError {
  try {
    parsePolicyDuration(input);
  } catch (error) {
    if (error instanceof DurationError) return error;
    throw error;
  }
  throw new Error(`${String(input)} was accepted`);
}

describe('parsePolicyDuration', () => {
  it.each([
    ['2h', 2 * H],
    ['1 hour', H],
    ['36 hours', 36 * H],
    ['21d', 21 * D],
    ['1 day', D],
    ['90 days', 90 * D],
    ['1w', 7 * D],
    ['1 week', 7 * D],
    ['2 weeks', 14 * D],
    ['6mo', 180 * D],
    ['1 month', 30 * D],
    ['3 months', 90 * D],
    ['1y', 365 * D],
    ['1 year', 365 * D],
    ['2 years', 730 * D],
    ['30min', 1800],
    ['1 minute', 60],
    ['5 minutes', 300],
    ['90s', 90],
    ['1 second', 1],
    ['45 seconds', 45],
  ])('reads %s as %i seconds', (text, seconds) => {
    expect(parsePolicyDuration(text)).toEqual({ seconds, text });
  });

  it('reads forever as Infinity and none, 0 and 0d as 0', () => {
    expect(parsePolicyDuration('forever')).toEqual({ seconds: Infinity, text: 'forever' });
    expect(parsePolicyDuration('none')).toEqual({ seconds: 0, text: 'none' });
    expect(parsePolicyDuration('0')).toEqual({ seconds: 0, text: '0' });
    expect(parsePolicyDuration(0)).toEqual({ seconds: 0, text: '0' });
    expect(parsePolicyDuration('0d')).toEqual({ seconds: 0, text: '0d' });
  });

  it('ignores case and surrounding space, keeping the text as written', () => {
    expect(parsePolicyDuration(' 21D ')).toEqual({ seconds: 21 * D, text: '21D' });
    expect(parsePolicyDuration('Forever')).toEqual({ seconds: Infinity, text: 'Forever' });
    expect(parsePolicyDuration('2 Weeks')).toEqual({ seconds: 14 * D, text: '2 Weeks' });
  });

  it('adds up several parts, with or without spaces', () => {
    expect(parsePolicyDuration('1d 12h').seconds).toBe(36 * H);
    expect(parsePolicyDuration('1d12h').seconds).toBe(36 * H);
    expect(parsePolicyDuration('1 year 6 months').seconds).toBe(545 * D);
    expect(parsePolicyDuration('1h 30min').seconds).toBe(5400);
  });

  it('allows decimals and rounds the total to whole seconds', () => {
    expect(parsePolicyDuration('1.5d').seconds).toBe(36 * H);
    expect(parsePolicyDuration('0.5h').seconds).toBe(1800);
    expect(parsePolicyDuration('0.0001h').seconds).toBe(0);
    expect(parsePolicyDuration('2.5 weeks').seconds).toBe(17.5 * D);
  });

  it('refuses a bare m as ambiguous and says what to write instead', () => {
    const error = errorOf('30m');
    expect(error.message).toBe(
      '"30m" is ambiguous: "m" could mean minutes or months; write 30mo (or "30 months") for months, ' +
        `or 30min or a number of hours for minutes; ${ACCEPTED_DURATION_FORMS}`,
    );
    expect(error.input).toBe('30m');
    expect(error.name).toBe('DurationError');
    expect(errorOf('1M').message).toMatch(/^"1M" is ambiguous: "m" could mean minutes or months; write 1mo/);
    expect(errorOf('1d 5m').message).toMatch(/^"1d 5m" is ambiguous.*write 5mo/);
  });

  it('lists the accepted forms in every error', () => {
    expect(ACCEPTED_DURATION_FORMS).toBe(
      'a duration is <number><unit> or <number> <unit word>: h/hours, d/days, w/weeks, mo/months (30 days), ' +
        'y/years (365 days), min/minutes, s/seconds (e.g. 12h, 21d, 2w, 6mo, 1y, "90 days", "1d 12h"), ' +
        'or forever, or none',
    );
    expect(errorOf('soon').message).toBe(`"soon" is not a duration; ${ACCEPTED_DURATION_FORMS}`);
    expect(errorOf('').message).toBe(`"" is not a duration; ${ACCEPTED_DURATION_FORMS}`);
    expect(errorOf('-1d').message).toBe(`"-1d" is not a duration; ${ACCEPTED_DURATION_FORMS}`);
    expect(errorOf('1,5d').message).toBe(`"1,5d" is not a duration; ${ACCEPTED_DURATION_FORMS}`);
    expect(errorOf('3 fortnights').message).toBe(
      `"3 fortnights" is not a duration: unknown unit "fortnights"; ${ACCEPTED_DURATION_FORMS}`,
    );
    expect(errorOf('21').message).toBe(`"21" has no unit; ${ACCEPTED_DURATION_FORMS}`);
    expect(errorOf(21).message).toBe(`21 has no unit; write e.g. 21d; ${ACCEPTED_DURATION_FORMS}`);
    expect(errorOf(-3).message).toBe(`-3 is not a duration; ${ACCEPTED_DURATION_FORMS}`);
    expect(errorOf(Infinity).message).toBe(`Infinity is not a duration; ${ACCEPTED_DURATION_FORMS}`);
    expect(errorOf('forever and ever').message).toBe(`"forever and ever" is not a duration; ${ACCEPTED_DURATION_FORMS}`);
  });
});

describe('formatDuration', () => {
  it.each([
    [Infinity, 'forever'],
    [0, 'none'],
    [21 * D, '21d'],
    [7 * D, '1w'],
    [14 * D, '14d'],
    [30 * D, '30d'],
    [90 * D, '90d'],
    [365 * D, '1y'],
    [730 * D, '2y'],
    [366 * D, '366d'],
    [D, '1d'],
    [2 * H, '2h'],
    [23 * H, '23h'],
    [36 * H, '1d 12h'],
    [7 * D + 12 * H, '7d 12h'],
    [365 * D + H, '365d 1h'],
    [90, '90s'],
    [60, '1min'],
    [1800, '30min'],
    [5400, '1h 30min'],
    [H + 90, '1h 90s'],
    [D + 1800, '1d 30min'],
    [D + 1, '1d 1s'],
    [1, '1s'],
    [0.5, '0.5s'],
    [-7 * D, '-1w'],
  ])('formats %d seconds as %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('refuses NaN', () => {
    expect(() => formatDuration(Number.NaN)).toThrow(RangeError);
  });

  it('prints what parsePolicyDuration reads back to the same number of seconds', () => {
    const samples = [1, 59, 61, 3599, 3601, 86_399, 86_401, 7 * D, 7 * D + 1, 30 * D, 365 * D, 400 * D + 5 * H + 7];
    for (let s = 0; s < 3 * D; s += 997) samples.push(s);
    for (const seconds of samples) {
      expect(parsePolicyDuration(formatDuration(seconds)).seconds).toBe(seconds);
    }
    expect(parsePolicyDuration(formatDuration(Infinity)).seconds).toBe(Infinity);
  });
});

describe('describeDuration', () => {
  it.each([
    [Infinity, 'forever'],
    [0, 'none'],
    [14 * D, '14d'],
    [7 * D, '1w'],
    [365 * D, '1y'],
    [36 * H, '1d 12h'],
    // Just under a century of 365-day years (36,500 days): still exact.
    [36_499 * D, '36499d'],
    // A whole number of years stays exact whatever its size.
    [200 * 365 * D, '200y'],
    // 3,100,000 days / 365 = 8,493.15 years; two significant figures: 8,500.
    [3_100_000 * D, 'about 8,500 years'],
    // 36,600 days / 365 = 100.27 years.
    [36_600 * D, 'about 100 years'],
    // 4,506,000 days / 365 = 12,345.2 years.
    [4_506_000 * D, 'about 12,000 years'],
  ])('describes %d seconds as %s', (seconds, text) => {
    expect(describeDuration(seconds)).toBe(text);
  });

  it('refuses NaN', () => {
    expect(() => describeDuration(Number.NaN)).toThrow(RangeError);
  });
});
