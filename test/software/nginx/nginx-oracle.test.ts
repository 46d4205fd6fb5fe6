import { describe, expect, it } from 'vitest';
import { loadNginxTree } from '../../../src/software/nginx/load-tree.js';
import { filesMissing, firstMissing, programsMissing, requireOracle } from '../../helpers/require-program.js';
import { fixtureRoot, readFixture } from './fixture.js';
import { checkWithNginx } from './run-nginx.js';
import { RootFiles } from '../../../src/files/root-files.js';

/**
 * The real nginx (Debian 12's 1.22.1, plus libnginx-mod-stream and libnginx-mod-mail for the
 * stream/mail fixture) as an oracle: every fixture meant to be valid passes `nginx -t`, the ones
 * the reader reports as broken are refused by nginx for the reason the reader gives, at the same
 * file:line, and the files `nginx -T` dumps are the files the reader resolved, in the same order.
 * See run-nginx.ts for how nothing outside a temp dir is touched. Skipped without nginx, except
 * in CI, where its absence is a failure.
 */
const valid = ['inheritance', 'default-log', 'anonymised', 'syslog', 'csp', 'includes', 'error-log-off', 'stream-mail'];

/**
 * Why nginx refuses each broken fixture: its first "[emerg]" line (the reason, and where), and
 * the words of the reader's diagnostic at that place. nginx stops at the first error, so only
 * that one is compared.
 */
const refused: Record<string, { nginxSays: string; at?: string; weSay: string }> = {
  'include-errors': {
    nginxSays: 'open() "/etc/nginx/missing.conf" failed (2: No such file or directory)',
    at: '/etc/nginx/nginx.conf:5',
    weSay: 'include /etc/nginx/missing.conf: no such file',
  },
  // nginx 1.22.1 -t prints nothing here: it recurses through the include cycle until it
  // crashes (SIGSEGV); the reader says that.
  'include-cycle': { nginxSays: 'SIGSEGV', weSay: 'nginx recurses until it crashes (nginx 1.22.1 -t: segmentation fault)' },
  'parse-errors': { nginxSays: 'unexpected "}"', at: '/etc/nginx/nginx.conf:10', weSay: 'unexpected "}"' },
  'format-order': { nginxSays: 'unknown log format "late"', at: '/etc/nginx/nginx.conf:5', weSay: 'unknown log format "late"' },
};

const modules = ['/usr/lib/nginx/modules/ngx_stream_module.so', '/usr/lib/nginx/modules/ngx_mail_module.so'];

describe('nginx itself on the fixtures', () => {
  if (!requireOracle(firstMissing(programsMissing('nginx'), filesMissing(...modules)), ['nginx', 'libnginx-mod-stream', 'libnginx-mod-mail'])) return;

  it.each(valid)('accepts %s', (name) => {
    const check = checkWithNginx(fixtureRoot(name));
    expect(check.output).toBe('');
    expect(check.ok).toBe(true);
    expect(readFixture(name).diagnostics.filter((d) => d.code !== 'config-warning')).toEqual([]);
  });

  it.each(Object.entries(refused))('refuses %s for the reason the reader gives', (name, { nginxSays, at, weSay }) => {
    const check = checkWithNginx(fixtureRoot(name));
    expect(check.ok).toBe(false);
    if (nginxSays === 'SIGSEGV') expect(check.signal).toBe('SIGSEGV');
    else expect(/\[emerg\] \d+#\d+: (.*)$/m.exec(check.output)?.[1], check.output).toBe(`${nginxSays} in ${at ?? '?'}`);
    const root = fixtureRoot(name);
    const ours = readFixture(name).diagnostics.filter((d) => d.code !== 'config-warning' && d.code !== 'unknown-value');
    const place = (d: (typeof ours)[number]): string => `${d.position.file.slice(root.length)}:${d.position.line}`;
    const same = ours.find((d) => d.message.includes(weSay) && (at === undefined || place(d) === at));
    expect(same, ours.map((d) => `${place(d)} ${d.message}`).join('\n')).toBeDefined();
  });

  it.each(valid)('dumps the files the reader resolves for %s, in the same order (nginx -T)', (name) => {
    const check = checkWithNginx(fixtureRoot(name), true);
    expect(check.ok).toBe(true);
    expect(check.files[0]).toBe('/etc/nginx/nginx.conf');
    expect(loadNginxTree(new RootFiles(fixtureRoot(name))).systemFiles).toEqual(check.files);
  });
});
