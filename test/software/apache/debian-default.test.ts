import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readApache } from '../../../src/software/apache/read-apache.js';
import { filesMissing, requireOracle } from '../../helpers/require-program.js';
import { RootFiles } from '../../../src/files/root-files.js';

/** Debian's own /etc/apache2 from the installed apache2 package, copied into a temp root (never into the repo). */
const installed = '/etc/apache2/apache2.conf';

describe("readApache on Debian's default configuration (installed apache2 package)", () => {
  if (!requireOracle(filesMissing(installed), ['apache2'])) return;
  const root = mkdtempSync(join(tmpdir(), 'privacy-lint-apache-'));
  cpSync('/etc/apache2', join(root, 'etc/apache2'), { recursive: true, verbatimSymlinks: true });
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const r = readApache(new RootFiles(root));
  const conf = (path: string) => join(root, 'etc/apache2', path);

  it('reads the whole Debian tree without a diagnostic', () => {
    expect(r.diagnostics).toEqual([]);
    expect(r.files).toContain(conf('envvars'));
    expect(r.files).toContain(conf('sites-enabled/000-default.conf'));
    expect(r.files).toContain(conf('conf-enabled/other-vhosts-access-log.conf'));
  });

  it('000-default logs %h (combined) to /var/log/apache2/access.log, from ${APACHE_LOG_DIR} in envvars', () => {
    const ip = r.practices.find((p) => p.kind === 'ip-address' && p.destination === '/var/log/apache2/access.log');
    expect(ip).toMatchObject({
      certainty: true,
      which: 'all',
      description: "access log /var/log/apache2/access.log: `%h` (the client's IP address)",
      evidence: [{ file: conf('sites-enabled/000-default.conf'), line: 21, note: expect.stringMatching(/^CustomLog \/var\/log\/apache2\/access\.log combined; \$\{APACHE_LOG_DIR\} = \/var\/log\/apache2 \(envvars line \d+\)$/) as unknown }, expect.anything()],
    });
  });

  it('the error log carries [client IP:port] at LogLevel warn', () => {
    const sink = r.practices.find((p) => p.kind === 'log-sink' && p.destination === '/var/log/apache2/error.log');
    expect(sink).toMatchObject({ carriesIpAddresses: true, minLevel: 'warn' });
    // Only request-related messages name the client.
    expect(r.practices.filter((p) => p.kind === 'ip-address' && p.destination === '/var/log/apache2/error.log').map((p) => p.kind === 'ip-address' && p.which)).toEqual(['some', 'some']);
  });

  it('other_vhosts_access.log (vhost_combined, %h in column 2) is the main server log', () => {
    const ip = r.practices.find((p) => p.kind === 'ip-address' && p.destination === '/var/log/apache2/other_vhosts_access.log');
    expect(ip).toMatchObject({ certainty: true, suggestion: expect.stringContaining('--column 2') as unknown });
  });

  it('the default site sends no Content-Security-Policy', () => {
    expect(r.practices.filter((p) => p.kind === 'website-resources').map((p) => p.thirdPartyAllowed)).toEqual([true]);
  });
});
