import type { LogrotateDirective } from '../../formats/logrotate/parse-logrotate.js';
import type { Period, RotationSettings } from './rotation-settings.js';

/**
 * Every keyword logrotate 3.21.0 accepts (logrotate(8) and config.c readConfigFile); any other
 * is reported "unknown option ... -- ignoring line" and the line is skipped.
 */
const KNOWN = new Set([
  'addextension', 'allowhardlink', 'compress', 'compresscmd', 'compressext', 'compressoptions', 'copy', 'copytruncate',
  'create', 'createolddir', 'daily', 'dateext', 'dateformat', 'datehourago', 'dateyesterday', 'delaycompress',
  'endscript', 'extension', 'firstaction', 'hourly', 'ifempty', 'ignoreduplicates', 'include', 'lastaction', 'mail',
  'mailfirst', 'maillast', 'maxage', 'maxsize', 'minage', 'minsize', 'missingok', 'monthly', 'noallowhardlink',
  'nocompress', 'nocopy', 'nocopytruncate', 'nocreate', 'nocreateolddir', 'nodateext', 'nodelaycompress', 'nomail',
  'nomissingok', 'noolddir', 'norenamecopy', 'nosharedscripts', 'noshred', 'notifempty', 'olddir', 'postrotate',
  'preremove', 'prerotate', 'renamecopy', 'rotate', 'sharedscripts', 'shred', 'shredcycles', 'size', 'start', 'su',
  'tabooext', 'taboopat', 'uncompresscmd', 'weekly', 'yearly',
]);

const PERIODS = new Set<string>(['hourly', 'daily', 'weekly', 'monthly', 'yearly']);

/** What applying a directive did. */
export type Applied =
  | { kind: 'ok'; changed: boolean }
  /** logrotate ignores the line and goes on ("unknown option ... -- ignoring line"). */
  | { kind: 'ignored'; message: string }
  /** logrotate rejects the value: inside a block the whole block is dropped, outside it the rest of the file. */
  | { kind: 'error'; message: string };

/**
 * `size`/`minsize`/`maxsize` values: digits with an optional k/K, M or G suffix (config.c
 * readConfigFile "unknown unit"; no fractions: "bad size '1.5'", checked with logrotate 3.21.0).
 */
export function parseSize(text: string): number | string {
  const m = /^(\d+)(.?)(.*)$/.exec(text);
  if (!m) return `bad size '${text}'`;
  const unit = m[2] as string;
  const factor = unit === '' ? 1 : unit === 'k' || unit === 'K' ? 1024 : unit === 'M' ? 1024 ** 2 : unit === 'G' ? 1024 ** 3 : undefined;
  if (factor === undefined) return /[\d.]/.test(unit) ? `bad size '${text}'` : `unknown unit '${unit}'`;
  if (m[3] !== '') return `unknown unit '${(m[3] as string).charAt(0)}'`;
  return Number(m[1]) * factor;
}

/**
 * Applies one directive to `s`. Only what bears on how long lines are kept is modelled; the
 * other known keywords are accepted unchanged. The criterion follows set_criterium
 * (config.c:641): a period or `size` replaces whatever criterion came before.
 */
export function applyDirective(s: RotationSettings, d: LogrotateDirective): Applied {
  const text = d.argText === '' ? d.name : `${d.name} ${d.argText}`;
  const arg = d.args[0]?.text;
  if (!KNOWN.has(d.name)) return { kind: 'ignored', message: `Unknown logrotate option "${d.name}": logrotate ignores this line` };
  if (PERIODS.has(d.name)) {
    // `weekly` takes an optional weekday 0-7 (config.c: "bad weekly directive").
    if (d.name === 'weekly' && arg !== undefined && !/^[0-7]$/.test(d.argText)) return { kind: 'error', message: `Bad weekly directive "${text}": the weekday must be 0-7` };
    s.criterion = { value: { kind: d.name as Period }, at: d.at, text };
    return { kind: 'ok', changed: true };
  }
  switch (d.name) {
    case 'size':
    case 'minsize':
    case 'maxsize': {
      if (arg === undefined) return { kind: 'error', message: `"${d.name}" needs a size argument` };
      const bytes = parseSize(d.argText);
      if (typeof bytes === 'string') return { kind: 'error', message: `"${text}": ${bytes} (logrotate takes digits with k, M or G)` };
      if (d.name === 'size') s.criterion = { value: { kind: 'size', bytes }, at: d.at, text };
      else s[d.name] = { value: bytes, at: d.at, text };
      return { kind: 'ok', changed: true };
    }
    case 'rotate': {
      if (arg === undefined) return { kind: 'error', message: '"rotate" needs a count' };
      // config.c: strtol, then "bad rotation count" unless the whole value is a number >= -1.
      if (!/^-?\d+$/.test(d.argText) || Number(d.argText) < -1) return { kind: 'error', message: `Bad rotation count "${d.argText}": logrotate takes a whole number, or -1 to keep every copy` };
      s.rotate = { value: Number(d.argText), at: d.at, text };
      return { kind: 'ok', changed: true };
    }
    case 'maxage': {
      if (!/^\d+$/.test(d.argText)) return { kind: 'error', message: `Bad maximum age "${d.argText}": logrotate takes a whole number of days` };
      s.maxage = { value: Number(d.argText), at: d.at, text };
      return { kind: 'ok', changed: true };
    }
    case 'olddir':
      if (arg === undefined) return { kind: 'error', message: '"olddir" needs a directory' };
      s.olddir = { value: arg, at: d.at, text };
      return { kind: 'ok', changed: true };
    case 'noolddir':
      delete s.olddir;
      return { kind: 'ok', changed: true };
    case 'include':
    case 'tabooext':
    case 'taboopat':
    case 'endscript':
      return { kind: 'ok', changed: false };
    default:
      // Accepted keywords that do not change how long lines are kept still change the defaults.
      return { kind: 'ok', changed: true };
  }
}
