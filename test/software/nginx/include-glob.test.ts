import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RootFiles } from '../../../src/files/root-files.js';
import { expandGlob, isGlob } from '../../../src/software/nginx/include-glob.js';
import { readNginx } from '../../../src/software/nginx/read-nginx.js';

const root = mkdtempSync(join(tmpdir(), 'nginx-glob-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const dir = join(root, 'etc/nginx/conf.d');
mkdirSync(dir, { recursive: true });
for (const name of ['B.conf', 'a.conf', 'b.conf', '_z.conf', '.dot.conf', 'c1.conf', 'c22.conf', '*.conf', 'x.txt']) writeFileSync(join(dir, name), '');
mkdirSync(join(dir, 'sub.conf'));
symlinkSync('/etc/nginx/absent.conf', join(dir, 'dangling.conf'));

describe('include masks (glob(3) with flags 0)', () => {
  const files = new RootFiles(root);
  const names = (pattern: string) => expandGlob(files, pattern).map((p) => p.slice('/etc/nginx/conf.d/'.length));

  it('treats a path as a mask only when it has *, ? or [', () => {
    expect([isGlob('a.conf'), isGlob('*.conf'), isGlob('a?.conf'), isGlob('[ab].conf')]).toEqual([false, true, true, true]);
  });

  it('sorts by bytes (C locale), hides dot files from wildcards, and returns dangling links and directories', () => {
    expect(names('/etc/nginx/conf.d/*.conf')).toEqual(['*.conf', 'B.conf', '_z.conf', 'a.conf', 'b.conf', 'c1.conf', 'c22.conf', 'dangling.conf', 'sub.conf']);
    expect(names('/etc/nginx/conf.d/.*.conf')).toEqual(['.dot.conf']);
  });

  it('matches ?, bracket expressions with ranges and negation, and backslash escapes', () => {
    expect(names('/etc/nginx/conf.d/c?.conf')).toEqual(['c1.conf']);
    expect(names('/etc/nginx/conf.d/[a-b].conf')).toEqual(['a.conf', 'b.conf']);
    expect(names('/etc/nginx/conf.d/[!a-b_*]*.conf')).toEqual(['B.conf', 'c1.conf', 'c22.conf', 'dangling.conf', 'sub.conf']);
    expect(names('/etc/nginx/conf.d/\\*.conf')).toEqual(['*.conf']);
    expect(names('/etc/nginx/nowhere/*.conf')).toEqual([]);
  });

  it('reports what nginx cannot open from a mask at the include line (nginx 1.22.1: open() failed / pread() failed: Is a directory)', () => {
    writeFileSync(join(root, 'etc/nginx/nginx.conf'), 'events {}\nhttp {\n  include conf.d/d*.conf;\n  include conf.d/sub.*;\n}\n');
    const reading = readNginx(new RootFiles(root));
    expect(reading.diagnostics.map((d) => `${d.position.line}:${d.position.column} ${d.message}`)).toEqual([
      '3:3 include /etc/nginx/conf.d/dangling.conf: no such file (nginx refuses to start)',
      '4:3 include /etc/nginx/conf.d/sub.conf: is a directory (nginx refuses to start)',
    ]);
  });
});

describe('include chains', () => {
  it('stops following includes nested more than 20 deep, at the include that goes too far', () => {
    const chain = mkdtempSync(join(tmpdir(), 'nginx-chain-'));
    try {
      mkdirSync(join(chain, 'etc/nginx'), { recursive: true });
      writeFileSync(join(chain, 'etc/nginx/nginx.conf'), 'include f1.conf;\n');
      for (let i = 1; i <= 30; i++) writeFileSync(join(chain, `etc/nginx/f${i}.conf`), `# ${i}\ninclude f${i + 1}.conf;\n`);
      const reading = readNginx(new RootFiles(chain));
      expect(reading.diagnostics).toEqual([
        { code: 'include-error', message: 'include f21.conf is not read: includes are nested more than 20 deep', position: { file: join(chain, 'etc/nginx/f20.conf'), line: 2, column: 1 } },
      ]);
      expect(reading.files).toHaveLength(21);
    } finally {
      rmSync(chain, { recursive: true, force: true });
    }
  });
});

describe('links that point out of --root', () => {
  it('follows them as the served system would, inside --root: the host file is never read', () => {
    const jail = mkdtempSync(join(tmpdir(), 'nginx-jail-'));
    try {
      mkdirSync(join(jail, 'etc/nginx'), { recursive: true });
      writeFileSync(join(jail, 'etc/nginx/nginx.conf'), 'events {}\nhttp {\n  include escape.conf;\n  include absolute.conf;\n}\n');
      symlinkSync('../../../../../../../../../../etc/hostname', join(jail, 'etc/nginx/escape.conf'));
      symlinkSync('/etc/hostname', join(jail, 'etc/nginx/absolute.conf'));
      const reading = readNginx(new RootFiles(jail));
      expect(reading.files).toEqual([join(jail, 'etc/nginx/nginx.conf')]);
      expect(reading.diagnostics.map((d) => `${d.position.line}:${d.position.column} ${d.message}`)).toEqual([
        '3:3 include /etc/nginx/escape.conf is not read: the symbolic link /etc/nginx/escape.conf -> ../../../../../../../../../../etc/hostname points outside --root: not followed',
        '4:3 include /etc/nginx/absolute.conf: no such file (nginx refuses to start)',
      ]);
    } finally {
      rmSync(jail, { recursive: true, force: true });
    }
  });
});
