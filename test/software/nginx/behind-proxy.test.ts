import { describe, expect, it } from 'vitest';
import { claimOf, findingsOf, lintFixture, placeOf } from '../../helpers/lint-fixture.js';
import { practices, readFixture, sink } from './fixture.js';

/** Servers that only a local proxy can reach log the proxy's address, unless realip restores the client's. */
describe('nginx behind a local reverse proxy', () => {
  const reading = readFixture('behind-proxy');
  const ipLogs = practices(reading, 'ip-address').map((p) => p.destination);

  it('does not count a loopback-only server without set_real_ip_from as writing client addresses, and says what it logs', () => {
    expect(reading.diagnostics).toEqual([]);
    const log = sink(reading, '/var/log/nginx/proxied.log');
    expect(log.carriesIpAddresses).toBe(false);
    expect(log.description).toBe(
      "nginx access log /var/log/nginx/proxied.log for server upload.example: the log format holds no client address (server upload.example logs its peer's address, not the client's: it listens only on 127.0.0.1:8080, [::1]:8080, unix:/run/nginx/upload.sock (this machine) and no set_real_ip_from applies, so its peer is a local proxy)",
    );
    expect(ipLogs).not.toContain('/var/log/nginx/proxied.log');
  });

  it('counts client addresses again where set_real_ip_from applies, or where the server also listens publicly', () => {
    expect(sink(reading, '/var/log/nginx/realip.log').carriesIpAddresses).toBe(true);
    expect(sink(reading, '/var/log/nginx/mixed.log').carriesIpAddresses).toBe(true);
    expect(ipLogs).toEqual(expect.arrayContaining(['/var/log/nginx/realip.log', '/var/log/nginx/mixed.log']));
  });

  it("does not count a loopback-only server's error log as naming clients, and says whose address \"client:\" holds", () => {
    const log = sink(reading, '/var/log/nginx/proxied-error.log', true);
    expect(log.carriesIpAddresses).toBe(false);
    expect(log.description).toBe(
      'nginx error log /var/log/nginx/proxied-error.log at level error for server upload.example (server upload.example names its peer, not the client: it listens only on 127.0.0.1:8080, [::1]:8080, unix:/run/nginx/upload.sock (this machine) and no set_real_ip_from applies, so its peer is a local proxy)',
    );
    expect(sink(reading, '/var/log/nginx/realip-error.log', true).carriesIpAddresses).toBe(true);
  });

  it('through lint(): "IP addresses stored: never" is broken by the realip and public servers\' logs only', async () => {
    const result = await lintFixture('nginx/behind-proxy');
    expect(claimOf(result, 'ipAddresses.stored').verdict).toBe('violated');
    const places = findingsOf(result, 'ip-address-storage').map((f) => placeOf(result, f));
    // nginx.conf:10 proxied.log and :11 proxied-error.log (loopback only) are not among them; :19
    // realip.log, :20 realip-error.log and :27 mixed.log are, and :2:1 the default error log
    // (stderr), which names the clients of mixed.example's errors.
    expect(places).toEqual(['etc/nginx/nginx.conf:2:1', 'etc/nginx/nginx.conf:19:9', 'etc/nginx/nginx.conf:20:9', 'etc/nginx/nginx.conf:27:9']);
  });
});
