import { describe, expect, it } from 'vitest';
import { borgBounds, parseBorgInterval, parseResticDuration, resticBounds, type KeepCount, type KeepPolicy, type KeepUnit } from '../../../src/software/backups/keep-rules.js';

const HOUR = 3600;
const DAY = 86400;
const at = { file: '/x', line: 1, column: 1 };
const count = (unit: KeepUnit, n: number): KeepCount => ({ unit, count: n, text: `keep_${unit}: ${n}`, at });
const policy = (counts: KeepCount[], within: number[] = []): KeepPolicy => ({
  counts,
  within: within.map((s) => ({ seconds: s, text: `keep_within ${s}`, at })),
  forever: [],
});

describe('borg keep rules add up', () => {
  it('daily 7 + weekly 4 with daily backups: 7 + 28 = 35 d nominal, oldest definitely ≥ 21 d', () => {
    const b = borgBounds(policy([count('daily', 7), count('weekly', 4)]), DAY);
    expect(b.nominal).toBe(35 * DAY);
    expect(b.worstCase).toBe(36 * DAY);
    expect(b.lower).toBe(21 * DAY);
  });

  it('hourly 24 with daily backups keeps 24 days, not 24 hours (borg 1.2 docs `borg help prune`: one archive per period)', () => {
    const b = borgBounds(policy([count('hourly', 24), count('daily', 7)]), DAY);
    expect(b.nominal).toBe(31 * DAY);
    const twoHourly = borgBounds(policy([count('hourly', 24), count('daily', 7)]), 2 * HOUR);
    expect(twoHourly.nominal).toBe(48 * HOUR + 7 * DAY);
  });

  it('keep_within anchors: later rules start beyond it (E2: 7 d + 24 × 2 h)', () => {
    const b = borgBounds(policy([count('hourly', 24)], [7 * DAY]), 2 * HOUR);
    expect(b.nominal).toBe(9 * DAY);
    expect(b.worstCase).toBe(9 * DAY + 2 * HOUR);
    expect(b.lower).toBe(7 * DAY + 23 * 2 * HOUR);
  });

  it('the worst case adds the longest gap when it is given apart from the interval', () => {
    expect(borgBounds(policy([count('daily', 7)]), DAY, 27 * HOUR).worstCase).toBe(7 * DAY + 27 * HOUR);
  });

  it('keep_last counts backups, so it spans count × interval', () => {
    expect(borgBounds(policy([count('last', 12)]), 2 * HOUR).nominal).toBe(24 * HOUR);
  });

  it('13weekly, 3monthly, monthly and yearly periods are 91, 92, 31 and 366 days', () => {
    expect(borgBounds(policy([count('13weekly', 1)]), DAY).nominal).toBe(91 * DAY);
    expect(borgBounds(policy([count('3monthly', 1)]), DAY).nominal).toBe(92 * DAY);
    expect(borgBounds(policy([count('monthly', 2), count('yearly', 1)]), DAY).nominal).toBe(62 * DAY + 366 * DAY);
  });

  it('no rule, only zero counts, or a negative (unlimited) count: never deleted', () => {
    expect(borgBounds(policy([]), DAY)).toMatchObject({ nominal: Infinity, worstCase: Infinity });
    expect(borgBounds(policy([count('daily', 0)]), DAY).nominal).toBe(Infinity);
    expect(borgBounds(policy([count('daily', 7), { ...count('monthly', 1), count: Infinity, text: 'keep_monthly: -1' }]), DAY)).toMatchObject({
      nominal: Infinity,
      description: 'keep_monthly: -1 keeps every backup',
    });
  });

  it('count rules with an unknown interval: unknown, with the span assuming one backup per period', () => {
    const b = borgBounds(policy([count('daily', 7), count('weekly', 4)]), undefined);
    expect(b.nominal).toBeUndefined();
    // 7 × 1 d + 4 × 7 d = 35 d, printed by describeDuration (src/config/duration.ts), the one formatter.
    expect(b.unknownReason).toContain('the rules span 35d');
  });

  it('keep_within alone needs no interval for the nominal figure', () => {
    const b = borgBounds(policy([], [7 * DAY]), undefined);
    expect(b.nominal).toBe(7 * DAY);
    expect(b.worstCase).toBeUndefined();
  });
});

describe('restic keep rules OR', () => {
  it('daily 7 + weekly 4: the largest span (4 weeks), plus one week and a run', () => {
    const b = resticBounds(policy([count('daily', 7), count('weekly', 4)]), DAY);
    expect(b.nominal).toBe(28 * DAY);
    expect(b.worstCase).toBe(28 * DAY + 7 * DAY + DAY);
    expect(b.lower).toBe(21 * DAY);
  });

  it('E4: --keep-within 7d --keep-daily 7 with 2-hourly backups → 7 d, upper 8 d 2 h', () => {
    const b = resticBounds(policy([count('daily', 7)], [7 * DAY]), 2 * HOUR);
    expect(b.nominal).toBe(7 * DAY);
    expect(b.worstCase).toBe(8 * DAY + 2 * HOUR);
  });

  it('--keep-tag keeps the tagged snapshots for ever', () => {
    const p = policy([count('daily', 7)]);
    p.forever.push({ text: '--keep-tag keep', at });
    expect(resticBounds(p, DAY)).toMatchObject({ nominal: Infinity, description: '--keep-tag keep keeps the matching backups for ever' });
  });
});

describe('durations', () => {
  it("borg: H d w m y (m = 31 days), S and M; anything else undefined", () => {
    expect(parseBorgInterval('7d')).toBe(7 * DAY);
    expect(parseBorgInterval('48H')).toBe(48 * HOUR);
    expect(parseBorgInterval('2w')).toBe(14 * DAY);
    expect(parseBorgInterval('1m')).toBe(31 * DAY);
    expect(parseBorgInterval('1y')).toBe(365 * DAY);
    expect(parseBorgInterval('30M')).toBe(30 * 60);
    expect(parseBorgInterval('7 days')).toBeUndefined();
    expect(parseBorgInterval('1h')).toBeUndefined();
  });

  it('restic: combinations of y m d h; no w', () => {
    expect(parseResticDuration('7d')).toBe(7 * DAY);
    expect(parseResticDuration('2y5m7d3h')).toBe(2 * 366 * DAY + 5 * 31 * DAY + 7 * DAY + 3 * HOUR);
    expect(parseResticDuration('1w')).toBeUndefined();
  });
});
