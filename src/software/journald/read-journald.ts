import { parseUnitFile, unitValue, type UnitAssignment, type UnitFile } from '../../formats/systemd-unit/parse-unit.js';
import type { DefaultOrigin, Evidence } from '../../inventory/evidence.js';
import type { SoftwareReading } from '../../inventory/log-retention.js';
import { nothingKept, timeBound, trafficBound, type Retention } from '../../inventory/retention.js';
import { RootFiles } from '../../files/root-files.js';
import { parseTimespan } from '../scheduled-jobs/systemd-time.js';
import { appendAll } from '../../arrays/append-all.js';
import { releaseOf, type OtherSoftware } from '../../config/software-releases.js';

/**
 * systemd-journald's configuration (systemd 252 as in Debian bookworm; journald.conf(5),
 * src/journal/journald-server.c server_parse_config_file → config_parse_many_nulstr with
 * CONF_PATHS_NULSTR("systemd/journald.conf.d")): the main file, then every drop-in of the
 * four directories sorted by file name regardless of directory; a same-named file in an earlier
 * directory masks the later ones. Later assignments win. Checked against
 * `systemd-analyze cat-config --root=ROOT systemd/journald.conf`.
 */
export const MAIN_FILE = '/etc/systemd/journald.conf';
export const DROP_IN_DIRS = [
  '/etc/systemd/journald.conf.d',
  '/run/systemd/journald.conf.d',
  '/usr/local/lib/systemd/journald.conf.d',
  '/usr/lib/systemd/journald.conf.d',
];

/** journald.conf(5), systemd 252: the keys of [Journal]; systemd warns about any other and ignores it. */
const KNOWN_KEYS = new Set([
  'Storage', 'Compress', 'Seal', 'SplitMode', 'SyncIntervalSec', 'RateLimitIntervalSec', 'RateLimitInterval', 'RateLimitBurst',
  'SystemMaxUse', 'SystemKeepFree', 'SystemMaxFileSize', 'SystemMaxFiles', 'RuntimeMaxUse', 'RuntimeKeepFree',
  'RuntimeMaxFileSize', 'RuntimeMaxFiles', 'MaxRetentionSec', 'MaxFileSec', 'ForwardToSyslog', 'ForwardToKMsg',
  'ForwardToConsole', 'ForwardToWall', 'ForwardToSocket', 'TTYPath', 'MaxLevelStore', 'MaxLevelSyslog', 'MaxLevelKMsg',
  'MaxLevelConsole', 'MaxLevelWall', 'MaxLevelSocket', 'LineMax', 'ReadKMsg', 'Audit',
]);

/** Where journald's defaults were read; the release is the one assumed (versions.systemd, else Debian 12's). */
const defaultsOf = (release: string): DefaultOrigin => ({ software: 'systemd-journald', release, source: 'src/journal/journald-server.c; journald.conf(5)' });

/** journald-server.c DEFAULT_MAX_FILE_USEC = USEC_PER_MONTH (30.44 days, systemd-analyze timespan 1month). */
const DEFAULT_MAX_FILE_SEC = 2629800;

const DAY = 86400;

const STORAGE_VALUES = ['auto', 'persistent', 'volatile', 'none'];

/** The drop-ins in systemd's order: by file name across all directories, the first directory's copy of a name wins. */
function dropIns(files: RootFiles): string[] {
  const byName = new Map<string, string>();
  for (const dir of DROP_IN_DIRS) {
    for (const name of files.list(dir) ?? []) {
      if (name.endsWith('.conf') && !byName.has(name)) byName.set(name, `${dir}/${name}`);
    }
  }
  return [...byName.keys()].sort().map((n) => byName.get(n) as string);
}

function stated(a: UnitAssignment): Evidence {
  return { ...a.valueAt, note: `${a.key}=${a.value}` };
}

/**
 * Reads journald's configuration under `root` and returns one log retention entry for the
 * journal and what feeds it: stdout/stderr of services, the console, and syslog unless
 * rsyslog is installed (etc/rsyslog.conf under root: then syslog messages land in
 * /var/log/syslog and friends, rotated by logrotate, and 'syslog' is not claimed here).
 */
