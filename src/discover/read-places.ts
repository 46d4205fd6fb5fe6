import type { RootFiles } from '../files/root-files.js';
import type { SourceKind } from '../inventory/inventory.js';
import { BACKUP_PLACES } from './standard-locations.js';

/** Kinds whose reader takes a main file named by the user (the servers); the others read their places. */
export const TAKES_MAIN_FILE = new Set<SourceKind>(['prosody', 'ejabberd', 'nginx', 'apache', 'caddy']);

/**
 * Where the readers that take no main file read, relative to --root (a trailing `/` is a
 * directory): a file of theirs that the user names must be there, or it would not be read.
 */
const READ_PLACES: Partial<Record<SourceKind, string[]>> = {
  logrotate: ['etc/logrotate.conf', 'etc/logrotate.d/'],
  journald: ['etc/systemd/journald.conf', 'etc/systemd/journald.conf.d/', 'usr/lib/systemd/journald.conf.d/'],
  fail2ban: ['etc/fail2ban/'],
  cron: ['etc/crontab', 'etc/cron.d/', 'etc/cron.hourly/', 'etc/cron.daily/', 'etc/cron.weekly/', 'etc/cron.monthly/', 'var/spool/cron/', 'etc/crontabs/', 'etc/periodic/', 'var/cron/tabs/', 'usr/local/etc/cron.d/'],
  systemd: ['etc/systemd/system/', 'usr/lib/systemd/system/', 'lib/systemd/system/'],
  // Backup scripts are found from the jobs that run them, wherever they are under --root.
  backup: [...BACKUP_PLACES, ''],
};

/** Why a named file of this kind would not be read, or undefined when it is. */
export function placeRefusal(files: RootFiles, kind: SourceKind, file: string): string | undefined {
  const places = READ_PLACES[kind];
  if (places === undefined) return undefined;
  const systemPath = files.system(file);
  const where = places.filter((p) => p !== '').join(', ');
  if (systemPath === undefined) {
    return `${file} is outside --root: privacy-lint reads ${kind} files where ${kind} reads them under --root (${where}); give --root the tree that holds it`;
  }
  const relative = systemPath.slice(1);
  if (places.some((p) => (p.endsWith('/') || p === '' ? relative.startsWith(p) : relative === p || relative.startsWith(`${p}/`)))) return undefined;
  return `${relative} is not where ${kind} reads its files (${where}), so privacy-lint would not read it there`;
}
