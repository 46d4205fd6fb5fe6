import type { NginxStatement } from '../../formats/nginx/nginx-syntax.js';
import type { Diagnostic } from '../../inventory/diagnostic.js';
import { COMBINED_FORMAT } from './defaults.js';

/**
 * `log_format` definitions, looked up as nginx does: when the `access_log` directive is read
 * (nginx 1.22.1 src/http/modules/ngx_http_log_module.c:1336-1361), so a format defined later in
 * the file is unknown to it; names compare case-insensitively; `combined` is predefined in http
 * (:1148) and not in stream (src/stream/ngx_stream_log_module.c: no predefined formats).
 */

export interface LogFormat {
  name: string;
  /** The format string: the arguments after the name (and `escape=`) concatenated. */
  text: string;
  /** Undefined for the predefined `combined`. */
  statement?: NginxStatement;
}

export interface FormatTable {
  /** The format an access_log statement uses; undefined when nginx would reject the name. */
  formatOf: Map<NginxStatement, LogFormat | undefined>;
  diagnostics: Diagnostic[];
}

export const COMBINED: LogFormat = { name: 'combined', text: COMBINED_FORMAT };

export function formatTable(main: NginxStatement[]): FormatTable {
  const table: FormatTable = { formatOf: new Map(), diagnostics: [] };
  for (const s of main) {
    if ((s.name !== 'http' && s.name !== 'stream') || !s.block) continue;
    const formats = new Map<string, LogFormat>();
    if (s.name === 'http') formats.set('combined', COMBINED);
    visit(s.block, formats, s.name === 'stream', table);
  }
  return table;
}

function visit(statements: NginxStatement[], formats: Map<string, LogFormat>, stream: boolean, table: FormatTable): void {
  for (const s of statements) {
    if (s.name === 'log_format') define(s, formats, table);
    else if (s.name === 'access_log') use(s, formats, stream, table);
    else if (s.block && s.name !== 'map' && s.name !== 'geo' && s.name !== 'types') visit(s.block, formats, stream, table);
  }
}

function define(s: NginxStatement, formats: Map<string, LogFormat>, table: FormatTable): void {
  const name = s.args[0]?.value;
  if (name === undefined || s.args.length < 2) {
    table.diagnostics.push(problem(s, 'invalid number of arguments in "log_format" directive'));
    return;
  }
  const key = name.toLowerCase();
  if (formats.has(key)) {
    table.diagnostics.push(problem(s, `duplicate "log_format" name "${name}" (nginx refuses to start)`));
    return;
  }
  const parts = s.args.slice(1).map((a) => a.value);
  if (parts[0]?.startsWith('escape=')) parts.shift();
  formats.set(key, { name, text: parts.join(''), statement: s });
}

function use(s: NginxStatement, formats: Map<string, LogFormat>, stream: boolean, table: FormatTable): void {
  const path = s.args[0]?.value;
  if (path === undefined || path === 'off') return;
  const named = s.args[1];
  if (named === undefined || named.value.includes('=')) {
    // http: the format defaults to combined; stream has no default (ngx_stream_log_module.c:1073).
    if (stream) {
      table.diagnostics.push(problem(s, 'log format is not specified (stream access_log needs one; nginx refuses to start)'));
      table.formatOf.set(s, undefined);
    } else {
      table.formatOf.set(s, formats.get('combined'));
    }
    return;
  }
  const format = formats.get(named.value.toLowerCase());
  if (!format) {
    const later = ` (log_format must come before the access_log that uses it)`;
    table.diagnostics.push({
      code: 'config-error',
      message: `unknown log format "${named.value}"${later}; nginx refuses to start`,
      position: { file: s.file, line: named.line, column: named.column },
    });
  }
  table.formatOf.set(s, format);
}

function problem(s: NginxStatement, message: string): Diagnostic {
  return { code: 'config-error', message, position: { file: s.file, line: s.line, column: s.column } };
}
