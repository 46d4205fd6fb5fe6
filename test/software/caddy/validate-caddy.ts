import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findProgram } from '../../helpers/require-program.js';

export const caddyBinary = findProgram('caddy');

/**
 * `caddy validate` (Debian package caddy) on a Caddyfile: it adapts the file and provisions every
 * module (a misspelled filter or encoder is refused), without starting a server. Log paths are
 * moved into `temp` and Caddy's storage is there too, so nothing under /var or $HOME is touched.
 */
export function validateCaddyfile(file: string, temp: string): { status: number | null; output: string } {
  const copy = join(temp, 'Caddyfile');
  writeFileSync(copy, readFileSync(file, 'utf8').replaceAll('/var/log/', `${temp}/`));
  const run = spawnSync(caddyBinary as string, ['validate', '--adapter', 'caddyfile', '--config', copy], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: temp, XDG_DATA_HOME: temp, XDG_CONFIG_HOME: temp },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}
