import type { ResolvedConfig } from '../config/types.js';
import type { Discovery } from '../discover/discover.js';
import type { RootFiles } from '../files/root-files.js';
import type { Diagnostic } from '../inventory/diagnostic.js';
import type { Inventory, SourceKind } from '../inventory/inventory.js';
import type { LogRetentionSource, SoftwareReading } from '../inventory/log-retention.js';
import type { Practice } from '../inventory/practice.js';
import type { Interpretation } from '../software/prosody/interpret.js';
import { CADDY_SERVICE_PLACES } from '../software/caddy/config-location.js';
import type { ScheduledJobs } from '../software/scheduled-jobs/job-model.js';
import { boundUploadsByJobs } from './job-upload-retention.js';
import { jobLogRetention } from './job-log-retention.js';
import { joinLogRetention } from './join-log-retention.js';
import { appendAll } from '../arrays/append-all.js';

/**
 * The software around the XMPP server, each read from its standard place under --root: web
 * servers (whose logs hold client IPs) and the mechanisms that decide how long logs live.
 * A reader's module is loaded only when one of its files exists: a run on a Prosody-only tree
 * does not pay for parsing nginx (cold start is measured in bench/).
 */
const SYSTEM_READERS: { kind: SourceKind; files: string[]; load: () => Promise<(files: RootFiles) => SoftwareReading> }[] = [
  { kind: 'nginx', files: ['etc/nginx/nginx.conf'], load: async () => (await import('../software/nginx/read-nginx.js')).readNginx },
  {
    kind: 'apache',
    files: ['etc/apache2/apache2.conf', 'etc/httpd/conf/httpd.conf'],
    load: async () => (await import('../software/apache/read-apache.js')).readApache,
  },
  {
    kind: 'caddy',
    files: ['etc/caddy/Caddyfile', 'etc/caddy/caddy.json', ...CADDY_SERVICE_PLACES],
    load: async () => (await import('../software/caddy/read-caddy.js')).readCaddy,
  },
  { kind: 'logrotate', files: ['etc/logrotate.conf', 'etc/logrotate.d'], load: async () => (await import('../software/logrotate/read-logrotate.js')).readLogrotate },
  {
    kind: 'journald',
    files: ['etc/systemd/journald.conf', 'etc/systemd/journald.conf.d', 'usr/lib/systemd/journald.conf.d'],
    load: async () => (await import('../software/journald/read-journald.js')).readJournald,
  },
  {
    kind: 'fail2ban',
    files: ['etc/fail2ban/fail2ban.conf', 'etc/fail2ban/jail.conf', 'etc/fail2ban/jail.local'],
    load: async () => (await import('../software/fail2ban/read-fail2ban.js')).readFail2ban,
  },
];

/** Where cron and systemd keep jobs (the scheduled-jobs reader looks in each). */
const JOB_PLACES = [
  'etc/crontab',
  'etc/cron.d',
  'etc/cron.hourly',
  'etc/cron.daily',
  'etc/cron.weekly',
  'etc/cron.monthly',
  'var/spool/cron/crontabs',
  'etc/systemd/system',
  'usr/lib/systemd/system',
  'lib/systemd/system',
];

/** Where backup tools keep their configuration (borgmatic, borg, restic, autorestic, duply and rsnapshot: each tool's documented default paths). */
const BACKUP_PLACES = [
  'etc/borgmatic/config.yaml',
  'etc/borgmatic.d',
  'etc/restic',
  'root/.autorestic.yml',
  'etc/duply',
  'root/.duply',
  'etc/rsnapshot.conf',
];

/**
 * Reads every discovered source with its format's reader and interprets it into practices.
 * A file that cannot be parsed is a source with status 'error' and a parse-error diagnostic;
 * the other files are still read. Scheduled jobs (cron, systemd timers) are read from their
 * standard places under --root: ejabberd's retention comes from them.
 */
