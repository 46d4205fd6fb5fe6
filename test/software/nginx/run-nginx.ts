import { spawnSync } from 'node:child_process';
import { cpSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findProgram } from '../../helpers/require-program.js';

/**
 * Runs the real nginx on a fixture without touching /etc or /var: the fixture is copied into a
 * temp dir, and in its files every absolute path under /etc, /var, /run and /srv (and every
 * absolute symlink target) is rewritten to the same path inside the copy; the prefix (-p) is a
 * temp dir, the startup error log (-e) is stderr and the pid file (-g) is in the temp dir.
 * Directories for log files are created in the copy, since nginx -t opens every log file.
 */

export const nginxBinary = findProgram('nginx');

export interface NginxCheck {
  ok: boolean;
  /** The signal that ended nginx (a crash), else null. */
  signal: NodeJS.Signals | null;
  output: string;
  /** For -T: the system paths of the files nginx dumped, in its order. */
  files: string[];
}

export function checkWithNginx(fixtureRoot: string, dump = false): NginxCheck {
  const temp = mkdtempSync(join(tmpdir(), 'nginx-oracle-'));
  try {
    const root = join(temp, 'root');
    cpSync(fixtureRoot, root, { recursive: true, verbatimSymlinks: true });
    rewrite(root, root);
    mkdirSync(join(root, 'var/log/nginx'), { recursive: true });
    mkdirSync(join(temp, 'prefix/logs'), { recursive: true });
    const args = [dump ? '-T' : '-t', '-q', '-c', join(root, 'etc/nginx/nginx.conf'), '-p', `${join(temp, 'prefix')}/`, '-e', 'stderr', '-g', `pid ${join(temp, 'nginx.pid')};`];
    const run = spawnSync(nginxBinary as string, args, { encoding: 'utf8', timeout: 20_000 });
    const output = `${run.stdout}${run.stderr}`.split(root).join('');
    const files = [...output.matchAll(/^# configuration file (.*):$/gm)].map((m) => m[1] as string);
    return { ok: run.status === 0, signal: run.signal, output, files };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

const SYSTEM_PATH = /(^|[\s'"=])\/(etc|var|run|srv)\//g;

/** Rewrites absolute /etc, /var, /run and /srv paths (and symlink targets) under `dir` to the same paths inside `root`. */
export function rewrite(dir: string, root: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) {
      const target = readlinkSync(path);
      if (target.startsWith('/')) {
        rmSync(path);
        symlinkSync(join(root, target), path);
      }
    } else if (stat.isDirectory()) {
      rewrite(path, root);
    } else if (stat.isFile()) {
      const text = readFileSync(path, 'utf8');
      writeFileSync(path, text.replace(SYSTEM_PATH, (_m, before: string, top: string) => `${before}${root}/${top}/`));
    }
  }
}
