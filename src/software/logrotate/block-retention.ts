import type { Evidence } from '../../inventory/evidence.js';
import type { Retention } from '../../inventory/practice.js';
import type { RotationSchedule } from './rotation-schedule.js';
import { sizeText, type Period, type RotationSettings, type Stated } from './rotation-settings.js';

const HOUR = 3600;
const DAY = 86400;

/**
 * Longest time between two rotations for each period (research/web-system.md §5.4; logrotate
 * 3.21.0 logrotate.c:1468-1530 findNeedRotating: hourly = a new hour, daily = a new day,
 * weekly = 7 days or the chosen weekday, monthly = a new calendar month (at most 31 days),
 * yearly = a new year (at most 366 days)).
 */
const PERIOD_SECONDS: Record<Period, number> = { hourly: HOUR, daily: DAY, weekly: 7 * DAY, monthly: 31 * DAY, yearly: 366 * DAY };

function evidenceOf(s: Stated<unknown>, note: string): Evidence {
  const e: Evidence = { ...s.at, note };
  if (s.default) e.default = s.default;
  return e;
}

function human(seconds: number): string {
  if (seconds % DAY === 0) return `${seconds / DAY} day${seconds === DAY ? '' : 's'}`;
  if (seconds % HOUR === 0) return `${seconds / HOUR} hour${seconds === HOUR ? '' : 's'}`;
  return `${(seconds / DAY).toFixed(2)} days`;
}

/**
 * How long a line written to a log of this block can be kept (research §5.4): up to one period
 * in the live file, then `rotate` rotated copies of one period each: (N+1)×P. `maxage D`
 * prunes copies older than D days, but only when the log is rotated: min((N+1)×P, D+P).
 * logrotate runs on its own schedule (Debian: daily, up to 1 h late), so a period shorter than
 * that schedule stretches to it, and the schedule's slack adds to the worst case. A size
 * criterion, or `minsize`, makes rotation depend on how much is written: no figure is given.
 */
export function blockRetention(s: RotationSettings, schedule: RotationSchedule, patternsText: string): Retention {
  const crit = s.criterion.value;
  const evidence: Evidence[] = [evidenceOf(s.criterion, s.criterion.text), evidenceOf(s.rotate, s.rotate.text)];
  if (s.maxage) evidence.push(evidenceOf(s.maxage, s.maxage.text));
  if (s.minsize) evidence.push(evidenceOf(s.minsize, s.minsize.text));
  if (s.maxsize) evidence.push(evidenceOf(s.maxsize, s.maxsize.text));
  const n = s.rotate.value;
  const keep = n === -1 ? 'every rotated copy (rotate -1)' : n === 0 ? 'no rotated copy (rotate 0)' : `${n} rotated cop${n === 1 ? 'y' : 'ies'}`;
  const fixTemplate = `${patternsText} {\n    daily\n    rotate {{days}}\n}`;
  if (crit.kind === 'size' || s.minsize) {
    const threshold = crit.kind === 'size' ? crit.bytes : (s.minsize as Stated<number>).value;
    const why = crit.kind === 'size'
      ? `"${s.criterion.text}" rotates only when the log is larger than ${sizeText(threshold)}, whatever its age`
      : `"${(s.minsize as Stated<number>).text}" rotates only logs of at least ${sizeText(threshold)}`;
    return {
      nominal: undefined,
      worstCase: undefined,
      description: `${why}; ${keep} kept`,
      unknownReason: `rotation depends on traffic: ${why}, so a log that stays smaller keeps its lines without limit`,
      fixTemplate,
      cleanupLag: DAY + schedule.slack,
      evidence,
    };
  }
  const period = PERIOD_SECONDS[crit.kind];
  const effective = Math.max(period, schedule.interval);
  const generations = n === -1 ? Infinity : n + 1;
  let nominal = generations * period;
  let worst = generations * effective;
  let how = `${crit.kind} rotation, ${keep}: up to one period in the live file and ${n === -1 ? 'every' : `${n}`} rotated period${n === 1 ? '' : 's'}`;
  if (s.maxage) {
    // Old copies are pruned by age only when the log is rotated (logrotate.c:2035-2052, in the rotation path).
    const byAge = s.maxage.value * DAY;
    nominal = Math.min(nominal, byAge + period);
    worst = Math.min(worst, byAge + effective);
    how += `; "${s.maxage.text}" removes copies older than ${s.maxage.value} days when the log is rotated`;
  }
  // olddir moves rotated copies elsewhere without changing how long they are kept.
  if (s.olddir) how += `; rotated copies are kept in ${s.olddir.value} ("${s.olddir.text}")`;
  const retention: Retention = {
    nominal,
    worstCase: Number.isFinite(worst) ? worst + schedule.slack : Infinity,
    description: Number.isFinite(nominal) ? `${how}: ${human(nominal)}` : `${how}: rotated copies are never deleted`,
    fixTemplate,
    cleanupLag: DAY + schedule.slack,
    evidence: [...evidence, ...schedule.evidence],
  };
  const reasons: string[] = [];
  if (effective > period) reasons.push(`a ${crit.kind} period stretches to logrotate's own schedule (every ${human(schedule.interval)})`);
  if (schedule.slack > 0) reasons.push(`${schedule.description}, so a run can come ${human(schedule.slack)} late`);
  if (Number.isFinite(worst) && reasons.length > 0) retention.worstCaseReason = reasons.join('; ');
  return retention;
}