export async function readSources(discovery: Discovery, files: RootFiles, config: ResolvedConfig): Promise<Inventory> {
  const inventory: Inventory = { sources: [], searches: [...discovery.searches], practices: [], diagnostics: [] };
  const addFiles = (files: string[], kind: (file: string) => SourceKind, diagnostics: Diagnostic[]): void => {
    // Indexed once per call: 10,000 job files against each other was quadratic.
    const known = new Set(inventory.sources.map((s) => s.file));
    const broken = new Set(diagnostics.filter((d) => d.code === 'parse-error').map((d) => d.position.file));
    for (const file of files) {
      if (known.has(file)) continue;
      known.add(file);
      inventory.sources.push({ file, kind: kind(file), status: broken.has(file) ? 'error' : 'ok' });
    }
  };
  // A dangling link counts: its reader says where it leads (outside --root, nowhere).
  const exists = (relative: string): boolean => files.exists(`/${relative}`);
  const unreadable = refusalTracker(files);

  const jobs = await readJobs(files, exists);
  unreadable.take('cron');
  appendAll(inventory.diagnostics, jobs.diagnostics);
  addFiles(jobs.files, (file) => (file.includes('/systemd/') ? 'systemd' : 'cron'), jobs.diagnostics);
  inventory.searches.push({ kind: 'cron', paths: JOB_PLACES, found: jobs.files.length > 0 });

  const backups = await readBackups(files, jobs, exists);
  unreadable.take('backup');
  appendAll(inventory.diagnostics, backups.diagnostics);
  appendAll(inventory.practices, backups.practices);
  addFiles(backups.files, () => 'backup', backups.diagnostics);
  inventory.searches.push({ kind: 'backup', paths: [...BACKUP_PLACES, 'scripts run by cron jobs and timers'], found: backups.files.length > 0 });

  const findJobs = jobLogRetention(jobs.jobs);
  const logRetention: LogRetentionSource[] = [...findJobs];
  const read = { logrotate: false, journald: false };
  for (const reader of SYSTEM_READERS) {
    if (!reader.files.some(exists)) {
      inventory.searches.push({ kind: reader.kind, paths: reader.files, found: false });
      continue;
    }
    const reading = (await reader.load())(files);
    unreadable.take(reader.kind);
    appendAll(inventory.diagnostics, reading.diagnostics);
    appendAll(inventory.practices, reading.practices);
    appendAll(logRetention, reading.logRetention);
    addFiles(reading.files, () => reader.kind, reading.diagnostics);
    inventory.searches.push({ kind: reader.kind, paths: reading.searched, found: reading.files.length > 0 });
    if ((reader.kind === 'logrotate' || reader.kind === 'journald') && reading.files.length > 0) read[reader.kind] = true;
  }

  for (const source of discovery.sources) {
    const { files: serverFiles, diagnostics, interpretation } =
      source.kind === 'prosody' ? await readProsody(source.file, files, config) : await readEjabberd(source.file, files, config, jobs);
    unreadable.take(source.kind);
    appendAll(inventory.diagnostics, diagnostics, interpretation.diagnostics);
    addFiles(serverFiles, () => source.kind, diagnostics);
    appendAll(inventory.practices, interpretation.practices);
    appendAll(logRetention, (interpretation.logRetention ?? []));
  }
  // A log sent to /dev/null (or another device that keeps nothing) stores nothing, whichever
  // server writes it: no IP address is kept there, and no rotation should be suggested for it.
  inventory.practices = inventory.practices.filter(
    (p) => !((p.kind === 'log-sink' || p.kind === 'ip-address' || p.kind === 'message-content-log') && p.destination !== undefined && files.discards(p.destination)),
  );
  joinLogRetention(inventory, logRetention, read);
  boundUploadsByJobs(inventory.practices, findJobs);
  unreadable.record(inventory);
  return inventory;
}

/**
 * The files the readers could not read (permission, I/O, not a regular file, too large, a link
 * leaving --root), each with the kind of software whose reader met it. They become sources
 * with status 'unreadable', whose claims cannot be verified by what they might hold, and a
 * finding at the file when no reader reported them at a referring line.
 */
function refusalTracker(files: RootFiles): { take: (kind: SourceKind) => void; record: (inventory: Inventory) => void } {
  const kinds = new Map<string, SourceKind>();
  return {
    take(kind) {
      for (const problem of files.refusals()) if (!kinds.has(problem.path)) kinds.set(problem.path, kind);
    },
    record(inventory) {
      const unreported = new Set(files.unreportedRefusals());
      for (const problem of files.refusals()) {
        const file = problem.host ?? files.host(problem.path);
        const kind = kinds.get(problem.path) ?? 'backup';
        inventory.sources = inventory.sources.filter((s) => s.file !== file);
        inventory.sources.push({ file, kind, status: 'unreadable' });
        if (unreported.has(problem)) {
          inventory.diagnostics.push({ code: 'include-error', message: `${problem.message}; what it configures is unknown`, position: { file, line: 1, column: 1 } });
        }
      }
    },
  };
}

