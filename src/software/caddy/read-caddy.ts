import { posix } from 'node:path';
import type { Caddyfile, CaddySiteBlock } from '../../formats/caddyfile/parse-caddyfile.js';
import { parseCaddyfile } from '../../formats/caddyfile/parse-caddyfile.js';
import type { Evidence, SourcePosition } from '../../inventory/evidence.js';
import type { LogRetentionSource, SoftwareReading } from '../../inventory/log-retention.js';
import type { IpAddressPractice, LogSinkPractice } from '../../inventory/practice.js';
import { RootFiles } from '../scheduled-jobs/root-files.js';
import { ASSUMED_CADDY_VERSION, ASSUMED_CADDY_VERSION_SOURCE } from './caddy-version.js';
import { judgeAccessLogIps } from './ip-fields.js';
import { type CaddyLog, readLogDirective } from './log-directive.js';
import { caddyRollRetention } from './roll-retention.js';
import { caddyWebsiteResources } from './website-resources.js';

/**
 * Caddy 2: access logs (off unless a site has `log`), the default logger (stderr, which
 * Debian's caddy.service leaves to journald), Caddy's own log rolling, and each site's
 * Content-Security-Policy. `mainFile` is relative to root (default etc/caddy/Caddyfile).
 * `version` is the Caddy release to judge for (default: Debian bookworm's 2.6.2).
 */
export function readCaddy(root: string, mainFile?: string, version?: string): SoftwareReading {
  const files = new RootFiles(root);
  const main = posix.normalize(`/${mainFile ?? 'etc/caddy/Caddyfile'}`);
  const reading: SoftwareReading = { files: [], searched: [main.slice(1)], diagnostics: [], practices: [], logRetention: [] };
  if (files.read(main) === undefined) return reading;
  const parsed = parseCaddyfile(main, files);
  reading.files.push(...parsed.files);
  reading.diagnostics.push(...parsed.diagnostics);
  interpretCaddyfile(parsed, reading, version);
  return reading;
}

interface Sink {
  log: CaddyLog | undefined;
  /** Evidence: the log directive(s) and sites writing here. */
  evidence: Evidence[];
  sites: string[];
  access: boolean;
}

const siteName = (site: CaddySiteBlock): string => site.keys.map((k) => k.text).join(', ') || '(no address)';

export function interpretCaddyfile(parsed: Caddyfile, reading: SoftwareReading, version?: string): void {
  const release = version ?? ASSUMED_CADDY_VERSION;
  const versionNote = version === undefined ? `Caddy ${ASSUMED_CADDY_VERSION} assumed (${ASSUMED_CADDY_VERSION_SOURCE})` : `Caddy ${version}`;
  const globalLogs = (parsed.global?.directives ?? []).filter((d) => d.name.text === 'log').map((d) => readLogDirective(d, reading.diagnostics));
  // caddyconfig/httpcaddyfile/options.go: a global `log` without a name configures the default logger.
  const defaultLog = globalLogs.find((l) => l.name === undefined || l.name === 'default');
  const start: SourcePosition = parsed.global?.at ?? parsed.sites[0]?.at ?? { file: reading.files[0] ?? '', line: 1, column: 1 };
  const defaultSink: Sink = {
    log: defaultLog,
    evidence: [
      defaultLog !== undefined
        ? { ...defaultLog.at, note: 'global log: the default logger' }
        : { ...start, note: 'no global log option: the default logger writes to stderr', default: { software: 'caddy', release: release, source: 'logging.go newDefaultProductionLog (stderr)' } },
    ],
    sites: [],
    access: false,
  };
  const sinks: Sink[] = [defaultSink];

  for (const site of parsed.sites) {
    const name = siteName(site);
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
      sinks.push({ log, evidence: [{ ...log.at, note: `log (site ${name})` }, siteEvidence], sites: [name], access: true });
    }
  }

  for (const sink of sinks) emit(sink, reading, release, versionNote);
  reading.practices.push(...caddyWebsiteResources(parsed.sites));
}

