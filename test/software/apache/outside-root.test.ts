import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readApache } from '../../../src/software/apache/read-apache.js';
import { RootFiles } from '../../../src/files/root-files.js';

describe('readApache never reads outside --root', () => {
  const base = mkdtempSync(join(tmpdir(), 'privacy-lint-apache-root-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  const root = join(base, 'root');
  const outside = join(base, 'outside.conf');
  writeFileSync(outside, 'CustomLog /outside.log "%h"\n');
  mkdirSync(join(root, 'etc/apache2/sites-enabled'), { recursive: true });
  // An absolute link is followed as if root were / (chroot-style), so it cannot reach the host file.
  symlinkSync(outside, join(root, 'etc/apache2/sites-enabled/evil.conf'));
  writeFileSync(join(root, 'etc/apache2/apache2.conf'), 'Include ../../../../outside.conf\nIncludeOptional sites-enabled/*.conf\n');
  const r = readApache(new RootFiles(root));

  it('climbing with .. stops at root, and links resolve inside it', () => {
    expect(r.files).toEqual([join(root, 'etc/apache2/apache2.conf')]);
    expect(r.diagnostics).toEqual([
      {
        code: 'include-error',
        message: 'Include ../../../../outside.conf: /outside.conf does not exist under --root',
        position: { file: join(root, 'etc/apache2/apache2.conf'), line: 1, column: 9 },
        suggestion: 'Use IncludeOptional if the files may be absent',
      },
    ]);
    expect(r.practices.some((p) => 'destination' in p && p.destination === '/outside.log')).toBe(false);
  });
});
