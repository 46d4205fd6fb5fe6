import { describe, expect, it } from 'vitest';
import { locate, practices, readFixture, sink, where } from './fixture.js';

describe('nginx access logs', () => {
  it('inherits the http-level access_log where a server has none', () => {
    const reading = readFixture('inheritance');
    expect(reading.diagnostics).toEqual([]);
    const http = sink(reading, '/var/log/nginx/http.log');
    expect(http.carriesIpAddresses).toBe(true);
    expect(http.description).toBe('nginx access log /var/log/nginx/http.log for server inherits.example: $remote_addr is the client address (log_format short)');
    expect(where(http)).toEqual([locate('inheritance', 'access_log /var/log/nginx/http.log'), locate('inheritance', 'log_format short')]);
  });

  it('replaces inherited logs at a level with its own, and writes to every access_log of that level', () => {
    const reading = readFixture('inheritance');
    const destinations = practices(reading, 'log-sink').filter((p) => p.description.startsWith('nginx access log')).map((p) => p.destination);
    expect(destinations.sort()).toEqual(['/usr/share/nginx/logs/nested.log', '/var/log/nginx/http.log', '/var/log/nginx/own-short.log', '/var/log/nginx/own.log']);
    // own.example does not write to http.log, and off.example (off wins over a path) writes nowhere.
    expect(sink(reading, '/var/log/nginx/http.log').description).not.toContain('own.example');
    expect(destinations).not.toContain('/var/log/nginx/never.log');
    expect(sink(reading, '/var/log/nginx/own.log').evidence[0]).toMatchObject({ ...locate('inheritance', 'access_log /var/log/nginx/own.log;'), note: 'access_log /var/log/nginx/own.log: format combined' });
  });

  it('resolves a relative path against the prefix /usr/share/nginx and notes the XMPP endpoint it covers', () => {
    const nested = sink(readFixture('inheritance'), '/usr/share/nginx/logs/nested.log');
    expect(nested.evidence.map((e) => e.note)).toContain('the XMPP BOSH endpoint location /http-bind/nested (server own.example) logs here');
    const own = sink(readFixture('inheritance'), '/var/log/nginx/own.log');
    expect(own.evidence).toContainEqual({ ...locate('inheritance', 'location /http-bind {'), note: 'the XMPP BOSH endpoint location /http-bind (server own.example) logs here' });
  });

  it("uses nginx's default access log (combined, Debian's /var/log/nginx/access.log) when none is set", () => {
    const reading = readFixture('default-log');
    const log = sink(reading, '/var/log/nginx/access.log');
    expect(log.carriesIpAddresses).toBe(true);
    expect(log.evidence[0]).toMatchObject({
      ...locate('default-log', 'server {'),
      note: 'server plain.example has no access_log (nor has its http block): nginx logs to /var/log/nginx/access.log in format combined',
      default: { software: 'nginx', release: '1.22.1' },
    });
    const ip = practices(reading, 'ip-address').find((p) => p.destination === '/var/log/nginx/access.log');
    expect(ip).toMatchObject({ medium: 'log', which: 'all', certainty: true });
    expect(ip?.retention).toBeUndefined();
    expect(ip?.suggestion).toContain('map $remote_addr $remote_addr_anon {');
    expect(ip?.suggestion).toContain('access_log /var/log/nginx/access.log anonymised;');
  });

  it('recognises a map that zeroes the last octet as anonymising, and one that copies the address as not', () => {
    const reading = readFixture('anonymised');
    expect(reading.diagnostics).toEqual([]);
    const anon = sink(reading, '/var/log/nginx/anon.log');
    expect(anon.carriesIpAddresses).toBe(false);
    expect(anon.description).toContain('addresses are anonymised (map $remote_addr $ip_anonymised (line 6) truncates the address');
    expect(sink(reading, '/var/log/nginx/forwarded.log').carriesIpAddresses).toBe(false);
    const copied = sink(reading, '/var/log/nginx/copied.log');
    expect(copied.carriesIpAddresses).toBe(true);
    expect(copied.description).toContain('map $remote_addr $ip_copied (line 11) keeps the whole address');
    const destinations = practices(reading, 'ip-address').map((p) => p.destination);
    expect(destinations).toContain('/var/log/nginx/copied.log');
    expect(destinations).not.toContain('/var/log/nginx/anon.log');
    expect(destinations).not.toContain('/var/log/nginx/forwarded.log');
  });

  it('flags request bodies in a log format as message content', () => {
    const upload = sink(readFixture('anonymised'), '/var/log/nginx/upload.log');
    expect(upload.carriesMessageContent).toBe(true);
    expect(upload.carriesIpAddresses).toBe(false);
    expect(upload.evidence.map((e) => e.note)).toContain('the XMPP HTTP upload endpoint location /upload (server anon.example) logs here');
  });

  it('sends syslog: targets to the destination "syslog"', () => {
    const reading = readFixture('syslog');
    const log = sink(reading, 'syslog');
    expect(log.carriesIpAddresses).toBe(true);
    expect(log.evidence[0]).toMatchObject(locate('syslog', 'access_log syslog:'));
    expect(log.evidence.map((e) => e.note)).toContain('the XMPP websocket endpoint location /xmpp-websocket (server syslog.example) logs here');
  });

  it('logs nothing for stream servers without access_log, and needs a format in stream', () => {
    const reading = readFixture('stream-mail');
    expect(reading.diagnostics).toEqual([]);
    const access = practices(reading, 'log-sink').filter((p) => p.description.startsWith('nginx access log'));
    expect(access.map((p) => p.destination)).toEqual(['/var/log/nginx/stream-s2s.log']);
    expect(access[0]?.description).toBe('nginx access log /var/log/nginx/stream-s2s.log for stream server listening on 15269 (line 15): $remote_addr is the client address (log_format proxied)');
  });
});

describe('nginx access logs: variables set from the address, conditional logs', () => {
  it('follows set $x $remote_addr into the log format', () => {
    const log = sink(readFixture('anonymised'), '/var/log/nginx/set.log');
    expect(log.carriesIpAddresses).toBe(true);
    expect(log.description).toContain(`set $client_copy "$remote_addr" (line ${locate('anonymised', 'set $client_copy').line}) copies $remote_addr is the client address`);
  });

  it('says an access_log with if= logs only some clients', () => {
    const reading = readFixture('anonymised');
    expect(sink(reading, '/var/log/nginx/failures.log').description).toContain('only requests where $loggable is neither empty nor "0" are logged');
    expect(practices(reading, 'ip-address').find((p) => p.destination === '/var/log/nginx/failures.log')).toMatchObject({ which: 'some', certainty: true });
  });
});
