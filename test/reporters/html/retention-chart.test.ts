import { describe, expect, it } from 'vitest';
import { retentionChart } from '../../../src/reporters/html/retention-chart.js';
import { parseHtml } from '../parse-report.js';

const day = 86400;

/** The chart inside a page, parsed as a browser would parse inline SVG. */
function chart(...rows: Parameters<typeof retentionChart>[0]) {
  return parseHtml(`<!DOCTYPE html><html><head><title>t</title></head><body>${retentionChart(rows)}</body></html>`);
}

describe('the retention chart', () => {
  it('draws declared, nominal and worst case on one log axis: 10 days is 1/3 of the way from 1 day to 1000 days', () => {
    const svg = chart({ label: 'logs', declared: { seconds: day, text: '1d' }, nominal: { seconds: 10 * day, text: '10d' }, worst: { seconds: 1000 * day, text: '1000d' } });
    const widths = svg.all('rect').slice(3).map((r) => Number(r.attrs.width)); // the first three are the legend's
    expect(widths).toHaveLength(3);
    // log10(10) - log10(1) is a third of log10(1000) - log10(1): equal steps on a log scale.
    expect(widths[1]! - widths[0]!).toBeCloseTo((widths[2]! - widths[0]!) / 3, 0);
    expect(svg.all('text').map((t) => t.text)).toEqual(expect.arrayContaining(['1d', '10d', '1000d', '1 hour', '10 years', 'time kept (logarithmic scale)']));
  });

  it('runs a figure without limit to the axis end with an arrow, and gives one that cannot be told words, no bar', () => {
    const svg = chart({ label: 'offline messages', nominal: { seconds: Infinity, text: 'no time bound' }, worst: { seconds: undefined, text: 'cannot be told' } });
    const bars = svg.all('rect').slice(3);
    expect(bars).toHaveLength(1);
    const texts = svg.all('text').map((t) => t.text);
    expect(texts).toContain('no time bound →');
    expect(texts.some((t) => t.startsWith('worst case: cannot be told'))).toBe(true);
    expect(texts.some((t) => t.startsWith('declared limit: not declared'))).toBe(true);
  });

  it('writes labels as text: markup in a label or a place stays text', () => {
    const svg = chart({ label: '<b>x</b>', place: 'log </text><script>', nominal: { seconds: day, text: '1d' }, worst: { seconds: day, text: '1d' } });
    expect(svg.all('b')).toEqual([]);
    expect(svg.all('script')).toEqual([]);
    expect(svg.all('text').map((t) => t.text)).toEqual(expect.arrayContaining(['<b>x</b>']));
  });
});
