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
  return inventory;
}
