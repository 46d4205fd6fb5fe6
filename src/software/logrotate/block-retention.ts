import type { Evidence, SourcePosition } from '../../inventory/evidence.js';
import { describeDuration } from '../../config/duration.js';
import { forever, timeBound, trafficBound, type Retention } from '../../inventory/retention.js';
import type { RotationSchedule } from './rotation-schedule.js';
import { sizeText, type Period, type RotationSettings, type Stated } from './rotation-settings.js';

const DAY = 86400;

/**
 * Longest time between two rotations for each period (logrotate
 * 3.21.0 logrotate.c:1468-1530 findNeedRotating: hourly = a new hour, daily = a new day,
 * weekly = 7 days or the chosen weekday, monthly = a new calendar month (at most 31 days),
 * yearly = a new year (at most 366 days)).
 */
const PERIOD_SECONDS: Record<Period, number> = { hourly: 3600, daily: DAY, weekly: 7 * DAY, monthly: 31 * DAY, yearly: 366 * DAY };

/**
 * When the block states its own `rotate`, the fix is that count, lowered so that the worst case,
 * (N+1) periods plus the schedule's slack, fits the claim: the rest of the block (postrotate,
 * create, su) stays as it is. Replacing the block would drop its scripts and leave the server
 * writing to a rotated file.
 */
function countEdit(s: RotationSettings, schedule: RotationSchedule, wholeBlock: string): Pick<Retention, 'fixTemplate' | 'fixEdit' | 'fixUnit' | 'fixFallback' | 'cleanupLag'> | undefined {
  if (s.criterion.value.kind === 'size') return undefined;
  const effective = Math.max(PERIOD_SECONDS[s.criterion.value.kind], schedule.interval);
  return {
    fixTemplate: `rotate {{count}}`,
    fixEdit: { at: s.rotate.at, find: /rotate\s+(?<old>-?\d+)\b/, text: '{{count}}' },
    fixUnit: effective,
    fixFallback: wholeBlock,
    cleanupLag: effective + schedule.slack,
  };
}

function evidenceOf(s: Stated<unknown>, note: string): Evidence {
  const e: Evidence = { ...s.at, note };
  if (s.default) e.default = s.default;
  return e;
}

/**
 * How long a line written to a log of this block is kept (POLICY.md "Verdicts"): nominally the
 * `rotate` rotated copies of one period each, N×P (Debian's `daily` + `rotate 14` = 14 days);
 * `maxage D` prunes copies older than D days, min(N×P, D). logrotate runs on its own schedule
 * (Debian: daily, up to 1 h late), and a period shorter than that schedule stretches to it: every
 * line then lives that long, so the stretched period is the nominal one. The worst case adds the
 * live file, which holds a line up to one period before the first rotation, and the schedule's
 * slack: (N+1)×P plus the slack. A size criterion, or `minsize`, makes rotation depend on how
 * much is written: no time bound.
 */
export function blockRetention(s: RotationSettings, schedule: RotationSchedule, patternsText: string, inBlock: (at: SourcePosition) => boolean = () => false): Retention {
  const crit = s.criterion.value;
  const evidence: Evidence[] = [evidenceOf(s.criterion, s.criterion.text), evidenceOf(s.rotate, s.rotate.text)];
  if (s.maxage) evidence.push(evidenceOf(s.maxage, s.maxage.text));
  if (s.minsize) evidence.push(evidenceOf(s.minsize, s.minsize.text));
  if (s.maxsize) evidence.push(evidenceOf(s.maxsize, s.maxsize.text));
  const n = s.rotate.value;
  const keep = n === -1 ? 'every rotated copy (rotate -1)' : n === 0 ? `no rotated copy (${s.rotate.default ? s.rotate.text : 'rotate 0'})` : `${n} rotated cop${n === 1 ? 'y' : 'ies'}`;
  const wholeBlock = `${patternsText} {\n    daily\n    rotate {{days}}\n}`;
  const ownCount = crit.kind !== 'size' && s.rotate.default === undefined && inBlock(s.rotate.at) ? countEdit(s, schedule, wholeBlock) : undefined;
  const details = ownCount ?? { fixTemplate: wholeBlock, cleanupLag: DAY + schedule.slack };
  if (crit.kind === 'size' || s.minsize) {
    const threshold = crit.kind === 'size' ? crit.bytes : (s.minsize as Stated<number>).value;
    const why = crit.kind === 'size'
      ? `"${s.criterion.text}" rotates only when the log is larger than ${sizeText(threshold)}, whatever its age`
      : `"${(s.minsize as Stated<number>).text}" rotates only logs of at least ${sizeText(threshold)}`;
    return trafficBound(`${why}, so a log that stays smaller keeps its lines without limit`, `${why}; ${keep} kept`, { ...details, evidence });
  }
  const period = PERIOD_SECONDS[crit.kind];
  const effective = Math.max(period, schedule.interval);
  const stretched = effective > period;
  const copies = n === -1 ? Infinity : n;
  let nominal = copies * effective;
  let worst = (copies + 1) * effective;
  let how = `${crit.kind} rotation${stretched ? ` stretched to every ${describeDuration(effective)} (${schedule.description})` : ''}, ${keep}`;
  if (s.maxage) {
    // Old copies are pruned by age only when the log is rotated (logrotate 3.21.0 logrotate.c:2035-2052, in the rotation path).
    const byAge = s.maxage.value * DAY;
    nominal = Math.min(nominal, byAge);
    worst = Math.min(worst, byAge + effective);
    how += `; "${s.maxage.text}" removes copies older than ${s.maxage.value} days when the log is rotated`;
  }
  // olddir moves rotated copies elsewhere without changing how long they are kept.
  if (s.olddir) how += `; rotated copies are kept in ${s.olddir.value} ("${s.olddir.text}")`;
  const allEvidence = [...evidence, ...schedule.evidence];
  if (!Number.isFinite(nominal)) return forever(`${how}: rotated copies are never deleted`, { ...details, evidence: allEvidence });
  const reasons = [`a line waits up to ${describeDuration(effective)} in the live file before the first rotation`];
  if (schedule.slack > 0) reasons.push(`${schedule.description}, so a run can come ${describeDuration(schedule.slack)} late`);
  return timeBound(
    nominal,
    `${how}: ${describeDuration(nominal)}`,
    { seconds: worst + schedule.slack, reason: reasons.join('; ') },
    { ...details, evidence: allEvidence },
  );
}
