import type { NginxStatement } from '../../formats/nginx/nginx-syntax.js';
import type { Evidence, Tri } from '../../inventory/evidence.js';
import type { IpAddressPractice, LogSinkPractice, Practice } from '../../inventory/practice.js';
import { DEV_NULL, type AccessLogUse } from './access-logs.js';
import { accessLogEdit } from './access-log-edit.js';
import type { AddressTaint } from './address-taint.js';
import { nginxDefaults } from './defaults.js';
import { releaseOf } from '../../config/software-releases.js';
import { behindLocalProxy } from './behind-local-proxy.js';
import { levelCarriesClients, type ErrorLog } from './error-logs.js';
import { scopeLabel, type RequestScope } from './request-scopes.js';
import { xmppEndpoint } from './xmpp-endpoints.js';

/**
 * Turns access_log uses and error logs into one `log-sink` practice per destination and, where
 * the destination holds client addresses, an `ip-address` practice. Evidence is the directive, or
 * the server block when nginx's default applies; at most MAX_DEFAULT_EVIDENCE default places.
 */

const MAX_DEFAULT_EVIDENCE = 10;

const ANONYMISING_MAP = [
  'map $remote_addr $remote_addr_anon {',
  '    ~(?P<ip>\\d+\\.\\d+\\.\\d+)\\.    $ip.0;',
  '    ~(?P<ip>[^:]+:[^:]+):       $ip::;',
  '    default                     0.0.0.0;',
  '}',
  `log_format anonymised '$remote_addr_anon - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"';`,
].join('\n');

function at(s: NginxStatement): { file: string; line: number; column: number } {
  return { file: s.file, line: s.line, column: s.column };
}

/**
 * `proxiedTaint` judges servers behind a local proxy, whose $remote_addr is the proxy's.
 * `assumed` is the nginx release whose defaults (log path, format, error level) apply, as
 * releaseOf gives it: its note goes in messages, its release in the defaults' evidence.
 */
