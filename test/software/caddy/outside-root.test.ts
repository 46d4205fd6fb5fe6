import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCaddy } from '../../../src/software/caddy/read-caddy.js';
import { RootFiles } from '../../../src/files/root-files.js';

describe('readCaddy never reads outside --root', () => {
  const base = mkdtempSync(join(tmpdir(), 'privacy-lint-caddy-root-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  const root = join(base, 'root');
  const outside = join(base, 'outside.caddy');
  writeFileSync(outside, 'log {\n\toutput file /outside.log\n}\n');
  mkdirSync(join(root, 'etc/caddy'), { recursive: true });
  symlinkSync(outside, join(root, 'etc/caddy/evil.caddy'));
  writeFileSync(join(root, 'etc/caddy/Caddyfile'), 'a.org {\n\timport ../../../../outside.caddy\n\timport evil.caddy\n}\n');
  const r = readCaddy(new RootFiles(root));

  it('climbing with .. stops at root, and links resolve inside it', () => {
    const file = join(root, 'etc/caddy/Caddyfile');
    expect(r.files).toEqual([file]);
    expect(r.diagnostics.map((d) => [d.code, d.message, d.position.line])).toEqual([
      ['include-error', 'import ../../../../outside.caddy: /outside.caddy does not exist under --root (Caddy refuses the config)', 2],
      ['include-error', 'import evil.caddy: /etc/caddy/evil.caddy does not exist under --root (Caddy refuses the config)', 3],
    ]);
    expect(r.practices.some((p) => 'destination' in p && p.destination === '/outside.log')).toBe(false);
  });
});
