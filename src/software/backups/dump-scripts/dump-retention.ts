import type { Evidence } from '../../../inventory/evidence.js';
import type { Retention } from '../../../inventory/practice.js';
import type { CleanupAction, ScheduledJob } from '../../scheduled-jobs/job-model.js';
import { formatDuration } from '../duplicity/duplicity-time.js';
import type { Sink } from './analyse-dump-script.js';

type FindAction = Extract<CleanupAction, { kind: 'delete-files-older-than' }>;
export interface Cleanup {
  action: FindAction;
  job: ScheduledJob;
}

// Names rotated by `date +FMT` cycle through a fixed set (research/backups.md §8 "Rotation by name").
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
    return {
      nominal: undefined,
      worstCase: undefined,
      description: `dump written to ${sink.path}`,
      unknownReason: `the directory of ${sink.path} is built at runtime or relative to an unknown working directory`,
      evidence: [evidenceAt],
    };
  }
  const matching = cleanups
    .filter((c) => dir === c.action.directory.replace(/\/$/, '') || dir.startsWith(`${c.action.directory.replace(/\/$/, '')}/`))
    .map((c) => ({ c, worst: c.action.olderThan + (c.job.schedule.worstCaseInterval ?? Infinity) }))
    .sort((a, b) => a.worst - b.worst);
  const best = matching[0];
  if (best) {
    const lag = best.c.job.schedule.worstCaseInterval;
    return {
      nominal: best.c.action.olderThan,
      worstCase: best.worst,
      description: `find ${best.c.action.directory} deletes files older than ${formatDuration(best.c.action.olderThan)}`,
      worstCaseReason: `the cleanup runs ${best.c.job.schedule.description}, so a file can live that much longer`,
      ...(lag !== undefined ? { cleanupLag: lag } : {}),
      fixTemplate: `find ${best.c.action.directory} -mtime +{{days}} -delete`,
      evidence: [{ ...best.c.action.at, note: `find ${best.c.action.directory} … -delete` }, evidenceAt],
    };
  }
  if (sink.append) {
    return { nominal: Infinity, worstCase: Infinity, description: `appended to ${sink.path} on every run`, evidence: [evidenceAt] };
  }
  if (!/[$`]/.test(name)) {
    return {
      nominal: job.schedule.interval,
      worstCase: job.schedule.worstCaseInterval,
      description: `${sink.path} is overwritten on every run`,
      evidence: [evidenceAt],
    };
  }
  const rotation = /^[^$`]*\$\(date \+(%[A-Za-z])\)[^$`]*$/.exec(name) ?? /^[^$`]*`date \+(%[A-Za-z])`[^$`]*$/.exec(name);
  const cycle = rotation ? CYCLE[rotation[1] as string] : undefined;
  if (cycle !== undefined) {
    return { nominal: cycle, worstCase: cycle, description: `file names cycle with date +${rotation?.[1]}: each is overwritten a cycle later`, evidence: [evidenceAt] };
  }
  return {
    nominal: Infinity,
    worstCase: Infinity,
    description: `nothing deletes the dumps in ${dir}`,
    worstCaseReason: `each run writes a new file name and no find … -delete (or other cleanup) covers ${dir}`,
    fixTemplate: `find ${dir} -name '${name.replace(/\$\([^)]*\)|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|`[^`]*`/g, '*')}' -mtime +{{days}} -delete`,
    evidence: [evidenceAt],
  };
}

/** The longest of several retentions; unknown when any is. */
export function longest(list: Retention[]): Retention {
  const unknown = list.find((r) => r.worstCase === undefined);
  if (unknown) return unknown;
  return [...list].sort((a, b) => (b.worstCase as number) - (a.worstCase as number))[0] as Retention;
}
