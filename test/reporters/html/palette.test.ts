import { describe, expect, it } from 'vitest';
import { chartBars, code, contrastRatio, highlight, muted, page, relativeLuminance, severityColours, verdictColours } from '../../../src/reporters/html/palette.js';

/**
 * WCAG 2.x AA: text needs a contrast ratio of at least 4.5:1 against its background (success
 * criterion 1.4.3), graphics such as chart bars 3:1 (1.4.11). The ratio is (L1 + 0.05) / (L2 + 0.05)
 * of the relative luminances (WCAG 2.2, "relative luminance" and "contrast ratio" definitions).
 */
describe('the HTML report palette', () => {
  it('computes the luminance and ratio as WCAG defines them: black on white is 21:1, a colour on itself 1:1', () => {
    expect(relativeLuminance('#ffffff')).toBe(1);
    expect(relativeLuminance('#000000')).toBe(0);
    expect(contrastRatio('#000000', '#ffffff')).toBe(21);
    expect(contrastRatio('#777777', '#777777')).toBe(1);
    // #767676 on white is the well-known lightest grey that passes AA: 4.54:1 (WebAIM's checker gives 4.54).
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5);
  });

  const textPairs = {
    page,
    muted,
    code,
    highlight,
    'line numbers on code': { text: muted.text, background: code.background },
    ...Object.fromEntries(Object.entries(verdictColours).map(([k, v]) => [`verdict ${k}`, v])),
    ...Object.fromEntries(Object.entries(severityColours).map(([k, v]) => [`severity ${k}`, v])),
  };

  it.each(Object.entries(textPairs))('text %s reaches AA (4.5:1)', (_name, pair) => {
    expect(contrastRatio(pair.text, pair.background)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(Object.entries(chartBars))('chart bar %s reaches 3:1 against the page', (_name, colour) => {
    expect(contrastRatio(colour, page.background)).toBeGreaterThanOrEqual(3);
  });
});
