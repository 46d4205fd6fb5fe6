import type { ResolvedConfig } from '../config/types.js';
import type { Discovery } from '../discover/discover.js';
import type { RootFiles } from '../files/root-files.js';
import type { Diagnostic } from '../inventory/diagnostic.js';
import type { Inventory, SourceKind } from '../inventory/inventory.js';
import type { LogRetentionSource, SoftwareReading } from '../inventory/log-retention.js';
import type { Practice } from '../inventory/practice.js';
import type { Interpretation } from '../software/prosody/interpret.js';
import type { ScheduledJobs } from '../software/scheduled-jobs/job-model.js';
import { boundUploadsByJobs } from './job-upload-retention.js';
import { jobLogRetention } from './job-log-retention.js';
import { isLogToJoin } from './log-destination.js';
import { appendAll } from '../arrays/append-all.js';
import { SYSTEM_READERS } from './system-readers.js';
import { BACKUP_PLACES } from '../discover/standard-locations.js';
import { cronFlavour, type CronFlavour } from '../software/scheduled-jobs/cron-flavour.js';
import { reportNewsyslog, reportSkippedConfigs } from './skipped-configs.js';
import { detectDistribution } from '../discover/distribution.js';
import type { ConfigModelsBuilder, HostView } from './config-models.js';
import { jobViews } from './config-models/job-views.js';

/** Where cron (as the distribution's daemon reads it) and systemd keep jobs. */
function jobPlaces(flavour: CronFlavour): string[] {
  const cron = ['/etc/crontab', '/etc/cron.d', ...flavour.systemDirs, ...flavour.periodicDirs.map((p) => p.dir), ...flavour.spools];
  return [...new Set(cron.map((p) => p.slice(1))), 'etc/systemd/system', 'usr/lib/systemd/system', 'lib/systemd/system'];
}


/**
 * Reads every discovered source with its format's reader and interprets it into practices.
 * A file that cannot be parsed is a source with status 'error' and a parse-error diagnostic;
 * the other files are still read. Scheduled jobs (cron, systemd timers) are read from their
 * standard places under --root: ejabberd's retention comes from them.
 */
