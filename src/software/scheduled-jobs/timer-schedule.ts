import { unitValue, type UnitAssignment, type UnitFile } from '../../formats/systemd-unit/parse-unit.js';
import type { SourcePosition } from '../../inventory/evidence.js';
import type { Schedule } from './job-model.js';
import { parseTimespan, readCalendar } from './systemd-time.js';
import { minOf } from '../../arrays/extremes.js';

/** systemd.timer(5) (systemd 252): AccuracySec= defaults to 1min. */
const DEFAULT_ACCURACY = 60;

/** systemd.timer(5) trigger settings. */
export const TRIGGER_KEYS = ['OnCalendar', 'OnUnitActiveSec', 'OnUnitInactiveSec', 'OnBootSec', 'OnStartupSec', 'OnActiveSec'];

/**
 * The timer's triggers over the unit and its drop-ins, in order. systemd.timer(5): "If the
 * empty string is assigned to any of these options, the list of timers is reset (both
 * monotonic timers and OnCalendar= timers)", so one empty assignment clears every kind.
 */
export function timerTriggers(units: UnitFile[]): UnitAssignment[] {
  let triggers: UnitAssignment[] = [];
  for (const unit of units) {
    for (const a of unit.assignments) {
      if (a.section !== 'Timer' || !TRIGGER_KEYS.includes(a.key)) continue;
      if (a.value === '') triggers = [];
      else triggers.push(a);
    }
  }
  return triggers;
}

interface Candidate {
  mean: number;
  longest: number;
  shortest: number;
  text: string;
  /** Index of the trigger it comes from, in the timer's trigger list. */
  trigger: number;
}

/** A timer's schedule without its position: the same for every timer with the same settings. */
type Unplaced = Omit<Schedule, 'at'> & {
  bootOnly: boolean;
  /** Index of the trigger the schedule is positioned at; -1 for the caller's fallback. */
  atTrigger: number;
};

/**
 * Per run of the process, the schedule of each distinct set of trigger and jitter settings:
 * 10,000 timers sharing a few `OnCalendar=` values built the same texts and figures for each.
 * Bounded like the calendar cache: cleared past 10,000 entries.
 */
const schedules = new Map<string, Unplaced>();

/**
 * The schedule of a timer unit (with its drop-ins). Several triggers are a union: runs come at
 * least as often as the most frequent one, so the smallest bound of the readable triggers is
 * kept. A realtime expression this reader cannot evaluate makes the interval undefined when no
 * other trigger bounds it — no guess. `fallbackAt` positions a timer without triggers. Jitter: the timer fires up to AccuracySec= late, plus up
 * to RandomizedDelaySec=, so both add to the worst case.
 */
export function timerSchedule(units: UnitFile[], fallbackAt: SourcePosition): Schedule & { bootOnly: boolean } {
  const { schedule, bootOnly } = placedTimerSchedule(units, fallbackAt);
  return { ...schedule, bootOnly };
}

/** timerSchedule, with whether the timer only triggers at boot beside the schedule (no copy without it per timer). */
export function placedTimerSchedule(units: UnitFile[], fallbackAt: SourcePosition): { schedule: Schedule; bootOnly: boolean } {
  const triggers = timerTriggers(units);
  const randomized = unitValue(units, 'Timer', 'RandomizedDelaySec');
  const accuracy = unitValue(units, 'Timer', 'AccuracySec');
  // A value never holds a newline (continued lines are joined with a space, systemd.syntax(7)).
  let key = `${randomized ? `=${randomized.value}` : ''}\n${accuracy ? `=${accuracy.value}` : ''}`;
  for (const a of triggers) key += `\n${a.key}\n${a.value}`;
  let unplaced = schedules.get(key);
  if (unplaced === undefined) {
    unplaced = scheduleOf(triggers, randomized, accuracy);
    if (schedules.size > 10_000) schedules.clear();
    schedules.set(key, unplaced);
  }
  const at = unplaced.atTrigger < 0 ? fallbackAt : (triggers[unplaced.atTrigger] as UnitAssignment).valueAt;
  // The keys in the order they always had (a reader of the report sees them in this order).
  const schedule: Schedule =
    unplaced.shortestInterval === undefined
      ? { interval: unplaced.interval, worstCaseInterval: unplaced.worstCaseInterval, description: unplaced.description, at }
      : { interval: unplaced.interval, worstCaseInterval: unplaced.worstCaseInterval, shortestInterval: unplaced.shortestInterval, description: unplaced.description, at };
  return { schedule, bootOnly: unplaced.bootOnly };
}

