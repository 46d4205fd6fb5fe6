import type { CaddyToken } from '../../formats/caddyfile/lex-caddyfile.js';
import { parseYaml } from '../../formats/yaml/parse-yaml.js';
import { keyText, type YamlMap, type YamlNode } from '../../formats/yaml/yaml-tree.js';
import type { SourcePosition } from '../../inventory/evidence.js';
import type { SoftwareReading } from '../../inventory/log-retention.js';
import type { WebsiteResourcesPractice } from '../../inventory/practice.js';
import { ASSUMED_CADDY_VERSION, ASSUMED_CADDY_VERSION_SOURCE } from './caddy-version.js';
import type { CaddyLog, FieldFilter } from './log-directive.js';
import { emitLogSink, type Sink } from './log-sinks.js';
import { loopbackListen, peerOf, trustedProxiesOf, type CaddyPeer } from './behind-local-proxy.js';
import { cspPractice, handlerOrder, type CspOp } from './website-resources.js';
import { appendAll } from '../../arrays/append-all.js';
import { groupInto } from '../../arrays/group-into.js';

/**
 * Caddy's native JSON config (https://caddyserver.com/docs/json/), read with positions through
 * the yaml package (JSON is YAML). Access logging is on for a server that has a `logs` object
 * (modules/caddyhttp/server.go shouldLogRequest); entries go to logger `http.log.access[.NAME]`
 * (NAME from logs.logger_names), and reach every log in logging.logs whose include/exclude lets
 * them through — the `default` log (stderr unless configured) takes everything not excluded.
 */
const get = (node: YamlNode | undefined, key: string): YamlNode | undefined =>
  node?.kind === 'map' ? [...node.entries].reverse().find((e) => keyText(e) === key)?.value : undefined;
const text = (node: YamlNode | undefined): string | undefined => (node?.kind === 'scalar' ? node.text : undefined);
const num = (node: YamlNode | undefined): number | undefined => {
  const t = text(node);
  return t === undefined || Number.isNaN(Number(t)) ? undefined : Number(t);
};
const entries = (node: YamlNode | undefined): [string, YamlNode, SourcePosition][] =>
  node?.kind === 'map' ? node.entries.flatMap((e) => (keyText(e) !== undefined ? [[keyText(e) as string, e.value, e.key.at] as [string, YamlNode, SourcePosition]] : [])) : [];
const items = (node: YamlNode | undefined): YamlNode[] => (node?.kind === 'seq' ? node.items : []);
const token = (value: string, at: SourcePosition): CaddyToken => ({ text: value, at, quoted: true, newlineBefore: false });

function readLog(name: string, node: YamlNode, at: SourcePosition): CaddyLog {
  const writer = get(node, 'writer');
  const encoder = get(node, 'encoder');
  const log: CaddyLog = { at, name };
  if (writer !== undefined) {
    const kind = text(get(writer, 'output')) ?? 'stderr';
    const target = get(writer, 'filename') ?? get(writer, 'address');
    const keepDays = num(get(writer, 'roll_keep_days'));
    const sizeMb = num(get(writer, 'roll_size_mb'));
    const keep = num(get(writer, 'roll_keep'));
    log.output = {
      kind,
      at: writer.at,
      ...(target !== undefined && text(target) !== undefined ? { target: token(text(target) as string, target.at) } : {}),
      roll: {
        disabled: text(get(writer, 'roll')) === 'false',
        ...(keepDays !== undefined && keepDays > 0 ? { keepDays, keepForAt: (get(writer, 'roll_keep_days') as YamlNode).at } : {}),
        ...(sizeMb !== undefined && sizeMb > 0 ? { sizeMb } : {}),
        ...(keep !== undefined && keep > 0 ? { keep } : {}),
      },
    };
  }
  if (encoder !== undefined) {
    const fields: FieldFilter[] = entries(get(encoder, 'fields')).map(([field, f, fieldAt]) => {
      const v4 = num(get(f, 'ipv4_cidr'));
      const v6 = num(get(f, 'ipv6_cidr'));
      return { field, filter: text(get(f, 'filter')) ?? '', at: fieldAt, ...(v4 !== undefined ? { ipv4: v4 } : {}), ...(v6 !== undefined ? { ipv6: v6 } : {}) };
    });
    log.format = { kind: text(get(encoder, 'format')) ?? 'json', at: encoder.at, fields };
  }
  const level = text(get(node, 'level'));
  if (level !== undefined) log.level = level.toLowerCase();
  return log;
}

const matches = (prefixes: string[], logger: string): boolean => prefixes.some((p) => logger === p || logger.startsWith(`${p}.`));