export async function readSources(discovery: Discovery, files: RootFiles, config: ResolvedConfig, models?: ConfigModelsBuilder): Promise<Inventory> {
  const inventory: Inventory = { sources: [], searches: [...discovery.searches], practices: [], diagnostics: [] };
  // A reader lists a file once per inclusion: sources are kept once each, in linear time.
  const listed = new Set<string>();
  const addFiles = (files: string[], kind: (file: string) => SourceKind, diagnostics: Diagnostic[]): void => {
    const broken = new Set(diagnostics.filter((d) => d.code === 'parse-error').map((d) => d.position.file));
    for (const file of files) {
      if (listed.has(file)) continue;
      listed.add(file);
      inventory.sources.push({ file, kind: kind(file), status: broken.has(file) ? 'error' : 'ok' });
    }
  };
  // A dangling link counts: its reader says where it leads (outside --root, nowhere).
  const exists = (relative: string): boolean => files.exists(`/${relative}`);
  const unreadable = refusalTracker(files);

  const flavour = cronFlavour((discovery.distribution ?? detectDistribution(files)).family);
  const jobs = await readJobs(files, exists, flavour);
  unreadable.take('cron');
  models?.add('jobs', () => jobViews(jobs.jobs));
  appendAll(inventory.diagnostics, jobs.diagnostics);
  addFiles(jobs.files, (file) => (file.includes('/systemd/') ? 'systemd' : 'cron'), jobs.diagnostics);
  inventory.searches.push({ kind: 'cron', paths: jobPlaces(flavour), found: jobs.files.length > 0 });

  const backups = await readBackups(files, jobs, exists);
  unreadable.take('backup');
  appendAll(inventory.diagnostics, backups.diagnostics);
  appendAll(inventory.practices, backups.practices);
  addFiles(backups.files, () => 'backup', backups.diagnostics);
  inventory.searches.push({ kind: 'backup', paths: [...BACKUP_PLACES, 'scripts run by cron jobs and timers'], found: backups.files.length > 0 });

  const findJobs = jobLogRetention(jobs.jobs);
  const logRetention: LogRetentionSource[] = [...findJobs];
  const rotation = { logrotate: false, journald: false };
  for (const reader of SYSTEM_READERS) {
    // Main files named by `sources:` or on the command line replace the standard places.
    const named = discovery.sources.filter((s) => s.kind === reader.kind).map((s) => files.system(s.file) ?? s.file);
    if (named.length === 0 && !reader.files.some(exists)) {
      inventory.searches.push({ kind: reader.kind, paths: reader.files, found: false });
      continue;
    }
    const read = await reader.load();
    for (const main of named.length > 0 ? named : [undefined]) {
      const reading = read(files, config, main);
      unreadable.take(reader.kind);
      const { directives } = reading;
      if (directives && (reader.kind === 'nginx' || reader.kind === 'apache' || reader.kind === 'caddy')) models?.add(reader.kind, directives);
      appendAll(inventory.diagnostics, reading.diagnostics);
      appendAll(inventory.practices, reading.practices);
      appendAll(logRetention, reading.logRetention);
      addFiles(reading.files, () => reader.kind, reading.diagnostics);
      inventory.searches.push({ kind: reader.kind, paths: reading.searched, found: reading.files.length > 0 });
      if ((reader.kind === 'logrotate' || reader.kind === 'journald') && reading.files.length > 0) rotation[reader.kind] = true;
    }
  }

  for (const source of discovery.sources) {
    if (source.kind !== 'prosody' && source.kind !== 'ejabberd') continue;
    const { files: serverFiles, diagnostics, interpretation, hosts } =
      source.kind === 'prosody' ? await readProsody(source.file, files, config) : await readEjabberd(source.file, files, config, jobs);
    models?.add(source.kind === 'prosody' ? 'prosody' : 'ejabberd', hosts);
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
  // The join, and the glob matcher (picomatch) its patterns need, are loaded only when some
  // practice writes a log: a tree of scheduled jobs alone has none.
  if (inventory.practices.some(isLogToJoin)) {
    const { joinLogRetention } = await import('./join-log-retention.js');
    joinLogRetention(inventory, logRetention, rotation);
  }
  boundUploadsByJobs(inventory.practices, findJobs);
  unreadable.record(inventory);
  reportSkippedConfigs(inventory, files);
  reportNewsyslog(inventory, files);
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
  /** The hosts as rules see them (ctx.configs), built only when asked for. */
  hosts: () => HostView[];
}

async function readProsody(file: string, files: RootFiles, config: ResolvedConfig): Promise<ServerReading> {
  const { loadProsodyConfig } = await import('../software/prosody/load-config.js');
  const { interpretProsody } = await import('../software/prosody/interpret.js');
  const loaded = loadProsodyConfig(file, { files, release: config.versions.prosody });
  const { prosodyHosts } = await import('./config-models/prosody-hosts.js');
  return { files: loaded.files, diagnostics: loaded.diagnostics, interpretation: interpretProsody(loaded, config.versions.prosody), hosts: () => prosodyHosts(loaded) };
}

async function readEjabberd(file: string, files: RootFiles, config: ResolvedConfig, jobs: ScheduledJobs): Promise<ServerReading> {
  const { loadEjabberdConfig } = await import('../software/ejabberd/load-config.js');
  const { interpretEjabberd } = await import('../software/ejabberd/interpret.js');
  const { DEFAULT_EJABBERD_RELEASE } = await import('../software/ejabberd/interpret-context.js');
  const loaded = loadEjabberdConfig(file, { files });
  const release = config.versions.ejabberd ?? DEFAULT_EJABBERD_RELEASE;
  const { ejabberdHosts } = await import('./config-models/ejabberd-hosts.js');
  return { files: loaded.files, diagnostics: loaded.diagnostics, interpretation: interpretEjabberd(loaded, jobs.jobs, release), hosts: () => ejabberdHosts(loaded) };
}

async function readJobs(files: RootFiles, exists: (relative: string) => boolean, flavour: CronFlavour): Promise<ScheduledJobs> {
  const places = jobPlaces(flavour);
  if (!places.some(exists)) return { jobs: [], files: [], diagnostics: [], searched: places };
  const { readScheduledJobs } = await import('../software/scheduled-jobs/read-scheduled-jobs.js');
  return readScheduledJobs(files, flavour);
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
