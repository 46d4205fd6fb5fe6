import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalSystemPath } from '../../src/files/system-path.js';

/** The definition normalSystemPath keeps: Node's own posix.normalize of the path made absolute. */
const normalize = (path: string): string => posix.normalize(`/${path}`);

describe('normalSystemPath is posix.normalize of the path made absolute', () => {
  const paths = [
    '', '/', '//', '.', '..', '/.', '/..', 'etc/crontab', '/etc/crontab', '//etc/crontab', '/etc//crontab',
    '/etc/cron.d/', '/etc/cron.d//', '/etc/./crontab', '/etc/../crontab', '/../../etc/passwd', '/etc/..',
    '/etc/.', '/etc/.hidden', '/etc/..hidden', '/etc/a..', '/etc/a./b', '/etc/...', '/a/b/../../..', 'a/./b/../c/',
    '/usr/lib/systemd/system/pg_dump@main.timer', '/etc/systemd/system/timers.target.wants/b1.timer',
  ];
  for (const path of paths) {
    it(JSON.stringify(path), () => {
      expect(normalSystemPath(path)).toBe(normalize(path));
    });
  }
});
