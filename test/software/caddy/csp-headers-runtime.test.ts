import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { locateCaddyConfigs } from '../../../src/software/caddy/config-location.js';
import { readCaddy } from '../../../src/software/caddy/read-caddy.js';
import { RootFiles } from '../../../src/files/root-files.js';

/**
 * The Content-Security-Policy headers the installed Caddy really sends for each site of the
 * fixtures/web Caddy trees must be the ones readCaddy says (several headers joined with ", ", as
 * Node joins them). Each config (a Caddyfile is turned into JSON by `caddy adapt`) runs in a
 * throwaway Caddy on a free loopback port, with the admin API and logging off; one request per
 * site, by Host header. The process is stopped by its own pid.
 */
const caddy = existsSync('/usr/bin/caddy') ? '/usr/bin/caddy' : undefined;
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

function cspOf(port: number, host: string): Promise<string | undefined> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, path: '/', headers: { Host: host } }, (res) => {
      res.resume();
      const value = res.headers['content-security-policy'];
      done(Array.isArray(value) ? value.join(', ') : value);
    });
    req.once('error', fail);
    req.end();
  });
}

type Json = Record<string, unknown>;

describe('Caddy sends the Content-Security-Policy headers readCaddy reads', () => {
  if (caddy === undefined) {
    if (process.env.CI) {
      it('finds caddy', () => {
        throw new Error('/usr/bin/caddy is missing: install it (apt-get install caddy) to run the Caddy oracle in CI');
      });
    } else it.skip('SKIPPED: /usr/bin/caddy is absent (apt-get install caddy to compare headers with real Caddy)', () => {});
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'privacy-lint-caddy-csp-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir };

  it.each(['caddyfile/compliant', 'caddyfile/violating', 'caddy-json/compliant', 'caddy-json/violating'])('fixtures/web/%s', async (name) => {
    const root = join(repo, 'fixtures/web', name);
    const [config] = locateCaddyConfigs(new RootFiles(root), { files: [], diagnostics: [] }).configs;
    const file = join(root, config!.path);
    let json: Json;
    if (config!.adapter === 'json') json = JSON.parse(readFileSync(file, 'utf8')) as Json;
    else {
      const adapted = spawnSync(caddy, ['adapt', '--config', file, '--adapter', config!.adapter], { env, encoding: 'utf8' });
      expect(adapted.status, adapted.stderr).toBe(0);
      json = JSON.parse(adapted.stdout) as Json;
    }
    // Loopback only, nothing written outside the temp directory.
    const port = await freePort();
    delete json.logging;
    json.admin = { disabled: true };
    json.storage = { module: 'file_system', root: join(dir, 'data') };
    const servers = ((json.apps as Json).http as Json).servers as Record<string, Json>;
    for (const server of Object.values(servers)) {
      server.listen = [`127.0.0.1:${port}`];
      server.automatic_https = { disable: true };
      delete server.logs;
    }
    const runnable = join(dir, `${name.replace('/', '-')}.json`);
    writeFileSync(runnable, JSON.stringify(json));

    const sites = readCaddy(new RootFiles(root)).practices.flatMap((p) => (p.kind === 'website-resources' ? [[p.subject.name.replace(/^http:\/\//, ''), p.contentSecurityPolicy]] : []));
    expect(sites.length).toBeGreaterThan(0);
    const child = spawn(caddy, ['run', '--config', runnable], { env, stdio: 'ignore' });
    try {
      let up = false;
      for (let i = 0; i < 50 && !up; i++) {
        await new Promise((r) => setTimeout(r, 100));
        up = await cspOf(port, 'probe.invalid').then(() => true, () => false);
      }
      expect(up).toBe(true);
      const sent: [string, string | undefined][] = [];
      for (const [host] of sites) sent.push([host as string, await cspOf(port, host as string)]);
      expect(sent).toEqual(sites);
    } finally {
      child.kill('SIGTERM');
    }
  }, 30_000);
});
