import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectDistribution } from '../../src/discover/distribution.js';
import { RootFiles } from '../../src/files/root-files.js';

/** A tree holding the given files (path → text), written for one test. */
function tree(files: Record<string, string>): RootFiles {
  const root = mkdtempSync(path.join(tmpdir(), 'privacy-lint-distribution-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return new RootFiles(root);
}

describe('detectDistribution (os-release(5), else a file only that family ships)', () => {
  it.each([
    ['ID=debian\n', 'debian'],
    ['ID=ubuntu\nID_LIKE=debian\n', 'debian'],
    ['ID="fedora"\n', 'rhel'],
    ["ID='almalinux'\nID_LIKE='rhel centos fedora'\n", 'rhel'],
    ['ID="opensuse-tumbleweed"\nID_LIKE="opensuse suse"\n', 'suse'],
    ['ID=alpine\n', 'alpine'],
    // A derivative the table does not know is recognised by ID_LIKE.
    ['ID=linuxmint\nID_LIKE="ubuntu debian"\n', 'debian'],
  ])('etc/os-release %j is %s', (text, family) => {
    expect(detectDistribution(tree({ 'etc/os-release': text })).family).toBe(family);
  });

  it('reads usr/lib/os-release when etc/os-release is absent', () => {
    expect(detectDistribution(tree({ 'usr/lib/os-release': 'ID=rocky\nID_LIKE="rhel centos fedora"\n' }))).toEqual({ family: 'rhel', basis: 'usr/lib/os-release ID=rocky' });
  });

  it.each([
    ['etc/redhat-release', 'rhel'],
    ['etc/alpine-release', 'alpine'],
    ['etc/newsyslog.conf', 'freebsd'],
    ['etc/debian_version', 'debian'],
  ])('without os-release, %s makes it %s', (file, family) => {
    expect(detectDistribution(tree({ [file]: 'x\n' })).family).toBe(family);
  });

  it('a tree with neither is unknown (read as Debian by the cron reader)', () => {
    expect(detectDistribution(tree({ 'etc/hostname': 'x\n' }))).toEqual({ family: 'unknown', basis: 'no etc/os-release' });
  });
});
