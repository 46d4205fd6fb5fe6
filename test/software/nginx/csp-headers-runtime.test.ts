import { spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readNginx } from '../../../src/software/nginx/read-nginx.js';
import { nginxBinary, rewrite } from './run-nginx.js';
import { RootFiles } from '../../../src/files/root-files.js';

/**
 * The Content-Security-Policy headers the installed nginx really sends on the fixtures/web nginx
 * trees: a page (200) carries what readNginx reads for the server, and an error page carries only
 * the `always` headers. The fixture is copied to a temp dir with its system paths rewritten into
 * the copy (run-nginx.ts), every `listen` moved to a free loopback port, access logs off, temp
 * paths in the copy; nginx runs in the foreground and is stopped by its own pid.
 */
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

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

describe('nginx sends the Content-Security-Policy headers readNginx reads', () => {
  if (nginxBinary === undefined) {
    if (process.env.CI) {
      it('finds nginx', () => {
        throw new Error('nginx is missing: install it (apt-get install nginx) to run the nginx oracle in CI');
      });
    } else it.skip('SKIPPED: nginx is absent (apt-get install nginx to compare headers with real nginx)', () => {});
    return;
  }
  const temp = mkdtempSync(join(tmpdir(), 'privacy-lint-nginx-csp-'));
  // Run as root, nginx's workers drop to an unprivileged user that must be able to read the pages.
  chmodSync(temp, 0o755);
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  /** Per fixture: the CSP an error page (404) carries for each server, from the fixture's own comments. */
  const errorPages: Record<string, Record<string, string | undefined>> = {
    // Both http-level policies are marked "always".
    'nginx/compliant': { 'www.example.org': "default-src 'self'; img-src *, script-src 'self'; style-src 'self'; font-src 'self'" },
    'nginx/violating': {
      'www.example.org': "default-src 'self'; script-src-elem https://cdn.example.com",
      'chat.example.org': undefined,
      // add_header without "always": nothing on the 404 page.
      'docs.example.org': undefined,
    },
  };

  it.each(Object.keys(errorPages))('fixtures/web/%s', async (name) => {
    const fixture = join(repo, 'fixtures/web', name);
    const root = join(temp, name.replace('/', '-'));
    cpSync(fixture, root, { recursive: true });
    rewrite(root, root);
    const port = await freePort();
    const conf = join(root, 'etc/nginx/nginx.conf');
    const temps = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${root}/tmp/${t};`).join(' ');
    const text = readFileSync(conf, 'utf8')
      .replace(/listen\s+80;/g, `listen 127.0.0.1:${port};`)
      .replace(/^(\s*)access_log\s[^;]*;/gm, '$1access_log off;')
      .replace(/^http \{/m, `http {\n    ${temps}`);
    writeFileSync(conf, text);
    for (const [, dir] of text.matchAll(/root (\S+);/g)) {
      mkdirSync(dir as string, { recursive: true });
      writeFileSync(join(dir as string, 'index.html'), '<p>page</p>\n');
      writeFileSync(join(dir as string, '404.html'), '<p>missing</p>\n');
    }
    mkdirSync(join(root, 'tmp'), { recursive: true });

    const sites = readNginx(new RootFiles(fixture)).practices.flatMap((p) => (p.kind === 'website-resources' ? [[p.subject.name.replace(/^server /, ''), p.contentSecurityPolicy]] : []));
    expect(sites.map(([host]) => host).sort()).toEqual(Object.keys(errorPages[name] as object).sort());
    const child = spawn(nginxBinary as string, ['-c', conf, '-p', `${root}/`, '-e', 'stderr', '-g', `pid ${root}/nginx.pid; daemon off;`], { stdio: 'ignore' });
    try {
      let up = false;
      for (let i = 0; i < 50 && !up; i++) {
        await new Promise((r) => setTimeout(r, 100));
        up = await get(port, 'probe.invalid', '/').then(() => true, () => false);
      }
      expect(up).toBe(true);
      for (const [host, policy] of sites) {
        const page = await get(port, host as string, '/');
        expect([host, page.status, page.csp]).toEqual([host, 200, policy]);
        const missing = await get(port, host as string, '/missing');
        expect([host, missing.status, missing.csp]).toEqual([host, 404, errorPages[name]?.[host as string]]);
      }
    } finally {
      child.kill('SIGTERM');
    }
  }, 30_000);
});
