import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findProgram } from '../../helpers/require-program.js';

export const apache2 = findProgram('apache2');

/**
 * `apache2 -t` (config test, Debian package apache2) on a server root, with runtime paths in
 * `tmp`, so nothing touches /etc, /var or /run; no server is started.
 */
export function configTest(serverRoot: string, main: string, tmp: string): { status: number | null; output: string } {
  mkdirSync(join(tmp, 'logs/sites'), { recursive: true });
  const run = spawnSync(
    apache2 as string,
    ['-t', '-d', serverRoot, '-f', main, '-C', `DefaultRuntimeDir ${tmp}`, '-C', `PidFile ${tmp}/pid`, '-C', 'ServerName localhost'],
    // The fixtures' envvars name /srv/weblogs; the oracle's error-log directory check needs one that exists.
    { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', APACHE_LOG_DIR: join(tmp, 'logs') }, encoding: 'utf8' },
  );
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}
