import type { EditProposal } from '../../inventory/edit.js';
import type { DefaultOrigin, Evidence, SourcePosition } from '../../inventory/evidence.js';
import type { SoftwareReading } from '../../inventory/log-retention.js';
import type { Practice } from '../../inventory/practice.js';
import { describeDuration } from '../../config/duration.js';
import { forever, timeBound, unknownFigure, type Retention } from '../../inventory/retention.js';
import { RootFiles } from '../../files/root-files.js';
import { fail2banSeconds } from './fail2ban-time.js';
import { readLayered, resolve, type ConfigReadContext, type LayeredConfig, type Resolved } from './layered-config.js';
import { maxOf } from '../../arrays/extremes.js';
import { releaseOf, type OtherSoftware } from '../../config/software-releases.js';

const F2B = (source: string): DefaultOrigin => ({ software: 'fail2ban', release: '1.0.2', source });

/** fail2ban 1.0.2 client/fail2banreader.py:44-59 defaults (used when fail2ban.conf says nothing). */
const DEFAULTS: Record<string, { value: string; origin: DefaultOrigin }> = {
  loglevel: { value: 'INFO', origin: F2B('client/fail2banreader.py:52') },
  // getEarlyOptions (line 47) is what fail2ban-client and fail2ban-server pass on to getOptions
  // (updateMainOpt), so its default wins over getOptions' STDERR (checked with fail2ban-client -d).
  logtarget: { value: '/var/log/fail2ban.log', origin: F2B('client/fail2banreader.py:47') },
  dbfile: { value: '/var/lib/fail2ban/fail2ban.sqlite3', origin: F2B('client/fail2banreader.py:56') },
  dbpurgeage: { value: '1d', origin: F2B('client/fail2banreader.py:58') },
};

/** server/banmanager.py:56: a jail without bantime bans for 600 s. */
const DEFAULT_BANTIME = { value: '600', origin: F2B('server/banmanager.py:56') };

/** server/observer.py:80: the database is purged every hour. */
const PURGE_INTERVAL = 3600;

/** server/database.py:197,902-909: bad-IP rows live until timeofban + 3 × bantime is older than dbpurgeage. */
const OUTDATED_FACTOR = 3;

/** Python logging levels as fail2ban names them (server/utils.py str2LogLevel). */
const LEVELS = ['CRITICAL', 'ERROR', 'WARNING', 'NOTICE', 'INFO', 'DEBUG', 'TRACEDEBUG', 'HEAVYDEBUG'];

/** logtarget special values (server/server.py setLogTarget) and the destination they mean. */
const STREAM_TARGETS: Record<string, string> = { SYSLOG: 'syslog', STDERR: 'stderr', STDOUT: 'stdout', 'SYSTEMD-JOURNAL': 'journal', SYSOUT: 'stdout' };

interface Setting {
  value: string;
  evidence: Evidence;
  at: SourcePosition;
  /** Set when fail2ban's default applies: the release assumed, for messages. */
  byDefault?: string;
}

/** `dbpurgeage = 1d` as written, or with the release whose default it is. */
function stated(key: string, s: Setting): string {
  return s.byDefault === undefined ? `${key} = ${s.value}` : `${key} = ${s.value} (default, ${s.byDefault})`;
}

function isTrue(text: string): boolean | undefined {
  const lower = text.trim().toLowerCase();
  if (['1', 'yes', 'true', 'on'].includes(lower)) return true;
  if (['0', 'no', 'false', 'off'].includes(lower)) return false;
  return undefined;
}

/** An enabled jail: its resolved bantime (seconds; -1 = permanent; undefined = unreadable). */
export interface Jail {
  name: string;
  bantime: number | undefined;
  bantimeText: string;
  evidence: Evidence;
  increment: boolean;
  maxtime: number | undefined;
}

/**
 * Reads fail2ban's configuration under `root` (/etc/fail2ban) and returns what it keeps about
 * IP addresses of failed logins: its own log (which names every banned and found IP) and its
 * database of bans, whose retention follows dbpurgeage, the hourly purge and the jails'
 * bantime. Nothing outside `root` is read.
 */
