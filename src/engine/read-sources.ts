import type { ResolvedConfig } from '../config/types.js';
import type { Discovery } from '../discover/discover.js';
import type { Diagnostic } from '../inventory/diagnostic.js';
import type { Inventory, SourceKind } from '../inventory/inventory.js';
import { loadEjabberdConfig } from '../software/ejabberd/load-config.js';
import { DEFAULT_EJABBERD_RELEASE } from '../software/ejabberd/interpret-context.js';
import { interpretEjabberd } from '../software/ejabberd/interpret.js';
import { loadProsodyConfig } from '../software/prosody/load-config.js';
import { interpretProsody } from '../software/prosody/interpret.js';
import { readScheduledJobs } from '../software/scheduled-jobs/read-scheduled-jobs.js';
import type { LogRetentionSource, SoftwareReading } from '../inventory/log-retention.js';
import { readApache } from '../software/apache/read-apache.js';
import { readCaddy } from '../software/caddy/read-caddy.js';
import { readFail2ban } from '../software/fail2ban/read-fail2ban.js';
import { readJournald } from '../software/journald/read-journald.js';
import { readLogrotate } from '../software/logrotate/read-logrotate.js';
import { readNginx } from '../software/nginx/read-nginx.js';
import { jobLogRetention } from './job-log-retention.js';
import { joinLogRetention } from './join-log-retention.js';

/**
 * The software around the XMPP server, each read from its standard place under --root: web
 * servers (whose logs hold client IPs) and the mechanisms that decide how long logs live.
 */
const SYSTEM_READERS: { kind: SourceKind; read: (root: string) => SoftwareReading }[] = [
  { kind: 'nginx', read: (root) => readNginx(root) },
  { kind: 'apache', read: (root) => readApache(root) },
  { kind: 'caddy', read: (root) => readCaddy(root) },
  { kind: 'logrotate', read: (root) => readLogrotate(root) },
  { kind: 'journald', read: (root) => readJournald(root) },
  { kind: 'fail2ban', read: (root) => readFail2ban(root) },
];

/**
 * Reads every discovered source with its format's reader and interprets it into practices.
 * A file that cannot be parsed is a source with status 'error' and a parse-error diagnostic;
 * the other files are still read. Scheduled jobs (cron, systemd timers) are read from their
 * standard places under --root: ejabberd's retention comes from them.
 */
export function readSources(discovery: Discovery, root: string, config: ResolvedConfig): Inventory {
  const inventory: Inventory = { sources: [], searches: [...discovery.searches], practices: [], diagnostics: [] };
  const addFiles = (files: string[], kind: (file: string) => SourceKind, diagnostics: Diagnostic[]): void => {
    for (const file of files) {
      if (inventory.sources.some((s) => s.file === file)) continue;
      const broken = diagnostics.some((d) => d.code === 'parse-error' && d.position.file === file);
      inventory.sources.push({ file, kind: kind(file), status: broken ? 'error' : 'ok' });
    }
  };

  const jobs = readScheduledJobs(root);
  inventory.diagnostics.push(...jobs.diagnostics);
  addFiles(jobs.files, (file) => (/\.(timer|service|conf)$/.test(file) && file.includes('/systemd/') ? 'systemd' : 'cron'), jobs.diagnostics);
  inventory.searches.push({ kind: 'cron', paths: ['etc/crontab', 'etc/cron.d/', 'etc/cron.{hourly,daily,weekly,monthly}/', 'var/spool/cron/crontabs/', 'etc/systemd/system/*.timer'], found: jobs.files.length > 0 });

  const logRetention: LogRetentionSource[] = [...jobLogRetention(jobs.jobs)];
  let rotationRead = false;
  for (const reader of SYSTEM_READERS) {
    const reading = reader.read(root);
    inventory.diagnostics.push(...reading.diagnostics);
    inventory.practices.push(...reading.practices);
    logRetention.push(...reading.logRetention);
    addFiles(reading.files, () => reader.kind, reading.diagnostics);
    inventory.searches.push({ kind: reader.kind, paths: reading.searched, found: reading.files.length > 0 });
    if (reader.kind === 'logrotate' && reading.files.length > 0) rotationRead = true;
  }

  for (const source of discovery.sources) {
    if (source.kind === 'prosody') {
      const loaded = loadProsodyConfig(source.file, { root, release: config.versions.prosody });
      inventory.diagnostics.push(...loaded.diagnostics);
      addFiles(loaded.files, () => 'prosody', loaded.diagnostics);
      const interpretation = interpretProsody(loaded, config.versions.prosody);
      inventory.practices.push(...interpretation.practices);
      inventory.diagnostics.push(...interpretation.diagnostics);
    } else if (source.kind === 'ejabberd') {
      const loaded = loadEjabberdConfig(source.file, { root });
      inventory.diagnostics.push(...loaded.diagnostics);
      addFiles(loaded.files, () => 'ejabberd', loaded.diagnostics);
      const interpretation = interpretEjabberd(loaded, jobs.jobs, config.versions.ejabberd ?? DEFAULT_EJABBERD_RELEASE);
      inventory.practices.push(...interpretation.practices);
      inventory.diagnostics.push(...interpretation.diagnostics);
    }
  }
  joinLogRetention(inventory, logRetention, rotationRead);
  return inventory;
}
