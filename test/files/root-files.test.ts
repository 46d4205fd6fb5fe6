import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RootFiles } from '../../src/files/root-files.js';

describe('RootFiles', () => {
  // Built at test time: an absolute directory link (`lib -> /usr/lib`) cannot live in git portably.
  const root = mkdtempSync(join(tmpdir(), 'privacy-lint-root-'));
  mkdirSync(join(root, 'usr/lib/systemd/system'), { recursive: true });
  writeFileSync(join(root, 'usr/lib/systemd/system/inside.timer'), '[Timer]\nOnCalendar=daily\n');
  symlinkSync('/usr/lib', join(root, 'lib'));
  mkdirSync(join(root, 'etc'));
  symlinkSync('../../../../../../../../etc/hostname', join(root, 'etc/escape'));
  symlinkSync('/dev/null', join(root, 'etc/masked.timer'));
  const files = new RootFiles(root);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('follows absolute links inside the root, chroot-style', () => {
    expect(files.resolve('/lib/systemd/system/inside.timer')).toBe('/usr/lib/systemd/system/inside.timer');
    expect(files.list('/lib/systemd/system')).toEqual(['inside.timer']);
    expect(files.read('/lib/systemd/system/inside.timer')).toContain('OnCalendar=daily');
    expect(files.exists('/lib/systemd/system/inside.timer')).toBe(true);
    // The host's /usr/lib/os-release exists on Debian, but not under this root.
    expect(files.exists('/lib/os-release')).toBe(false);
    expect(files.read('/lib/os-release')).toBeUndefined();
  });

  it('never climbs out of the root, and reports /dev/null links as masks', () => {
    // A link whose target climbs above the root is refused, not followed and not clamped.
    expect(files.resolve('/etc/escape')).toBeUndefined();
    expect(files.load('/etc/escape')).toMatchObject({ ok: false, problem: { kind: 'outside-root' } });
    expect(files.read('/etc/escape')).toBeUndefined();
    expect(files.read('/../../etc/hostname')).toBeUndefined();
    expect(files.resolve('/etc/masked.timer')).toBe('/dev/null');
    expect(files.read('/etc/masked.timer')).toBeUndefined();
  });
});

describe('RootFiles: what it refuses, and how often it reads', () => {
  const root = mkdtempSync(join(tmpdir(), 'privacy-lint-root-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'etc/x'), { recursive: true });
  symlinkSync('b', join(root, 'etc/x/a'));
  symlinkSync('a', join(root, 'etc/x/b'));
  execFileSync('mkfifo', [join(root, 'etc/x/pipe')]);
  writeFileSync(join(root, 'etc/x/big'), 'x'.repeat(100));
  writeFileSync(join(root, 'etc/x/conf'), 'first\n');
  symlinkSync(`${root}/etc/x/conf`, join(root, 'etc/x/by-host-path'));
  symlinkSync('/dev/null', join(root, 'etc/x/log'));
  const files = new RootFiles(root, { maxFileSize: 64 });

  it('names a loop of links with ELOOP, and a FIFO or an oversized file without opening it', () => {
    expect(files.load('/etc/x/a')).toMatchObject({ ok: false, problem: { kind: 'link-loop', errno: 'ELOOP' } });
    expect(files.load('/etc/x/pipe')).toMatchObject({ ok: false, problem: { kind: 'not-regular', message: '/etc/x/pipe: a FIFO (named pipe), not a regular file: not read' } });
    // 100 bytes against a limit of 64 bytes.
    expect(files.load('/etc/x/big')).toMatchObject({ ok: false, problem: { kind: 'too-large', reason: '100 bytes, over the limit of 64 bytes per file (--max-file-size): not read' } });
    expect(files.load('/etc/x/none')).toMatchObject({ ok: false, problem: { kind: 'absent', errno: 'ENOENT' } });
    // Absence is not a refusal; the others are kept for the report.
    expect(files.refusals().map((p) => p.path).sort()).toEqual(['/etc/x/a', '/etc/x/big', '/etc/x/pipe']);
  });

  it('reads each file once per run, through every path that leads to it', () => {
    expect(files.read('/etc/x/conf')).toBe('first\n');
    writeFileSync(join(root, 'etc/x/conf'), 'second\n');
    expect(files.read('/etc/x/conf')).toBe('first\n');
    // A link written with the root's own path on this machine leads inside the root too.
    expect(files.load('/etc/x/by-host-path')).toMatchObject({ ok: true, path: '/etc/x/conf', text: 'first\n' });
  });

  it('maps paths between this machine and the served system', () => {
    expect(files.host('/etc/x/conf')).toBe(join(root, 'etc/x/conf'));
    expect(files.system(join(root, 'etc/x/conf'))).toBe('/etc/x/conf');
    expect(files.system('/elsewhere/etc/x/conf')).toBeUndefined();
  });

  it('knows which log destinations keep nothing', () => {
    expect(files.discards('/dev/null')).toBe(true);
    expect(files.discards('/etc/x/log')).toBe(true);
    expect(files.discards('/dev/stdout')).toBe(false);
    expect(files.discards('/var/log/prosody/prosody.log')).toBe(false);
  });
});

describe('RootFiles: paths under a missing directory', () => {
  const root = mkdtempSync(join(tmpdir(), 'privacy-lint-root-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'etc'));
  writeFileSync(join(root, 'etc/file'), 'x\n');

  it('says what lstat says for each, also once a walk has found the directory missing', () => {
    const paths = ['/var/www/h1/.well-known/x.json', '/var/www/h2/x.json', '/var', '/etc/file/sub/x', '/etc/file/sub', '/etc/file'];
    // Each path asked of a reader that has seen nothing else, then all of them of one reader.
    const alone = paths.map((p) => new RootFiles(root).load(p));
    const shared = new RootFiles(root);
    const together = paths.map((p) => shared.load(p));
    expect(together).toEqual(alone);
    // lstat: a missing directory gives ENOENT, a path under a regular file ENOTDIR (lstat(2)).
    expect(together.map((t) => (t.ok ? 'ok' : t.problem.errno))).toEqual(['ENOENT', 'ENOENT', 'ENOENT', 'ENOTDIR', 'ENOTDIR', 'ok']);
  });

  it('finds a file that exists beside a missing one', () => {
    mkdirSync(join(root, 'srv/a'), { recursive: true });
    writeFileSync(join(root, 'srv/a/x.json'), '{}');
    const files = new RootFiles(root);
    expect(files.load('/srv/b/x.json')).toMatchObject({ ok: false, problem: { kind: 'absent' } });
    expect(files.load('/srv/a/x.json')).toMatchObject({ ok: true, text: '{}' });
  });

  it('resolves a path under a missing directory reached through a link to the link\'s target', () => {
    // `/etc/alt -> /opt/conf`: the walk finds /opt/conf/missing missing, not /etc/alt/missing.
    mkdirSync(join(root, 'opt/conf'), { recursive: true });
    symlinkSync('/opt/conf', join(root, 'etc/alt'));
    const files = new RootFiles(root);
    expect(files.resolve('/etc/alt/missing/a.json')).toBe('/opt/conf/missing/a.json');
    expect(files.resolve('/etc/alt/missing/b.json')).toBe('/opt/conf/missing/b.json');
    expect(files.resolve('/opt/conf/missing/c.json')).toBe('/opt/conf/missing/c.json');
    expect(files.load('/etc/alt/missing/b.json')).toMatchObject({ ok: false, problem: { kind: 'absent', errno: 'ENOENT' } });
  });
});
