import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLogrotate } from '../../../src/software/logrotate/index.js';
import { fixtureRoot, tempRoot } from './fixture-root.js';
import { RootFiles } from '../../../src/files/root-files.js';

describe('readLogrotate never reads outside the root and never throws', () => {
  it('keeps includes and links that climb out of the root inside it, and reports link loops at the include', () => {
    const root = tempRoot('logrotate-escape');
    mkdirSync(join(root, 'etc/logrotate.d'), { recursive: true });
    writeFileSync(join(root, 'etc/logrotate.conf'), 'include ../../../../etc/passwd\ninclude /etc/logrotate.d\n', { mode: 0o644 });
    symlinkSync('/etc/hostname', join(root, 'etc/logrotate.d/link'));
    symlinkSync('loop-b', join(root, 'etc/logrotate.d/loop-a'));
    symlinkSync('loop-a', join(root, 'etc/logrotate.d/loop-b'));
    const reading = readLogrotate(new RootFiles(root));
    expect(reading.files).toEqual([join(root, 'etc/logrotate.conf')]);
    expect(reading.diagnostics).toEqual([
      { code: 'include-error', message: 'Included path /etc/passwd does not exist under the root: logrotate reports "cannot stat"', position: { file: join(root, 'etc/logrotate.conf'), line: 1, column: 9 } },
      ...['a', 'b'].map((x) => ({
        code: 'include-error',
        message: `/etc/logrotate.d/loop-${x}: symbolic links loop (through /etc/logrotate.d/loop-${x}): not followed (ELOOP); the logrotate settings in it are unknown`,
        position: { file: join(root, 'etc/logrotate.conf'), line: 2, column: 9 },
      })),
    ]);
  });

  it('survives binary junk, a directory in place of the config and an include of /', () => {
    const root = tempRoot('logrotate-junk');
    mkdirSync(join(root, 'etc/logrotate.d'), { recursive: true });
    writeFileSync(join(root, 'etc/logrotate.conf'), 'include /\ninclude /etc/logrotate.d\n', { mode: 0o644 });
    writeFileSync(join(root, 'etc/logrotate.d/junk'), Buffer.from([0, 1, 2, 0x7b, 10, 0x7d, 10, 0xff, 0xfe]), { mode: 0o644 });
    mkdirSync(join(root, 'etc/logrotate.d/subdir'));
    expect(() => readLogrotate(new RootFiles(root))).not.toThrow();
    expect(readLogrotate(new RootFiles(root)).diagnostics.every((d) => d.position.file.startsWith(root))).toBe(true);
  });

  it('ignores a config file writable by others on the live system, as logrotate run as root does', () => {
    const root = fixtureRoot('logrotate', 'typical');
    const file = join(root, 'etc/logrotate.d/nginx');
    writeFileSync(file, '/var/log/x.log {\n  daily\n}\n', { mode: 0o666 });
    chmodSync(file, 0o666);
    const reading = readLogrotate(new RootFiles(root, { live: true }));
    expect(reading.files).not.toContain(file);
    expect(reading.diagnostics).toContainEqual({
      code: 'config-warning',
      message: '/etc/logrotate.d/nginx is writable by group or others (mode 666): logrotate ignores it',
      position: { file, line: 1, column: 1 },
      suggestion: 'chmod 644 /etc/logrotate.d/nginx',
    });
  });
});

describe('file modes on a copy of the system', () => {
  it('warns about a group-writable logrotate.d file in a copy (--root is not /) and still reads it', () => {
    const root = tempRoot('logrotate-copy-modes');
    mkdirSync(join(root, 'etc/logrotate.d'), { recursive: true });
    writeFileSync(join(root, 'etc/logrotate.conf'), 'include /etc/logrotate.d\n', { mode: 0o644 });
    const file = join(root, 'etc/logrotate.d/prosody');
    writeFileSync(file, '/var/log/prosody/*.log {\n  daily\n  rotate 7\n}\n');
    chmodSync(file, 0o664); // as a checkout may leave it: git keeps no group bits
    const reading = readLogrotate(new RootFiles(root));
    expect(reading.files).toContain(file);
    expect(reading.logRetention.map((l) => l.patterns)).toEqual([['/var/log/prosody/*.log']]);
    expect(reading.diagnostics).toContainEqual({
      code: 'config-warning',
      message:
        '/etc/logrotate.d/prosody is writable by group or others (mode 664) in this copy: logrotate ignores such a file on the live system, so make sure it is not writable there; it is read here',
      position: { file, line: 1, column: 1 },
      suggestion: 'chmod 644 /etc/logrotate.d/prosody',
    });
  });
});
