import { groupInto } from '../arrays/group-into.js';
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

/**
 * The practices of one kind, in inventory order. Every rule and every data category asks for its
 * kinds, and on 100,000 hosts filtering the 600,000 practices again for each ask was most of
 * the rule runner's time: the practices are grouped by kind once per list, and again when the
 * list has grown. Each caller gets its own copy of the group.
 */
export function practicesOf<K extends PracticeKind>(inventory: Inventory, kind: K): PracticeOf<K>[] {
  const all = inventory.practices;
  let index = kindIndex.get(all);
  if (index === undefined || index.length !== all.length) {
    const kinds = new Map<PracticeKind, Practice[]>();
    for (const p of all) groupInto(kinds, p.kind, p);
    index = { length: all.length, kinds };
    kindIndex.set(all, index);
  }
  return (index.kinds.get(kind)?.slice() ?? []) as PracticeOf<K>[];
}

const kindIndex = new WeakMap<readonly Practice[], { length: number; kinds: Map<PracticeKind, Practice[]> }>();

/** True when at least one source of the given kind was read. */
export function hasSource(inventory: Inventory, kind: SourceKind): boolean {
  return inventory.sources.some((s) => s.kind === kind && s.status !== 'missing');
}