export function readFail2ban(files: RootFiles, versions: Partial<Record<OtherSoftware, string>> = {}): SoftwareReading {
  const { jails: _jails, ...reading } = readFail2banJails(files, versions);
  return reading;
}

/** A reading with the enabled jails as resolved, for callers (and tests) that need them. */
export type Fail2banReading = SoftwareReading & { jails: Jail[] };

/** `versions` names the fail2ban release the defaults are taken for; findings that rest on one say so. */
export function readFail2banJails(files: RootFiles, versions: Partial<Record<OtherSoftware, string>> = {}): Fail2banReading {
  const assumed = releaseOf(versions, 'fail2ban');
  const out: Fail2banReading = { files: [], searched: [], diagnostics: [], practices: [], logRetention: [], jails: [] };
  const ctx: ConfigReadContext = { files, read: out.files, searched: out.searched, diagnostics: out.diagnostics };
  const main = readLayered(ctx, '/etc/fail2ban/fail2ban');
  const jailConfig = readLayered(ctx, '/etc/fail2ban/jail');
  if (out.files.length === 0) return out;
  const anchor: SourcePosition = { file: out.files[0] as string, line: 1, column: 1 };

  const unresolvedWarning = (r: Resolved): void => {
    if (r.unresolved === undefined) return;
    out.diagnostics.push({ code: 'unknown-value', message: `${r.entry.key} = ${r.entry.value}: ${r.unresolved} refers to no option fail2ban can find`, position: r.entry.valueAt });
  };
  const setting = (key: string): Setting => {
    // fail2banreader.py: options come from [Definition], falling back to [DEFAULT].
    const r = resolve(main, 'Definition', key);
    if (r) {
      unresolvedWarning(r);
      return { value: r.value.trim(), at: r.entry.valueAt, evidence: { ...r.entry.valueAt, note: `${key} = ${r.entry.value}` } };
    }
    const d = DEFAULTS[key] as { value: string; origin: DefaultOrigin };
    return { value: d.value, at: anchor, evidence: { ...anchor, note: `${key} = ${d.value} (default)`, default: { ...d.origin, release: assumed.release } }, byDefault: assumed.note };
  };

  const enabled = readJails(jailConfig, out, unresolvedWarning, assumed.release);
  out.jails = enabled;
  const jailNames = enabled.map((j) => j.name);
  const jailText = jailNames.length > 0 ? `jails ${jailNames.join(', ')}` : 'no enabled jail';

  // The log: "Found <IP>" at INFO, "Ban <IP>" / "Unban <IP>" at NOTICE (server/filter.py, server/actions.py).
  const loglevel = setting('loglevel');
  const logtarget = setting('logtarget');
  const level = loglevel.value.toUpperCase();
  const levelIndex = LEVELS.indexOf(level);
  if (levelIndex < 0 && !/^\d+$/.test(level)) {
    out.diagnostics.push({ code: 'config-error', message: `loglevel = ${loglevel.value} is not a level fail2ban knows (${LEVELS.join(', ')})`, position: loglevel.at });
  }
  const carriesIps: true | false | 'unknown' = levelIndex < 0 ? 'unknown' : levelIndex >= LEVELS.indexOf('NOTICE');
  const target = logtarget.value.toUpperCase();
  const destination = STREAM_TARGETS[target] ?? (logtarget.value.startsWith('/') ? logtarget.value : undefined);
  if (destination === undefined) {
    out.diagnostics.push({ code: 'unknown-value', message: `logtarget = ${logtarget.value} is neither a file path nor SYSLOG, STDERR, STDOUT or SYSTEMD-JOURNAL`, position: logtarget.at });
  } else {
    const subject = { software: 'fail2ban', name: destination, kind: 'log' };
    out.practices.push({
      kind: 'log-sink',
      subject,
      evidence: [logtarget.evidence, loglevel.evidence],
      destination,
      minLevel: level.toLowerCase(),
      carriesIpAddresses: carriesIps,
      carriesMessageContent: false,
      description: `fail2ban logs at ${level} to ${logtarget.value}`,
    });
    if (carriesIps !== false) {
      out.practices.push({
        kind: 'ip-address',
        subject,
        evidence: [logtarget.evidence, loglevel.evidence],
        which: 'failed-logins',
        medium: 'log',
        destination,
        certainty: carriesIps,
        description: `fail2ban writes "Found <IP>" (INFO) for every failed attempt its ${jailText} match and "Ban <IP>" / "Unban <IP>" (NOTICE) to ${logtarget.value}${defaultsNote([['loglevel', loglevel], ['logtarget', logtarget]])}`,
        suggestion: 'loglevel = WARNING  # in /etc/fail2ban/fail2ban.local [Definition]: bans and matches are no longer logged',
      });
    }
  }

  const dbfile = setting('dbfile');
  if (dbfile.value.toLowerCase() === 'none' || dbfile.value === '') return out;
  const purge = setting('dbpurgeage');
  const purgeSeconds = fail2banSeconds(purge.value);
  if (purgeSeconds === undefined) {
    out.diagnostics.push({ code: 'unknown-value', message: `dbpurgeage = ${purge.value} is not a time fail2ban reads here (e.g. 1d, 12h, 86400)`, position: purge.at });
  }
  out.practices.push(databasePractice(dbfile, purge, purgeSeconds, enabled, jailText, assumed.note));
  return out;
}

