import type { RootFiles } from '../../files/root-files.js';
import type { SoftwareReading } from '../../inventory/log-retention.js';
import type { ScheduledJob } from '../scheduled-jobs/job-model.js';
import { readAutorestic } from './autorestic/read-autorestic.js';
import { readBorgScripts } from './borg/read-borg-scripts.js';
import { readBorgmatic } from './borgmatic/read-borgmatic.js';
import { readRestic } from './restic/read-restic.js';

/** borgmatic, borg from scripts, restic and autorestic, read together and concatenated. */
export function readBorgResticBackups(files: RootFiles, jobs: ScheduledJob[]): SoftwareReading {
  const parts = [readBorgmatic(files, jobs), readBorgScripts(files, jobs), readRestic(files, jobs), readAutorestic(files, jobs)];
  return {
    files: [...new Set(parts.flatMap((p) => p.files))],
    searched: [...new Set(parts.flatMap((p) => p.searched))],
    diagnostics: parts.flatMap((p) => p.diagnostics),
    practices: parts.flatMap((p) => p.practices),
    logRetention: parts.flatMap((p) => p.logRetention),
  };
}
