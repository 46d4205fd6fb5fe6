import type { Severity } from '../../config/types.js';
import type { Verdict } from '../../engine/types.js';

/**
 * The report's colours. Every text colour is paired with the background it is drawn on, and
 * each pair must reach WCAG 2.x AA for normal text (contrast ratio >= 4.5:1, success criterion
 * 1.4.3); test/reporters/html/palette.test.ts computes the ratios. Colour never carries meaning
 * alone: each verdict and severity is also written out.
 */
export interface ColourPair {
  text: string;
  background: string;
}

export const page: ColourPair = { text: '#1a1a1a', background: '#ffffff' };
/** Secondary text (dates, file names, axis labels) on the page. */
export const muted: ColourPair = { text: '#555555', background: '#ffffff' };
/** Config excerpts; the finding's own line is `highlight`. */
export const code: ColourPair = { text: '#1a1a1a', background: '#f3f3f3' };
export const highlight: ColourPair = { text: '#1a1a1a', background: '#fff0b3' };

export const verdictColours: Record<Verdict, ColourPair> = {
  verified: { text: '#0b5d1e', background: '#dff3e4' },
  violated: { text: '#8a1010', background: '#fbe3e3' },
  unverified: { text: '#6b4a00', background: '#fff1cc' },
  'not-applicable': { text: '#3d3d3d', background: '#ececec' },
};

export const severityColours: Record<Severity, ColourPair> = {
  error: verdictColours.violated,
  warning: verdictColours.unverified,
  info: { text: '#1d4f8a', background: '#e3eefb' },
};

/**
 * The chart's bars, drawn on the page background. Non-text graphics need 3:1 (success
 * criterion 1.4.11); the bars also differ in pattern-free ways a legend names (order and label).
 */
export const chartBars = {
  declared: '#1d4f8a',
  nominal: '#2f7d3a',
  worst: '#b3261e',
} as const;

/** Relative luminance of an sRGB colour `#rrggbb` (WCAG 2.x definition). */
export function relativeLuminance(hex: string): number {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (match === null) throw new RangeError(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = match.slice(1).map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio (L1 + 0.05) / (L2 + 0.05), lighter over darker: from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [la, lb] = [relativeLuminance(a), relativeLuminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}
