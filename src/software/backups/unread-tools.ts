import type { RootFiles } from '../../files/root-files.js';
import type { SoftwareReading } from '../../inventory/log-retention.js';
import type { BackupPractice } from '../../inventory/practice.js';
import { unknownFigure } from '../../inventory/retention.js';
import { scheduleInterval } from '../scheduled-jobs/job-figures.js';
import type { ScheduledJob } from '../scheduled-jobs/job-model.js';
import { baseName } from '../scheduled-jobs/unwrap-command.js';
import { findInvocations } from './borg/tool-invocations.js';

/**
 * Backup programs privacy-lint has no reader for. A job that runs one makes a backup all the same:
 * it is reported, with encryption, retention and contents unknown, rather than dropped (which
 * would leave "no backup configuration found").
 */
const UNREAD_TOOLS = ['kopia', 'rclone', 'rdiff-backup', 'bup', 'tarsnap', 'duplicati-cli', 'burp', 'zbackup'];

export function readUnreadTools(files: RootFiles, jobs: ScheduledJob[]): SoftwareReading {
  const reading: SoftwareReading = { files: [], searched: [], diagnostics: [], practices: [], logRetention: [] };
  for (const tool of UNREAD_TOOLS) {
    // Asked of the whole list, which the other readers share an index of; only running jobs count.
    for (const inv of findInvocations(files, jobs, tool)) {
      if (!inv.job.runs || baseName(inv.words[0]) !== tool) continue;
      const what = `${tool} (run at line ${inv.at.line})`;
      const why = `privacy-lint does not read ${tool}: what it backs up, whether it encrypts and how long it keeps backups cannot be told`;
      const evidence = [{ ...inv.at, note: `runs ${tool}` }];
      const schedule = inv.job.schedule;
      const practice: BackupPractice = {
        kind: 'backup',
        subject: { software: tool, name: files.system(inv.at.file) ?? inv.at.file, kind: 'backup' },
        evidence,
        tool,
        encrypted: 'unknown',
        encryption: why,
        retention: unknownFigure(why, `backups made by ${what}`, { evidence }),
        interval: scheduleInterval(schedule, [{ ...schedule.at, note: schedule.description }, ...evidence]),
        contents: { paths: [], databases: [], known: false },
      };
      reading.practices.push(practice);
    }
  }
  return reading;
}
