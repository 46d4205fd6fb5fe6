import { describeDuration } from '../../config/duration.js';
import type { ClaimName } from '../../config/types.js';
import type { DataCategory } from '../../engine/categories.js';
import { longestSeconds, nominalSeconds, type TimeFigure } from '../../inventory/retention.js';
import type { ChartFigure, ChartRow } from './retention-chart.js';

/** What each retention claim is about, as the chart's row names it. */
const rowLabels: Partial<Record<ClaimName, string>> = {
  'inactiveAccounts.deleteAfter': 'unused accounts',
  'ipAddresses.retention': 'IP addresses',
  'messageArchive.retention': 'message archive',
  'groupchatArchive.retention': 'group chat archive',
  'offlineMessages.retention': 'offline messages',
  'fileUploads.retention': 'uploaded files',
  'serverLogs.retention': 'server logs',
  'backups.retention': 'backups',
};

/**
 * The chart's rows from the per-category figures of the result (categories.ts): one per retention
 * claim that some place keeps data for or that the policy declares, with the place that keeps
 * longest. How often backups run is an interval, not a retention, and has no row on a time-kept axis.
 */
export function chartRows(categories: DataCategory[]): ChartRow[] {
  const rows: ChartRow[] = [];
  for (const category of categories) {
    for (const claim of category.claims) {
      if (claim.measure !== 'retention') continue;
      if (claim.longest === undefined && claim.declared === undefined) continue;
      const place = claim.longest?.label;
      const figure = claim.longest?.figure;
      rows.push({
        label: rowLabels[claim.claim] ?? claim.claim,
        ...(place !== undefined && { place }),
        ...(claim.declared !== undefined && { declared: { seconds: claim.declared.seconds, text: claim.declared.text } }),
        nominal: figure === undefined ? nothingFound : nominalFigure(figure),
        worst: figure === undefined ? nothingFound : worstFigure(figure),
      });
    }
  }
  return rows;
}

const nothingFound: ChartFigure = { seconds: undefined, text: 'nothing found that keeps it' };

function words(seconds: number): string {
  return seconds === Infinity ? 'forever' : describeDuration(seconds);
}

/** Why a figure cannot be told: the chart shows what fits, its tooltip the whole reason. */
function untold(figure: TimeFigure): ChartFigure {
  const reason = figure.bound === 'unknown' ? figure.reason : figure.bound === 'time' && figure.worstCase.kind === 'unknown' ? figure.worstCase.reason : undefined;
  return { seconds: undefined, text: reason === undefined ? 'cannot be told' : `cannot be told: ${reason}` };
}

function nominalFigure(figure: TimeFigure): ChartFigure {
  if (figure.bound === 'traffic') return { seconds: Infinity, text: 'no time bound' };
  const seconds = nominalSeconds(figure);
  return seconds === undefined ? untold(figure) : { seconds, text: words(seconds) };
}

function worstFigure(figure: TimeFigure): ChartFigure {
  if (figure.bound === 'traffic') return { seconds: Infinity, text: 'no time bound' };
  const seconds = longestSeconds(figure);
  return seconds === undefined ? untold(figure) : { seconds, text: words(seconds) };
}
