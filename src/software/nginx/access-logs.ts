import type { NginxStatement } from '../../formats/nginx/nginx-syntax.js';
import { DEFAULT_ACCESS_LOG } from './defaults.js';
import { COMBINED, type FormatTable, type LogFormat } from './log-formats.js';
import { logDestination, type LogDestination } from './log-destination.js';
import { handlesRequests, inherited, type RequestScope } from './request-scopes.js';

/**
 * The access logs each server and location writes to, merged as ngx_http_log_merge_loc_conf does
 * (nginx 1.22.1 src/http/modules/ngx_http_log_module.c:1198-1230): a level with any access_log
 * (or `off`) uses only its own; otherwise its parent's; with none at any level, the compiled-in
 * NGX_HTTP_LOG_PATH in format combined. Several access_log at one level all write; `off` at a
 * level wins over paths there (the handler checks `off` first, :271). Stream servers log nothing
 * without access_log (src/stream/ngx_stream_log_module.c:962-1002).
 */

export interface AccessLogUse {
  scope: RequestScope;
  /** The access_log directive; undefined for nginx's default log. */
  statement: NginxStatement | undefined;
  where: LogDestination;
  /** Undefined when the format is unknown (nginx would refuse the config). */
  format: LogFormat | undefined;
  /** The `if=` condition, when lines are written only sometimes. */
  condition: string | undefined;
}

/** Writing to /dev/null keeps nothing: the usual way to silence a log. */
export const DEV_NULL = '/dev/null';

const DEFAULT_WHERE: LogDestination = { destination: DEFAULT_ACCESS_LOG };

export function accessLogUses(scopes: RequestScope[], formats: FormatTable): AccessLogUse[] {
  const uses: AccessLogUse[] = [];
  for (const scope of scopes) {
    if (scope.protocol === 'mail' || !handlesRequests(scope, scopes)) continue;
    const { statements } = inherited(scope, 'access_log');
    if (statements.length === 0) {
      if (scope.protocol === 'http') uses.push({ scope, statement: undefined, where: DEFAULT_WHERE, format: COMBINED, condition: undefined });
      continue;
    }
    if (statements.some((s) => s.args[0]?.value === 'off')) continue;
    for (const s of statements) {
      const read = readDirective(s, formats);
      // One object shape for every use (fields in the same order) keeps the later loops fast.
      if (read && read.where.destination !== DEV_NULL) uses.push({ scope, statement: read.statement, where: read.where, format: read.format, condition: read.condition });
    }
  }
  return uses;
}

const directives = new WeakMap<NginxStatement, Omit<AccessLogUse, 'scope'> | undefined>();

/** What one access_log directive says; read once however many servers inherit it. */
function readDirective(s: NginxStatement, formats: FormatTable): Omit<AccessLogUse, 'scope'> | undefined {
  if (directives.has(s)) return directives.get(s);
  const path = s.args[0]?.value;
  let read: Omit<AccessLogUse, 'scope'> | undefined;
  if (path !== undefined) {
    const condition = s.args.find((a) => a.value.startsWith('if='))?.value.slice(3);
    read = { statement: s, where: logDestination(path), format: formats.formatOf.get(s), condition };
  }
  directives.set(s, read);
  return read;
}
