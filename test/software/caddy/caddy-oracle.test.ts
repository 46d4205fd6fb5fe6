import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readCaddy } from '../../../src/software/caddy/read-caddy.js';
import { RootFiles } from '../../../src/files/root-files.js';

/**
 * Real Caddy as the oracle (Debian package caddy, 2.6.2 on bookworm): `caddy adapt` turns each
 * valid fixture into JSON config without starting a server; its `logging.logs` must name the
 * same destinations and roll ages as our log sinks and Caddy rolling entries.
 */
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const caddy = ['/usr/bin/caddy'].find((p) => existsSync(p));

interface AdaptedLog {
  writer?: { output?: string; filename?: string; roll_keep_days?: number };
}

function adapt(file: string, home: string): { status: number | null; json?: { logging?: { logs?: Record<string, AdaptedLog> } }; output: string } {
  const run = spawnSync(caddy as string, ['adapt', '--config', file, '--adapter', 'caddyfile'], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, XDG_DATA_HOME: home, XDG_CONFIG_HOME: home },
    encoding: 'utf8',
  });
  const start = run.stdout.indexOf('{');
  return { status: run.status, output: `${run.stdout}${run.stderr}`, ...(run.status === 0 && start >= 0 ? { json: JSON.parse(run.stdout.slice(start)) } : {}) };
}

describe('caddy adapt agrees with readCaddy on the Caddy fixtures', () => {
  if (caddy === undefined) {
    if (process.env.CI) {
      it('finds caddy', () => {
        throw new Error('/usr/bin/caddy is missing: install it (apt-get install caddy) to run the Caddy oracle in CI');
      });
    } else it.skip('SKIPPED: /usr/bin/caddy is absent (apt-get install caddy to compare fixtures with real Caddy)', () => {});
    return;
  }
  const home = mkdtempSync(join(tmpdir(), 'privacy-lint-caddy-oracle-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('fixtures/caddy/sites: accepted, same log destinations and roll ages', () => {
    const root = join(repo, 'fixtures/caddy/sites');
    const adapted = adapt(join(root, 'etc/caddy/Caddyfile'), home);
    expect(adapted.status, adapted.output).toBe(0);
    const logs = Object.values(adapted.json?.logging?.logs ?? {});
    const theirs = logs.map((l) => l.writer?.filename ?? l.writer?.output ?? 'stderr').sort();
    const reading = readCaddy(new RootFiles(root));
    const ours = reading.practices.flatMap((p) => (p.kind === 'log-sink' ? [p.destination] : [])).sort();
    expect(ours).toEqual(theirs);
    const theirDays = logs.filter((l) => l.writer?.filename !== undefined).map((l) => [l.writer?.filename, (l.writer?.roll_keep_days ?? 90) * 86400]);
    expect(reading.logRetention.map((l) => [l.patterns[0], l.retention.nominal]).sort()).toEqual(theirDays.sort());
  });

  it('the Debian default Caddyfile has no logs section at all (no access log)', () => {
    if (!existsSync('/etc/caddy/Caddyfile')) return;
    const adapted = adapt('/etc/caddy/Caddyfile', home);
    expect(adapted.status, adapted.output).toBe(0);
    expect(adapted.json?.logging).toBeUndefined();
  });

  it('caddy validate accepts the JSON fixture (no network or certificates needed: http only, admin off)', () => {
    const run = spawnSync(caddy as string, ['validate', '--config', join(repo, 'fixtures/caddy/json/etc/caddy/caddy.json')], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, XDG_DATA_HOME: home, XDG_CONFIG_HOME: home },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stdout + run.stderr).toContain('Valid configuration');
    expect(run.status).toBe(0);
  });

  it('refuses fixtures/caddy/broken', () => {
    expect(adapt(join(repo, 'fixtures/caddy/broken/etc/caddy/Caddyfile'), home).status).not.toBe(0);
  });
});