export function readJournald(files: RootFiles, versions: Partial<Record<OtherSoftware, string>> = {}): SoftwareReading {
  const assumed = releaseOf(versions, 'systemd');
  const SYSTEMD = defaultsOf(assumed.release);
  const out: SoftwareReading = { files: [], searched: [MAIN_FILE, ...DROP_IN_DIRS], diagnostics: [], practices: [], logRetention: [] };
  const units: UnitFile[] = [];
  for (const path of [MAIN_FILE, ...dropIns(files)]) {
    const text = files.read(path);
    if (text === undefined) continue;
    const host = files.host(path);
    out.files.push(host);
    const unit = parseUnitFile(text, host);
    units.push(unit);
    appendAll(out.diagnostics, unit.diagnostics);
    for (const a of unit.assignments) {
      if (a.section !== 'Journal') {
        out.diagnostics.push({ code: 'config-warning', message: `[${a.section}] is not a section journald reads: ${a.key}= is ignored (journald.conf has [Journal])`, position: a.keyAt });
      } else if (!KNOWN_KEYS.has(a.key)) {
        out.diagnostics.push({ code: 'config-warning', message: `Unknown journald key "${a.key}": systemd-journald ignores it`, position: a.keyAt });
      }
    }
  }
  const fallbackAt = { file: files.host(MAIN_FILE), line: 1, column: 1 };
  const value = (key: string): UnitAssignment | undefined => unitValue(units, 'Journal', key);
  /**
   * The effective assignment of a key whose values are checked: systemd logs an invalid value
   * and ignores that line (conf-parser.c), so the previous valid assignment stays in force; an
   * empty assignment resets to the default.
   */
  const checked = (key: string, valid: (v: string) => boolean, complaint: (a: UnitAssignment) => string): UnitAssignment | undefined => {
    let effective: UnitAssignment | undefined;
    for (const unit of units) {
      for (const a of unit.assignments) {
        if (a.section !== 'Journal' || a.key !== key) continue;
        if (a.value === '') effective = undefined;
        else if (valid(a.value)) effective = a;
        else out.diagnostics.push({ code: 'config-error', message: complaint(a), position: a.valueAt });
      }
    }
    return effective;
  };
  const time = (key: string): { seconds: number; a: UnitAssignment } | undefined => {
    const a = checked(key, (v) => parseTimespan(v) !== undefined, (x) => `${key}=${x.value} is not a time span systemd understands (e.g. 2w, 14d, 1month): journald ignores it`);
    return a ? { seconds: parseTimespan(a.value) as number, a } : undefined;
  };

  const storage = checked('Storage', (v) => STORAGE_VALUES.includes(v), (a) => `Storage=${a.value} is not auto, persistent, volatile or none: journald ignores it`);
  const storageValue = storage?.value ?? 'auto';
  const storageEvidence: Evidence = storage ? stated(storage) : { ...fallbackAt, note: 'Storage=auto (default)', default: SYSTEMD };
  // Storage=auto: persistent if /var/log/journal exists, else volatile (journald.conf(5)).
  // Debian bookworm's systemd postinst creates /var/log/journal (since 244.1-2), so a served
  // system without it under the root is taken to be a default Debian install.
  let where: string;
  if (storageValue === 'auto') {
    where = files.list('/var/log/journal') !== undefined
      ? 'Storage=auto and /var/log/journal exists: the journal is kept on disk'
      : 'Storage=auto: on disk in /var/log/journal, which Debian 12 creates on install (not found under the root; a system without it keeps the journal in /run until reboot)';
  } else if (storageValue === 'persistent') where = 'Storage=persistent: the journal is kept on disk in /var/log/journal';
  else if (storageValue === 'volatile') where = 'Storage=volatile: the journal is kept in /run/log/journal and lost at reboot';
  else where = 'Storage=none: journald stores nothing (forwarding still works)';

  const rsyslog = files.read('/etc/rsyslog.conf') !== undefined;
  out.searched.push('/etc/rsyslog.conf');
  const destinations = ['journal', ...(rsyslog ? [] : ['syslog']), 'stdout', 'stderr', 'console'];

  let retention: Retention;
  const fixTemplate = '[Journal]\nMaxRetentionSec={{days}}day\nMaxFileSec=1day  # in /etc/systemd/journald.conf.d/retention.conf';
  if (storageValue === 'none') {
    retention = nothingKept(where, { evidence: [storageEvidence] });
  } else {
    const maxRetention = time('MaxRetentionSec');
    const maxFile = time('MaxFileSec');
    const fileSec = maxFile?.seconds ?? DEFAULT_MAX_FILE_SEC;
    const fileEvidence: Evidence = maxFile ? stated(maxFile.a) : { ...fallbackAt, note: 'MaxFileSec=1month (default)', default: SYSTEMD };
    const sizeCaps = ['SystemMaxUse', 'SystemKeepFree', 'SystemMaxFileSize', 'SystemMaxFiles', 'RuntimeMaxUse']
      .map((k) => value(k))
      .filter((a): a is UnitAssignment => a !== undefined);
    const capText = sizeCaps.length > 0 ? sizeCaps.map((a) => `${a.key}=${a.value}`).join(', ') : 'SystemMaxUse= default 10% of the file system, at most 4G';
    if (maxRetention === undefined || maxRetention.seconds === 0) {
      // MaxRetentionSec=0 (the default) turns time-based deletion off (journald.conf(5)).
      const ageEvidence: Evidence = maxRetention ? stated(maxRetention.a) : { ...fallbackAt, note: 'MaxRetentionSec=0 (default: no age limit)', default: SYSTEMD };
      retention = trafficBound(
        `journald deletes old entries only to stay under its size caps (${capText})${maxRetention === undefined || sizeCaps.length === 0 ? `, journald's defaults in ${assumed.note}` : ''}, so how long they stay depends on how much is logged; on a quiet server that is many months`,
        `${where}; no age limit (MaxRetentionSec=0${maxRetention ? '' : `, the default in ${assumed.note}`}), only size caps (${capText})`,
        { fixTemplate, cleanupLag: DAY, evidence: [ageEvidence, storageEvidence, ...sizeCaps.map(stated)] },
      );
    } else {
      if (maxFile === undefined) {
        out.diagnostics.push({
          code: 'config-warning',
          message: `MaxRetentionSec=${maxRetention.a.value} without MaxFileSec=: journald deletes whole journal files, and a file spans up to 1 month by default (${assumed.note}), so entries stay up to a month longer`,
          position: maxRetention.a.keyAt,
          suggestion: 'Add MaxFileSec=1day',
        });
      }
      retention = timeBound(
        maxRetention.seconds,
        `${where}; MaxRetentionSec=${maxRetention.a.value}`,
        {
          seconds: maxRetention.seconds + fileSec,
          reason: `journald deletes whole journal files: a file goes when its newest entry is older than MaxRetentionSec=${maxRetention.a.value}, and one file spans up to MaxFileSec=${maxFile ? maxFile.a.value : `1month (default, ${assumed.note})`}`,
        },
        // The fix sets MaxFileSec=1day, so a day is what it must leave room for. With MaxFileSec=
        // stated, lowering MaxRetentionSec= where it is written is enough, leaving room for a file.
        maxFile === undefined
          ? { fixTemplate, cleanupLag: DAY, evidence: [stated(maxRetention.a), fileEvidence, storageEvidence] }
          : {
              fixTemplate: 'MaxRetentionSec={{count}}day',
              fixEdit: { at: maxRetention.a.keyAt, find: /MaxRetentionSec\s*=\s*(?<old>\S+)\s*$/, text: '{{count}}day' },
              fixUnit: DAY,
              fixFallback: fixTemplate,
              cleanupLag: fileSec,
              evidence: [stated(maxRetention.a), fileEvidence, storageEvidence],
            },
      );
    }
  }
  out.logRetention.push({ mechanism: 'journald', patterns: [], destinations, retention });
  return out;
}