export function accessLogPractices(uses: AccessLogUse[], taint: AddressTaint, proxiedTaint: AddressTaint = taint, assumed = releaseOf({}, 'nginx')): Practice[] {
  const origins = nginxDefaults(assumed.release);
  const groups = new Map<string, AccessLogUse[]>();
  for (const use of uses) {
    const list = groups.get(use.where.destination) ?? [];
    list.push(use);
    groups.set(use.where.destination, list);
  }
  const practices: Practice[] = [];
  for (const [destination, group] of groups) {
    let carries: Tri = false;
    let content: Tri = false;
    const carriers = new Set<string>();
    const anonymised = new Set<string>();
    const evidence: Evidence[] = [];
    const seen = new Set<NginxStatement>();
    const formatsSeen = new Set<object>();
    const formatsSeenProxied = new Set<object>();
    let defaults = 0;
    const notes = new Set<string>();
    for (const use of group) {
      const format = use.format;
      const proxied = behindLocalProxy(use.scope);
      if (proxied !== undefined) notes.add(`${scopeLabel(use.scope.server ?? use.scope)} logs its peer's address, not the client's: ${proxied}`);
      const seenHere = proxied !== undefined ? formatsSeenProxied : formatsSeen;
      if (format === undefined) {
        if (carries === false) carries = 'unknown';
        carriers.add('an unknown log format');
      } else if (!seenHere.has(format)) {
        seenHere.add(format);
        const found = (proxied !== undefined ? proxiedTaint : taint).stringCarries(format.text);
        if (found.carries === true || (found.carries === 'unknown' && carries === false)) carries = found.carries;
        for (const c of found.carriers) carriers.add(`${c.why} (log_format ${format.name})`);
        for (const a of found.anonymised) anonymised.add(a.why);
        if (/\$request_body\b/.test(format.text)) content = true;
      }
      if (use.statement) {
        if (!seen.has(use.statement)) {
          seen.add(use.statement);
          evidence.push({ ...at(use.statement), note: accessNote(use), ...(format?.statement ? {} : { default: origins.combined }) });
          if (format?.statement) evidence.push({ ...at(format.statement), note: `log_format ${format.name} "${format.text}"` });
        }
      } else if (use.scope.kind === 'server' || use.scope.kind === 'http') {
        const why = use.scope.kind === 'http' ? 'http block has no access_log (and no server block was read)' : `${scopeLabel(use.scope)} has no access_log (nor has its http block)`;
        if (defaults++ < MAX_DEFAULT_EVIDENCE) {
          evidence.push({ ...at(use.scope.statement), note: `${why}: nginx logs to ${destination} in format combined`, default: origins.accessLog });
        }
      }
      if (use.where.remote) notes.add(`sent to the syslog server ${use.where.syslogServer ?? ''} on another host: the log leaves this machine`);
      if (use.where.variablePath) notes.add(`the file name contains variables (one file per value)`);
      if (use.condition !== undefined) notes.add(`only requests where ${use.condition} is neither empty nor "0" are logged`);
      const endpoint = xmppEndpoint(use.scope);
      if (endpoint) {
        const s = use.scope.statement;
        evidence.push({ file: s.file, line: s.line, column: s.column, note: `the XMPP ${endpoint} endpoint ${scopeLabel(use.scope)} logs here` });
      }
    }
    if (defaults > MAX_DEFAULT_EVIDENCE) notes.add(`${defaults} server blocks use the default access log`);
    const servers = serversOf(group.map((u) => u.scope));
    const description =
      `nginx access log ${destination} for ${servers}` +
      (carries === false ? (anonymised.size > 0 ? `: addresses are anonymised (${[...anonymised].join('; ')})` : ': the log format holds no client address') : `: ${[...carriers].join('; ')}`) +
      (notes.size > 0 ? ` (${[...notes].join('; ')})` : '');
    const sink: LogSinkPractice = {
      kind: 'log-sink',
      subject: { software: 'nginx', name: destination, kind: 'log' },
      evidence,
      destination,
      minLevel: 'info',
      carriesIpAddresses: carries,
      carriesMessageContent: content,
      description,
    };
    practices.push(sink);
    if (carries !== false) {
      const ip: IpAddressPractice = {
        kind: 'ip-address',
        subject: { software: 'nginx', name: destination, kind: 'log' },
        evidence: [...evidence],
        which: group.some((u) => u.condition !== undefined) && group.every((u) => u.condition !== undefined) ? 'some' : 'all',
        medium: 'log',
        destination,
        certainty: carries,
        description: `nginx writes client IP addresses to its access log ${destination} (${[...carriers].join('; ')})${defaultNote(evidence, assumed.note)}`,
        suggestion: `Log an anonymised address instead (in the http block):\n${ANONYMISING_MAP}\naccess_log ${destination === 'syslog' ? 'syslog:server=unix:/dev/log' : destination} anonymised;\nor turn the log off: access_log off;`,
      };
      const edit = carries === true ? accessLogEdit(group, taint, proxiedTaint) : undefined;
      if (edit) {
        ip.edit = edit;
        ip.suggestion = `${edit.text === '-' ? `In log_format ${group[0]?.format?.name ?? ''}, write - instead of the client address` : `Log in a format without the address:\n${edit.text};`}\nor: ${ip.suggestion ?? ''}`;
      }
      practices.push(ip);
    }
  }
  return practices;
}

function accessNote(use: AccessLogUse): string {
  const s = use.statement as NginxStatement;
  const words = s.args.map((a) => a.value).join(' ');
  const format = use.format ? `format ${use.format.name}` : 'an unknown format';
  const own = s.file === use.scope.statement.file && isInside(s, use.scope) ? '' : ` (inherited by ${scopeLabel(use.scope)})`;
  return `access_log ${words}: ${format}${own}`;
}

function isInside(s: NginxStatement, scope: RequestScope): boolean {
  return scope.directives.includes(s);
}

function serversOf(scopes: RequestScope[]): string {
  const servers = [...new Set(scopes.map((s) => s.server ?? s))];
  const labels = [...new Set(servers.slice(0, 4).map(scopeLabel))];
  if (servers.length > 4) return `${labels.slice(0, 3).join(', ')} and ${servers.length - 3} more`;
  if (labels.length <= 3) return labels.join(', ');
  return `${labels.slice(0, 3).join(', ')} and ${labels.length - 3} more`;
}

