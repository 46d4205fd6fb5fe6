import { describe, expect, it } from 'vitest';
import { loadNginxTree } from '../../../src/software/nginx/load-tree.js';
import { fixtureRoot, readFixture } from './fixture.js';
import { checkWithNginx, nginxBinary } from './run-nginx.js';
import { RootFiles } from '../../../src/files/root-files.js';

/**
 * The real nginx (Debian 12's 1.22.1, plus libnginx-mod-stream and libnginx-mod-mail for the
 * stream/mail fixture) as an oracle: every fixture meant to be valid passes `nginx -t`, the ones
 * the reader reports as broken are refused by nginx too, and the files `nginx -T` dumps are the
 * files the reader resolved, in the same order. See run-nginx.ts for how nothing outside a temp
 * dir is touched. Skipped without nginx, except in CI, where its absence is a failure.
 */
const valid = ['inheritance', 'default-log', 'anonymised', 'syslog', 'csp', 'includes', 'error-log-off', 'stream-mail'];
const refused = ['include-errors', 'include-cycle', 'parse-errors', 'format-order'];
const streamModule = '/usr/lib/nginx/modules/ngx_stream_module.so';

describe('nginx itself on the fixtures', () => {
  if (!nginxBinary) {
    if (process.env['CI']) {
      it('is installed in CI', () => {
        expect.fail('nginx is missing: CI must install nginx libnginx-mod-stream libnginx-mod-mail');
      });
    } else {
      it.skip('SKIPPED: nginx is not installed (apt-get install -y nginx libnginx-mod-stream libnginx-mod-mail)', () => {});
    }
    return;
  }

  it.each(valid)('accepts %s', async (name) => {
    if (name === 'stream-mail' && !(await import('node:fs')).existsSync(streamModule) && !process.env['CI']) return;
    const check = checkWithNginx(fixtureRoot(name));
    expect(check.output).toBe('');
    expect(check.ok).toBe(true);
    expect(readFixture(name).diagnostics.filter((d) => d.code !== 'config-warning')).toEqual([]);
  });

  it.each(refused)('refuses %s, which the reader reports as broken', (name) => {
    expect(checkWithNginx(fixtureRoot(name)).ok).toBe(false);
    expect(readFixture(name).diagnostics.filter((d) => d.code !== 'config-warning' && d.code !== 'unknown-value').length).toBeGreaterThan(0);
  });

  it.each(valid)('dumps the files the reader resolves for %s, in the same order (nginx -T)', async (name) => {
    if (name === 'stream-mail' && !(await import('node:fs')).existsSync(streamModule) && !process.env['CI']) return;
    const check = checkWithNginx(fixtureRoot(name), true);
    expect(check.ok).toBe(true);
    expect(loadNginxTree(new RootFiles(fixtureRoot(name))).systemFiles).toEqual(check.files);
  });
});
