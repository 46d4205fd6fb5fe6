import type { Diagnostic } from '../../inventory/diagnostic.js';
import type { SourcePosition } from '../../inventory/evidence.js';

/** How often a job runs. Intervals are seconds; undefined means it could not be computed. */
export interface Schedule {
  /** Nominal seconds between runs (the mean gap over the schedule's whole cycle). */
  interval: number | undefined;
  /** Longest possible gap between two runs, including timer jitter (RandomizedDelaySec, AccuracySec). */
  worstCaseInterval: number | undefined;
  /** Shortest gap between two runs, when known (a monthly cron job: 28 days). */
  shortestInterval?: number;
  /** For a reader: "daily at 03:17 (cron)". Says why when the interval is undefined. */
  description: string;
  at: SourcePosition;
}

export type JobOrigin = 'crontab' | 'cron.d' | 'user-crontab' | 'cron-periodic' | 'systemd-timer' | (string & {});

export interface ScheduledJob {
  origin: JobOrigin;
  /** Absolute path of the file that holds the command (the script, crontab line or .service). */
  file: string;
  user?: string;
  /** The command text (a whole script for cron.daily and friends). */
  command: string;
  commandAt: SourcePosition;
  schedule: Schedule;
  /** False when the job is never run periodically; whyNotRuns says why. */
  runs: boolean;
  whyNotRuns?: string;
  actions: CleanupAction[];
  /**
   * The PATH the command starts with (a crontab's `PATH=` line, a unit's Environment=PATH=, else
   * the scheduler's default): where a command named by bare name is looked up.
   */
  searchPath?: string[];
}

/**
 * Data-removing commands recognised in a job's command. Positions point at the command name
 * (`ejabberdctl` or its path, `find`) in the file.
 */
export type CleanupAction =
  | {
      kind: 'ejabberd-delete-old-mam-messages';
      /** all | chat | groupchat (ejabberd mod_mam.erl delete_old_messages/2 rejects others). */
      type: string;
      days: number;
      host?: string;
      batch: boolean;
      at: SourcePosition;
    }
  /** Offline messages (ejabberd_admin.erl delete_old_messages). */
  | { kind: 'ejabberd-delete-old-messages'; days: number; host?: string; batch: boolean; at: SourcePosition }
  | { kind: 'ejabberd-delete-expired-messages'; at: SourcePosition }
  | { kind: 'ejabberd-delete-old-users'; days: number; host?: string; at: SourcePosition }
  | { kind: 'ejabberd-delete-old-push-sessions'; days: number; at: SourcePosition }
  | {
      kind: 'delete-files-older-than';
      directory: string;
      /** Seconds, as the command states it: `-mtime +N` = N days, `-mmin +M` = M minutes. */
      olderThan: number;
      /**
       * What find's granularity adds: `-mtime +N` counts whole 24-hour periods with fractions
       * dropped, so a file is deleted only once it is N+1 days old (1 day); `-mmin` adds nothing.
       */
      rounding: number;
      /** The other find predicates as written (`-type f`, `-name *.log`, `-atime`), for a reader. */
      filters: string[];
      at: SourcePosition;
    }
  | {
      kind: 'unrecognised-ejabberdctl';
      /** The ejabberdctl command line as tokenised (words joined by spaces). */
      command: string;
      /** Why it was not recognised, when it looked like a cleanup command (e.g. days not a number). */
      reason?: string;
      at: SourcePosition;
    };

export interface ScheduledJobs {
  jobs: ScheduledJob[];
  /** Absolute paths of the files read. */
  files: string[];
  diagnostics: Diagnostic[];
  /** Absolute paths of the files and directories looked for (present or not). */
  searched: string[];
}
