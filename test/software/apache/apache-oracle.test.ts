import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readApache } from '../../../src/software/apache/read-apache.js';
import { programsMissing, requireOracle } from '../../helpers/require-program.js';
import { configTest } from './run-apache.js';
import { RootFiles } from '../../../src/files/root-files.js';

/**
 * Real httpd as the oracle: `apache2 -t` (config test, Debian package apache2) must accept each
 * valid fixture and refuse the broken one. Runtime paths point into a temp dir, so nothing
 * touches /etc, /var or /run; no server is started.
 */
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

describe('apache2 -t accepts the valid Apache fixtures', () => {
  if (!requireOracle(programsMissing('apache2'), ['apache2'])) return;
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

  it('refuses fixtures/apache/broken for the reason the reader gives first: conf.d/loop.conf line 2 includes itself', () => {
    const serverRoot = join(repo, 'fixtures/apache/broken/etc/apache2');
    const result = configTest(serverRoot, join(serverRoot, 'apache2.conf'), join(tmp, 'broken'));
    expect(result.status).not.toBe(0);
    // httpd stops at the first error and nests "Syntax error on line N of FILE:" once per
    // include level: apache2.conf line 2, then loop.conf line 2 over and over (the message is
    // cut off before any reason, so the chain of places is what it says).
    const chain = [...result.output.matchAll(/Syntax error on line (\d+) of ([^:]+):/g)].map((m) => `${relative(serverRoot, m[2] as string)}:${m[1] as string}`);
    expect(chain.slice(0, 4), result.output.slice(0, 500)).toEqual(['apache2.conf:2', 'conf.d/loop.conf:2', 'conf.d/loop.conf:2', 'conf.d/loop.conf:2']);
    const ours = readApache(new RootFiles(join(repo, 'fixtures/apache/broken'))).diagnostics.find((d) => d.code === 'include-error');
    expect(ours).toMatchObject({ message: 'Include cycle: /etc/apache2/conf.d/loop.conf is already being read', position: { file: join(serverRoot, 'conf.d/loop.conf'), line: 2 } });
  });
});
