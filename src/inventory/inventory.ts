import type { Diagnostic } from './diagnostic.js';
import type { Practice, PracticeKind, PracticeOf } from './practice.js';

/** The kinds of configuration privacy-lint reads. */
export type SourceKind =
  | 'prosody'
  | 'ejabberd'
  | 'cron'
  | 'systemd'
  | 'nginx'
  | 'apache'
  | 'caddy'
  | 'logrotate'
  | 'journald'
  | 'fail2ban'
  | 'backup';

/** One configuration file that was read (or looked for and not readable). */
export interface SourceFile {
  file: string;
  kind: SourceKind;
  /**
   * 'ok' = read; 'error' = read with parse errors; 'missing' = named but absent; 'unreadable' =
   * there but not read (permission, I/O error, not a regular file, too large, a link leaving
   * --root): the claims it could show are unverified.
   */
  status: 'ok' | 'error' | 'missing' | 'unreadable';
}

/** What discovery looked for, so an `unverified` verdict can say where it looked. */
export interface Search {
  kind: SourceKind;
  /** Paths tried, relative to --root where they were standard locations. */
  paths: string[];
  found: boolean;
}

/** Everything the interpreters learned about the server: the input of every rule. */
export interface Inventory {
  sources: SourceFile[];
  searches: Search[];
  practices: Practice[];
  diagnostics: Diagnostic[];
}

export function practicesOf<K extends PracticeKind>(inventory: Inventory, kind: K): PracticeOf<K>[] {
  return inventory.practices.filter((p): p is PracticeOf<K> => p.kind === kind);
}

/** True when at least one source of the given kind was read. */
export function hasSource(inventory: Inventory, kind: SourceKind): boolean {
  return inventory.sources.some((s) => s.kind === kind && s.status !== 'missing');
}
