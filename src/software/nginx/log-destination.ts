import { posix } from 'node:path';
import { PREFIX } from './defaults.js';

/**
 * Where an access_log / error_log argument writes: `syslog:server=...` (nginx 1.22.1
 * src/core/ngx_syslog.c:44-124: facility local7, severity info, tag nginx, UDP port 514),
 * `stderr`, or a file whose relative path resolves against the prefix, not the conf dir
 * (ngx_conf_full_name(cycle, name, 0), src/core/ngx_conf_file.c:887-893; Debian prefix
 * /usr/share/nginx).
 */

export interface LogDestination {
  /** Absolute path on the served system, 'syslog' or 'stderr'. */
  destination: string;
  /** For syslog: the `server=` value. */
  syslogServer?: string;
  /** Whether a syslog server is another host (the log leaves this machine). */
  remote?: boolean;
  /** Whether the path contains variables (a file per value, opened per request). */
  variablePath?: boolean;
}

export function logDestination(arg: string): LogDestination {
  if (arg.startsWith('syslog:')) {
    const server = /(?:^syslog:|,)server=([^,]*)/.exec(arg)?.[1] ?? '';
    const local = server.startsWith('unix:') || /^(?:localhost|127\.[\d.]+|\[::1\])(?::\d+)?$/.test(server);
    return { destination: 'syslog', syslogServer: server, remote: !local };
  }
  if (arg === 'stderr') return { destination: 'stderr' };
  const absolute = arg.startsWith('/') ? posix.normalize(arg) : posix.join(PREFIX, arg);
  const result: LogDestination = { destination: absolute };
  if (arg.includes('$')) result.variablePath = true;
  return result;
}