function destinationOf(log: CaddyLog | undefined, reading: SoftwareReading): { destination: string | undefined; note: string } {
  const output = log?.output;
  if (output === undefined || output.kind === 'stderr') return { destination: 'stderr', note: "stderr (Debian's caddy.service: the journal)" };
  if (output.kind === 'stdout') return { destination: 'stdout', note: "stdout (Debian's caddy.service: the journal)" };
  if (output.kind === 'discard') return { destination: undefined, note: 'discarded' };
  const target = output.target;
  if (target === undefined) {
    reading.diagnostics.push({ code: 'config-error', message: `output ${output.kind} needs a ${output.kind === 'file' ? 'file name' : 'address'}`, position: output.at });
    return { destination: undefined, note: 'no target' };
  }
  if (target.env !== undefined && target.text.includes('{$')) {
    reading.diagnostics.push({ code: 'unknown-value', message: `The log ${output.kind === 'file' ? 'file' : 'address'} ${target.text} depends on environment variables (${target.env.join(', ')})`, position: target.at });
  }
  if (output.kind === 'file') {
    // Relative paths are relative to Caddy's working directory: / under Debian's caddy.service.
    return { destination: posix.normalize(target.text.startsWith('/') ? target.text : `/${target.text}`), note: `file ${target.text}` };
  }
  if (output.kind === 'net') return { destination: `net:${target.text}`, note: `the network address ${target.text} (leaves the host)` };
  return { destination: `${output.kind}:${target.text}`, note: `the ${output.kind} writer` };
}

function emit(sink: Sink, reading: SoftwareReading, release: string, versionNote: string): void {
  const { destination, note } = destinationOf(sink.log, reading);
  if (destination === undefined) return;
  const ips = judgeAccessLogIps(sink.log?.format, release, reading.diagnostics);
  const output = sink.log?.output;
  const evidence = [...sink.evidence];
  if (output !== undefined) evidence.splice(1, 0, { ...output.at, note: `output ${output.kind}${output.target !== undefined ? ` ${output.target.text}` : ''}` });
  const subject = { software: 'caddy', name: destination, kind: 'log' };
  let carries = ips.carries;
  let description: string;
  let which: IpAddressPractice['which'] = 'all';
  if (sink.access) {
    description = `Caddy access log of ${sink.sites.join(', ')} to ${note}: ${ips.description}${ips.filtered !== '' ? ` (${ips.filtered})` : ''}; ${versionNote}`;
  } else {
    // modules/caddyhttp/server.go: handler errors are logged by http.log.error with the request, remote_ip included.
    which = 'some';
    carries = ips.carries === false ? false : true;
    description = `Caddy's default logger to ${note}: errors of handled requests (http.log.error) include ${ips.carries === false ? 'no client address' : 'request>remote_ip'}${ips.filtered !== '' ? ` (${ips.filtered})` : ''}; ${versionNote}`;
  }
  const level = sink.log?.level ?? 'info';
  const practice: LogSinkPractice = { kind: 'log-sink', subject, evidence, destination, minLevel: level, carriesIpAddresses: carries, carriesMessageContent: false, description };
  reading.practices.push(practice);
  if (carries !== false) {
    const ip: IpAddressPractice = {
      kind: 'ip-address',
      subject,
      evidence,
      which,
      medium: 'log',
      destination,
      certainty: carries,
      description,
      suggestion: 'log {\n\tformat filter {\n\t\twrap json\n\t\tfields {\n\t\t\trequest>remote_ip ip_mask {\n\t\t\t\tipv4 16\n\t\t\t\tipv6 32\n\t\t\t}\n\t\t\trequest>headers>X-Forwarded-For delete\n\t\t}\n\t}\n}',
    };
    reading.practices.push(ip);
  }
  if (output?.kind === 'file') {
    const retention: LogRetentionSource = caddyRollRetention(destination, output, release);
    reading.logRetention.push(retention);
  }
}

