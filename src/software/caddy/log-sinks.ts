import { posix } from 'node:path';
import type { Evidence } from '../../inventory/evidence.js';
import type { LogRetentionSource, SoftwareReading } from '../../inventory/log-retention.js';
import type { IpAddressPractice, LogSinkPractice } from '../../inventory/practice.js';
import { addressFilter, filterEdit } from './filter-edit.js';
import type { CaddyPeer } from './behind-local-proxy.js';
import { judgeAccessLogIps } from './ip-fields.js';
import type { CaddyLog } from './log-directive.js';
import { caddyRollRetention } from './roll-retention.js';

/**
 * Log sinks of a Caddy configuration, from either the Caddyfile or JSON: one per logger that
 * writes somewhere, with the client addresses its entries keep after filters.
 */
export interface Sink {
  log: CaddyLog | undefined;
  /** Evidence: the log directive(s) and sites writing here. */
  evidence: Evidence[];
  sites: string[];
  access: boolean;
  /** Set when only a local proxy reaches every site logging here. */
  peer?: CaddyPeer;
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

export function emitLogSink(sink: Sink, reading: SoftwareReading, release: string, versionNote: string): void {
  const { destination, note } = destinationOf(sink.log, reading);
  if (destination === undefined) return;
  const ips = judgeAccessLogIps(sink.log?.format, release, reading.diagnostics, sink.peer);
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
    // Behind a local proxy remote_ip is the proxy's: what remains are the (unknown) proxy headers.
    carries = ips.carries === false ? false : sink.peer !== undefined ? ips.carries : true;
    description = `Caddy's default logger to ${note}: errors of handled requests (http.log.error) include ${ips.carries === false ? 'no client address' : sink.peer !== undefined ? ips.description : 'request>remote_ip'}${ips.filtered !== '' ? ` (${ips.filtered})` : ''}; ${versionNote}`;
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
    const edit = carries === true ? filterEdit(sink.log, release) : undefined;
    if (edit) {
      ip.edit = edit;
      ip.suggestion = `delete the address fields in this log block:\n${addressFilter(release)}\nor mask them instead:\n${ip.suggestion ?? ''}`;
    }
    reading.practices.push(ip);
  }
  if (output?.kind === 'file') {
    const retention: LogRetentionSource = caddyRollRetention(destination, output, release);
    reading.logRetention.push(retention);
  }
}

