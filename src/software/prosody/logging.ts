import type { EditProposal } from '../../inventory/edit.js';
import type { Evidence, Tri } from '../../inventory/evidence.js';
import type { IpAddressPractice } from '../../inventory/practice.js';
import type { ProsodySection } from './config-model.js';
import type { ProsodyContext } from './context.js';
import { PROSODY_DEFAULTS } from './defaults.js';
import { defaultSinks, readSinks, sinkDestination, type Level, type LogSink } from './log-sinks.js';
import { appendAll } from '../../arrays/append-all.js';

/**
 * What Prosody writes to its logs. Facts from the Prosody 0.12.3 source (Debian bookworm package):
 * - every accepted connection is logged at debug with the client's IP ("New connection",
 *   net/server_epoll.lua:773; 13.0 :909), so any sink taking debug holds client IPs;
 * - at info, stock modules log no IP; community mod_log_auth logs the IP of failed logins (default
 *   mode "failure") or of all logins at info (prosody-modules mod_log_auth/mod_log_auth.lua:1-19);
 *   mod_register_limits logs a registrant's IP at info when it blocklists it
 *   (modules/mod_register_limits.lua:32, only with blocklist_on_registration_throttle_overload);
 * - stanzas are logged at debug as their top tag only (core/stanza_router.lua:55), so bodies reach
 *   the log only through mod_stanza_debug ("SEND"/"RECV" full XML at debug, mod_stanza_debug.lua:7,14).
 */
export function interpretLogging(ctx: ProsodyContext): void {
  const global = ctx.global;
  const log = ctx.read(global, 'log', PROSODY_DEFAULTS.log);
  const debugMode = ctx.read(global, 'debug').scalar === true;
  const reading = log.value ? readSinks(log.value, debugMode) : defaultSinks(debugMode, log.evidence);
  const sections = [...ctx.activeSections('host'), ...ctx.activeSections('component')];
  const logAuth = anyLoaded(ctx, sections, 'log_auth');
  const ipLoggers = IP_LOGGING_MODULES.map((m) => ({ ...m, presence: anyLoaded(ctx, sections, m.module) })).filter((m) => m.presence.state !== false);
  const stanzaDebug = anyLoaded(ctx, sections, 'stanza_debug');
  const blocklisting = registrationBlocklisting(ctx, sections);

  for (const unknown of reading.unknown) {
    ctx.emit({
      kind: 'log-sink',
      subject: { software: 'prosody', name: '*', kind: 'log' },
      destination: 'unknown',
      minLevel: 'unknown',
      carriesIpAddresses: 'unknown',
      carriesMessageContent: 'unknown',
      description: `a log destination of Prosody cannot be read: ${unknown.reason}`,
      evidence: [{ ...unknown.at, note: `log: ${unknown.reason}` }],
    });
  }
  for (const sink of reading.sinks) emitSink(ctx, sink, { logAuth, stanzaDebug, blocklisting, ipLoggers });
}

interface ModulePresence {
  state: Tri;
  evidence: Evidence[];
}

function anyLoaded(ctx: ProsodyContext, sections: ProsodySection[], module: string): ModulePresence {
  let state: Tri = false;
  const evidence: Evidence[] = [];
  for (const section of sections) {
    const loaded = ctx.loaded(section, module);
    if (loaded === false) continue;
    if (loaded === true) state = true;
    else if (state === false) state = 'unknown';
    appendAll(evidence, ctx.moduleEvidence(section, module));
  }
  return { state, evidence: dedupe(evidence) };
}

/** mod_register_limits (loaded by mod_register when registration is open) blocklisting IPs. */
function registrationBlocklisting(ctx: ProsodyContext, sections: ProsodySection[]): ModulePresence {
  let state: Tri = false;
  const evidence: Evidence[] = [];
  for (const section of sections) {
    if (ctx.loaded(section, 'register') === false) continue;
    const open = ctx.read(section, 'allow_registration', PROSODY_DEFAULTS.allow_registration, 'mod_register');
    const block = ctx.read(section, 'blocklist_on_registration_throttle_overload', PROSODY_DEFAULTS.blocklist_on_registration_throttle_overload, 'mod_register_limits');
    if (open.scalar === false || block.scalar === false) continue;
    if (open.unknown || block.unknown) {
      if (state === false) state = 'unknown';
    } else if (open.scalar === true && block.scalar === true) state = true;
    else continue;
    evidence.push(block.evidence);
  }
  return { state, evidence };
}

/**
 * Community modules that write client IPs above debug level (prosody-modules 2023-02 snapshot,
 * found by reading every log call of /usr/lib/prosody/modules; mod_log_auth is handled apart
 * because its level and scope depend on log_auth_ips).
 */
const IP_LOGGING_MODULES: { module: string; level: Level; which: 'all' | 'failed-logins' | 'registrations' | 'some'; text: string; source: string }[] = [
  {
    module: 'c2s_conn_throttle',
    level: 'error',
    which: 'some',
    text: 'mod_c2s_conn_throttle writes the IP address of throttled logins ("Exceeded login count for …")',
    source: 'prosody-modules mod_c2s_conn_throttle/mod_c2s_conn_throttle.lua:18',
  },
  {
    // `origin.log("warn", "Too many authentication attepmts for ip %s", origin.ip)` once a
    // client address exceeds limit_auth_max failed logins in limit_auth_period.
    module: 'limit_auth',
    level: 'warn',
    which: 'failed-logins',
    text: 'mod_limit_auth writes the IP address of throttled logins ("Too many authentication attepmts for ip …")',
    source: 'prosody-modules mod_limit_auth/mod_limit_auth.lua:39, unchanged since 2016-03-17',
  },
  {
    module: 'register_json',
    level: 'warn',
    which: 'registrations',
    text: 'mod_register_json writes the IP address of refused or throttled registration requests',
    source: 'prosody-modules mod_register_json/register_json/mod_register_json.lua:114-157',
  },
];

