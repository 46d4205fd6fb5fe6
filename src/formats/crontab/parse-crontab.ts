import type { Diagnostic } from '../../inventory/diagnostic.js';
import type { SourcePosition } from '../../inventory/evidence.js';
import { CRON_FIELDS, parseCronField, type CronFieldName } from './cron-field.js';

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
    const env = /^([^\s=]+)[ \t]*=[ \t]*(.*)$/.exec(line.slice(start));
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
  const word = (): { text: string; offset: number } | undefined => {
    while (line[pos] === ' ' || line[pos] === '\t') pos++;
    if (pos >= line.length) return undefined;
    const offset = pos;
    while (pos < line.length && line[pos] !== ' ' && line[pos] !== '\t') pos++;
    return { text: line.slice(offset, pos), offset };
  };

  let macro: string | undefined;
  let fields: CronTimeField[] = [];
  let scheduleText: string;
  if (line[start] === '@') {
    const w = word() as { text: string; offset: number };
    const name = w.text.slice(1).toLowerCase();
    if (!(name in MACROS)) {
      error(
        start,
        `Unknown cron macro "${w.text}": expected one of @reboot @yearly @annually @monthly @weekly @daily @midnight @hourly, or five time fields`,
      );
      return;
    }
    macro = name;
    scheduleText = w.text;
    const expansion = MACROS[name];
    if (expansion !== undefined) {
      fields = expansion.split(' ').map((text, i) => {
        const spec = CRON_FIELDS[i] as (typeof CRON_FIELDS)[number];
        const parsed = parseCronField(text, spec);
        if (!parsed.ok) throw new Error(`bad built-in macro ${name}`);
        return { name: spec.name, text, values: parsed.values, star: parsed.star, at: at(start) };
      });
    }
  } else {
    for (const spec of CRON_FIELDS) {
      const w = word();
      if (!w) {
        error(
          line.length,
          `Incomplete cron line: expected the ${spec.name} field${form === 'system' ? ', then a user name and a command' : ' and a command'}`,
        );
        return;
      }
      const parsed = parseCronField(w.text, spec);
      if (!parsed.ok) {
        error(w.offset + parsed.offset, `Invalid ${spec.name} field "${w.text}": expected ${parsed.expected}`);
        return;
      }
      fields.push({ name: spec.name, text: w.text, values: parsed.values, star: parsed.star, at: at(w.offset) });
    }
    scheduleText = line.slice(start, pos);
  }

  let user: string | undefined;
  let userAt: SourcePosition | undefined;
  if (form === 'system') {
    const w = word();
    if (!w) {
      error(line.length, 'Missing user name: a system crontab line needs a user field before the command');
      return;
    }
    user = w.text;
    userAt = at(w.offset);
  }
  while (line[pos] === ' ' || line[pos] === '\t') pos++;
  if (pos >= line.length) {
    error(pos, 'Missing command after the schedule');
    return;
  }

  // crontab(5): an unescaped `%` ends the command; the rest is the command's stdin, where
  // each further `%` is a newline. `\%` is a literal `%` (cron removes the backslash).
  const commandStart = pos;
  let end = line.length;
  for (let i = commandStart; i < line.length; i++) {
    if (line[i] === '\\' && line[i + 1] === '%') {
      i++;
      continue;
    }
    if (line[i] === '%') {
      end = i;
      break;
    }
  }
  const commandSource = line.slice(commandStart, end);
  const entry: CronEntry = {
    fields,
    scheduleAt: at(start),
    scheduleText,
    command: commandSource.replace(/\\%/g, '%'),
    commandSource,
    commandAt: at(commandStart),
  };
  if (macro !== undefined) entry.macro = macro;
  if (user !== undefined) entry.user = user;
  if (userAt !== undefined) entry.userAt = userAt;
  if (end < line.length) entry.stdin = line.slice(end + 1).replace(/(?<!\\)%/g, '\n').replace(/\\%/g, '%');
  return entry;
}
