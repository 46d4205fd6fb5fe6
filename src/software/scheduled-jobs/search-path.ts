import type { RootFiles } from '../../files/root-files.js';
import type { ScheduledJob } from './job-model.js';

/**
 * The PATH a cron job starts with when its crontab sets none: crontab(5) (Debian cron
 * 3.0pl1-162): "PATH is set to "/usr/bin:/bin"".
 */
export const CRON_DEFAULT_PATH = ['/usr/bin', '/bin'];

/**
 * The PATH of the scripts in /etc/cron.{hourly,daily,weekly,monthly}: run-parts is started by
 * Debian's /etc/crontab (cron 3.0pl1-162), whose own line sets
 * PATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin.
 */
export const DEBIAN_CRONTAB_PATH = ['/usr/local/sbin', '/usr/local/bin', '/sbin', '/bin', '/usr/sbin', '/usr/bin'];

/**
 * The PATH systemd gives a service without Environment=PATH=: systemd.exec(5), systemd 252 as
 * Debian 12 builds it (`systemd-path search-binaries-default`).
 */
export const SYSTEMD_DEFAULT_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** A PATH value split as the shell splits it (an empty element is the working directory: skipped). */
export function splitPath(value: string): string[] {
  return value.split(':').filter((dir) => dir.startsWith('/'));
}

/**
 * Where the shell finds the command a job names: a name with a slash is that path (relative ones
 * depend on the working directory and are not followed); a bare name is looked up in the job's
 * PATH, first directory first, as sh(1) does, and only a file found there counts. undefined when
 * it is not under --root.
 */
export function commandPath(files: RootFiles, job: Pick<ScheduledJob, 'searchPath'>, name: string): string | undefined {
  if (name.includes('/')) return name.startsWith('/') ? name : undefined;
  if (name === '' || name === '.' || name === '..') return undefined;
  for (const dir of job.searchPath ?? CRON_DEFAULT_PATH) {
    const path = `${dir}/${name}`;
    if (files.kind(path) === 'file') return path;
  }
  return undefined;
}

/**
 * A job's command with the PATH it is looked up in: jobs with the same key run the same scripts,
 * so what the command reaches is found once per key (readers of 10,000 jobs running a few
 * commands).
 */
export function commandKey(job: Pick<ScheduledJob, 'searchPath' | 'command'>): string {
  return `${(job.searchPath ?? CRON_DEFAULT_PATH).join('\0')}\0\0${job.command}`;
}

/** Scripts are small: a larger file on PATH is a program (/usr/bin/find on a live root), not read. */
const MAX_SCRIPT_BYTES = 1024 * 1024;

/** The text of a script a job runs, or undefined for a program (large, or with NUL bytes). */
export function scriptText(files: RootFiles, path: string): string | undefined {
  const size = files.stat(path)?.size;
  if (size === undefined || size > MAX_SCRIPT_BYTES) return undefined;
  const text = files.read(path);
  return text === undefined || text.includes('\u0000') ? undefined : text;
}
