import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCaddy } from '../../../src/software/caddy/read-caddy.js';
import { filesMissing, requireOracle } from '../../helpers/require-program.js';
import { RootFiles } from '../../../src/files/root-files.js';

/** Debian's own /etc/caddy/Caddyfile from the installed caddy package, copied into a temp root. */
const installed = '/etc/caddy/Caddyfile';

describe("readCaddy on Debian's default Caddyfile (installed caddy package)", () => {
  if (!requireOracle(filesMissing(installed), ['caddy'])) return;
  const root = mkdtempSync(join(tmpdir(), 'privacy-lint-caddy-'));
  cpSync('/etc/caddy', join(root, 'etc/caddy'), { recursive: true });
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const r = readCaddy(new RootFiles(root));

  it('has no access log (no `log` in the :80 site), only the default logger on stderr', () => {
    expect(r.diagnostics).toEqual([]);
    expect(r.practices.filter((p) => p.kind === 'log-sink').map((p) => [p.destination, p.carriesIpAddresses])).toEqual([['stderr', true]]);
    expect(r.practices.filter((p) => p.kind === 'ip-address').map((p) => p.which)).toEqual(['some']);
    expect(r.logRetention).toEqual([]);
  });

  it('the :80 site sends no Content-Security-Policy', () => {
    expect(r.practices.filter((p) => p.kind === 'website-resources').map((p) => [p.subject.name, p.thirdPartyAllowed])).toEqual([[':80', true]]);
  });
});
