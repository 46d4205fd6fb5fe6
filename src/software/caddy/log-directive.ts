import type { CaddyDirective } from '../../formats/caddyfile/parse-caddyfile.js';
import type { CaddyToken } from '../../formats/caddyfile/lex-caddyfile.js';
import type { Diagnostic } from '../../inventory/diagnostic.js';
import type { SourcePosition } from '../../inventory/evidence.js';

/**
 * A `log` directive read into what decides where lines go and what they hold
 * (caddyconfig/httpcaddyfile/builtins.go parseLog; modules/logging/filewriter.go,
 * filterencoder.go, filters.go — Caddy v2.6.2 and v2.8+).
 */
export interface RollSettings {
  disabled: boolean;
  /** `roll_size` in MiB (rounded up, filewriter.go); default 100. */
  sizeMb?: number;
  /** `roll_keep`: rolled files kept; default 10. */
  keep?: number;
  /** `roll_keep_for` in days (rounded up, filewriter.go); default 90. */
  keepDays?: number;
  keepForAt?: SourcePosition;
}

export interface CaddyOutput {
  kind: string;
  /** File path or network address. */
  target?: CaddyToken;
  roll: RollSettings;
  at: SourcePosition;
}

export interface FieldFilter {
  field: string;
  filter: string;
  at: SourcePosition;
  /** ip_mask prefix lengths kept (block form `ipv4 N` / `ipv6 N`, or inline `ip_mask N M`). */
  ipv4?: number;
  ipv6?: number;
  /** The inline form `ip_mask 16 32`, read only since v2.8.0. */
  inline?: boolean;
}

export interface CaddyFormat {
  kind: string;
  at: SourcePosition;
  fields: FieldFilter[];
  /** Whether the Caddyfile `format` line opens a block (`format json { ... }`). */
  block?: boolean;
}

export interface CaddyLog {
  at: SourcePosition;
  name?: string;
  output?: CaddyOutput;
  format?: CaddyFormat;
  level?: string;
  /** For a Caddyfile `log` directive: whether it opens a block (`log {`) and has a name argument. */
  block?: boolean;
  named?: boolean;
}

/** Caddy durations: Go's units plus `d` for days (caddy.ParseDuration). Seconds, or undefined. */
export function caddyDurationSeconds(text: string): number | undefined {
  const units: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600, d: 86400 };
  let total = 0;
  let rest = text;
  if (rest === '' || rest === '0') return rest === '0' ? 0 : undefined;
  while (rest !== '') {
    const m = /^(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d)/.exec(rest);
    if (!m) return undefined;
    total += Number(m[1]) * (units[m[2] as string] as number);
    rest = rest.slice(m[0].length);
  }
  return total;
}

/** humanize.ParseBytes as used for roll_size: `100MiB`, `1GB`, `500k`; MiB rounded up. */
function sizeMb(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(i?)b?$/i.exec(text);
  if (!m) return undefined;
  const power = ['', 'k', 'm', 'g', 't'].indexOf((m[2] as string).toLowerCase());
  const base = m[3] !== '' || power === 0 ? 1024 : 1000;
  return Math.ceil((Number(m[1]) * base ** power) / 1024 ** 2);
}

function readOutput(d: CaddyDirective, diagnostics: Diagnostic[]): CaddyOutput {
  const kind = d.args[0]?.text ?? 'stderr';
  const output: CaddyOutput = { kind, at: d.name.at, roll: { disabled: false }, ...(d.args[1] !== undefined ? { target: d.args[1] } : {}) };
  for (const sub of d.block ?? []) {
    const value = sub.args[0]?.text ?? '';
    switch (sub.name.text) {
      case 'roll_disabled':
        output.roll.disabled = true;
        break;
      case 'roll_size': {
        const mb = sizeMb(value);
        if (mb === undefined) diagnostics.push({ code: 'config-error', message: `roll_size ${value}: not a size (Caddy: parsing size)`, position: sub.name.at });
        else output.roll.sizeMb = mb;
        break;
      }
      case 'roll_keep': {
        const n = Number.parseInt(value, 10);
        if (Number.isNaN(n)) diagnostics.push({ code: 'config-error', message: `roll_keep ${value}: not a number`, position: sub.name.at });
        else output.roll.keep = n;
        break;
      }
      case 'roll_keep_for': {
        const seconds = caddyDurationSeconds(value);
        if (seconds === undefined) diagnostics.push({ code: 'config-error', message: `roll_keep_for ${value}: not a duration (e.g. 336h or 14d)`, position: sub.name.at });
        else {
          output.roll.keepDays = Math.ceil(seconds / 86400);
          output.roll.keepForAt = sub.name.at;
        }
        break;
      }
      default:
        break;
    }
  }
  return output;
}

function readFilterField(line: CaddyDirective): FieldFilter {
  const filter = line.args[0]?.text ?? '';
  const field: FieldFilter = { field: line.name.text, filter, at: line.name.at };
  if (filter === 'ip_mask') {
    for (const sub of line.block ?? []) {
      const n = Number.parseInt(sub.args[0]?.text ?? '', 10);
      if (sub.name.text === 'ipv4' && !Number.isNaN(n)) field.ipv4 = n;
      if (sub.name.text === 'ipv6' && !Number.isNaN(n)) field.ipv6 = n;
    }
    if (line.args[1] !== undefined) {
      field.inline = true;
      const v4 = Number.parseInt(line.args[1].text, 10);
      const v6 = Number.parseInt(line.args[2]?.text ?? '', 10);
      if (!Number.isNaN(v4)) field.ipv4 = v4;
      if (!Number.isNaN(v6)) field.ipv6 = v6;
    }
  }
  return field;
}

function readFormat(d: CaddyDirective): CaddyFormat {
  const format: CaddyFormat = { kind: d.args[0]?.text ?? 'json', at: d.name.at, fields: [], block: d.block !== undefined };
  if (format.kind !== 'filter') return format;
  for (const sub of d.block ?? []) {
    if (sub.name.text === 'wrap') continue;
    // `fields { ... }` up to 2.7; 2.8+ also takes the field lines directly in the filter block.
    if (sub.name.text === 'fields') for (const f of sub.block ?? []) format.fields.push(readFilterField(f));
    else format.fields.push(readFilterField(sub));
  }
  return format;
}

export function readLogDirective(d: CaddyDirective, diagnostics: Diagnostic[]): CaddyLog {
  const log: CaddyLog = { at: d.name.at, ...(d.args[0] !== undefined ? { name: d.args[0].text } : {}), block: d.block !== undefined, named: d.args.length > 0 };
  for (const sub of d.block ?? []) {
    if (sub.name.text === 'output') log.output = readOutput(sub, diagnostics);
    else if (sub.name.text === 'format') log.format = readFormat(sub);
    else if (sub.name.text === 'level') log.level = sub.args[0]?.text.toLowerCase();
  }
  return log;
}
