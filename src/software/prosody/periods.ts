/**
 * How each Prosody release turns a retention option into seconds. The two releases differ in
 * ways that silently change retention ("2 hours" is 2 seconds in 0.12, "30 minutes" 30 months),
 * so every reading names the release's rule it applied.
 *
 * Sources: Prosody 0.12.3 modules/mod_mam/mod_mam.lua:46,505-519,
 * modules/mod_muc_mam.lua:37,470-484, core/moduleapi.lua:202-237; Prosody 13.0.1
 * core/moduleapi.lua:275-326 (get_option_period), util/human/io.lua:201-223 (parse_duration{,_lax}).
 */

/** Lua scalar as a module sees it after get_option_scalar (a table yields its first item). */
export type LuaScalar = string | number | boolean | undefined;

export interface PeriodReading {
  /** Seconds; Infinity = kept forever (expiry off). */
  seconds: number;
  /** Set when Prosody logs an error or the reading is surely not what the author meant. */
  problem?: string;
  /** Set when the module fails to load because of the value. */
  moduleFails?: boolean;
  /** What the author most likely meant, in seconds, when the release reads it otherwise. */
  intendedSeconds?: number;
}

const DAY = 86400;
/** 0.12 mod_mam multipliers (m = 31-day month, y = 365.2425 days): mod_mam.lua:510. */
const MAM_012_MULTIPLIERS: Record<string, number> = { d: DAY, w: 7 * DAY, m: 31 * DAY, y: 365.2425 * DAY };

/**
 * 0.12: `archive_expires_after` / `muc_log_expires_after`, read with get_option_string (numbers
 * become strings) and parsed by the module's own pattern `(%d+)%s*([dwmy]?)`; any other unit
 * letter counts as seconds; no digits = "Could not parse" and expiry silently off.
 */
export function readArchiveExpiry012(value: LuaScalar, option: string): PeriodReading {
  if (value === undefined) value = '1w'; // default: mod_mam.lua:46, mod_muc_mam.lua:37
  const text = String(value);
  if (text === 'never') return { seconds: Infinity };
  const match = /(\d+)\s*([dwmy]?)/.exec(text.toLowerCase());
  if (!match) {
    return {
      seconds: Infinity,
      problem: `Prosody 0.12 cannot parse ${option} = ${JSON.stringify(text)} ("Could not parse ${option} string"): the module keeps archiving but never deletes anything`,
    };
  }
  const n = Number(match[1]);
  const unit = match[2] ?? '';
  const seconds = n * (MAM_012_MULTIPLIERS[unit] ?? 1);
  const problem = describe012Mismatch(text, unit, seconds, option);
  if (!problem) return { seconds };
  const intended = readPeriod13(text, '1w', option);
  return intended.problem || Number.isNaN(intended.seconds) ? { seconds, problem } : { seconds, problem, intendedSeconds: intended.seconds };
}

/** Flags the 0.12 readings that surely differ from what the author wrote (hours, minutes, fractions). */
function describe012Mismatch(text: string, unit: string, seconds: number, option: string): string | undefined {
  const lower = text.toLowerCase();
  const afterDigits = lower.replace(/^[^\d]*\d+\s*/, '');
  if (/^\d+\s*$/.test(lower)) return undefined; // plain seconds, as documented
  if (/\d[.,]\d/.test(lower)) {
    return `Prosody 0.12 reads only the first whole number of ${option} = ${JSON.stringify(text)}: ${seconds} seconds`;
  }
  if (unit === '' && afterDigits.length > 0) {
    return `Prosody 0.12 reads ${option} = ${JSON.stringify(text)} as ${seconds} second${seconds === 1 ? '' : 's'} (only d, w, m and y are units there)`;
  }
  if (unit === 'm' && /^mi/.test(afterDigits)) {
    return `Prosody 0.12 reads ${option} = ${JSON.stringify(text)} as months ("m" is a 31-day month there), not minutes`;
  }
  return undefined;
}

const STRICT_13: Record<string, number> = {
  s: 1, min: 60, h: 3600, ho: 3600, d: DAY, w: 7 * DAY, mon: 31 * DAY, y: 365.2425 * DAY,
};
const LAX_13: Record<string, number> = {
  s: 1, mi: 60, m: 31 * DAY, mo: 31 * DAY, h: 3600, ho: 3600, d: DAY, w: 7 * DAY, y: 365.2425 * DAY,
};

/**
 * 13.0: get_option_period. "never"/false = forever; numbers are seconds; strings go through the
 * strict parser, then the lax one (value used, error logged); negative = forever.
 */
export function readPeriod13(value: LuaScalar, fallback: string, option: string): PeriodReading {
  if (value === undefined) value = fallback;
  if (value === 'never' || value === false) return { seconds: Infinity };
  if (typeof value === 'number') return { seconds: value < 0 ? Infinity : value };
  if (typeof value !== 'string') {
    return {
      seconds: NaN,
      problem: `Prosody 13.0 does not understand ${option} = ${String(value)} (expecting a period)`,
    };
  }
  const lower = value.toLowerCase();
  const strict = /(\d+)\s*([smhdwy]?[io]?n?)/.exec(lower);
  if (strict && STRICT_13[strict[2] ?? ''] !== undefined) {
    return { seconds: Number(strict[1]) * (STRICT_13[strict[2] ?? ''] ?? 1) };
  }
  const lax = /(\d+)\s*([smhdwy]?[io]?)/.exec(lower);
  if (lax) {
    const count = lax[1] as string;
    const seconds = Number(count) * (LAX_13[lax[2] ?? ''] ?? 1);
    return {
      seconds,
      problem: `Prosody 13.0 logs an error for the ambiguous period ${option} = ${JSON.stringify(value)} and reads it as ${seconds} seconds; write e.g. "${count} days" or "${count} months"`,
    };
  }
  return {
    seconds: NaN,
    problem: `Prosody 13.0 does not understand ${option} = ${JSON.stringify(value)} ("not understood, expecting a period")`,
  };
}

/**
 * 0.12 mod_http_file_share `http_file_share_expires_after`: get_option_number with default
 * 7*86400 (mod_http_file_share.lua:43). A duration string is not a number: the option reads as
 * nil and the module fails to initialise (`nil >= 0`, :453). Negative = never expire.
 */
export function readFileShareExpiry012(value: LuaScalar): PeriodReading {
  if (value === undefined) return { seconds: 7 * DAY };
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (Number.isNaN(n)) {
    return {
      seconds: NaN,
      moduleFails: true,
      problem: `Prosody 0.12 reads http_file_share_expires_after only as a number of seconds; ${JSON.stringify(value)} makes mod_http_file_share fail to load ("Error initializing module")`,
    };
  }
  return { seconds: n < 0 ? Infinity : n };
}

/**
 * Community mod_http_upload `http_upload_expire_after`: get_option_number, default nil = never
 * expire (prosody-modules mod_http_upload/mod_http_upload.lua:43). A string that is not a number
 * is an error log and nil: never expire.
 */
export function readHttpUploadExpiry(value: LuaScalar): PeriodReading {
  if (value === undefined) return { seconds: Infinity };
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (Number.isNaN(n)) {
    return {
      seconds: Infinity,
      problem: `mod_http_upload reads http_upload_expire_after only as a number of seconds; ${JSON.stringify(value)} is not understood, so files never expire`,
    };
  }
  return { seconds: n };
}
