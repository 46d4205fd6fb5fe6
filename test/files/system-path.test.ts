import { posix, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RootFiles } from '../../src/files/root-files.js';
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

describe('RootFiles.system is the path relative to the root, made absolute, or undefined outside it', () => {
  /** The definition: path.relative from the root, refused when it climbs out (or looks like it: `..name`). */
  const definition = (root: string, host: string): string | undefined => {
    const rel = relative(root, resolve(host));
    return rel.startsWith('..') || posix.isAbsolute(rel) ? undefined : `/${rel}`;
  };
  const hosts = (root: string): string[] => [
    root, `${root}/`, `${root}/etc/crontab`, `${root}//etc/crontab`, `${root}/etc/../crontab`, `${root}/etc/./crontab`,
    `${root}/etc/cron.d/`, `${root}/..`, `${root}/../x`, `${root}/..hidden`, `${root}/etc/..hidden`, `${root}x/etc`, '/etc/crontab', '/',
  ];
  for (const root of ['/srv/copy', '/']) {
    for (const host of hosts(root)) {
      it(`root ${root}: ${host}`, () => {
        expect(new RootFiles(root).system(host)).toBe(definition(root, host));
      });
    }
  }
});