export function interpretCaddyJson(file: string, source: string, reading: SoftwareReading, version?: string): void {
  const parsed = parseYaml(file, source);
  appendAll(reading.diagnostics, parsed.errors, parsed.warnings);
  const root = parsed.root;
  if (root === undefined) return;
  const release = version ?? ASSUMED_CADDY_VERSION;
  const versionNote = version === undefined ? `Caddy ${ASSUMED_CADDY_VERSION} assumed (${ASSUMED_CADDY_VERSION_SOURCE})` : `Caddy ${version}`;
  const logs = entries(get(get(root, 'logging'), 'logs')).map(([name, node, at]) => ({
    name,
    log: readLog(name, node, at),
    include: items(get(node, 'include')).flatMap((i) => (text(i) !== undefined ? [text(i) as string] : [])),
    exclude: items(get(node, 'exclude')).flatMap((i) => (text(i) !== undefined ? [text(i) as string] : [])),
    sink: undefined as Sink | undefined,
  }));
  if (!logs.some((l) => l.name === 'default')) {
    logs.unshift({ name: 'default', log: { at: root.at, name: 'default' }, include: [], exclude: [], sink: undefined });
  }
  for (const l of logs) {
    const note = l.name === 'default' && l.log.at === root.at ? 'no logging.logs.default: the default logger writes to stderr' : `logging.logs.${l.name}`;
    l.sink = { log: l.log, evidence: [{ ...l.log.at, note }], sites: [], access: false };
  }
  const sites: WebsiteResourcesPractice[] = [];
  // Per sink, the local-proxy view of each server writing to it; the default logger takes every server's request errors.
  const peers = new Map<Sink, (CaddyPeer | undefined)[]>();
  const allPeers: (CaddyPeer | undefined)[] = [];
  for (const [serverName, server] of entries(get(get(get(root, 'apps'), 'http'), 'servers'))) {
    const listen = items(get(server, 'listen')).flatMap((i) => text(i) ?? []);
    const trustedNode = get(server, 'trusted_proxies');
    const trusted =
      trustedNode === undefined
        ? undefined
        : trustedProxiesOf(text(get(trustedNode, 'source')), items(get(trustedNode, 'ranges')).flatMap((i) => text(i) ?? []), release, versionNote, reading.diagnostics, trustedNode.at);
    const peer = peerOf(loopbackListen(listen), trusted);
    allPeers.push(peer);
    const serverLogs = get(server, 'logs');
    const hosts = items(get(server, 'routes')).flatMap((r) => items(get(r, 'match')).flatMap((m) => items(get(m, 'host')).flatMap((h) => text(h) ?? [])));
    if (serverLogs !== undefined) {
      const names = entries(get(serverLogs, 'logger_names'));
      const loggers = new Map<string, string[]>();
      for (const [host, name] of names) {
        const id = text(name) ? `http.log.access.${text(name)}` : 'http.log.access';
        groupInto(loggers, id, host);
      }
      if (names.length === 0 || text(get(serverLogs, 'skip_unmapped_hosts')) !== 'true') {
        const mapped = new Set(names.map(([h]) => h));
        loggers.set('http.log.access', [...(loggers.get('http.log.access') ?? []), ...(hosts.filter((h) => !mapped.has(h)).length > 0 || hosts.length === 0 ? [`other hosts of ${serverName}`] : [])]);
      }
      for (const [id, siteNames] of loggers) {
        if (siteNames.length === 0) continue;
        for (const l of logs) {
          if ((l.include.length === 0 || matches(l.include, id)) && !matches(l.exclude, id) && l.sink !== undefined) {
            l.sink.access = true;
            appendAll(l.sink.sites, siteNames);
            groupInto(peers, l.sink, peer);
            l.sink.evidence.push({ ...serverLogs.at, note: `apps.http.servers.${serverName}.logs: access log ${id}` });
          }
        }
      }
    }
    appendAll(sites, jsonSites(server, serverName));
  }
  for (const l of logs) {
    if (l.sink === undefined) continue;
    const views = l.sink.access && l.name !== 'default' ? (peers.get(l.sink) ?? []) : [...(peers.get(l.sink) ?? []), ...allPeers];
    const proxied = views.filter((v): v is CaddyPeer => v !== undefined);
    if (views.length === 0 || proxied.length !== views.length) {
      emitLogSink(l.sink, reading, release, versionNote);
      continue;
    }
    const restored = proxied.find((v) => v.restoredBy !== undefined)?.restoredBy;
    l.sink.peer = { proxied: [...new Set(proxied.map((v) => v.proxied))].join('; '), ...(restored !== undefined ? { restoredBy: restored } : {}) };
    emitLogSink(l.sink, reading, release, versionNote);
  }
  appendAll(reading.practices, sites);
}

/** Operations of headers handlers on Content-Security-Policy below a route (subroutes included), in order. */
function findCsp(node: YamlNode | undefined, partial: boolean): CspOp[] {
  const out: CspOp[] = [];
  for (const handler of items(get(node, 'handle'))) {
    const response = get(handler, 'response');
    const ops: CspOp[] = [];
    for (const op of ['add', 'set'] as const) {
      for (const [name, values, at] of entries(get(response, op))) {
        if (name.toLowerCase() !== 'content-security-policy') continue;
        const list = items(values).flatMap((v) => text(v) ?? []);
        // headers.go: `add` adds one header per value; `set` sets one header, its values joined with ",".
        for (const value of op === 'set' ? [list.join(',')] : list) ops.push({ op, value, at: { ...at, note: `Content-Security-Policy: ${value}` }, partial });
      }
    }
    for (const name of items(get(response, 'delete'))) {
      if (text(name)?.toLowerCase() === 'content-security-policy') ops.push({ op: 'delete', at: { ...name.at, note: 'delete Content-Security-Policy' }, partial });
    }
    for (const [name, , at] of entries(get(response, 'replace'))) {
      if (name.toLowerCase() === 'content-security-policy') ops.push({ op: 'replace', at: { ...at, note: 'replace in Content-Security-Policy' }, partial });
    }
    // `require` makes the handler act only on responses that match it.
    const conditional = get(response, 'require') !== undefined;
    appendAll(out, handlerOrder(ops).map((o) => (conditional ? { ...o, partial: true } : o)));
    for (const route of items(get(handler, 'routes'))) appendAll(out, findCsp(route, partial || get(route, 'match') !== undefined));
  }
  return out;
}

function jsonSites(server: YamlNode, serverName: string): WebsiteResourcesPractice[] {
  return items(get(server, 'routes')).map((route) => {
    const hosts = items(get(route, 'match')).flatMap((m) => items(get(m, 'host')).flatMap((h) => text(h) ?? []));
    const name = hosts.join(', ') || `${serverName} (any host)`;
    return cspPractice(name, { ...(route as YamlMap).at, note: `route of ${name}` }, findCsp(route, false));
  });
}
