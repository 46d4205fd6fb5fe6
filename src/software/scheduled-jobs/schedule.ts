import type { SourcePosition } from '../../inventory/evidence.js';
import type { CronEntry } from '../../formats/crontab/parse-crontab.js';
import type { Schedule } from './job-model.js';
import { cronGaps, describeCronFields } from './cron-interval.js';

/** A schedule that runs every `seconds`, for callers that know the period (ejabberd mod_cron tasks). */
export function scheduleFromInterval(seconds: number, description: string, at: SourcePosition): Schedule {
  return { interval: seconds, worstCaseInterval: seconds, shortestInterval: seconds, description, at };
}

/**
 * The schedule of a crontab line. `@reboot` has no interval: it runs once per boot.
 * Cron itself adds no jitter: it checks its tables once a minute (cron(8)).
 */
export function scheduleFromCronEntry(entry: CronEntry): Schedule {
  if (entry.macro === 'reboot') {
    return { interval: undefined, worstCaseInterval: undefined, description: 'at boot only (@reboot, cron)', at: entry.scheduleAt };
  }
  const gaps = cronGaps(entry.fields);
  const summary = entry.macro !== undefined ? `@${entry.macro}: ${describeCronFields(entry.fields, entry.scheduleText)}` : describeCronFields(entry.fields, entry.scheduleText);
  if (!gaps) {
    return {
      interval: undefined,
      worstCaseInterval: undefined,
      description: `never: no date matches "${entry.scheduleText}" (cron)`,
      at: entry.scheduleAt,
    };
  }
  return {
    interval: gaps.mean,
    worstCaseInterval: gaps.longest,
    shortestInterval: gaps.shortest,
    description: `${summary} (cron)`,
    at: entry.scheduleAt,
  };
}
