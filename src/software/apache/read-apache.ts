import type { RootFiles } from '../../files/root-files.js';
import type { Diagnostic } from '../../inventory/diagnostic.js';
import type { Evidence, SourcePosition, Tri } from '../../inventory/evidence.js';
import type { SoftwareReading } from '../../inventory/log-retention.js';
import type { IpAddressPractice, LogSinkPractice } from '../../inventory/practice.js';
import { loadApacheConfig, type ApacheServer, type ApacheUse } from './load-config.js';
import { describeLocalPeer, localPeer, type LocalPeer } from './behind-local-proxy.js';
import { DEFAULT_LOG_FORMAT, type IpField, ipFields } from './log-format.js';
import { logTarget, type LogTarget } from './log-target.js';
import { addressFieldEdit } from './address-field-edit.js';
import { rotatelogsRetention } from './rotatelogs-retention.js';
import { apacheProviderPromises } from './provider-file.js';
import { websiteResources } from './website-resources.js';
import { appendAll } from '../../arrays/append-all.js';
import { directiveViews } from '../../inventory/directive-view.js';
import { releaseOf, type OtherSoftware } from '../../config/software-releases.js';

/**
 * Apache httpd 2.4: where access and error logs go, whether their lines carry client addresses,
 * and what Content-Security-Policy each site sends. `mainFile` is relative to root (default
 * etc/apache2/apache2.conf, else etc/httpd/conf/httpd.conf).
 */
export function readApache(files: RootFiles, mainFile?: string, versions: Partial<Record<OtherSoftware, string>> = {}): SoftwareReading {
  const config = loadApacheConfig(files, mainFile);
  const assumed = releaseOf(versions, 'apache');
  const reading: SoftwareReading = { files: config.files, searched: config.searched, diagnostics: config.diagnostics, practices: [], logRetention: [] };
  const main = config.servers.find((s) => s.kind === 'main');
  // No main file found: nothing was read (envvars is read only after the main file).
  if (main === undefined || config.files.length === 0) return reading;
  reading.directives = () =>
    directiveViews(config.tree, (node) => ({ name: node.name, args: node.args.map((a) => a.value), position: node.at, block: node.children }));
  const sinks = new Sinks(reading, config.serverRoot, assumed);
  for (const server of config.servers) {
    for (const use of server.uses) {
      if (use.container !== undefined && LOG_DIRECTIVES.has(use.name)) {
        // httpd: "CustomLog not allowed here" — these are server and virtual-host directives only.
        reading.diagnostics.push({ code: 'config-error', message: `${displayName(use.name)} not allowed here (inside ${use.container}); httpd refuses to start`, position: use.at });
      }
    }
  }
  for (const server of config.servers) accessLogs(server, main, sinks, reading.diagnostics);
  for (const server of config.servers) errorLog(server, main, sinks);
  sinks.flush();
  appendAll(reading.practices, websiteResources(config.servers));
  const providers = apacheProviderPromises(files, config.servers);
  appendAll(reading.practices, providers.practices);
  appendAll(reading.diagnostics, providers.diagnostics);
  return reading;
}

const LOG_DIRECTIVES = new Set(['customlog', 'transferlog', 'globallog', 'errorlog', 'errorlogformat', 'logformat']);
const DISPLAY: Record<string, string> = {
  customlog: 'CustomLog',
  transferlog: 'TransferLog',
  globallog: 'GlobalLog',
  errorlog: 'ErrorLog',
  errorlogformat: 'ErrorLogFormat',
  logformat: 'LogFormat',
};
const displayName = (name: string): string => DISPLAY[name] ?? name;
const DISPLAY_REMOTEIP: Record<string, string> = { remoteipinternalproxy: 'RemoteIPInternalProxy', remoteiptrustedproxy: 'RemoteIPTrustedProxy' };

const serverLevel = (server: ApacheServer, name: string): ApacheUse[] => server.uses.filter((u) => u.name === name && u.container === undefined);
const lastOf = (server: ApacheServer, name: string): ApacheUse | undefined => serverLevel(server, name).at(-1);

