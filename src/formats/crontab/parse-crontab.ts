import type { Diagnostic } from '../../inventory/diagnostic.js';
import type { SourcePosition } from '../../inventory/evidence.js';
import { CRON_FIELDS, parseCronField, type CronFieldName } from './cron-field.js';
import { TextCache } from '../../arrays/text-cache.js';

/**
 * A positioned reader for crontab files as Debian's cron 3.0pl1 reads them (crontab(5), cron(8);
 * Vixie cron entry.c load_entry and env.c load_env). Two forms:
 * - system (`/etc/crontab`, `/etc/cron.d/*`): five time fields, a user name, the command;
 * - user (`/var/spool/cron/crontabs/<user>`): five time fields, the command.
 * A line cron would reject becomes a 'parse-error' Diagnostic and the next lines are still read,
 * which is also what cron does (it logs the bad line and loads the rest).
 */
export type CrontabForm = 'system' | 'user';

export interface CronTimeField {
  name: CronFieldName;
  text: string;
  values: number[];
  /** The field starts with `*` (decides AND/OR of the two day fields). */
  star: boolean;
  at: SourcePosition;
}

export interface CronEntry {
  /** `@daily` etc. when the line uses a macro instead of the five fields (lower-cased, without @). */
  macro?: string;
  /** The five fields, in crontab order; for a macro, the fields it stands for (positioned at the macro). */
  fields: CronTimeField[];
  /** Position of the first time field or of the macro. */
  scheduleAt: SourcePosition;
  /** Original text of the schedule (`0 3 * * *` or `@daily`). */
  scheduleText: string;
  user?: string;
  userAt?: SourcePosition;
  /** The command as cron hands it to the shell: up to the first unescaped `%`, `\%` turned into `%`. */
  command: string;
  /** The command text exactly as in the file up to the first unescaped `%` (offsets match the file). */
  commandSource: string;
  commandAt: SourcePosition;
  /** What follows the first unescaped `%`, with later `%` turned into newlines: the command's stdin. */
  stdin?: string;
}

export interface CronEnvSetting {
  name: string;
  value: string;
  at: SourcePosition;
  valueAt: SourcePosition;
}

export interface Crontab {
  file: string;
  form: CrontabForm;
  entries: CronEntry[];
  env: CronEnvSetting[];
  diagnostics: Diagnostic[];
}

/**
 * The macros of Vixie cron entry.c load_entry, with the five fields each one stands for. Debian's
 * crontab(5) page (3.0pl1-162) no longer lists them, but its /usr/sbin/cron still has the
 * strings reboot, yearly, annually, monthly, weekly, daily, midnight, hourly and accepts them.
 */
const MACROS: Record<string, string | undefined> = {
  reboot: undefined,
  yearly: '0 0 1 1 *',
  annually: '0 0 1 1 *',
  monthly: '0 0 1 * *',
  weekly: '0 0 * * 0',
  daily: '0 0 * * *',
  midnight: '0 0 * * *',
  hourly: '0 * * * *',
};

