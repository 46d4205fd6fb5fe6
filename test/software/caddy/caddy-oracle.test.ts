import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readCaddy } from '../../../src/software/caddy/read-caddy.js';
import { rolledKeepSeconds } from '../../helpers/figure-view.js';
import { filesMissing, findProgram, firstMissing, programsMissing, requireOracle } from '../../helpers/require-program.js';
import { RootFiles } from '../../../src/files/root-files.js';

/**
 * Real Caddy as the oracle (Debian package caddy, 2.6.2 on bookworm): `caddy adapt` turns each
 * valid fixture into JSON config without starting a server; its `logging.logs` must name the
 * same destinations and roll ages as our log sinks and Caddy rolling entries.
 */
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const caddy = findProgram('caddy');

interface AdaptedLog {
  writer?: { output?: string; filename?: string; roll_keep_days?: number };
}

/** What the tests read of `caddy adapt`'s JSON. */
interface Adapted {
  logging?: { logs?: Record<string, AdaptedLog> };
}

function adapt(file: string, home: string): { status: number | null; json?: Adapted; output: string } {
  const run = spawnSync(caddy as string, ['adapt', '--config', file, '--adapter', 'caddyfile'], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, XDG_DATA_HOME: home, XDG_CONFIG_HOME: home },
    encoding: 'utf8',
  });
  const start = run.stdout.indexOf('{');
  return { status: run.status, output: `${run.stdout}${run.stderr}`, ...(run.status === 0 && start >= 0 ? { json: JSON.parse(run.stdout.slice(start)) as Adapted } : {}) };
}

describe('caddy adapt agrees with readCaddy on the Caddy fixtures', () => {
  if (!requireOracle(programsMissing('caddy'), ['caddy'])) return;
  const home = mkdtempSync(join(tmpdir(), 'privacy-lint-caddy-oracle-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('fixtures/caddy/sites: accepted, same log destinations and roll ages', () => {
    const root = join(repo, 'fixtures/caddy/sites');
    const adapted = adapt(join(root, 'etc/caddy/Caddyfile'), home);
    expect(adapted.status, adapted.output).toBe(0);
    const logs = Object.values(adapted.json?.logging?.logs ?? {});
    expect(logs.length, 'caddy adapt gave no logs to compare').toBeGreaterThan(1);
    const theirs = logs.map((l) => l.writer?.filename ?? l.writer?.output ?? 'stderr').sort();
    const reading = readCaddy(new RootFiles(root));
    const ours = reading.practices.flatMap((p) => (p.kind === 'log-sink' ? [p.destination] : [])).sort();
    expect(ours).toEqual(theirs);
    const theirDays = logs.filter((l) => l.writer?.filename !== undefined).map((l) => [l.writer?.filename, (l.writer?.roll_keep_days ?? 90) * 86400]);
    expect(reading.logRetention.map((l) => [l.patterns[0], rolledKeepSeconds(l.retention)]).sort()).toEqual(theirDays.sort());
  });

  it('refuses fixtures/caddy/broken for the reason readCaddy gives first: the import cycle a.caddy → b.caddy', () => {
    const root = join(repo, 'fixtures/caddy/broken');
    const adapted = adapt(join(root, 'etc/caddy/Caddyfile'), home);
    expect(adapted.status).not.toBe(0);
    // Caddy stops at the first error: "Error: a cycle of imports exists between <b> and <a>".
    const cycle = /a cycle of imports exists between (\S+) and (\S+)/.exec(adapted.output);
    expect(cycle?.slice(1).map((f) => relative(root, f)).sort(), adapted.output).toEqual(['etc/caddy/a.caddy', 'etc/caddy/b.caddy']);
    const ours = readCaddy(new RootFiles(root)).diagnostics.find((d) => d.code === 'include-error' && d.message.startsWith('Import cycle'));
    expect([relative(root, ours?.position.file ?? ''), /^Import cycle: \/(\S+) is already being read$/.exec(ours?.message ?? '')?.[1]].sort()).toEqual(['etc/caddy/a.caddy', 'etc/caddy/b.caddy']);
  });
});

describe("caddy adapt on Debian's installed /etc/caddy/Caddyfile", () => {
  if (!requireOracle(firstMissing(programsMissing('caddy'), filesMissing('/etc/caddy/Caddyfile')), ['caddy'])) return;
  const home = mkdtempSync(join(tmpdir(), 'privacy-lint-caddy-oracle-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('has no logs section at all (no access log)', () => {
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
});