export function errorLogPractices(logs: ErrorLog[], main: NginxStatement[], assumed = releaseOf({}, 'nginx')): Practice[] {
  const origins = nginxDefaults(assumed.release);
  const practices: Practice[] = [];
  const groups = new Map<string, ErrorLog[]>();
  for (const log of logs) {
    if (log.where.destination === DEV_NULL) continue; // keeps nothing
    const list = groups.get(log.where.destination) ?? [];
    list.push(log);
    groups.set(log.where.destination, list);
  }
  for (const [destination, group] of groups) {
    const scopes = group.flatMap((l) => l.scopes);
    let carries: Tri = false;
    const proxiedNotes = new Set<string>();
    for (const log of group) {
      // realip rewrites the connection's addr_text, which "client:" prints: behind a local proxy without it, that is the proxy.
      const direct = log.scopes.filter((s) => {
        const proxied = behindLocalProxy(s);
        if (proxied !== undefined) proxiedNotes.add(`${scopeLabel(s.server ?? s)} names its peer, not the client: ${proxied}`);
        return proxied === undefined;
      });
      if (direct.length === 0) continue;
      const c = levelCarriesClients(log.level);
      if (c === true || carries === false) carries = c;
    }
    const evidence: Evidence[] = [];
    for (const log of group) {
      const note = log.statement
        ? `error_log ${log.statement.args.map((a) => a.value).join(' ')}: level ${log.level}${log.namedOff ? ' (a file named "off")' : ''}`
        : `no error_log that writes a file at main level: nginx logs errors to ${destination} at level ${log.level}`;
      const place = log.statement ? at(log.statement) : main[0] ? at(main[0]) : undefined;
      if (place) evidence.push({ ...place, note, ...(log.statement ? {} : { default: origins.errorLog }) });
    }
    const endpoints = scopes.filter((s) => xmppEndpoint(s) !== undefined);
    for (const scope of endpoints.slice(0, MAX_DEFAULT_EVIDENCE)) {
      evidence.push({ ...at(scope.statement), note: `errors of the XMPP ${xmppEndpoint(scope) ?? ''} endpoint ${scopeLabel(scope)} are logged here, with the client address` });
    }
    const minLevel = group.map((l) => l.level).sort((a, b) => LEVEL_ORDER.indexOf(a) - LEVEL_ORDER.indexOf(b))[0] ?? 'error';
    const remote = group.find((l) => l.where.remote)?.where.syslogServer;
    const leaves = remote !== undefined ? ` (sent to the syslog server ${remote} on another host: the log leaves this machine)` : '';
    const whose = scopes.length > 0 ? ` for ${serversOf(scopes)}` : ' (messages about nginx itself only: every server has its own error_log)';
    const sink: LogSinkPractice = {
      kind: 'log-sink',
      subject: { software: 'nginx', name: destination, kind: 'log' },
      evidence,
      destination,
      minLevel,
      carriesIpAddresses: carries,
      carriesMessageContent: false,
      description: `nginx error log ${destination} at level ${minLevel}${whose}${leaves}${carries === false ? '' : ': every error about a request ends with "client: <address>"'}${proxiedNotes.size > 0 ? ` (${[...proxiedNotes].join('; ')})` : ''}`,
    };
    practices.push(sink);
    if (carries !== false) {
      const first = group.find((l) => l.statement)?.statement;
      practices.push({
        kind: 'ip-address',
        subject: { software: 'nginx', name: destination, kind: 'log' },
        evidence: [...evidence, { ...(evidence[0] ?? { file: first?.file ?? '', line: 1, column: 1 }), note: 'nginx has no error log format: request errors always name the client', default: origins.clientInErrors }],
        which: 'some', // only clients whose requests cause errors
        medium: 'log',
        destination,
        certainty: carries,
        description:
          carries === true
            ? `nginx writes client IP addresses to its error log ${destination}: at level ${minLevel} errors such as missing files (404s), denied requests and failed upstreams end with "client: <address>"${levelNote(group, assumed.note)}`
            : `nginx may write client IP addresses to its error log ${destination}: at level ${minLevel} only rare request errors are logged, each with "client: <address>"${levelNote(group, assumed.note)}`,
        suggestion: `error_log ${destination === 'syslog' ? 'syslog:server=unix:/dev/log' : destination} crit;  # request errors below crit (404s, denials, upstream failures) are then not logged; or keep them only briefly`,
      });
    }
  }
  return practices;
}

const LEVEL_ORDER = ['debug', 'info', 'notice', 'warn', 'error', 'crit', 'alert', 'emerg'];

/** " (nginx's default, nginx 1.22.1 assumed (...))" when a default decides what is logged: the log, its format. */
function defaultNote(evidence: Evidence[], release: string): string {
  return evidence.some((e) => e.default !== undefined) ? ` (nginx's default, ${release})` : '';
}

/** The same for an error log whose destination or level is nginx's default. */
function levelNote(group: ErrorLog[], release: string): string {
  return group.some((l) => l.statement === undefined || l.statement.args[1] === undefined) ? ` (nginx's default, ${release})` : '';
}
