import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Real httpd as the oracle: `apache2 -t` (config test, Debian package apache2) must accept each
 * valid fixture and refuse the broken one. Runtime paths point into a temp dir, so nothing
 * touches /etc, /var or /run; no server is started.
 */
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const apache2 = ['/usr/sbin/apache2'].find((p) => existsSync(p));

function configTest(serverRoot: string, main: string, tmp: string): { status: number | null; output: string } {
  mkdirSync(join(tmp, 'logs/sites'), { recursive: true });
  const run = spawnSync(
    apache2 as string,
    ['-t', '-d', serverRoot, '-f', main, '-C', `DefaultRuntimeDir ${tmp}`, '-C', `PidFile ${tmp}/pid`, '-C', 'ServerName localhost'],
    // The fixtures' envvars name /srv/weblogs; the oracle's error-log directory check needs one that exists.
    { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', APACHE_LOG_DIR: join(tmp, 'logs') }, encoding: 'utf8' },
  );
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('apache2 -t accepts the valid Apache fixtures', () => {
  if (apache2 === undefined) {
    if (process.env.CI) {
      it('finds apache2', () => {
        throw new Error('/usr/sbin/apache2 is missing: install it (apt-get install apache2) to run the Apache oracle in CI');
      });
    } else it.skip('SKIPPED: /usr/sbin/apache2 is absent (apt-get install apache2 to compare fixtures with real httpd)', () => {});
    return;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'privacy-lint-apache-oracle-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('fixtures/apache/sites (Debian layout)', () => {
    const serverRoot = join(repo, 'fixtures/apache/sites/etc/apache2');
    const result = configTest(serverRoot, join(serverRoot, 'apache2.conf'), join(tmp, 'sites'));
    expect(result.output).toContain('Syntax OK');
    expect(result.status).toBe(0);
  });

  it('fixtures/apache/httpd (Red Hat layout; its ServerRoot line pointed at a temp copy)', () => {
    const copy = join(tmp, 'httpd-root');
    cpSync(join(repo, 'fixtures/apache/httpd/etc/httpd'), copy, { recursive: true });
    // Red Hat ships /etc/httpd/logs as a link to /var/log/httpd; httpd -t checks log directories exist.
    mkdirSync(join(copy, 'logs'));
    const main = join(copy, 'conf/httpd.conf');
    writeFileSync(main, readFileSync(main, 'utf8').replace(/^ServerRoot .*$/m, `ServerRoot "${copy}"`));
    const result = configTest(copy, main, join(tmp, 'httpd'));
    expect(result.output).toContain('Syntax OK');
    expect(result.status).toBe(0);
  });

  it('refuses fixtures/apache/broken', () => {
    const serverRoot = join(repo, 'fixtures/apache/broken/etc/apache2');
    const result = configTest(serverRoot, join(serverRoot, 'apache2.conf'), join(tmp, 'broken'));
    expect(result.status).not.toBe(0);
  });
});
