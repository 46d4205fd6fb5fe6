import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { versionAtLeast } from '../../../src/software/caddy/caddy-version.js';
import { readCaddy } from '../../../src/software/caddy/read-caddy.js';
import { findProgram, programsMissing, requireOracle } from '../../helpers/require-program.js';
import { RootFiles } from '../../../src/files/root-files.js';

/**
 * What the installed Caddy really logs for the inline form `ip_mask 16 32`: a throwaway Caddy
 * (not the system service) on a free loopback port, admin API off, one request. On 2.6/2.7 the
 * inline numbers are ignored and remote_ip is logged as "<nil>"; from 2.8 it is masked to /16.
 * readCaddy must say the same for that version.
 */
const caddy = findProgram('caddy');

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

describe('the inline ip_mask form on the installed Caddy', () => {
  if (!requireOracle(programsMissing('caddy'), ['caddy']) || caddy === undefined) return;
  const dir = mkdtempSync(join(tmpdir(), 'privacy-lint-caddy-run-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('logs remote_ip the way readCaddy says', async () => {
    const version = /v(\d+\.\d+\.\d+)/.exec(spawnSync(caddy, ['version'], { encoding: 'utf8' }).stdout)?.[1] ?? '0';
    const port = await freePort();
    const log = join(dir, 'access.log');
    const caddyfile = join(dir, 'Caddyfile');
    writeFileSync(
      caddyfile,
      `{\n\tadmin off\n\tauto_https off\n\tstorage file_system ${dir}/data\n}\nhttp://127.0.0.1:${port} {\n\tlog {\n\t\toutput file ${log}\n\t\tformat filter {\n\t\t\twrap json\n\t\t\tfields {\n\t\t\t\trequest>remote_ip ip_mask 16 32\n\t\t\t}\n\t\t}\n\t}\n\trespond "ok"\n}\n`,
    );
    const child = spawn(caddy, ['run', '--config', caddyfile, '--adapter', 'caddyfile'], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir }, stdio: 'ignore' });
    try {
      let answered = false;
      for (let i = 0; i < 50 && !answered; i++) {
        await new Promise((r) => setTimeout(r, 100));
        answered = await fetch(`http://127.0.0.1:${port}/`).then((res) => res.ok, () => false);
      }
      expect(answered).toBe(true);
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      // Stop it by its own pid and wait until it is gone.
      const exited = new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(undefined) : child.once('exit', r)));
      child.kill('SIGTERM');
      await exited;
    }
    const entry = JSON.parse(readFileSync(log, 'utf8').trim().split('\n')[0] as string) as { request: { remote_ip: string } };
    const masked = versionAtLeast(version, '2.8');
    expect(entry.request.remote_ip).toBe(masked ? '127.0.0.0' : '<nil>');

    const reading = readCaddy(new RootFiles(dir), 'Caddyfile', version);
    expect(reading.diagnostics.some((d) => d.code === 'config-warning' && d.message.includes('does not read the inline form'))).toBe(!masked);
  }, 20_000);
});
