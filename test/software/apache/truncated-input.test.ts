import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readApache } from '../../../src/software/apache/read-apache.js';
import { RootFiles } from '../../../src/files/root-files.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

describe('readApache with a site file cut short anywhere', () => {
  const root = mkdtempSync(join(tmpdir(), 'privacy-lint-apache-cut-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  cpSync(join(repo, 'fixtures/apache/sites'), root, { recursive: true });
  const site = join(root, 'etc/apache2/sites-enabled/30-chat.conf');
  const text = readFileSync(site, 'utf8');
  it('never throws, keeps reading the other sites, positions every diagnostic in a file read', () => {
    for (let cut = 0; cut <= text.length; cut += 3) {
      writeFileSync(site, text.slice(0, cut));
      const r = readApache(new RootFiles(root));
      expect(r.practices.some((p) => p.kind === 'ip-address' && p.destination === '/srv/weblogs/other_vhosts_access.log')).toBe(true);
      for (const d of r.diagnostics) expect(r.files).toContain(d.position.file);
    }
  });
});
