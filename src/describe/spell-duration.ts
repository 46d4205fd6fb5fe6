import { describeDuration } from '../config/duration.js';

/** A unit's words in one language: singular and plural, in the case the phrase needs. */
export interface UnitWords {
  one: string;
  many: string;
}

export interface DurationWords {
  units: Record<'y' | 'w' | 'd' | 'h' | 'min' | 's', UnitWords>;
  /** Joins the last two parts: "and", "und". */
  and: string;
  /** "about N years", for figures describeDuration rounds; N is already formatted. */
  aboutYears(years: string): string;
  /** The decimal separator of the language ("." or ","). */
  decimal: string;
  /** Formats a rounded count of years ("8,500" / "8.500"). */
  group: Intl.NumberFormat;
}

const PART = /^(\d+(?:\.\d+)?)(y|w|d|h|min|s)$/;
const YEAR = 365 * 86_400;

/**
 * A duration in words ("21 days", "1 day and 12 hours", "21 Tagen"): the figure as
 * describeDuration (src/config/duration.ts) splits it, which every message of the tool shows,
 * with each unit spelt out in the language of `words`. Only finite, positive figures: the
 * phrases say "forever" and "not kept" in their own words.
 */
export function spellDuration(seconds: number, words: DurationWords): string {
  if (!Number.isFinite(seconds) || seconds <= 0) throw new RangeError(`spellDuration: ${seconds} has no words`);
  const short = describeDuration(seconds);
  if (short.startsWith('about ')) return words.aboutYears(words.group.format(seconds / YEAR));
  const parts = short.split(' ').map((part) => {
    const match = PART.exec(part);
    if (!match) throw new RangeError(`spellDuration: unexpected part "${part}" of ${short}`);
    const [, amount = '', unit = ''] = match;
    const unitWords = words.units[unit as keyof DurationWords['units']];
    return `${amount.replace('.', words.decimal)} ${amount === '1' ? unitWords.one : unitWords.many}`;
  });
  return parts.length === 1 ? (parts[0] as string) : `${parts.slice(0, -1).join(', ')} ${words.and} ${parts.at(-1) as string}`;
}
