import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readApache } from '../../../src/software/apache/read-apache.js';
import { RootFiles } from '../../../src/files/root-files.js';

/**
 * The Content-Security-Policy headers the installed httpd (Debian apache2) really sends on the
 * fixtures/web Apache trees: a page (200) carries what readApache reads for the virtual host —
 * both mod_headers tables — and a 404 what the table below says.
 * The fixture's etc/apache2 is copied to a temp dir; Listen and <VirtualHost> move to a free
 * loopback port, CustomLog lines are dropped, DocumentRoots point into the copy; httpd runs in
 * the foreground (-X) and is stopped by its own pid.
 */
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const apache2 = ['/usr/sbin/apache2'].find((p) => existsSync(p));

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

function get(port: number, host: string, path: string): Promise<{ status: number; csp: string | undefined }> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: host } }, (res) => {
      res.resume();
      const value = res.headers['content-security-policy'];
      done({ status: res.statusCode ?? 0, csp: Array.isArray(value) ? value.join(', ') : value });
    });
    req.once('error', fail);
    req.end();
  });
}

function rewriteFiles(dir: string, edit: (text: string) => string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) rewriteFiles(path, edit);
    else if (entry.isFile()) writeFileSync(path, edit(readFileSync(path, 'utf8')));
  }
}

describe('httpd sends the Content-Security-Policy headers readApache reads', () => {
  if (apache2 === undefined) {
    if (process.env.CI) {
      it('finds apache2', () => {
        throw new Error('/usr/sbin/apache2 is missing: install it (apt-get install apache2) to run the Apache oracle in CI');
      });
    } else it.skip('SKIPPED: /usr/sbin/apache2 is absent (apt-get install apache2 to compare headers with real httpd)', () => {});
    return;
  }
  const temp = mkdtempSync(join(tmpdir(), 'privacy-lint-apache-csp-'));
  // Run as root, httpd serves pages as an unprivileged user.
  chmodSync(temp, 0o755);
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  /**
   * Per fixture: the CSP a 404 carries per site. httpd's own error page carries only the
   * "always" table (www and chat of the violating tree); a local ErrorDocument page carries
   * both tables, like any page (compliant www, violating docs).
   */
  const errorPages: Record<string, Record<string, string | undefined>> = {
    'apache/compliant': {
      'www.example.org': "default-src 'self', default-src 'self' https://cdn.example.com",
      'upload.example.org': "default-src 'self', script-src https://cdn.example.com",
    },
    'apache/violating': {
      'www.example.org': "default-src 'self'; script-src-elem https://cdn.example.com",
      'chat.example.org': undefined,
      'docs.example.org': 'default-src https:',
    },
  };

  it.each(Object.keys(errorPages))('fixtures/web/%s', async (name) => {
    const fixture = join(repo, 'fixtures/web', name);
    const copy = join(temp, name.replace('/', '-'));
    const serverRoot = join(copy, 'etc/apache2');
    cpSync(join(fixture, 'etc/apache2'), serverRoot, { recursive: true });
    const port = await freePort();
    const docs = join(copy, 'www');
    rewriteFiles(serverRoot, (text) =>
      text
        .replace(/^Listen 80$/m, `Listen 127.0.0.1:${port}`)
        .replace(/<VirtualHost \*:80>/g, `<VirtualHost *:${port}>`)
        .replace(/^\s*CustomLog .*$/gm, '')
        .replace(/DocumentRoot \/var\/www\//g, `DocumentRoot ${docs}/`),
    );
    for (const site of ['html', 'chat', 'docs', 'upload']) {
      mkdirSync(join(docs, site), { recursive: true });
      writeFileSync(join(docs, site, 'index.html'), '<p>page</p>\n');
      writeFileSync(join(docs, site, '404.html'), '<p>missing</p>\n');
    }
    mkdirSync(join(copy, 'logs'), { recursive: true });

    const sites = readApache(new RootFiles(fixture)).practices.flatMap((p) => (p.kind === 'website-resources' ? [[p.subject.name, p.contentSecurityPolicy]] : []));
    expect(sites.map(([host]) => host).sort()).toEqual(Object.keys(errorPages[name] as object).sort());
    const args = ['-X', '-d', serverRoot, '-f', join(serverRoot, 'apache2.conf'), '-C', `DefaultRuntimeDir ${copy}`, '-C', `PidFile ${copy}/pid`, '-C', 'ServerName localhost'];
    const child = spawn(apache2, args, { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', APACHE_LOG_DIR: join(copy, 'logs') }, stdio: 'ignore' });
    try {
      let up = false;
      for (let i = 0; i < 50 && !up; i++) {
        await new Promise((r) => setTimeout(r, 100));
        up = await get(port, 'probe.invalid', '/').then(() => true, () => false);
      }
      expect(up).toBe(true);
      for (const [host, policy] of sites) {
        const page = await get(port, host as string, '/index.html');
        expect([host, page.status, page.csp]).toEqual([host, 200, policy]);
        const missing = await get(port, host as string, '/missing');
        expect([host, missing.status, missing.csp]).toEqual([host, 404, errorPages[name]?.[host as string]]);
      }
    } finally {
      child.kill('SIGTERM');
    }
  }, 30_000);
});
