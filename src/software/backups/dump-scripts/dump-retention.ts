import type { Evidence } from '../../../inventory/evidence.js';
import { forever, soonest, timeBound, unknownFigure, type Retention } from '../../../inventory/retention.js';
import type { CleanupAction, ScheduledJob } from '../../scheduled-jobs/job-model.js';
import { cleanupRetention, findRounding, scheduleInterval } from '../../scheduled-jobs/job-figures.js';
import type { Sink } from './analyse-dump-script.js';

type FindAction = Extract<CleanupAction, { kind: 'delete-files-older-than' }>;
export interface Cleanup {
  action: FindAction;
  job: ScheduledJob;
}

// Names rotated by `date +FMT` cycle through a fixed set (date(1), GNU coreutils 9.1: %u/%w/%a/%A weekday, %d day of month, %H hour).
const CYCLE: Record<string, number> = { '%u': 7 * 86400, '%w': 7 * 86400, '%a': 7 * 86400, '%A': 7 * 86400, '%d': 31 * 86400, '%H': 86400 };

function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

/** How long the files a dump writes are kept: a find cleanup, overwriting, name rotation, or never deleted. */
export function sinkRetention(sink: Sink, cleanups: Cleanup[], job: ScheduledJob): Retention {
  const dir = dirOf(sink.path);
  const name = sink.path.slice(dir.length + 1);
  const evidenceAt: Evidence = { ...sink.at, note: `the dump is written to ${sink.path}` };
  if (!sink.path.startsWith('/') || /[$`]/.test(dir)) {
    return unknownFigure(`the directory of ${sink.path} is built at runtime or relative to an unknown working directory`, `dump written to ${sink.path}`, { evidence: [evidenceAt] });
  }
  const matching = cleanups
    .filter((c) => c.job.runs && (dir === c.action.directory.replace(/\/$/, '') || dir.startsWith(`${c.action.directory.replace(/\/$/, '')}/`)))
    .map((c) => cleanupRetention({
      job: c.job,
      threshold: c.action.olderThan,
      rounding: findRounding(c.action),
      what: sink.path,
      fixTemplate: `find ${c.action.directory} -mtime +{{days}} -delete`,
      evidence: [{ ...c.action.at, note: `find ${c.action.directory} … -delete` }, evidenceAt],
    }));
  if (!sink.append && !/[$`]/.test(name)) {
    // Overwritten by the next run: a dump lives as long as the gap between two runs. A find over
    // its directory never reaches it (each run gives it a fresh mtime) unless it deletes sooner.
    const every = scheduleInterval(job.schedule, [evidenceAt]);
    return soonest([{ ...every, description: `${sink.path} is overwritten on every run (${job.schedule.description})` }, ...matching]) as Retention;
  }
  const best = soonest(matching);
  if (best) return best;
  if (sink.append) return forever(`appended to ${sink.path} on every run`, { evidence: [evidenceAt] });
  const rotation = /^[^$`]*\$\(date \+(%[A-Za-z])\)[^$`]*$/.exec(name) ?? /^[^$`]*`date \+(%[A-Za-z])`[^$`]*$/.exec(name);
  const format = rotation?.[1];
  const cycle = format === undefined ? undefined : CYCLE[format];
  if (format !== undefined && cycle !== undefined) {
    return timeBound(cycle, `file names cycle with date +${format}: each is overwritten a cycle later`, undefined, { evidence: [evidenceAt] });
  }
  return forever(`nothing deletes the dumps in ${dir}: each run writes a new file name and no find … -delete (or other cleanup) covers ${dir}`, {
    fixTemplate: `find ${dir} -name '${name.replace(/\$\([^)]*\)|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|`[^`]*`/g, '*')}' -mtime +{{days}} -delete`,
    evidence: [evidenceAt],
  });
}
