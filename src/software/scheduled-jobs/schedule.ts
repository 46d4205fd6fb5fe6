import type { SourcePosition } from '../../inventory/evidence.js';
import type { CronEntry } from '../../formats/crontab/parse-crontab.js';
import type { Schedule } from './job-model.js';
import { cronGaps, describeCronFields } from './cron-interval.js';
import { TextCache } from '../../arrays/text-cache.js';

/** A schedule that runs every `seconds`, for callers that know the period (ejabberd mod_cron tasks). */
export function scheduleFromInterval(seconds: number, description: string, at: SourcePosition): Schedule {
  return { interval: seconds, worstCaseInterval: seconds, shortestInterval: seconds, description, at };
}

/** A cron schedule without its position: the same for every line with the same schedule text. */
type Unplaced = Omit<Schedule, 'at'>;

/**
 * Per run of the process, the schedule of each distinct schedule text (`0 3 * * *`, `@daily`):
 * 10,000 lines share a few. The fields a text stands for, and so its gaps and description, are
 * decided by the text alone.
 */
const byText = new TextCache<Unplaced>(10_000);

/**
 * The schedule of a crontab line. `@reboot` has no interval: it runs once per boot.
 * Cron itself adds no jitter: it checks its tables once a minute (cron(8)).
 */
export function scheduleFromCronEntry(entry: CronEntry): Schedule {
  if (entry.macro === 'reboot') {
    return { interval: undefined, worstCaseInterval: undefined, description: 'at boot only (@reboot, cron)', at: entry.scheduleAt };
  }
  let unplaced = byText.get(entry.scheduleText);
  if (unplaced === undefined) {
    unplaced = unplacedSchedule(entry);
    byText.set(entry.scheduleText, unplaced);
  }
  // The keys in the order they always had (a reader of the report sees them in this order).
  if (unplaced.shortestInterval === undefined) {
    return { interval: unplaced.interval, worstCaseInterval: unplaced.worstCaseInterval, description: unplaced.description, at: entry.scheduleAt };
  }
  return { interval: unplaced.interval, worstCaseInterval: unplaced.worstCaseInterval, shortestInterval: unplaced.shortestInterval, description: unplaced.description, at: entry.scheduleAt };
}

function unplacedSchedule(entry: CronEntry): Unplaced {
  const gaps = cronGaps(entry.fields);
  if (!gaps) return { interval: undefined, worstCaseInterval: undefined, description: `never: no date matches "${entry.scheduleText}" (cron)` };
  const summary = entry.macro !== undefined ? `@${entry.macro}: ${describeCronFields(entry.fields, entry.scheduleText)}` : describeCronFields(entry.fields, entry.scheduleText);
  return { interval: gaps.mean, worstCaseInterval: gaps.longest, shortestInterval: gaps.shortest, description: `${summary} (cron)` };
}