function hostnameLookups(server: ApacheServer, main: ApacheServer): boolean {
  // core.c: HostnameLookups default Off; a virtual host without it uses the main server's.
  const use = lastOf(server, 'hostnamelookups') ?? lastOf(main, 'hostnamelookups');
  return use !== undefined && /^(on|double)$/i.test(use.args[0]?.value ?? '');
}

/** LogFormat nicknames visible in a server: the main server's overlaid with the vhost's own (mod_log_config merge_config_log_state). */
function formats(server: ApacheServer, main: ApacheServer): { named: Map<string, ApacheUse>; unnamed: ApacheUse | undefined } {
  const named = new Map<string, ApacheUse>();
  let unnamed: ApacheUse | undefined;
  for (const s of server === main ? [main] : [main, server]) {
    for (const use of serverLevel(s, 'logformat')) {
      const nick = use.args[1]?.value;
      if (nick === undefined) unnamed = use;
      else named.set(nick, use);
    }
  }
  return { named, unnamed };
}

interface SinkRecord {
  directive: ApacheUse;
  target: LogTarget;
  kind: 'access' | 'error';
  format: string;
  formatNote: string;
  lookups: boolean;
  servers: ApacheServer[];
  minLevel: string;
  /** `env=...` / `expr=...`: only matching requests are logged. */
  condition?: string;
  /** True for the error log's built-in format, which writes `[client IP:port]`. */
  defaultErrorFormat?: boolean;
  /** Where the format string is written: the LogFormat's, CustomLog's or ErrorLogFormat's argument. */
  formatAt?: SourcePosition;
  /** Set when only a local proxy reaches these servers: their peer is the proxy. */
  peer?: LocalPeer;
  /** httpd defaults this log rests on (`LogLevel warn`, the ErrorLogFormat), for messages. */
  byDefault?: string[];
}

class Sinks {
  private records = new Map<string, SinkRecord>();
  constructor(
    private readonly reading: SoftwareReading,
    private readonly serverRoot: string,
    private readonly assumed: { release: string; note: string },
  ) {}

  add(record: Omit<SinkRecord, 'servers'>, server: ApacheServer): void {
    // Host name lookups only change what %h holds.
    // So do a local proxy in front (whose address %h/%a then hold) and mod_remoteip behind it.
    const peer = record.peer === undefined ? '' : record.peer.restoredBy !== undefined ? 'restored' : 'proxy';
    const key = `${record.directive.at.file}:${record.directive.at.line}:${record.directive.at.column}|${record.format}|${String(/%[!0-9,<>]*h/.test(record.format) && record.lookups)}|${peer}`;
    const existing = this.records.get(key);
    if (existing !== undefined) existing.servers.push(server);
    else this.records.set(key, { ...record, servers: [server] });
  }

  target(raw: string): LogTarget {
    return logTarget(raw, this.serverRoot);
  }

  flush(): void {
    for (const r of this.records.values()) emitSink(r, this.reading, this.assumed);
  }
}