/** The enabled jails with their bantime (a jail section inherits [DEFAULT]). */
function readJails(config: LayeredConfig, out: SoftwareReading, warn: (r: Resolved) => void, release: string): Jail[] {
  const jails: Jail[] = [];
  for (const name of config.order) {
    if (name === 'DEFAULT' || name === 'INCLUDES' || name.includes('/')) continue;
    const enabled = resolve(config, name, 'enabled');
    if (!enabled) continue;
    const on = isTrue(enabled.value);
    if (on === undefined) {
      out.diagnostics.push({ code: 'config-error', message: `enabled = ${enabled.value} in [${name}] is not a boolean (true/false, yes/no, 1/0, on/off)`, position: enabled.entry.valueAt });
    }
    if (on !== true) continue;
    const ban = resolve(config, name, 'bantime');
    if (ban) warn(ban);
    const text = ban ? ban.value.trim() : DEFAULT_BANTIME.value;
    const seconds = fail2banSeconds(text);
    if (seconds === undefined && ban) {
      out.diagnostics.push({ code: 'unknown-value', message: `bantime = ${ban.value} in [${name}] is not a time this reader can compute`, position: ban.entry.valueAt });
    }
    const evidence: Evidence = ban
      ? { ...ban.entry.valueAt, note: `[${name}] bantime = ${ban.entry.value}` }
      : { ...enabled.entry.valueAt, note: `[${name}] bantime = 600 (default)`, default: { ...DEFAULT_BANTIME.origin, release } };
    const increment = resolve(config, name, 'bantime.increment');
    const maxtime = resolve(config, name, 'bantime.maxtime');
    jails.push({
      name,
      bantime: seconds,
      bantimeText: text,
      evidence,
      increment: increment !== undefined && isTrue(increment.value) === true,
      maxtime: maxtime ? fail2banSeconds(maxtime.value) : undefined,
    });
  }
  return jails;
}

/**
 * dbpurgeage is changed where it is written only in the admin's own files (`*.local`, `*.d/`):
 * fail2ban.conf is the package's, replaced on upgrade (fail2ban's jail.conf header says so), so
 * a value there stays advice that names fail2ban.local.
 */
