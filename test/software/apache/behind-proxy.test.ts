import { describe, expect, it } from 'vitest';
import { claimOf, findingsOf, lintFixture, placeOf, repoRoot } from '../../helpers/lint-fixture.js';
import path from 'node:path';
import { RootFiles } from '../../../src/files/root-files.js';
import { readApache } from '../../../src/software/apache/read-apache.js';
import type { LogSinkPractice } from '../../../src/inventory/practice.js';

/**
 * Apache servers that only a local proxy reaches log the proxy's address in %h/%a and
 * `[client ...]`, unless mod_remoteip trusts that proxy's header. Checked against Debian's
 * apache2 2.4.71 with this fixture's apache2.conf on loopback ports and a request carrying
 * `X-Forwarded-For: 203.0.113.7` to each virtual host: proxied.log and untrusted.log got
 * 127.0.0.1, remoteip.log got 203.0.113.7.
 */
function sink(fixture: string, destination: string): LogSinkPractice | undefined {
  const reading = readApache(new RootFiles(path.join(repoRoot, 'fixtures', fixture)));
  return reading.practices.find((p): p is LogSinkPractice => p.kind === 'log-sink' && p.destination === destination);
}

describe('Apache behind a local reverse proxy', () => {
  it('counts the virtual host that mod_remoteip serves, and the public main server, but not the proxied ones', async () => {
    const result = await lintFixture('apache/behind-proxy');
    expect(claimOf(result, 'ipAddresses.stored').verdict).toBe('violated');
    const findings = findingsOf(result, 'ip-address-storage');
    // apache2.conf:2 is the main server's error log (it also Listens on *:80); :24/:25 the
    // RemoteIPInternalProxy host's logs. :15/:16 (no RemoteIPHeader) and :33/:34 (RemoteIPTrustedProxy
    // of another host) are the proxy's address, so not among them.
    expect(findings.map((f) => placeOf(result, f))).toEqual(['etc/apache2/apache2.conf:2:1', 'etc/apache2/apache2.conf:24:2', 'etc/apache2/apache2.conf:25:2']);
    expect(findings[1]?.message).toBe(
      "access log /var/log/apache2/remoteip.log: `%h` (the client's IP address) (<VirtualHost 127.0.0.1:8081> is reached through a local proxy: it is reachable only on 127.0.0.1:8081 (this machine), but mod_remoteip restores the client's address (RemoteIPInternalProxy 127.0.0.1 ::1)), but the policy declares IP addresses stored: never",
    );
  });

  it('says what the proxied hosts log instead', () => {
    expect(sink('apache/behind-proxy', '/var/log/apache2/proxied.log')).toMatchObject({
      carriesIpAddresses: false,
      description:
        'Apache access log to /var/log/apache2/proxied.log (file /var/log/apache2/proxied.log) with LogFormat "combined" (apache2.conf:6), which holds no client address (<VirtualHost 127.0.0.1:8080> logs its peer\'s address, not the client\'s: it is reachable only on 127.0.0.1:8080 (this machine) and no RemoteIPHeader applies, so its peer is a local proxy: %h holds the proxy\'s address)',
    });
    expect(sink('apache/behind-proxy', '/var/log/apache2/untrusted-error.log')).toMatchObject({
      carriesIpAddresses: false,
      description: expect.stringContaining(
        'RemoteIPHeader X-Forwarded-For is trusted only from 192.0.2.10, which does not cover the local proxy, so its peer is a local proxy: [client IP:port] holds the proxy\'s address',
      ) as string,
    });
  });

  it('holds every Listen on loopback as a proxied main server and `*` host: "stored: never" is verified', async () => {
    const result = await lintFixture('apache/loopback-listen');
    expect(findingsOf(result, 'ip-address-storage')).toEqual([]);
    expect(claimOf(result, 'ipAddresses.stored').verdict).toBe('verified');
    expect(sink('apache/loopback-listen', '/var/log/apache2/chat.log')?.description).toContain(
      "(<VirtualHost *:8080> logs its peer's address, not the client's: httpd listens only on 127.0.0.1:8080, [::1]:8080 (this machine) and no RemoteIPHeader applies, so its peer is a local proxy: %a holds the proxy's address)",
    );
    expect(sink('apache/loopback-listen', '/var/log/apache2/error.log')?.description).toContain("main server logs its peer's address");
  });
});
