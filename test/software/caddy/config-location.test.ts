import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { adapterFor, locateCaddyConfigs } from '../../../src/software/caddy/config-location.js';
import { readCaddy } from '../../../src/software/caddy/read-caddy.js';
import { RootFiles } from '../../../src/files/root-files.js';
import { locateInFile } from '../../helpers/locate-in-file.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const fixture = (name: string): string => join(repo, 'fixtures/web', name);
const locate = (root: string) => locateCaddyConfigs(new RootFiles(root), { files: [], diagnostics: [] });

describe('locateCaddyConfigs: the config caddy.service runs', () => {
  it('follows a drop-in that clears ExecStart= and names --config=FILE (a JSON file)', () => {
    const found = locate(fixture('caddy-json/compliant'));
    const dropIn = join(fixture('caddy-json/compliant'), 'etc/systemd/system/caddy.service.d/json.conf');
    expect(found.configs).toEqual([{ path: '/etc/caddy/site.json', adapter: 'json', namedAt: locateInFile(dropIn, '--config=', '#') }]);
  });

  it('takes --adapter caddyfile for a file not named Caddyfile', () => {
    expect(locate(fixture('caddyfile/violating')).configs.map((c) => [c.path, c.adapter])).toEqual([['/etc/caddy/xmpp.conf', 'caddyfile']]);
  });

  it('without caddy.service, reads the standard files that exist', () => {
    expect(locate(fixture('caddyfile/compliant')).configs).toEqual([{ path: '/etc/caddy/Caddyfile', adapter: 'caddyfile' }]);
    expect(locate(fixture('caddy-json/violating')).configs).toEqual([{ path: '/etc/caddy/caddy.json', adapter: 'json' }]);
  });
});

describe('readCaddy: what the service names but cannot be read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'privacy-lint-caddy-unit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const withExecStart = (name: string, execStart: string): string => {
    const root = join(dir, name);
    const units = join(root, 'etc/systemd/system');
    mkdirSync(units, { recursive: true });
    mkdirSync(join(root, 'etc/caddy'), { recursive: true });
    writeFileSync(join(units, 'caddy.service'), `[Service]\nExecStart=${execStart}\n`);
    writeFileSync(join(root, 'etc/caddy/Caddyfile'), ':80 {\n\trespond "not what runs"\n}\n');
    return root;
  };

  it('a missing --config file is an include-error at the flag value, and the Caddyfile is not read instead', () => {
    const r = readCaddy(new RootFiles(withExecStart('missing', '/usr/bin/caddy run --environ --config /etc/caddy/gone.json')));
    // Line 2 of the unit; the column of the path after "ExecStart=".
    const column = 'ExecStart=/usr/bin/caddy run --environ --config '.length + 1;
    expect(r.diagnostics.map((d) => [d.code, d.position.line, d.position.column, d.message])).toEqual([
      ['include-error', 2, column, 'caddy.service runs Caddy with /etc/caddy/gone.json, which is not under --root (Caddy would refuse to start)'],
    ]);
    expect(r.practices).toEqual([]);
  });

  it('a config known only at run time, --resume without --config, and single-dash flags: unknown-value, nothing guessed', () => {
    const codes = (execStart: string, name: string) => readCaddy(new RootFiles(withExecStart(name, execStart))).diagnostics.map((d) => [d.code, d.message]);
    expect(codes('/usr/bin/caddy run --config ${CADDY_CONFIG}', 'variable')).toEqual([['unknown-value', 'caddy.service names its config with ${CADDY_CONFIG}, known only when systemd starts it']]);
    expect(codes('/usr/bin/caddy run --environ --resume', 'resume')[0]?.[1]).toContain('--resume and no --config');
    expect(codes('/usr/bin/caddy run -c /etc/caddy/Caddyfile', 'short')[0]?.[1]).toBe(
      'caddy.service passes -c to caddy, which Caddy 2.6.2 refuses (it takes --config and --adapter), so which config runs cannot be told',
    );
  });
});

/**
 * Real Caddy as the oracle (Debian package caddy 2.6.2): `caddy validate` loads a config the way
 * `caddy run` does (cmd/main.go loadConfigWithLogger), so it shows which adapter a file name
 * gets and that the file and adapter we read from caddy.service are what Caddy accepts.
 */
describe('caddy validate agrees on the adapter and on the files caddy.service names', () => {
  const caddy = ['/usr/bin/caddy'].find((p) => existsSync(p));
  if (caddy === undefined) {
    if (process.env.CI) {
      it('finds caddy', () => {
        throw new Error('/usr/bin/caddy is missing: install it (apt-get install caddy) to run the Caddy oracle in CI');
      });
    } else it.skip('SKIPPED: /usr/bin/caddy is absent (apt-get install caddy to compare with real Caddy)', () => {});
    return;
  }
  const home = mkdtempSync(join(tmpdir(), 'privacy-lint-caddy-validate-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));
  const validate = (args: string[]) => {
    const run = spawnSync(caddy, ['validate', ...args], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, XDG_DATA_HOME: home, XDG_CONFIG_HOME: home },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { ok: run.status === 0 && `${run.stdout}${run.stderr}`.includes('Valid configuration'), output: `${run.stdout}${run.stderr}` };
  };

  it.each([
    ['xmpp.conf', undefined],
    ['xmpp.conf', 'caddyfile'],
    ['Caddyfile.prod', undefined],
    ['Caddyfile.json', undefined],
    ['caddyfile', undefined],
  ])('a Caddyfile saved as %s with --adapter %s is read as adapterFor says', (name, adapter) => {
    const file = join(home, name);
    writeFileSync(file, ':8080 {\n\trespond "hi"\n}\n');
    const result = validate(['--config', file, ...(adapter !== undefined ? ['--adapter', adapter] : [])]);
    // Read as a Caddyfile it is valid; read as JSON it is refused.
    expect(result.ok, result.output).toBe(adapterFor(file, adapter) === 'caddyfile');
  });

  it.each(['caddyfile/violating', 'caddy-json/compliant'])('fixtures/web/%s: the file and adapter from caddy.service validate', (name) => {
    const [config] = locate(fixture(name)).configs;
    const args = ['--config', join(fixture(name), config!.path), ...(config!.adapter === 'json' ? [] : ['--adapter', config!.adapter])];
    const result = validate(args);
    expect(result.ok, result.output).toBe(true);
  });
});