function purgeEdit(purge: Setting): { fixEdit?: EditProposal } {
  const own = /\.local$/.test(purge.at.file) || /\/fail2ban\.d\//.test(purge.at.file);
  // `at` is the value's position (the key's line may continue it on the next).
  return own ? { fixEdit: { at: purge.at, find: /(?<old>[^\s;#]+)(?=\s*(?:[;#].*)?$)/, text: '{{days}}d' } } : {};
}

/** `assumed`: the release whose defaults apply ("fail2ban 1.0.2 assumed (...)"), named where a jail's bantime is one. */
function databasePractice(dbfile: Setting, purge: Setting, purgeSeconds: number | undefined, jails: Jail[], jailText: string, assumed: string): Practice {
  const evidence: Evidence[] = [dbfile.evidence, purge.evidence, ...jails.map((j) => j.evidence)];
  const fixTemplate = 'dbpurgeage = {{days}}d  # in /etc/fail2ban/fail2ban.local [Definition]';
  let retention: Retention;
  const permanent = jails.filter((j) => j.bantime !== undefined && j.bantime < 0);
  const growing = jails.filter((j) => j.increment && j.maxtime === undefined);
  const unknownBan = jails.filter((j) => j.bantime === undefined);
  if (purgeSeconds === undefined) {
    retention = unknownFigure(`dbpurgeage = ${purge.value} could not be read`, stated('dbpurgeage', purge), { fixTemplate, evidence });
  } else if (permanent.length > 0) {
    // bantime = -1 is a ban for ever, as configured: the address is never purged (POLICY.md "Verdicts").
    retention = forever(`bantime = -1 in ${permanent.map((j) => `[${j.name}]`).join(', ')}: permanent bans are never purged from the database`, {
      fixTemplate: 'bantime = 1d  # in /etc/fail2ban/jail.local, instead of -1',
      // The finding belongs at the bantime = -1 that makes bans permanent, not at the dbfile.
      evidence: [...permanent.map((j) => j.evidence), ...evidence.filter((e) => !permanent.some((j) => j.evidence === e))],
    });
  } else {
    const longestBan = maxOf([0, ...jails.map((j) => (j.increment && j.maxtime !== undefined ? Math.max(j.maxtime, j.bantime ?? 0) : (j.bantime ?? 0)))]);
    const worst = growing.length > 0
      ? { unknown: `bantime.increment without bantime.maxtime in ${growing.map((j) => `[${j.name}]`).join(', ')}: bans grow with every repeat, and addresses stay ${OUTDATED_FACTOR} × bantime past dbpurgeage` }
      : unknownBan.length > 0
        ? { unknown: `the bantime of ${unknownBan.map((j) => `[${j.name}]`).join(', ')} could not be read` }
        : {
            seconds: purgeSeconds + OUTDATED_FACTOR * longestBan + PURGE_INTERVAL,
            reason: `a banned address stays in the bad-IP table until its ban plus ${OUTDATED_FACTOR} × bantime (longest: ${describeDuration(longestBan)}, ${jailText}${defaultBantime(jails, assumed)}) is older than dbpurgeage, and the purge runs hourly`,
          };
    retention = timeBound(purgeSeconds, `${stated('dbpurgeage', purge)}: bans older than ${describeDuration(purgeSeconds)} are purged every hour`, worst, {
      fixTemplate,
      ...purgeEdit(purge),
      cleanupLag: OUTDATED_FACTOR * longestBan + PURGE_INTERVAL,
      evidence,
    });
  }
  return {
    kind: 'ip-address',
    subject: { software: 'fail2ban', name: dbfile.value, kind: 'database' },
    evidence,
    which: 'failed-logins',
    medium: 'storage',
    certainty: true,
    description: `fail2ban's database ${dbfile.value === ':memory:' ? '(dbfile = :memory:, lost at each restart)' : dbfile.value} keeps each banned IP with up to dbmaxmatches matched log lines (${jailText})`,
    retention,
    suggestion: 'dbpurgeage = 1d and a bounded bantime (no -1) in /etc/fail2ban; dbfile = :memory: keeps bans only until restart',
  };
}

/** " (loglevel = INFO, logtarget = ... : defaults, fail2ban 1.0.2 assumed (...))" for the settings fail2ban's defaults decide. */
function defaultsNote(settings: [string, Setting][]): string {
  const byDefault = settings.filter(([, s]) => s.byDefault !== undefined);
  const first = byDefault[0]?.[1].byDefault;
  if (first === undefined) return '';
  return ` (${byDefault.map(([key, s]) => `${key} = ${s.value}`).join(', ')}: ${byDefault.length > 1 ? 'defaults' : 'default'}, ${first})`;
}

/** "; bantime 600 in [sshd]: the default, fail2ban 1.0.2 assumed (...)" when a jail leaves bantime to the release. */
function defaultBantime(jails: Jail[], assumed: string): string {
  const byDefault = jails.filter((j) => j.evidence.default !== undefined);
  if (byDefault.length === 0) return '';
  return `; bantime ${DEFAULT_BANTIME.value} in ${byDefault.map((j) => `[${j.name}]`).join(', ')}: the default, ${assumed}`;
}
