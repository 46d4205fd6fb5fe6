import type { RootFiles } from '../../files/root-files.js';
import type { SoftwareReading } from '../../inventory/log-retention.js';
import type { ScheduledJob } from '../scheduled-jobs/job-model.js';
import { readDumpScripts } from './dump-scripts/read-dump-scripts.js';
import { readDuplicity } from './duplicity/read-duplicity.js';
import { readDuply } from './duply/read-duply.js';
import { readRsnapshot } from './rsnapshot/read-rsnapshot.js';
import { readUnreadTools } from './unread-tools.js';

/**
 * The backups that live in scripts and small configs: rsnapshot, home-made dump scripts, duply
 * profiles and duplicity run directly, and the backup programs no reader follows, all scheduled by
 * the given jobs, as one reading.
 */
export function readScriptBackups(files: RootFiles, jobs: ScheduledJob[]): SoftwareReading {
  const readings = [readRsnapshot(files, jobs), readDumpScripts(files, jobs), readDuply(files, jobs), readDuplicity(files, jobs), readUnreadTools(files, jobs)];
  return {
    files: [...new Set(readings.flatMap((r) => r.files))],
    searched: [...new Set(readings.flatMap((r) => r.searched))],
    diagnostics: readings.flatMap((r) => r.diagnostics),
    practices: readings.flatMap((r) => r.practices),
    logRetention: readings.flatMap((r) => r.logRetention),
  };
}
