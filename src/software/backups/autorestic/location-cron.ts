import type { Diagnostic } from '../../../inventory/diagnostic.js';
import type { SourcePosition } from '../../../inventory/evidence.js';
import { parseCrontab } from '../../../formats/crontab/parse-crontab.js';
import type { Schedule } from '../../scheduled-jobs/job-model.js';
import { scheduleFromCronEntry } from '../../scheduled-jobs/schedule.js';

/**
 * The schedule of an autorestic location's `cron:` (a 5-field cron expression, autorestic
 * docs/pages/location/cron.md, parsed by robfig/cron), read with the crontab reader so the
 * gaps are computed the same way as for cron jobs. A bad expression → a diagnostic at the value.
 */
export function locationCron(expression: string, at: SourcePosition, diagnostics: Diagnostic[]): Schedule | undefined {
  const table = parseCrontab(`${expression} autorestic\n`, at.file, 'user');
  const entry = table.entries[0];
  if (!entry || table.diagnostics.length > 0) {
    const why = table.diagnostics[0]?.message ?? 'not a cron expression';
    diagnostics.push({ code: 'config-error', message: `autorestic: cron "${expression}": ${why}`, position: at });
    return undefined;
  }
  const s = scheduleFromCronEntry(entry);
  return { ...s, at, description: s.description.replace('(cron)', '(autorestic location cron)') };
}