interface ServerReading {
  files: string[];
  diagnostics: Diagnostic[];
  interpretation: Interpretation;
}

async function readProsody(file: string, files: RootFiles, config: ResolvedConfig): Promise<ServerReading> {
  const { loadProsodyConfig } = await import('../software/prosody/load-config.js');
  const { interpretProsody } = await import('../software/prosody/interpret.js');
  const loaded = loadProsodyConfig(file, { files, release: config.versions.prosody });
  return { files: loaded.files, diagnostics: loaded.diagnostics, interpretation: interpretProsody(loaded, config.versions.prosody) };
}

async function readEjabberd(file: string, files: RootFiles, config: ResolvedConfig, jobs: ScheduledJobs): Promise<ServerReading> {
  const { loadEjabberdConfig } = await import('../software/ejabberd/load-config.js');
  const { interpretEjabberd } = await import('../software/ejabberd/interpret.js');
  const { DEFAULT_EJABBERD_RELEASE } = await import('../software/ejabberd/interpret-context.js');
  const loaded = loadEjabberdConfig(file, { files });
  const release = config.versions.ejabberd ?? DEFAULT_EJABBERD_RELEASE;
  return { files: loaded.files, diagnostics: loaded.diagnostics, interpretation: interpretEjabberd(loaded, jobs.jobs, release) };
}

async function readJobs(files: RootFiles, exists: (relative: string) => boolean): Promise<ScheduledJobs> {
  if (!JOB_PLACES.some(exists)) return { jobs: [], files: [], diagnostics: [], searched: JOB_PLACES };
  const { readScheduledJobs } = await import('../software/scheduled-jobs/read-scheduled-jobs.js');
  return readScheduledJobs(files);
}

/** Backup tools' configs, and dump scripts run by jobs; loaded only when one of them can exist. */
async function readBackups(files: RootFiles, jobs: ScheduledJobs, exists: (relative: string) => boolean): Promise<SoftwareReading> {
  if (!BACKUP_PLACES.some(exists) && jobs.jobs.length === 0) {
    return { files: [], searched: BACKUP_PLACES, diagnostics: [], practices: [], logRetention: [] };
  }
  const { readBorgResticBackups } = await import('../software/backups/readers-borg-restic.js');
  const { readScriptBackups } = await import('../software/backups/readers-scripts.js');
  const readings = [readBorgResticBackups(files, jobs.jobs), readScriptBackups(files, jobs.jobs)];
  const { backups, neverScheduled } = splitNeverScheduled(readings.flatMap((r) => r.practices));
  return {
    files: readings.flatMap((r) => r.files),
    searched: readings.flatMap((r) => r.searched),
    diagnostics: [...readings.flatMap((r) => r.diagnostics), ...neverScheduled],
    practices: backups,
    logRetention: readings.flatMap((r) => r.logRetention),
  };
}

/**
 * A backup that no enabled cron line or timer runs is configured but never made (Debian's
 * rsnapshot ships /etc/cron.d/rsnapshot commented out): it is reported once, as a warning, and
 * does not decide backups.* claims.
 */
function splitNeverScheduled(practices: Practice[]): { backups: Practice[]; neverScheduled: Diagnostic[] } {
  const backups: Practice[] = [];
  const neverScheduled: Diagnostic[] = [];
  for (const p of practices) {
    if (p.kind !== 'backup' || p.neverScheduled === undefined) {
      backups.push(p);
      continue;
    }
    const at = p.evidence[0] ?? p.interval.evidence[0];
    if (!at) continue;
    neverScheduled.push({
      code: 'config-warning',
      message: `${p.tool} backup ${p.subject.name} is configured, never scheduled: ${p.neverScheduled}; it makes no backup, so it is not judged as one`,
      suggestion: 'schedule it (a cron line, or an enabled systemd timer), or remove its configuration',
      position: { file: at.file, line: at.line, column: at.column },
    });
  }
  return { backups, neverScheduled };
}