interface SinkInputs {
  logAuth: ModulePresence;
  stanzaDebug: ModulePresence;
  blocklisting: ModulePresence;
  ipLoggers: ((typeof IP_LOGGING_MODULES)[number] & { presence: ModulePresence })[];
}

function emitSink(ctx: ProsodyContext, sink: LogSink, { logAuth, stanzaDebug, blocklisting, ipLoggers }: SinkInputs): void {
  const destination = sinkDestination(sink);
  const minLevel = ['debug', 'info', 'warn', 'error'].find((l) => sink.levels.has(l as never)) ?? 'none';
  const where: Evidence = { ...sink.at, note: `Prosody logs to ${destination} (${sink.declared})` };
  const subject = { software: 'prosody', name: destination, kind: 'log' };
  const takesDebug = sink.levels.has('debug');
  const takesInfo = sink.levels.has('info');

  const ipReasons: { which: IpAddressPractice['which']; certainty: Tri; text: string; evidence: Evidence[]; suggestion: string; edit?: EditProposal }[] = [];
  if (takesDebug) {
    ipReasons.push({
      which: 'all',
      certainty: true,
      text: `${destination} takes debug messages, which carry the IP address of every connection ("New connection …", net/server_epoll.lua)`,
      evidence: [where],
      suggestion: suggestLevel(sink),
      edit: levelEdit(sink),
    });
  }
  if (takesInfo && logAuth.state !== false) {
    const mode = logAuthMode(ctx);
    ipReasons.push({
      which: mode === 'failure' ? 'failed-logins' : 'all',
      certainty: logAuth.state,
      text: `mod_log_auth writes the IP address of ${mode === 'failure' ? 'failed logins' : 'logins'} to ${destination} at info level`,
      evidence: [where, ...logAuth.evidence],
      suggestion: 'remove "log_auth" from modules_enabled, or keep it only for fail2ban with log_auth_ips = "failure"',
    });
  }
  if (takesInfo && blocklisting.state !== false) {
    ipReasons.push({
      which: 'registrations',
      certainty: blocklisting.state,
      text: `mod_register_limits writes the IP address of blocklisted registrants to ${destination} ("Adding ip … to registration blocklist")`,
      evidence: [where, ...blocklisting.evidence],
      suggestion: 'blocklist_on_registration_throttle_overload = false',
    });
  }
  for (const logger of ipLoggers) {
    if (!sink.levels.has(logger.level)) continue;
    ipReasons.push({
      which: logger.which,
      certainty: logger.presence.state,
      text: `${logger.text} to ${destination} at ${logger.level} level (${logger.source})`,
      evidence: [where, ...logger.presence.evidence],
      suggestion: `remove "${logger.module}" from modules_enabled`,
    });
  }
  const content: Tri = takesDebug ? stanzaDebug.state : false;

  ctx.emit({
    kind: 'log-sink',
    subject,
    destination,
    minLevel,
    carriesIpAddresses: ipReasons.length === 0 ? false : ipReasons.some((r) => r.certainty === true) ? true : 'unknown',
    carriesMessageContent: content,
    description: `Prosody writes ${[...sink.levels].join(', ') || 'no'} messages to ${destination}`,
    evidence: [where],
  });
  for (const reason of ipReasons) {
    ctx.emit({
      kind: 'ip-address',
      subject,
      which: reason.which,
      medium: 'log',
      destination,
      certainty: reason.certainty,
      description: reason.text,
      suggestion: reason.suggestion,
      ...(reason.edit ? { edit: reason.edit } : {}),
      evidence: reason.evidence,
    });
  }
  if (content !== false) {
    ctx.emit({
      kind: 'message-content-log',
      subject,
      destination,
      certainty: content,
      description: `mod_stanza_debug writes every stanza, message bodies included, to ${destination} at debug level`,
      suggestion: 'remove "stanza_debug" from modules_enabled',
      evidence: [...stanzaDebug.evidence, where],
    });
  }
}

function logAuthMode(ctx: ProsodyContext): string {
  for (const host of ctx.activeSections('host')) {
    if (ctx.loaded(host, 'log_auth') === false) continue;
    const mode = ctx.read(host, 'log_auth_ips', PROSODY_DEFAULTS.log_auth_ips, 'mod_log_auth').scalar;
    if (mode === 'all' || mode === 'success') return mode;
  }
  return 'failure';
}

function suggestLevel(sink: LogSink): string {
  if (sink.type === 'file' && sink.filename) return `info = "${sink.filename}" -- instead of debug: debug lines carry client IPs`;
  return `log only from info: { to = "${sink.type}", levels = { min = "info" } }`;
}

/**
 * The edit that starts a sink at info instead of debug, in the two forms Prosody's log option
 * takes (loggingmanager.lua): `debug = "file"` (the level as key) becomes `info = "file"`, and
 * `{ levels = { min = "debug" }, ... }` gets `min = "info"`. Other forms stay advice.
 */
function levelEdit(sink: LogSink): EditProposal {
  if (sink.declared.startsWith('debug = ')) {
    // The position is the file name's; the key is the first thing on its line in the usual layout.
    return { at: { ...sink.at, column: 1 }, find: /\s*(?<old>debug)\s*=\s*["']/, text: 'info' };
  }
  return { at: sink.at, find: /\{[^{}]*?\blevels\s*=\s*\{\s*min\s*=\s*(?<old>"debug"|'debug')/, text: '"info"' };
}

function dedupe(evidence: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => {
    const key = `${e.file}:${e.line}:${e.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
