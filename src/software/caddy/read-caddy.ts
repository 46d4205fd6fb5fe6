import { posix } from 'node:path';
import type { Caddyfile, CaddySiteBlock } from '../../formats/caddyfile/parse-caddyfile.js';
import { parseCaddyfile } from '../../formats/caddyfile/parse-caddyfile.js';
import type { Evidence, SourcePosition } from '../../inventory/evidence.js';
import type { SoftwareReading } from '../../inventory/log-retention.js';
import { RootFiles } from '../../files/root-files.js';
import { ASSUMED_CADDY_VERSION, ASSUMED_CADDY_VERSION_SOURCE } from './caddy-version.js';
import { readLogDirective } from './log-directive.js';
import { loopbackSite, peerOf, trustedProxies } from './behind-local-proxy.js';
import { interpretCaddyJson } from './read-caddy-json.js';
import { CADDY_SERVICE, locateCaddyConfigs, type CaddyConfigFile } from './config-location.js';
import { caddyProviderPromises } from './provider-file.js';
import { emitLogSink, type Sink } from './log-sinks.js';
import { caddyWebsiteResources } from './website-resources.js';
import { appendAll } from '../../arrays/append-all.js';
import { caddyDirectiveTree } from './directive-tree.js';

/**
 * Caddy 2: access logs (off unless a site has `log`), the default logger (stderr, which
 * Debian's caddy.service leaves to journald), Caddy's own log rolling, and each site's
 * Content-Security-Policy. Without `mainFile`, the config is the one caddy.service runs
 * (`--config`/`--adapter` on its ExecStart=, drop-ins included), else etc/caddy/Caddyfile and
 * etc/caddy/caddy.json. `mainFile` (relative to root) names one file instead: `.json` is read as
 * Caddy's native JSON config, anything else as a Caddyfile.
 * `version` is the Caddy release to judge for (default: Debian bookworm's 2.6.2).
 */
export function readCaddy(files: RootFiles, mainFile?: string, version?: string): SoftwareReading {
  const reading: SoftwareReading = { files: [], searched: [], diagnostics: [], practices: [], logRetention: [] };
  let configs: CaddyConfigFile[];
  if (mainFile !== undefined) {
    const path = posix.normalize(`/${mainFile}`);
    configs = [{ path, adapter: path.endsWith('.json') ? 'json' : 'caddyfile' }];
    reading.searched.push(path.slice(1));
  } else {
    const located = locateCaddyConfigs(files, reading);
    configs = located.configs;
    appendAll(reading.searched, located.searched);
    if (located.unknown !== undefined) reading.diagnostics.push({ code: 'unknown-value', message: located.unknown.message, position: located.unknown.at });
  }
  for (const config of configs) readConfig(files, config, reading, version);
  return reading;
}

function readConfig(files: RootFiles, config: CaddyConfigFile, reading: SoftwareReading, version?: string): void {
  const source = files.read(config.path);
  if (source === undefined) {
    if (config.namedAt !== undefined) {
      reading.diagnostics.push({ code: 'include-error', message: `${CADDY_SERVICE} runs Caddy with ${config.path}, which is not under --root (Caddy would refuse to start)`, position: config.namedAt });
    }
    return;
  }
  if (config.adapter === 'json') {
    reading.files.push(files.host(config.path));
    interpretCaddyJson(files.host(config.path), source, reading, version);
  } else if (config.adapter === 'caddyfile') {
    const parsed = parseCaddyfile(config.path, files);
    appendAll(reading.files, parsed.files);
    appendAll(reading.diagnostics, parsed.diagnostics);
    interpretCaddyfile(parsed, reading, version);
    const earlier = reading.directives;
    reading.directives = () => {
      const tree = earlier?.() ?? [];
      appendAll(tree, caddyDirectiveTree(parsed));
      return tree;
    };
    const providers = caddyProviderPromises(files, parsed.sites);
    appendAll(reading.practices, providers.practices);
    appendAll(reading.diagnostics, providers.diagnostics);
  } else {
    reading.diagnostics.push({ code: 'unknown-value', message: `${CADDY_SERVICE} reads ${config.path} through the "${config.adapter}" config adapter, which privacy-lint does not read`, position: config.namedAt ?? { file: files.host(config.path), line: 1, column: 1 } });
  }
}