function scheduleOf(triggers: UnitAssignment[], randomized: UnitAssignment | undefined, accuracy: UnitAssignment | undefined): Unplaced {
  const candidates: Candidate[] = [];
  const unreadable: string[] = [];
  const oneShots: string[] = [];
  // Positioned at the trigger that bounds the interval, else at the first trigger.
  const atTrigger = triggers.length > 0 ? 0 : -1;
  const of = (key: string): number[] => triggers.flatMap((a, i) => (a.key === key ? [i] : []));
  for (const i of of('OnCalendar')) {
    const a = triggers[i] as UnitAssignment;
    const reading = readCalendar(a.value);
    if (!reading) unreadable.push(`OnCalendar=${a.value}`);
    else if (reading.gaps) {
      candidates.push({ ...reading.gaps, text: `OnCalendar=${a.value} (${reading.normalized})`, trigger: i });
    }
  }
  for (const key of ['OnUnitActiveSec', 'OnUnitInactiveSec']) {
    for (const i of of(key)) {
      const a = triggers[i] as UnitAssignment;
      const seconds = parseTimespan(a.value);
      if (seconds === undefined) unreadable.push(`${key}=${a.value}`);
      else {
        // OnUnitInactiveSec= counts from the end of each run, so runs are further apart by the service's run time.
        const note = key === 'OnUnitInactiveSec' ? ' after each run ends' : '';
        candidates.push({ mean: seconds, longest: seconds, shortest: seconds, text: `${key}=${a.value}${note}`, trigger: i });
      }
    }
  }
  for (const key of ['OnBootSec', 'OnStartupSec', 'OnActiveSec']) {
    for (const i of of(key)) oneShots.push(`${key}=${(triggers[i] as UnitAssignment).value}`);
  }
  const jitter = (randomized ? (parseTimespan(randomized.value) ?? 0) : 0) + (accuracy ? (parseTimespan(accuracy.value) ?? DEFAULT_ACCURACY) : DEFAULT_ACCURACY);
  const jitterText = [randomized ? `RandomizedDelaySec=${randomized.value}` : undefined, `AccuracySec=${accuracy?.value ?? '1min (default)'}`]
    .filter((t) => t !== undefined)
    .join(', ');

  if (candidates.length === 0) {
    if (unreadable.length > 0) {
      return {
        interval: undefined,
        worstCaseInterval: undefined,
        description: `could not compute the interval of ${unreadable.join(', ')} (systemd timer)`,
        bootOnly: false,
        atTrigger,
      };
    }
    return {
      interval: undefined,
      worstCaseInterval: undefined,
      description: oneShots.length > 0 ? `once after boot or activation only (${oneShots.join(', ')}, systemd timer)` : 'no trigger (systemd timer)',
      bootOnly: true,
      atTrigger,
    };
  }
  const best = candidates.reduce((a, b) => (b.longest < a.longest ? b : a));
  const mean = minOf(candidates.map((c) => c.mean));
  const shortest = minOf(candidates.map((c) => c.shortest));
  const triggerTexts = candidates.map((c) => c.text).concat(unreadable.map((u) => `${u} (not evaluated)`));
  return {
    interval: mean,
    worstCaseInterval: best.longest + jitter,
    shortestInterval: shortest,
    description: `${triggerTexts.join(', ')}; ${jitterText} (systemd timer)`,
    bootOnly: false,
    atTrigger: best.trigger,
  };
}
