import type { DistributionFamily } from '../../discover/distribution.js';
import { RUN_PARTS_NAME, runPartsRename } from './run-parts-name.js';

export { RUN_PARTS_NAME } from './run-parts-name.js';

/** Why a cron daemon or run-parts skips a file, and the rename that makes it run (none for a leftover copy). */
export interface Skip {
  reason: string;
  suggestion?: string;
}

/** A periodic directory that a run-parts line runs (Debian's /etc/cron.daily, Alpine's /etc/periodic/daily). */
export interface PeriodicDir {
  dir: string;
  period: '15min' | 'hourly' | 'daily' | 'weekly' | 'monthly';
}

/**
 * What the distribution's default cron daemon reads, and which names it and its run-parts
 * skip. Each distribution ships a different daemon: a job is judged by the one that runs it.
 */
export interface CronFlavour {
  /** For messages: "Debian's cron", "cronie". */
  daemon: string;
  /** Whether /etc/crontab is read (busybox crond reads only per-user tables). */
  systemCrontab: boolean;
  /** Directories of system crontabs (with a user field). */
  systemDirs: string[];
  /** Why the daemon skips a name in a system directory, or undefined when it reads the file. */
  skipsTable: (dir: string, name: string, siblings: ReadonlySet<string>) => Skip | undefined;
  /** Per-user crontab spools (one file per user, named after the user). */
  spools: string[];
  periodicDirs: PeriodicDir[];
  /** Why run-parts skips a script's name, or undefined when it runs it (if executable). */
  skipsScript: (dir: string, name: string, siblings: ReadonlySet<string>) => Skip | undefined;
  /** Where the periodic directories are started from, for a schedule's description. */
  periodicStarter: string;
}

/**
 * A name run-parts' rule refuses (see RUN_PARTS_NAME; BusyBox's run-parts, debianutils/run_parts.c
 * invalid_name, applies the same rule): the reason, and the rename that makes it run, never onto a
 * sibling's name; a copy a package manager or editor left behind is not to be renamed.
 */
function runPartsSkip(reason: string, dir: string, name: string, siblings: ReadonlySet<string>): Skip {
  const what = runPartsRename(name, siblings);
  return 'rename' in what ? { reason, suggestion: `Rename it: mv ${dir}/${name} ${dir}/${what.rename}` } : { reason: `${reason} (${what.leftover})` };
}

const CRON_PERIODS: PeriodicDir[] = (['hourly', 'daily', 'weekly', 'monthly'] as const).map((period) => ({ dir: `/etc/cron.${period}`, period }));

const runPartsNaming = (dir: string, name: string, siblings: ReadonlySet<string>): Skip | undefined =>
  RUN_PARTS_NAME.test(name) ? undefined : runPartsSkip(`run-parts ignores ${dir}/${name}: names may only contain letters, digits, "_" and "-"`, dir, name, siblings);

const DEBIAN: CronFlavour = {
  daemon: "Debian's cron",
  systemCrontab: true,
  systemDirs: ['/etc/cron.d'],
  skipsTable: (dir, name, siblings) =>
    RUN_PARTS_NAME.test(name)
      ? undefined
      : runPartsSkip(`cron ignores ${dir}/${name}: names there may only contain letters, digits, "_" and "-" (cron(8), run-parts naming)`, dir, name, siblings),
  spools: ['/var/spool/cron/crontabs'],
  periodicDirs: CRON_PERIODS,
  skipsScript: runPartsNaming,
  periodicStarter: 'started by /etc/crontab or anacron',
};

/**
 * cronie (github.com/cronie-crond/cronie src/database.c, not_a_crontab) skips in /etc/cron.d
 * and its spool only names starting with `.` or `#`, ending with `~`, and package-manager
 * leftovers (`.rpmsave`, `.rpmorig`, `.rpmnew`): `ejabberd.cron` runs. The run-parts that runs
 * /etc/cron.{daily,...} there (the crontabs package's shell script, Fedora/RHEL) skips the same
 * leftovers and `.swp`, `.cfsaved`, `,v`, and runs dotted names.
 */
