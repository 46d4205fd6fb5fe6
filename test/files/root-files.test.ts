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
