import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../config/types.js';
import type { Discovery } from '../discover/discover.js';
import type { Diagnostic } from '../inventory/diagnostic.js';
import type { Inventory, SourceKind } from '../inventory/inventory.js';
import type { LogRetentionSource, SoftwareReading } from '../inventory/log-retention.js';
import type { Interpretation } from '../software/prosody/interpret.js';
import type { ScheduledJobs } from '../software/scheduled-jobs/job-model.js';
import { jobLogRetention } from './job-log-retention.js';
import { joinLogRetention } from './join-log-retention.js';
import { appendAll } from '../arrays/append-all.js';

/**
 * The software around the XMPP server, each read from its standard place under --root: web
 * servers (whose logs hold client IPs) and the mechanisms that decide how long logs live.
 * A reader's module is loaded only when one of its files exists: a run on a Prosody-only tree
 * does not pay for parsing nginx (cold start is measured in bench/).
 */
const SYSTEM_READERS: { kind: SourceKind; files: string[]; load: () => Promise<(root: string) => SoftwareReading> }[] = [
  { kind: 'nginx', files: ['etc/nginx/nginx.conf'], load: async () => (await import('../software/nginx/read-nginx.js')).readNginx },
  {
    kind: 'apache',
    files: ['etc/apache2/apache2.conf', 'etc/httpd/conf/httpd.conf'],
    load: async () => (await import('../software/apache/read-apache.js')).readApache,
  },
  { kind: 'caddy', files: ['etc/caddy/Caddyfile', 'etc/caddy/caddy.json'], load: async () => (await import('../software/caddy/read-caddy.js')).readCaddy },
  { kind: 'logrotate', files: ['etc/logrotate.conf'], load: async () => (await import('../software/logrotate/read-logrotate.js')).readLogrotate },
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

/** Where backup tools keep their configuration (research/backups.md §1–8). */
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
export async function readSources(discovery: Discovery, root: string, config: ResolvedConfig): Promise<Inventory> {
  const inventory: Inventory = { sources: [], searches: [...discovery.searches], practices: [], diagnostics: [] };
  const addFiles = (files: string[], kind: (file: string) => SourceKind, diagnostics: Diagnostic[]): void => {
    for (const file of files) {
      if (inventory.sources.some((s) => s.file === file)) continue;
      const broken = diagnostics.some((d) => d.code === 'parse-error' && d.position.file === file);
      inventory.sources.push({ file, kind: kind(file), status: broken ? 'error' : 'ok' });
    }
  };
  const exists = (relative: string): boolean => existsSync(path.join(root, relative));

  const jobs = await readJobs(root, exists);
  appendAll(inventory.diagnostics, jobs.diagnostics);
  addFiles(jobs.files, (file) => (file.includes('/systemd/') ? 'systemd' : 'cron'), jobs.diagnostics);
  inventory.searches.push({ kind: 'cron', paths: JOB_PLACES, found: jobs.files.length > 0 });

  const backups = await readBackups(root, jobs, exists);
  appendAll(inventory.diagnostics, backups.diagnostics);
  appendAll(inventory.practices, backups.practices);
  addFiles(backups.files, () => 'backup', backups.diagnostics);
  inventory.searches.push({ kind: 'backup', paths: [...BACKUP_PLACES, 'scripts run by cron jobs and timers'], found: backups.files.length > 0 });

  const logRetention: LogRetentionSource[] = [...jobLogRetention(jobs.jobs)];
  const read = { logrotate: false, journald: false };
  for (const reader of SYSTEM_READERS) {
    if (!reader.files.some(exists)) {
      inventory.searches.push({ kind: reader.kind, paths: reader.files, found: false });
      continue;
    }
    const reading = (await reader.load())(root);
    appendAll(inventory.diagnostics, reading.diagnostics);
    appendAll(inventory.practices, reading.practices);
    appendAll(logRetention, reading.logRetention);
    addFiles(reading.files, () => reader.kind, reading.diagnostics);
    inventory.searches.push({ kind: reader.kind, paths: reading.searched, found: reading.files.length > 0 });
    if ((reader.kind === 'logrotate' || reader.kind === 'journald') && reading.files.length > 0) read[reader.kind] = true;
  }

  for (const source of discovery.sources) {
    const { files, diagnostics, interpretation } =
      source.kind === 'prosody' ? await readProsody(source.file, root, config) : await readEjabberd(source.file, root, config, jobs);
    appendAll(inventory.diagnostics, diagnostics, interpretation.diagnostics);
    addFiles(files, () => source.kind, diagnostics);
    appendAll(inventory.practices, interpretation.practices);
  }
  joinLogRetention(inventory, logRetention, read);
  return inventory;
}

interface ServerReading {
  files: string[];
  diagnostics: Diagnostic[];
  interpretation: Interpretation;
}

async function readProsody(file: string, root: string, config: ResolvedConfig): Promise<ServerReading> {
  const { loadProsodyConfig } = await import('../software/prosody/load-config.js');
  const { interpretProsody } = await import('../software/prosody/interpret.js');
  const loaded = loadProsodyConfig(file, { root, release: config.versions.prosody });
  return { files: loaded.files, diagnostics: loaded.diagnostics, interpretation: interpretProsody(loaded, config.versions.prosody) };
}

async function readEjabberd(file: string, root: string, config: ResolvedConfig, jobs: ScheduledJobs): Promise<ServerReading> {
  const { loadEjabberdConfig } = await import('../software/ejabberd/load-config.js');
  const { interpretEjabberd } = await import('../software/ejabberd/interpret.js');
  const { DEFAULT_EJABBERD_RELEASE } = await import('../software/ejabberd/interpret-context.js');
  const loaded = loadEjabberdConfig(file, { root });
  const release = config.versions.ejabberd ?? DEFAULT_EJABBERD_RELEASE;
  return { files: loaded.files, diagnostics: loaded.diagnostics, interpretation: interpretEjabberd(loaded, jobs.jobs, release) };
}

async function readJobs(root: string, exists: (relative: string) => boolean): Promise<ScheduledJobs> {
  if (!JOB_PLACES.some(exists)) return { jobs: [], files: [], diagnostics: [], searched: JOB_PLACES };
  const { readScheduledJobs } = await import('../software/scheduled-jobs/read-scheduled-jobs.js');
  return readScheduledJobs(root);
}

/** Backup tools' configs, and dump scripts run by jobs; loaded only when one of them can exist. */
async function readBackups(root: string, jobs: ScheduledJobs, exists: (relative: string) => boolean): Promise<SoftwareReading> {
  if (!BACKUP_PLACES.some(exists) && jobs.jobs.length === 0) {
    return { files: [], searched: BACKUP_PLACES, diagnostics: [], practices: [], logRetention: [] };
  }
  const { readBorgResticBackups } = await import('../software/backups/readers-borg-restic.js');
  const { readScriptBackups } = await import('../software/backups/readers-scripts.js');
  const readings = [readBorgResticBackups(root, jobs.jobs), readScriptBackups(root, jobs.jobs)];
  return {
    files: readings.flatMap((r) => r.files),
    searched: readings.flatMap((r) => r.searched),
    diagnostics: readings.flatMap((r) => r.diagnostics),
    practices: readings.flatMap((r) => r.practices),
    logRetention: readings.flatMap((r) => r.logRetention),
  };
}
