import { chartBars, muted, page } from './palette.js';
import { escapeHtml } from './html-text.js';

/** A figure in seconds: `Infinity` without limit, `undefined` when it cannot be told. */
export interface ChartFigure {
  seconds: number | undefined;
  /** How the report words it ("21d", "no time bound", "cannot be told: …"). */
  text: string;
}

/** One data category: what the policy allows and what the configs keep, nominally and at worst. */
export interface ChartRow {
  label: string;
  /** The place that keeps longest ("the prosody log /var/log/prosody/prosody.log"), when one does. */
  place?: string;
  declared?: ChartFigure;
  nominal: ChartFigure;
  worst: ChartFigure;
}

const hour = 3600;
const day = 24 * hour;
/** The axis: from an hour to ten years, on a log scale (retentions span minutes to forever). */
const axisStart = hour;
const axisEnd = 3650 * day;
const ticks: [number, string][] = [
  [hour, '1 hour'],
  [day, '1 day'],
  [7 * day, '1 week'],
  [30 * day, '30 days'],
  [365 * day, '1 year'],
  [3650 * day, '10 years'],
];

const width = 860;
const labelWidth = 190;
const plotLeft = labelWidth + 10;
const plotWidth = 400;
const barHeight = 11;
const barGap = 3;
const rowGap = 14;
const top = 34;
const maxWords = 44;
/** The place fits under the row's name, in the label column. */
const maxPlace = 34;
const rowHeight = 3 * (barHeight + barGap) + rowGap;

const bars = [
  { key: 'declared', name: 'declared limit', colour: chartBars.declared },
  { key: 'nominal', name: 'nominal', colour: chartBars.nominal },
  { key: 'worst', name: 'worst case', colour: chartBars.worst },
] as const;

/** Where a figure falls on the axis, clamped to it (a figure under an hour starts at the axis). */
function x(seconds: number): number {
  const clamped = Math.min(Math.max(seconds, axisStart), axisEnd);
  return plotLeft + (plotWidth * Math.log10(clamped / axisStart)) / Math.log10(axisEnd / axisStart);
}

/**
 * The retention chart as inline SVG: per category three bars on one logarithmic time axis, each
 * with its figure written beside it, so the chart reads without colour and in print. A figure
 * without limit runs to the axis end; one that cannot be told has no bar, only its words.
 */
export function retentionChart(rows: ChartRow[]): string {
  const height = top + rows.length * rowHeight + 36;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="chart-title">`,
    `<title id="chart-title">Retention per data category: declared limit, nominal figure and worst case, on a logarithmic time axis from 1 hour to 10 years</title>`,
    legend(),
  ];
  const axisY = top + rows.length * rowHeight;
  for (const [seconds, label] of ticks) {
    const tx = x(seconds).toFixed(1);
    out.push(
      `<line x1="${tx}" y1="${top - 6}" x2="${tx}" y2="${axisY}" stroke="#d0d0d0" stroke-width="1"/>`,
      `<text x="${tx}" y="${axisY + 16}" text-anchor="middle" font-size="11" fill="${muted.text}">${label}</text>`,
    );
  }
  out.push(`<text x="${plotLeft}" y="${axisY + 30}" font-size="10" fill="${muted.text}">time kept (logarithmic scale)</text>`);
  rows.forEach((row, i) => out.push(rowSvg(row, top + i * rowHeight)));
  out.push('</svg>');
  return out.join('\n');
}

function legend(): string {
  return bars
    .map((b, i) => {
      const lx = plotLeft + i * 150;
      return `<rect x="${lx}" y="6" width="14" height="10" fill="${b.colour}"/><text x="${lx + 19}" y="15" font-size="12" fill="${page.text}">${b.name}</text>`;
    })
    .join('');
}

function rowSvg(row: ChartRow, y: number): string {
  const parts = [`<g class="chart-row"><text x="0" y="${y + barHeight + 2}" font-size="12" font-weight="600" fill="${page.text}">${escapeHtml(row.label)}</text>`];
  if (row.place !== undefined) {
    const place = row.place.length > maxPlace ? `${row.place.slice(0, maxPlace - 1)}…` : row.place;
    parts.push(`<text x="0" y="${y + 2 * barHeight + 8}" font-size="10" fill="${muted.text}">${escapeHtml(place)}<title>${escapeHtml(row.place)}</title></text>`);
  }
  bars.forEach((b, i) => {
    const by = y + i * (barHeight + barGap);
    const figure = row[b.key];
    parts.push(barSvg(figure, b.name, b.colour, by));
  });
  parts.push('</g>');
  return parts.join('');
}

function barSvg(figure: ChartFigure | undefined, name: string, colour: string, y: number): string {
  const words = figure === undefined ? 'not declared' : figure.text;
  // The whole figure is in the bar's tooltip and in the claim table; beside the bar, what fits.
  const shown = words.length > maxWords ? `${words.slice(0, maxWords - 1)}…` : words;
  const title = `<title>${escapeHtml(`${name}: ${words}`)}</title>`;
  const textY = y + barHeight - 1;
  if (figure === undefined || figure.seconds === undefined) {
    return `<text x="${plotLeft}" y="${textY}" font-size="11" fill="${muted.text}">${escapeHtml(`${name}: ${shown}`)}${title}</text>`;
  }
  const end = x(figure.seconds);
  const barWidth = Math.max(end - plotLeft, 1.5);
  const label = figure.seconds === Infinity ? `${shown} →` : shown;
  return (
    `<rect x="${plotLeft}" y="${y}" width="${barWidth.toFixed(1)}" height="${barHeight}" fill="${colour}">${title}</rect>` +
    `<text x="${(plotLeft + barWidth + 4).toFixed(1)}" y="${textY}" font-size="11" fill="${page.text}">${escapeHtml(label)}</text>`
  );
}