function cronieSkip(suffixes: string[]): (dir: string, name: string) => Skip | undefined {
  return (dir, name) => {
    const leftover = suffixes.find((s) => name.endsWith(s));
    if (!name.startsWith('.') && !name.startsWith('#') && leftover === undefined) return undefined;
    const base = name.replace(/^[.#]+/, '').replace(/[~,]$/, '');
    const kept = leftover === undefined || leftover === '~' || leftover === ',v' ? base : base.slice(0, -leftover.length);
    return {
      reason: `cronie ignores ${dir}/${name}: names starting with "." or "#" and backup or package leftovers (${suffixes.join(' ')}) are skipped`,
      suggestion: `Rename it to ${kept.replace(/,v$/, '') || 'a plain name'}`,
    };
  };
}

const CRONIE_TABLE_SUFFIXES = ['~', '.rpmsave', '.rpmorig', '.rpmnew'];
const CRONIE_SCRIPT_SUFFIXES = [...CRONIE_TABLE_SUFFIXES, '.swp', '.cfsaved', ',v'];

const RHEL: CronFlavour = {
  daemon: 'cronie',
  systemCrontab: true,
  systemDirs: ['/etc/cron.d'],
  skipsTable: cronieSkip(CRONIE_TABLE_SUFFIXES),
  // cronie's SPOOL_DIR (src/pathnames.h: CRONDIR "/var/spool", SPOOL_DIR "cron").
  spools: ['/var/spool/cron'],
  periodicDirs: CRON_PERIODS,
  skipsScript: cronieSkip(CRONIE_SCRIPT_SUFFIXES),
  periodicStarter: 'started by /etc/cron.d/0hourly or anacron',
};

/** openSUSE builds cronie with its spool in /var/spool/cron/tabs, and runs cron.* from run-crons or timers. */
const SUSE: CronFlavour = {
  ...RHEL,
  spools: ['/var/spool/cron/tabs'],
  periodicStarter: 'started by run-crons or its systemd timers',
};

/**
 * Alpine's default is BusyBox crond (miscutils/crond.c): it reads one table per user from
 * /etc/crontabs (Alpine's /var/spool/cron/crontabs links there), and neither /etc/crontab nor
 * /etc/cron.d. Root's stock table runs `run-parts /etc/periodic/{15min,hourly,daily,weekly,monthly}`.
 */
const ALPINE: CronFlavour = {
  daemon: 'BusyBox crond',
  systemCrontab: false,
  systemDirs: [],
  skipsTable: () => undefined,
  spools: ['/etc/crontabs', '/var/spool/cron/crontabs'],
  periodicDirs: (['15min', 'hourly', 'daily', 'weekly', 'monthly'] as const).map((period) => ({ dir: `/etc/periodic/${period}`, period })),
  skipsScript: runPartsNaming,
  periodicStarter: "started by root's crontab in /etc/crontabs",
};

/**
 * FreeBSD's cron (cron(8), FreeBSD 12 and later) reads /etc/crontab, /etc/cron.d and
 * /usr/local/etc/cron.d, and user tables in /var/cron/tabs; it skips only hidden names there.
 * Its periodic(8) scripts are configured by periodic.conf, which privacy-lint does not read.
 */
const FREEBSD: CronFlavour = {
  daemon: "FreeBSD's cron",
  systemCrontab: true,
  systemDirs: ['/etc/cron.d', '/usr/local/etc/cron.d'],
  skipsTable: (dir, name) =>
    name.startsWith('.') ? { reason: `cron ignores ${dir}/${name}: hidden names are skipped`, suggestion: `Rename it to ${name.replace(/^\.+/, '')}` } : undefined,
  spools: ['/var/cron/tabs'],
  periodicDirs: [],
  skipsScript: () => undefined,
  periodicStarter: '',
};

/** The cron daemon each family installs by default; an unrecognised system is read as Debian. */
export function cronFlavour(family: DistributionFamily): CronFlavour {
  switch (family) {
    case 'rhel':
      return RHEL;
    case 'suse':
      return SUSE;
    case 'alpine':
      return ALPINE;
    case 'freebsd':
      return FREEBSD;
    default:
      return DEBIAN;
  }
}
