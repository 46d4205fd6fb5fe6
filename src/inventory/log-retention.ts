import type { DirectiveView } from './directive-view.js';
import type { Diagnostic } from './diagnostic.js';
import type { Practice, Retention } from './practice.js';

/**
 * What a rotation or retention mechanism says about log destinations: a logrotate block for
 * some file patterns, journald for the journal (and syslog/stdout of services), Caddy's own
 * roller for its file. The engine joins these with the log-sink and ip-address practices whose
 * destination they cover (src/engine/join-log-retention.ts).
 */
export interface LogRetentionSource {
  /** 'logrotate' | 'journald' | 'caddy-roll' | 'fail2ban' | ... */
  mechanism: string;
  /**
   * Absolute paths on the served system, with shell globs as logrotate takes them
   * (`/var/log/nginx/*.log`). Empty for journald.
   */
  patterns: string[];
  /** Non-file destinations covered: 'journal', 'syslog', 'console', 'stdout', 'stderr'. */
  destinations: string[];
  /** Directories whose files (at any depth) are covered, e.g. by a `find DIR -mtime +N -delete` job. */
  directories?: string[];
  retention: Retention;
}

/** What a reader + interpreter of one kind of software hands to the pipeline. */
export interface SoftwareReading {
  /** Absolute paths of the files read (on disk, under --root). */
  files: string[];
  /** Paths looked for, relative to --root, for `unverified` messages. */
  searched: string[];
  diagnostics: Diagnostic[];
  practices: Practice[];
  logRetention: LogRetentionSource[];
  /** The config as a directive tree for plugin rules (ctx.configs), built only when asked for. */
  directives?: () => DirectiveView[];
}
