import { parseUnitFile, type UnitFile } from '../../formats/systemd-unit/parse-unit.js';
import type { Evidence, SourcePosition } from '../../inventory/evidence.js';
import { UNIT_DIRS } from '../scheduled-jobs/read-timer-jobs.js';
import type { RootFiles } from '../../files/root-files.js';
import { timerSchedule } from '../scheduled-jobs/timer-schedule.js';

/** How often logrotate itself runs, and how late a run can be. */
export interface RotationSchedule {
  /** Seconds between runs (a daily timer: 86400). */
  interval: number;
  /** How late a run can come on top of the interval (AccuracySec=, RandomizedDelaySec=). */
  slack: number;
  description: string;
  evidence: Evidence[];
  files: string[];
  /** Set when logrotate.timer exists but nothing enables it: why rotation may never run. */
  notEnabled?: SourcePosition;
}

/** Enabled = a link named logrotate.timer in some `*.wants/` or `*.requires/` directory (systemctl enable). */
function timerEnabled(files: RootFiles): boolean {
  for (const dir of UNIT_DIRS) {
    for (const entry of files.list(dir) ?? []) {
      if ((entry.endsWith('.wants') || entry.endsWith('.requires')) && files.exists(`${dir}/${entry}/logrotate.timer`)) return true;
    }
  }
  return false;
}

/**
 * Debian's logrotate.timer (logrotate 3.21.0-1, /lib/systemd/system/logrotate.timer):
 * OnCalendar=daily, AccuracySec=1h, Persistent=true.
 */
const DEBIAN_TIMER = { interval: 86400, slack: 3600 };
/** How messages name the timer assumed: its distribution and package release, as findings name a release. */
const ASSUMED_TIMER = "Debian's (OnCalendar=daily, AccuracySec=1h; Debian 12 package logrotate 3.21.0-1)";

/**
 * Reads logrotate.timer (and its drop-ins) from the unit directories under the root; when it
 * is absent, assumes Debian's and says so, positioned at the main configuration file.
 */
export function rotationSchedule(files: RootFiles, fallback: Evidence['file']): RotationSchedule {
  const units: UnitFile[] = [];
  const read: string[] = [];
  const load = (systemPath: string): void => {
    const text = files.read(systemPath);
    if (text === undefined) return;
    const file = files.host(systemPath);
    read.push(file);
    units.push(parseUnitFile(text, file));
  };
  const main = UNIT_DIRS.map((dir) => `${dir}/logrotate.timer`).find((p) => files.read(p) !== undefined);
  if (main !== undefined) {
    load(main);
    const dropIns = new Map<string, string>();
    for (const dir of UNIT_DIRS) {
      for (const entry of files.list(`${dir}/logrotate.timer.d`) ?? []) {
        if (entry.endsWith('.conf') && !dropIns.has(entry)) dropIns.set(entry, `${dir}/logrotate.timer.d/${entry}`);
      }
    }
    for (const entry of [...dropIns.keys()].sort()) load(dropIns.get(entry) as string);
    const first = units[0] as UnitFile;
    const schedule = timerSchedule(units, { file: first.file, line: 1, column: 1 });
    if (schedule.interval !== undefined && schedule.worstCaseInterval !== undefined) {
      // The worst case over the mean gap: timer jitter plus any unevenness of the calendar.
      const enabled = timerEnabled(files);
      return {
        ...(enabled ? {} : { notEnabled: { file: first.file, line: 1, column: 1 } }),
        interval: schedule.interval,
        slack: Math.max(0, schedule.worstCaseInterval - schedule.interval),
        description: `logrotate runs from logrotate.timer: ${schedule.description}`,
        evidence: [{ ...schedule.at, note: `logrotate.timer: ${schedule.description}` }],
        files: read,
      };
    }
  }
  const origin = { software: 'logrotate', release: '3.21.0-1 (Debian 12)', source: 'debian/logrotate.timer' };
  const description = main === undefined
    ? `no logrotate.timer under the root: assuming ${ASSUMED_TIMER}`
    : `logrotate.timer has no schedule this reader can compute: assuming ${ASSUMED_TIMER}`;
  return {
    ...DEBIAN_TIMER,
    description,
    evidence: [{ file: fallback, line: 1, column: 1, note: description, default: origin }],
    files: read,
  };
}
