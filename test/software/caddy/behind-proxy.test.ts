import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { lint } from '../../../src/engine/lint.js';
import { RootFiles } from '../../../src/files/root-files.js';
import type { LogSinkPractice } from '../../../src/inventory/practice.js';
import { readCaddy } from '../../../src/software/caddy/read-caddy.js';
import { claimOf, findingsOf, lintFixture, placeOf, repoRoot } from '../../helpers/lint-fixture.js';

/**
 * A Caddy site bound to loopback is reached only through a local proxy: request>remote_ip is the
 * proxy's. request>client_ip (2.7+) is the client's only when `servers { trusted_proxies }`
 * covers the proxy; Debian's caddy 2.6.2 refuses that option ("unrecognized servers option").
 */
function sink(fixture: string, destination: string, version?: string): LogSinkPractice | undefined {
  const reading = readCaddy(new RootFiles(path.join(repoRoot, 'fixtures', fixture)), undefined, version);
  return reading.practices.find((p): p is LogSinkPractice => p.kind === 'log-sink' && p.destination === destination);
}

describe('Caddy behind a local reverse proxy', () => {
  it('does not count a site bound to loopback as logging client addresses, and says what it logs', async () => {
    expect(sink('caddy/behind-proxy', '/var/log/caddy/upload.log')).toMatchObject({
      carriesIpAddresses: false,
      description:
        'Caddy access log of http://upload.example:8080 to file /var/log/caddy/upload.log: no client address (request>headers delete; request>remote_ip is the local proxy\'s address: it binds only to 127.0.0.1, ::1 (this machine)); Caddy 2.6.2 assumed (Debian 12 (bookworm) package caddy 2.6.2-5)',
    });
    const result = await lintFixture('caddy/behind-proxy');
    expect(claimOf(result, 'ipAddresses.stored').verdict).toBe('violated');
    // Caddyfile:3:1 the default logger (request errors of public.example too) and :19 public.log;
    // upload.log (:6) is not among them.
    expect(findingsOf(result, 'ip-address-storage').map((f) => placeOf(result, f))).toEqual(['etc/caddy/Caddyfile:3:1', 'etc/caddy/Caddyfile:19:2']);
  });

  it('counts request>client_ip where trusted_proxies covers the proxy (Caddy 2.7+), with the release named', async () => {
    const result = await lintFixture('caddy/trusted-proxies');
    const findings = findingsOf(result, 'ip-address-storage');
    expect(findings.map((f) => placeOf(result, f))).toEqual(['etc/caddy/Caddyfile:3:1', 'etc/caddy/Caddyfile:11:2']);
    expect(findings[1]?.message).toBe(
      "Caddy access log of http://upload.example:8080 to file /var/log/caddy/upload.log: request>client_ip (the client's IP address) (request>headers delete; request>remote_ip is the local proxy's address: it binds only to 127.0.0.1, ::1 (this machine); trusted_proxies static private_ranges puts the client's address in request>client_ip); Caddy 2.8, but the policy declares IP addresses stored: never",
    );
  });

  it("refuses trusted_proxies for the assumed Debian release, which has none, and logs only the proxy's address", async () => {
    const root = path.join(repoRoot, 'fixtures/caddy/trusted-proxies');
    const result = await lint({ cwd: repoRoot, root, paths: [], configFile: path.join(root, 'debian-release.config.yaml'), ruleOverrides: [] });
    const errors = findingsOf(result, 'config-error');
    expect(errors.map((f) => `${placeOf(result, f)} ${f.message}`)).toEqual([
      'etc/caddy/Caddyfile:5:3 Caddy 2.6.2 has no servers option trusted_proxies (added in 2.7.0): it refuses this Caddyfile; Caddy 2.6.2 assumed (Debian 12 (bookworm) package caddy 2.6.2-5)',
    ]);
    expect(sink('caddy/trusted-proxies', '/var/log/caddy/upload.log')?.carriesIpAddresses).toBe(false);
    expect(sink('caddy/trusted-proxies', '/var/log/caddy/upload.log', '2.8')?.carriesIpAddresses).toBe(true);
  });

  it('reads the same from a JSON config whose server listens only on loopback and a unix socket', async () => {
    expect(sink('caddy/json-behind-proxy', '/var/log/caddy/upload.log')).toMatchObject({
      carriesIpAddresses: false,
      description: expect.stringContaining(
        "no client address (request>headers delete; request>remote_ip is the local proxy's address: it listens only on 127.0.0.1:8080, [::1]:8080, unix//run/caddy/upload.sock (this machine))",
      ) as string,
    });
    const result = await lintFixture('caddy/json-behind-proxy');
    // Only the default logger (logging.logs.default, caddy.json:4) remains: its request errors hold the proxy's X-Forwarded-For as sent, so it is not a certain violation.
    expect(findingsOf(result, 'ip-address-storage').map((f) => [placeOf(result, f), f.severity])).toEqual([['etc/caddy/caddy.json:4:7', 'warning']]);
    expect(claimOf(result, 'ipAddresses.stored').verdict).toBe('unverified');
  });
});
