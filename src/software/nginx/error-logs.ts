import type { NginxStatement } from '../../formats/nginx/nginx-syntax.js';
import type { Diagnostic } from '../../inventory/diagnostic.js';
import { DEFAULT_ERROR_LEVEL, DEFAULT_ERROR_LOG } from './defaults.js';
import { logDestination, type LogDestination } from './log-destination.js';
import { handlesRequests, inherited, type RequestScope } from './request-scopes.js';

/**
 * Error logs: the main-level ones (all used; with none that is a file, nginx adds
 * NGX_ERROR_LOG_PATH at level error, nginx 1.22.1 src/core/ngx_log.c:401-430), and per
 * http/stream/mail level, merged like access_log: own, else the parent's, else the main ones
 * (src/http/ngx_http_core_module.c:3681-3686). There is no error log format: every error about
 * a request or session carries `client: <address>` (src/http/ngx_http_request.c:3806; stream
 * and mail likewise: src/stream/ngx_stream_handler.c ngx_stream_log_error, src/mail/ngx_mail_handler.c
 * ngx_mail_log_error).
 */

export const LEVELS = ['debug', 'info', 'notice', 'warn', 'error', 'crit', 'alert', 'emerg'] as const;

export interface ErrorLog {
  /** Undefined for nginx's compiled-in default. */
  statement?: NginxStatement;
  where: LogDestination;
  level: string;
  /** Scopes (servers, locations, stream/mail servers) whose errors go here. */
  scopes: RequestScope[];
  /** `error_log off`: a file named off. */
  namedOff?: boolean;
}

export function errorLogs(main: NginxStatement[], scopes: RequestScope[], diagnostics: Diagnostic[]): ErrorLog[] {
  const byStatement = new Map<NginxStatement | undefined, ErrorLog>();
  const read = (s: NginxStatement): ErrorLog | undefined => {
    const known = byStatement.get(s);
    if (known) return known;
    const path = s.args[0]?.value;
    if (path === undefined || path.startsWith('memory:')) return undefined; // memory: debug builds only, not kept
    const log: ErrorLog = { statement: s, where: logDestination(path), level: levelOf(s, diagnostics), scopes: [] };
    if (path === 'off') {
      log.namedOff = true;
      diagnostics.push({
        code: 'config-warning',
        message: `"error_log off" does not turn the error log off: nginx writes to a file named "off" (${log.where.destination})`,
        position: { file: s.file, line: s.line, column: s.column },
        suggestion: 'error_log /var/log/nginx/error.log crit;  # or: error_log stderr; and let journald keep it',
      });
    }
    byStatement.set(s, log);
    return log;
  };

  const mainLogs: ErrorLog[] = [];
  for (const s of main) {
    if (s.name !== 'error_log') continue;
    const log = read(s);
    if (log) mainLogs.push(log);
  }
  if (!mainLogs.some((l) => l.where.destination !== 'syslog')) {
    const fallback: ErrorLog = { where: { destination: DEFAULT_ERROR_LOG }, level: DEFAULT_ERROR_LEVEL, scopes: [] };
    byStatement.set(undefined, fallback);
    mainLogs.push(fallback);
  }

  for (const scope of scopes) {
    if (!handlesRequests(scope, scopes)) continue;
    const { statements } = inherited(scope, 'error_log');
    const logs = statements.length > 0 ? statements.map(read).filter((l): l is ErrorLog => l !== undefined) : mainLogs;
    for (const log of logs) log.scopes.push(scope);
  }
  return [...new Set([...mainLogs, ...byStatement.values()])];
}

function levelOf(s: NginxStatement, diagnostics: Diagnostic[]): string {
  const arg = s.args[1];
  if (arg === undefined) return DEFAULT_ERROR_LEVEL;
  const level = arg.value.toLowerCase();
  if ((LEVELS as readonly string[]).includes(level)) return level;
  diagnostics.push({ code: 'config-error', message: `invalid log level "${arg.value}" (nginx refuses to start)`, position: { file: s.file, line: arg.line, column: arg.column } });
  return DEFAULT_ERROR_LEVEL;
}

/**
 * Whether request errors reach a log at this level: `error` already has 404s of static files,
 * denials, auth failures, upstream errors; crit and above only rare ones (nginx 1.22.1 src/http/*: the levels ngx_log_error is called with).
 */
export function levelCarriesClients(level: string): true | 'unknown' {
  return LEVELS.indexOf(level as (typeof LEVELS)[number]) <= LEVELS.indexOf('error') ? true : 'unknown';
}