function accessLogs(server: ApacheServer, main: ApacheServer, sinks: Sinks, diagnostics: Diagnostic[]): void {
  const own = server.uses.filter((u) => (u.name === 'customlog' || u.name === 'transferlog') && u.container === undefined);
  // mod_log_config multi_log_transaction: a vhost with no CustomLog/TransferLog uses the main server's.
  const used = own.length > 0 || server === main ? own : main.uses.filter((u) => (u.name === 'customlog' || u.name === 'transferlog') && u.container === undefined);
  // GlobalLog (2.4.19+): the main server's, written for every virtual host as well.
  const global = serverLevel(main, 'globallog');
  const table = formats(server, main);
  const lookups = hostnameLookups(server, main);
  const peer = localPeer(server, main);
  for (const use of [...used, ...global]) {
    const raw = use.args[0]?.value;
    if (raw === undefined) continue;
    let format: string;
    let formatNote: string;
    let formatAt: SourcePosition | undefined;
    if (use.name === 'transferlog') {
      format = table.unnamed?.args[0]?.value ?? DEFAULT_LOG_FORMAT;
      formatAt = table.unnamed?.args[0]?.at;
      formatNote = table.unnamed !== undefined ? 'the default LogFormat' : 'the Common Log Format (TransferLog without a default LogFormat)';
    } else {
      const spec = use.args[1]?.value ?? '';
      const nick = table.named.get(spec);
      if (nick !== undefined) {
        format = nick.args[0]?.value ?? '';
        formatAt = nick.args[0]?.at;
        formatNote = `LogFormat "${spec}" (${nick.at.file.split('/').pop()}:${nick.at.line})`;
      } else {
        format = spec;
        formatNote = 'its inline format';
        formatAt = use.args[1]?.at;
        if (!spec.includes('%') && use.args[1] !== undefined) {
          diagnostics.push({
            code: 'config-warning',
            message: `"${spec}" is not a LogFormat nickname here, so httpd writes the text "${spec}" as each log line`,
            position: use.args[1].at,
          });
        }
      }
    }
    // CustomLog's third argument `env=[!]VAR` or `expr=...` logs only some requests (mod_log_config).
    const condition = use.name === 'customlog' ? use.args[2]?.value : undefined;
    if (condition !== undefined) formatNote += ` for requests matching ${condition}`;
    sinks.add(
      {
        directive: use,
        target: sinks.target(raw),
        kind: 'access',
        format,
        formatNote,
        lookups,
        minLevel: 'access',
        ...(condition !== undefined ? { condition } : {}),
        ...(formatAt ? { formatAt } : {}),
        ...(peer !== undefined ? { peer } : {}),
      },
      server,
    );
  }
}

function errorLog(server: ApacheServer, main: ApacheServer, sinks: Sinks): void {
  // A virtual host without ErrorLog writes to the main server's (core.c merge of error_fname).
  const use = lastOf(server, 'errorlog') ?? (server === main ? undefined : lastOf(main, 'errorlog'));
  if (use === undefined && server !== main) return;
  const formatUse = [...serverLevel(server, 'errorlogformat'), ...(server === main ? [] : serverLevel(main, 'errorlogformat'))].find(
    (u) => !/^(connection|request)$/i.test(u.args[0]?.value ?? '') && u.args[0] !== undefined,
  );
  const stated = (lastOf(server, 'loglevel') ?? lastOf(main, 'loglevel'))?.args.find((a) => !a.value.includes(':'))?.value;
  // include/http_log.h DEFAULT_LOGLEVEL APLOG_WARNING (httpd 2.4).
  const level = stated ?? 'warn';
  const byDefault = [...(use === undefined ? ['ErrorLog logs/error_log'] : []), ...(formatUse === undefined ? ['the ErrorLogFormat'] : []), ...(stated === undefined ? ['LogLevel warn'] : [])];
  const lookups = hostnameLookups(server, main);
  // server/core.c DEFAULT_ERRORLOG "logs/error_log" relative to ServerRoot when no ErrorLog is set.
  const directive: ApacheUse = use ?? { name: 'errorlog', args: [{ value: 'logs/error_log', at: server.at, notes: [] }], at: server.at };
  const format = formatUse?.args[0]?.value ?? '';
  const peer = localPeer(server, main);
  sinks.add(
    {
      directive,
      target: sinks.target(directive.args[0]?.value ?? 'logs/error_log'),
      kind: 'error',
      format,
      formatNote: formatUse !== undefined ? `ErrorLogFormat (${formatUse.at.file.split('/').pop()}:${formatUse.at.line})` : 'the default error log format',
      lookups,
      minLevel: level,
      defaultErrorFormat: formatUse === undefined,
      ...(formatUse?.args[0] ? { formatAt: formatUse.args[0].at } : {}),
      ...(peer !== undefined ? { peer } : {}),
      ...(byDefault.length > 0 ? { byDefault } : {}),
    },
    server,
  );
}