export function parseCrontab(text: string, file: string, form: CrontabForm): Crontab {
  const result: Crontab = { file, form, entries: [], env: [], diagnostics: [] };
  const lines = text.split('\n');
  lines.forEach((rawLine, index) => {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const lineNo = index + 1;
    const at = (offset: number): SourcePosition => ({ file, line: lineNo, column: offset + 1 });
    const start = line.search(/[^ \t]/);
    if (start < 0 || line[start] === '#') return;
    // env.c load_env: a NAME (no blanks, no `=`) then optional blanks, `=`, the value. Tried
    // before the entry grammar, as cron does, so `FOO = bar` is a setting but `0 3 * * *` is not.
    const env = line.includes('=', start) ? /^([^\s=]+)[ \t]*=[ \t]*(.*)$/.exec(line.slice(start)) : null;
    if (env && !/^[@\d*]/.test(env[1] ?? '')) {
      const name = env[1] as string;
      let value = (env[2] as string).replace(/[ \t]+$/, '');
      const valueOffset = line.length - (env[2] as string).length;
      const quoted = /^(["'])(.*)\1$/.exec(value);
      if (quoted) value = quoted[2] as string;
      result.env.push({ name, value, at: at(start), valueAt: at(valueOffset) });
      return;
    }
    const entry = parseEntry(line, start, form, at, result.diagnostics);
    if (entry) result.entries.push(entry);
  });
  return result;
}

/** A field as its schedule text gives it, placed `offset` characters after the schedule's start. */
type FieldTemplate = Omit<CronTimeField, 'at'> & { offset: number };

/** What a schedule text reads as: its fields, or where and why cron rejects it. */
type ScheduleReading = { ok: true; fields: FieldTemplate[] } | { ok: false; offset: number; message: string };

/**
 * Per run of the process, what each distinct schedule text reads as (10,000 lines share a few):
 * the words are split and each field expanded once per text, and each line's fields are placed
 * at its own position only when asked for (CronEntry.fields).
 */
const readings = new TextCache<ScheduleReading>(4096);

/** Reads the fields of `scheduleText` (five, or those before the line ends), whose words start and end at `bounds` (relative to the text, in pairs). */
function readSchedule(scheduleText: string, bounds: number[]): ScheduleReading {
  const fields: FieldTemplate[] = [];
  for (const [i, spec] of CRON_FIELDS.entries()) {
    if (2 * i >= bounds.length) break;
    const offset = bounds[2 * i] as number;
    const text = scheduleText.slice(offset, bounds[2 * i + 1]);
    const parsed = parseCronField(text, spec);
    if (!parsed.ok) return { ok: false, offset: offset + parsed.offset, message: `Invalid ${spec.name} field "${text}": expected ${parsed.expected}` };
    fields.push({ name: spec.name, text, values: parsed.values, star: parsed.star, offset });
  }
  return { ok: true, fields };
}

/** The macros' fields (all positioned at the macro), read once each. */
const macroFields = new Map<string, FieldTemplate[]>();

function fieldsOfMacro(name: string, expansion: string): FieldTemplate[] {
  let fields = macroFields.get(name);
  if (fields === undefined) {
    fields = expansion.split(' ').map((text, i) => {
      const spec = CRON_FIELDS[i] as (typeof CRON_FIELDS)[number];
      const parsed = parseCronField(text, spec);
      if (!parsed.ok) throw new Error(`bad built-in macro ${name}`);
      return { name: spec.name, text, values: parsed.values, star: parsed.star, offset: 0 };
    });
    macroFields.set(name, fields);
  }
  return fields;
}

function parseEntry(
  line: string,
  start: number,
  form: CrontabForm,
  at: (offset: number) => SourcePosition,
  diagnostics: Diagnostic[],
): CronEntry | undefined {
  const error = (offset: number, message: string): undefined => {
    diagnostics.push({ code: 'parse-error', message, position: at(offset) });
    return undefined;
  };
  let pos = start;
  const skipBlanks = (): void => {
    while (line[pos] === ' ' || line[pos] === '\t') pos++;
  };
  const skipWord = (): void => {
    while (pos < line.length && line[pos] !== ' ' && line[pos] !== '\t') pos++;
  };

  let macro: string | undefined;
  let templates: FieldTemplate[] = [];
  let scheduleText: string;
  if (line[start] === '@') {
    skipWord();
    scheduleText = line.slice(start, pos);
    const name = scheduleText.slice(1).toLowerCase();
    if (!(name in MACROS)) {
      error(
        start,
        `Unknown cron macro "${scheduleText}": expected one of @reboot @yearly @annually @monthly @weekly @daily @midnight @hourly, or five time fields`,
      );
      return;
    }
    macro = name;
    const expansion = MACROS[name];
    if (expansion !== undefined) templates = fieldsOfMacro(name, expansion);
  } else {
    const bounds: number[] = [];
    for (const spec of CRON_FIELDS) {
      skipBlanks();
      if (pos >= line.length) {
        // cron reads the fields one by one: a bad field before the line ends is the error.
        const partial = readSchedule(line.slice(start, pos), bounds);
        if (!partial.ok) {
          error(start + partial.offset, partial.message);
          return;
        }
        error(
          line.length,
          `Incomplete cron line: expected the ${spec.name} field${form === 'system' ? ', then a user name and a command' : ' and a command'}`,
        );
        return;
      }
      bounds.push(pos - start);
      skipWord();
      bounds.push(pos - start);
    }
    scheduleText = line.slice(start, pos);
    let reading = readings.get(scheduleText);
    if (reading === undefined) readings.set(scheduleText, (reading = readSchedule(scheduleText, bounds)));
    if (!reading.ok) {
      error(start + reading.offset, reading.message);
      return;
    }
    templates = reading.fields;
  }

  let user: string | undefined;
  let userAt: SourcePosition | undefined;
  if (form === 'system') {
    skipBlanks();
    if (pos >= line.length) {
      error(line.length, 'Missing user name: a system crontab line needs a user field before the command');
      return;
    }
    const userStart = pos;
    skipWord();
    user = line.slice(userStart, pos);
    userAt = at(userStart);
  }
  skipBlanks();
  if (pos >= line.length) {
    error(pos, 'Missing command after the schedule');
    return;
  }

  // crontab(5): an unescaped `%` ends the command; the rest is the command's stdin, where
  // each further `%` is a newline. `\%` is a literal `%` (cron removes the backslash).
  const commandStart = pos;
  let end = line.length;
  for (let i = line.indexOf('%', commandStart); i >= 0; i = line.indexOf('%', i + 1)) {
    if (i > commandStart && line[i - 1] === '\\') continue;
    end = i;
    break;
  }
  const commandSource = line.slice(commandStart, end);
  const fieldsAt = templates;
  let placed: CronTimeField[] | undefined;
  const entry: CronEntry = {
    // Placed at this line only when asked for: most lines share a schedule already read.
    get fields(): CronTimeField[] {
      placed ??= fieldsAt.map((f) => ({ name: f.name, text: f.text, values: f.values, star: f.star, at: at(start + f.offset) }));
      return placed;
    },
    scheduleAt: at(start),
    scheduleText,
    command: commandSource.includes('\\%') ? commandSource.replace(/\\%/g, '%') : commandSource,
    commandSource,
    commandAt: at(commandStart),
  };
  if (macro !== undefined) entry.macro = macro;
  if (user !== undefined) entry.user = user;
  if (userAt !== undefined) entry.userAt = userAt;
  if (end < line.length) entry.stdin = line.slice(end + 1).replace(/(?<!\\)%/g, '\n').replace(/\\%/g, '%');
  return entry;
}
