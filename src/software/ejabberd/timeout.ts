import type { EjabberdValue } from './config-model.js';

/** yconf timeout_unit() (yconf 1.0.x src/yconf.erl: -type timeout_unit()). */
export type EjabberdTimeUnit = 'millisecond' | 'second' | 'minute' | 'hour' | 'day';

export type EjabberdTimeout =
  | { ok: true; ms: number }
  | { ok: true; infinity: true }
  | { ok: false; error: string };

const unitMs: Record<EjabberdTimeUnit, number> = {
  millisecond: 1,
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
};

/**
 * yconf:timeout_unit/1: lower-cased, spaces stripped at both ends; no weeks or months.
 * (ejabberd 23.01 answers `1 week` with "Unexpected timeout unit:  week", from p1_yconf 1.0.15 src/yconf.erl.)
 */
function timeoutUnit(suffix: string): EjabberdTimeUnit | undefined {
  const u = suffix.toLowerCase().replace(/^ +| +$/g, '');
  if (['ms', 'msec', 'msecs', 'millisec', 'millisecs', 'millisecond', 'milliseconds'].includes(u)) return 'millisecond';
  if (['s', 'sec', 'secs', 'second', 'seconds'].includes(u)) return 'second';
  if (['m', 'min', 'mins', 'minute', 'minutes'].includes(u)) return 'minute';
  if (['h', 'hour', 'hours'].includes(u)) return 'hour';
  if (['d', 'day', 'days'].includes(u)) return 'day';
  return undefined;
}

/**
 * ejabberd's duration syntax, yconf:to_timeout/3 (yconf src/yconf.erl, used by econf:timeout/1,2
 * in ejabberd 23.01): a positive integer is in the option's base unit; a string "N unit" is
 * converted (and must not be below one base unit: bad_timeout_min); `infinity`, `infinite` and
 * `unlimited` are accepted only where the option allows infinity (`allowInfinity`).
 * Result in milliseconds, as ejabberd holds them.
 */
export function parseEjabberdTimeout(
  value: EjabberdValue | string | number,
  baseUnit: EjabberdTimeUnit,
  allowInfinity = true,
): EjabberdTimeout {
  const raw: string | number | undefined =
    typeof value === 'string' || typeof value === 'number'
      ? value
      : value.kind === 'int' || value.kind === 'float' || value.kind === 'atom' || value.kind === 'string'
        ? value.value
        : undefined;
  if (raw === undefined) return { ok: false, error: 'Expected a timeout, got a list or map' };
  if (typeof raw === 'number') {
    if (!Number.isInteger(raw)) return { ok: false, error: `Expected integer, got float ${raw}` };
    if (raw <= 0) return { ok: false, error: `Expected positive integer, got: ${raw}` };
    return { ok: true, ms: raw * unitMs[baseUnit] };
  }
  // string:to_integer/1: optional sign and digits at the start, the rest is the suffix.
  const m = /^([+-]?\d+)(.*)$/s.exec(raw);
  if (!m) {
    if (allowInfinity && ['infinite', 'infinity', 'unlimited'].includes(raw)) return { ok: true, infinity: true };
    return { ok: false, error: allowInfinity ? `Unexpected value: ${raw}` : `Expected integer, got string instead` };
  }
  const n = Number.parseInt(m[1] as string, 10);
  const suffix = m[2] as string;
  if (n <= 0) return { ok: false, error: `Expected positive integer, got: ${n}` };
  if (suffix === '') return { ok: true, ms: n * unitMs[baseUnit] };
  const unit = timeoutUnit(suffix);
  // yconf format_error({bad_timeout_unit, Bad}): "Unexpected timeout unit: ~s" with the raw suffix.
  if (!unit) return { ok: false, error: `Unexpected timeout unit: ${suffix}` };
  const ms = n * unitMs[unit];
  if (ms < unitMs[baseUnit]) return { ok: false, error: `Timeout must not be shorter than one ${baseUnit}` };
  return { ok: true, ms };
}
