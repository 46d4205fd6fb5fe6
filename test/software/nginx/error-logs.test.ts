import { describe, expect, it } from 'vitest';
import { locate, practices, readFixture, sink } from './fixture.js';

describe('nginx error logs', () => {
  it('falls back to stderr at level error when no error_log is set, and it carries client addresses', () => {
    const reading = readFixture('default-log');
    const log = sink(reading, 'stderr', true);
    expect(log).toMatchObject({ minLevel: 'error', carriesIpAddresses: true });
    expect(log.evidence[0]).toMatchObject({ note: 'no error_log that writes a file at main level: nginx logs errors to stderr at level error', default: { software: 'nginx' } });
    const ip = practices(reading, 'ip-address').find((p) => p.destination === 'stderr');
    expect(ip).toMatchObject({ which: 'some', certainty: true, medium: 'log' });
    expect(ip?.description).toContain('end with "client: <address>"');
  });

  it('is uncertain at crit, certain at warn, and a server-level error_log takes that server out of the main log', () => {
    const reading = readFixture('anonymised');
    const main = sink(reading, '/var/log/nginx/error.log', true);
    expect(main).toMatchObject({ minLevel: 'crit', carriesIpAddresses: 'unknown' });
    expect(main.description).toContain('for server anon.example');
    expect(main.description).not.toContain('copied.example');
    expect(main.evidence[0]).toMatchObject(locate('anonymised', 'error_log /var/log/nginx/error.log crit;'));
    const own = sink(reading, '/var/log/nginx/copied-error.log', true);
    expect(own).toMatchObject({ minLevel: 'warn', carriesIpAddresses: true });
    expect(practices(reading, 'ip-address').find((p) => p.destination === '/var/log/nginx/error.log')?.certainty).toBe('unknown');
  });

  it('sends syslog error logs to "syslog", says a remote server takes them off the host, and still opens stderr', () => {
    const reading = readFixture('syslog');
    const remote = sink(reading, 'syslog', true);
    expect(remote.minLevel).toBe('warn');
    expect(remote.description).toContain('(sent to the syslog server 192.0.2.10:514 on another host: the log leaves this machine)');
    // ngx_log_open_default: without an error_log file, nginx adds the compiled-in one.
    expect(sink(reading, 'stderr', true).carriesIpAddresses).toBe(true);
  });

  it('routes stream and mail sessions to the main error log unless their server has its own', () => {
    const reading = readFixture('stream-mail');
    const main = sink(reading, '/var/log/nginx/main-error.log', true);
    expect(main.description).toBe(
      'nginx error log /var/log/nginx/main-error.log at level error for stream server listening on 15222 (line 11), mail server listening on 10143 (line 25): every error about a request ends with "client: <address>"',
    );
    expect(sink(reading, '/var/log/nginx/stream-error.log', true).minLevel).toBe('info');
  });

  it('warns that "error_log off" writes a file named off', () => {
    const reading = readFixture('error-log-off');
    expect(reading.diagnostics).toEqual([
      {
        code: 'config-warning',
        message: '"error_log off" does not turn the error log off: nginx writes to a file named "off" (/usr/share/nginx/off)',
        position: locate('error-log-off', 'error_log off'),
        suggestion: 'error_log /var/log/nginx/error.log crit;  # or: error_log stderr; and let journald keep it',
      },
    ]);
    expect(sink(reading, '/usr/share/nginx/off', true).carriesIpAddresses).toBe(true);
  });
});

describe('logs sent to /dev/null', () => {
  it('are no log sinks: the usual way to silence nginx keeps nothing', () => {
    const reading = readFixture('error-log-off');
    const destinations = practices(reading, 'log-sink').map((p) => p.destination);
    expect(destinations).not.toContain('/dev/null');
    // null.example's errors go nowhere, so only quiet.example's reach the file named "off".
    expect(sink(reading, '/usr/share/nginx/off', true).description).toContain('for server quiet.example:');
  });
});