function emitSink(r: SinkRecord, reading: SoftwareReading, assumed: { release: string; note: string }): void {
  const isDefault = r.directive.at === r.servers[0]?.at;
  const destination = r.target.destination ?? `|${r.target.program ?? 'pipe'}`;
  const evidence: Evidence[] = [
    {
      ...r.directive.at,
      note: `${displayName(r.directive.name)} ${r.directive.args.map((a) => a.value).join(' ')}${r.directive.args.flatMap((a) => a.notes).map((n) => `; ${n}`).join('')}`,
      ...(isDefault ? { default: { software: 'apache', release: assumed.release, source: 'server/core.c DEFAULT_ERRORLOG' } } : {}),
    },
  ];
  for (const s of r.servers) {
    if (s.at !== r.directive.at && (s.kind === 'vhost' || r.servers.length > 1)) {
      evidence.push({ ...s.at, note: `${s.label} writes here` });
    }
  }

  let fields: IpField[];
  let fieldText: string;
  if (r.defaultErrorFormat === true) {
    // server/log.c do_errorlog_default: `[client IP:port]` for request/connection messages (httpd 2.4).
    fields = [{ item: '[client IP:port]', meaning: "the client's address in request-related messages", column: undefined }];
    fieldText = "`[client IP:port]` in every request-related message (server/log.c do_errorlog_default)";
  } else {
    fields = ipFields(r.format, r.lookups);
    fieldText = fields.map((f) => `\`${f.item}\` (${f.meaning})`).join(', ');
  }
  let proxyNote = '';
  if (r.peer !== undefined) {
    const peer = r.peer;
    const proxied = fields.filter((f) => holdsProxy(f, peer));
    fields = fields.filter((f) => !holdsProxy(f, peer));
    fieldText = fields.map((f) => `\`${f.item}\` (${f.meaning})`).join(', ');
    const server = r.servers[0] as ApacheServer;
    const items = proxied.map((f) => f.item).join(', ');
    if (peer.restoredBy === undefined) proxyNote = ` (${describeLocalPeer(server, peer)}${items !== '' ? `: ${items} ${proxied.length > 1 ? 'hold' : 'holds'} the proxy's address` : ''})`;
    else {
      const restorer = `${peer.restoredBy.name === 'remoteipproxyprotocol' ? 'RemoteIPProxyProtocol' : peer.restoredBy.name === 'remoteipheader' ? 'RemoteIPHeader' : DISPLAY_REMOTEIP[peer.restoredBy.name] ?? peer.restoredBy.name} ${peer.restoredBy.args.map((a) => a.value).join(' ')}`;
      proxyNote = ` (${server.label} is reached through a local proxy: ${peer.reachable}, but mod_remoteip restores the client's address (${restorer})${items !== '' ? `; ${items}: the proxy's address` : ''})`;
    }
  }

  let carries: Tri = fields.length > 0;
  let masked = '';
  const anonip = r.target.anonip;
  if (anonip !== undefined && fields.length > 0) {
    const unmasked = fields.filter((f) => f.column === undefined || !anonip.columns.includes(f.column) || (f.item === '%h' && r.lookups) || r.defaultErrorFormat === true);
    const unsure = unmasked.length > 0 && unmasked.every((f) => f.column === undefined && r.defaultErrorFormat !== true);
    const truncates = anonip.ipv4Mask > 0 && anonip.ipv6Mask > 0;
    masked = `; anonip zeroes the last ${anonip.ipv4Mask} bits of IPv4 and ${anonip.ipv6Mask} bits of IPv6 addresses in column ${anonip.columns.join(', ')}`;
    if (!truncates) carries = true;
    else if (unmasked.length === 0) carries = false;
    else if (unsure) carries = 'unknown';
    else {
      carries = true;
      reading.diagnostics.push({
        code: 'config-warning',
        message: `anonip masks column ${anonip.columns.join(', ')}, but ${unmasked.map((f) => f.item).join(', ')} ${r.defaultErrorFormat === true ? 'is inside the error message, not a column of its own' : `is in column ${unmasked.map((f) => f.column).join(', ')}`}${r.lookups ? ' (or is a host name, which anonip leaves as is)' : ''}: full client addresses still reach ${destination}`,
        position: r.directive.args[0]?.at ?? r.directive.at,
        ...(unmasked[0]?.column !== undefined ? { suggestion: `add --column ${[...anonip.columns, ...unmasked.map((f) => f.column)].join(' ')} to the anonip command` } : {}),
      });
    }
  } else if (r.target.destination === undefined && fields.length > 0) carries = 'unknown';

  if (r.target.destination === undefined) {
    reading.diagnostics.push({ code: 'unknown-value', message: `${displayName(r.directive.name)} pipes to ${r.target.program}: where it writes cannot be read from the config`, position: r.directive.args[0]?.at ?? r.directive.at });
  }

  const what = r.kind === 'access' ? 'access log' : 'error log';
  const defaults = r.byDefault !== undefined && fields.length > 0 ? ` (${r.byDefault.join(', ')}: httpd's ${r.byDefault.length > 1 ? 'defaults' : 'default'}, ${assumed.note})` : '';
  const description = `Apache ${what} to ${destination} (${r.target.note}) with ${r.formatNote}${fields.length > 0 ? `: ${fieldText}` : proxyNote !== '' ? ', which holds no client address' : ', which has no client address field'}${masked}${proxyNote}`;
  const subject = { software: 'apache', name: destination, kind: 'log' };
  const sink: LogSinkPractice = { kind: 'log-sink', subject, evidence, destination, minLevel: r.minLevel, carriesIpAddresses: carries, carriesMessageContent: false, description };
  reading.practices.push(sink);
  if (carries !== false) {
    const columns = [...new Set(fields.map((f) => f.column ?? 1))];
    const formatArg = r.directive.args[1] === undefined ? '' : r.directive.args[1].value.includes(' ') ? ` "${r.directive.args[1].value.replace(/"/g, '\\"')}"` : ` ${r.directive.args[1].value}`;
    const suggestion =
      r.kind === 'access'
        ? `${displayName(r.directive.name)} "|/usr/bin/anonip --ipv4mask 8 --ipv6mask 80${columns.join(',') !== '1' ? ` --column ${columns.join(' ')}` : ''} --output ${r.target.destination ?? '/var/log/apache2/access.log'}"${formatArg} (Debian package anonip), or a LogFormat without %h/%a`
        : 'ErrorLogFormat "[%{u}t] [%-m:%l] [pid %P:tid %T] %7F: %E: %M" (the default without [client %a])';
    const ip: IpAddressPractice = {
      kind: 'ip-address',
      subject,
      evidence,
      // The error log names a client only in request-related messages at LogLevel or above.
      which: r.condition !== undefined || r.kind === 'error' ? 'some' : 'all',
      medium: 'log',
      destination,
      certainty: carries,
      description: `${what} ${destination}: ${fieldText}${masked}${proxyNote}${defaults}`,
      suggestion,
    };
    // Behind anonip, or into a pipe, the format is not the whole story: the edit stays advice.
    const edit = carries === true && anonip === undefined && r.target.destination !== undefined && r.defaultErrorFormat !== true ? addressFieldEdit(r.format, fields, r.formatAt, r.lookups) : undefined;
    if (edit) {
      ip.edit = edit;
      ip.suggestion = `write - instead of ${fields[0]?.item ?? ''} in the format (${r.formatNote}); or: ${suggestion}`;
    }
    reading.practices.push(ip);
  }
  const retention = r.target.rotatelogs !== undefined ? rotatelogsRetention(r.target.rotatelogs, r.directive) : undefined;
  if (retention !== undefined) reading.logRetention.push(retention);
}

/**
 * Whether a format item logs the local proxy rather than the client: the connection's peer
 * (%{c}a, %{c}h) always does on a loopback-only server; %a, %h, REMOTE_ADDR and `[client ...]`
 * (r->useragent_ip) do unless mod_remoteip restored the client's address (behind-local-proxy.ts).
 */
function holdsProxy(field: IpField, peer: LocalPeer): boolean {
  if (/^%[!0-9,<>]*\{c\}[ah]$/.test(field.item)) return true;
  if (peer.restoredBy !== undefined) return false;
  return /^%[!0-9,<>]*[ah]$/.test(field.item) || /^%[!0-9,<>]*\{REMOTE_(ADDR|HOST)\}e$/i.test(field.item) || field.item === '[client IP:port]';
}
