import { describe, expect, it } from 'vitest';
import { findingsOf, lintFixture, placeOf } from '../../helpers/lint-fixture.js';
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

  it('through lint(): "IP addresses stored: never" is broken by the realip and public servers\' logs only', async () => {
    const result = await lintFixture('nginx/behind-proxy');
    const places = findingsOf(result, 'ip-address-storage').map((f) => placeOf(result, f));
    // nginx.conf:10 proxied.log (loopback only) is not among them; :18 realip.log, :25 mixed.log are,
    // and :2:1 the default error log (stderr), which names the clients of mixed.example's errors.
    expect(places).toEqual(['etc/nginx/nginx.conf:2:1', 'etc/nginx/nginx.conf:18:9', 'etc/nginx/nginx.conf:25:9']);
  });
});