const siteName = (site: CaddySiteBlock): string => site.keys.map((k) => k.text).join(', ') || '(no address)';

export function interpretCaddyfile(parsed: Caddyfile, reading: SoftwareReading, version?: string): void {
  const release = version ?? ASSUMED_CADDY_VERSION;
  const versionNote = version === undefined ? `Caddy ${ASSUMED_CADDY_VERSION} assumed (${ASSUMED_CADDY_VERSION_SOURCE})` : `Caddy ${version}`;
  const globalLogs = (parsed.global?.directives ?? []).filter((d) => d.name.text === 'log').map((d) => readLogDirective(d, reading.diagnostics));
  // caddyconfig/httpcaddyfile/options.go: a global `log` without a name configures the default logger.
  const defaultLog = globalLogs.find((l) => l.name === undefined || l.name === 'default');
  const start: SourcePosition = parsed.global?.at ?? parsed.sites[0]?.at ?? { file: reading.files[0] ?? '', line: 1, column: 1 };
  // options.go: the global `debug` option sets the default logger to DEBUG, where the stdlib
  // logger's "http: TLS handshake error from IP:port" lines appear (Caddy 2.6.2 modules/caddyhttp/app.go).
  const debug = (parsed.global?.directives ?? []).find((d) => d.name.text === 'debug');
  const defaultLevel = debug !== undefined ? { level: 'debug' } : {};
  const defaultSink: Sink = {
    log: defaultLog !== undefined ? { ...defaultLog, ...defaultLevel } : debug !== undefined ? { at: debug.name.at, level: 'debug' } : undefined,
    evidence: [
      defaultLog !== undefined
        ? { ...defaultLog.at, note: 'global log: the default logger' }
        : { ...start, note: 'no global log option: the default logger writes to stderr', default: { software: 'caddy', release: release, source: 'logging.go newDefaultProductionLog (stderr)' } },
    ],
    sites: [],
    access: false,
  };
  if (debug !== undefined) defaultSink.evidence.push({ ...debug.name.at, note: 'debug: the default logger writes DEBUG lines, TLS handshake errors with client IP:port among them' });
  const sinks: Sink[] = [defaultSink];
  const trusted = trustedProxies(parsed.global?.directives, release, versionNote, reading.diagnostics);

  const proxiedSites: string[] = [];
  for (const site of parsed.sites) {
    const name = siteName(site);
    const proxied = loopbackSite(site);
    if (proxied !== undefined) proxiedSites.push(`site ${name}: ${proxied}`);
    const peer = peerOf(proxied, trusted);
    for (const key of site.keys) {
      if (key.env !== undefined && key.text.includes('{$')) {
        // Caddy substitutes these from its environment when it reads the file (empty if unset).
        reading.diagnostics.push({ code: 'unknown-value', message: `The site address ${key.text} depends on environment variables (${key.env.join(', ')})`, position: key.at });
      }
    }
    for (const d of site.directives) {
      if (d.name.text !== 'log') continue;
      const log = readLogDirective(d, reading.diagnostics);
      const siteEvidence: Evidence = { ...site.at, note: `site ${name}` };
      // builtins.go parseLog: a bare `log` sends the site's access log to the default logger.
      if (d.block === undefined || d.block.length === 0) {
        defaultSink.access = true;
        defaultSink.sites.push(name);
        defaultSink.evidence.push({ ...log.at, note: `log (site ${name}): access log to the default logger` });
        continue;
      }
      sinks.push({ log, evidence: [{ ...log.at, note: `log (site ${name})` }, siteEvidence], sites: [name], access: true, ...(peer !== undefined ? { peer } : {}) });
    }
  }

  // The default logger takes every site's request errors: it logs the proxy only when every site is behind one.
  if (parsed.sites.length > 0 && proxiedSites.length === parsed.sites.length) {
    const peer = peerOf(proxiedSites.join('; '), trusted);
    if (peer !== undefined) defaultSink.peer = peer;
  }
  for (const sink of sinks) emitLogSink(sink, reading, release, versionNote);
  appendAll(reading.practices, caddyWebsiteResources(parsed.sites));
}

