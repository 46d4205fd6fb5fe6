import { describe, expect, it } from 'vitest';
import { DATIVE } from '../../src/describe/phrases-de.js';
import { spellDuration } from '../../src/describe/spell-duration.js';

// The German dative words describe uses ("nach 21 Tagen"): the test pins what they spell.
const words = DATIVE;

describe('spellDuration', () => {
  it('spells describeDuration\'s parts in the given words', () => {
    expect(spellDuration(7 * 86400, words)).toBe('1 Woche');
    expect(spellDuration(21 * 86400, words)).toBe('21 Tagen');
    // 1d 12h = 86400 + 12 * 3600 = 129,600 s.
    expect(spellDuration(129_600, words)).toBe('1 Tag und 12 Stunden');
    // 365d + 1d + 2h + 1min: three parts, the last joined by "und".
    expect(spellDuration(366 * 86400 + 7260, words)).toBe('366 Tagen, 2 Stunden und 1 Minute');
    // Prosody's year (365.2425 days, util/human/io.lua) is shown as days to two decimals.
    expect(spellDuration(365.2425 * 86400, words)).toBe('365,24 Tagen');
  });

  it('rounds figures of centuries in the language\'s number format', () => {
    // 3,100,000 days / 365 = 8,493 years: two significant figures, German grouping.
    expect(spellDuration(3_100_000 * 86400, words)).toBe('etwa 8.500 Jahren');
  });

  it('refuses figures that the phrases word themselves (forever, none)', () => {
    expect(() => spellDuration(Infinity, words)).toThrow(RangeError);
    expect(() => spellDuration(0, words)).toThrow(RangeError);
  });
});
