import type { NginxStatement } from '../../formats/nginx/nginx-syntax.js';
import type { EditProposal } from '../../inventory/edit.js';
import type { AccessLogUse } from './access-logs.js';
import type { AddressTaint } from './address-taint.js';
import { behindLocalProxy } from './behind-local-proxy.js';
import { isClientAddressVariable, variablesIn } from './client-address-variables.js';
import { COMBINED_FORMAT } from './defaults.js';
import type { RequestScope } from './request-scopes.js';

/**
 * The edit that stops one access log from holding client addresses, when it is one change at
 * one place; undefined leaves the suggestion as advice.
 * - A custom `log_format` with one client-address variable: that variable becomes `-`, the
 *   placeholder nginx itself writes for an empty field (nginx 1.22.1 ngx_http_log_module.c
 *   ngx_http_log_variable: "-" for a missing value).
 * - The predefined `combined` (no format name on the access_log): `log_format` is allowed only
 *   in the http block (nginx docs ngx_http_log_module, log_format: "Context: http") and must
 *   come before the access_log that names it (ngx_http_log_module.c:1336-1361), so this is an
 *   edit only when the access_log is written in the http block itself: a `log_format` line is
 *   put before it and the access_log names it. In a server block two places would change:
 *   that stays advice.
 * Every edit is checked the way the log is judged: the new format must carry no address.
 */

export const NO_ADDRESS_FORMAT = 'noaddress';

export function accessLogEdit(group: AccessLogUse[], taint: AddressTaint, proxiedTaint: AddressTaint): EditProposal | undefined {
  const formats = new Set(group.map((u) => u.format));
  const format = formats.size === 1 ? group[0]?.format : undefined;
  if (format === undefined) return undefined;
  const clean = (text: string): boolean => group.every((u) => (behindLocalProxy(u.scope) !== undefined ? proxiedTaint : taint).stringCarries(text).carries === false);
  if (format.statement) return customFormatEdit(format.statement, format.text, clean);
  return combinedEdit(group, clean);
}

function customFormatEdit(s: NginxStatement, text: string, clean: (text: string) => boolean): EditProposal | undefined {
  const direct = variablesIn(text).filter(isClientAddressVariable);
  const name = direct[0];
  if (name === undefined || direct.length !== 1) return undefined;
  const variable = new RegExp(`\\$(?:${name}|\\{${name}\\})(?![A-Za-z0-9_])`, 'i');
  if (!clean(text.replace(variable, '-'))) return undefined;
  const arg = s.args.slice(1).find((a) => variable.test(a.value));
  if (!arg) return undefined;
  return { at: { file: s.file, line: arg.line, column: arg.column }, find: new RegExp(`.*?(?<old>${variable.source})`, 'i'), text: '-' };
}

function combinedEdit(group: AccessLogUse[], clean: (text: string) => boolean): EditProposal | undefined {
  const statements = new Set(group.map((u) => u.statement));
  const s = group[0]?.statement;
  const http = group[0] ? httpOf(group[0].scope) : undefined;
  if (!s || statements.size !== 1 || !http?.directives.includes(s)) return undefined;
  // One inserted format per http block: a second access_log would insert a duplicate name,
  // which nginx refuses ("duplicate log_format name").
  const combinedLogs = http.directives.filter((d) => d.name === 'access_log' && d.args[0]?.value !== 'off' && (d.args[1] === undefined || d.args[1].value.includes('=')));
  const taken = http.directives.some((d) => d.name === 'log_format' && d.args[0]?.value.toLowerCase() === NO_ADDRESS_FORMAT);
  const path = s.args[0]?.value;
  if (combinedLogs.length !== 1 || taken || path === undefined || /[\s;'"{}$\\]/.test(path)) return undefined;
  const text = COMBINED_FORMAT.replace('$remote_addr', '-');
  if (!clean(text)) return undefined;
  const indent = ' '.repeat(s.column - 1);
  return {
    at: { file: s.file, line: s.line, column: s.column },
    find: new RegExp(`access_log\\s+${escapeRegExp(path)}(?=[\\s;])`),
    text: `log_format ${NO_ADDRESS_FORMAT} '${text}';\n${indent}access_log ${path} ${NO_ADDRESS_FORMAT}`,
  };
}

function httpOf(scope: RequestScope): RequestScope {
  let top = scope;
  while (top.parent) top = top.parent;
  return top;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
