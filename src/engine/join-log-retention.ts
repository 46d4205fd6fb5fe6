import { compileGlob } from '../discover/glob-match.js';
import type { Inventory } from '../inventory/inventory.js';
import type { LogRetentionSource } from '../inventory/log-retention.js';
import { forever, soonest, unknownFigure, type Retention } from '../inventory/retention.js';
import { isLogToJoin } from './log-destination.js';

/** Destinations that are not files: where each one ends up is decided by journald (or syslog). */
const STREAM_DESTINATIONS = new Set(['journal', 'syslog', 'console', 'stdout', 'stderr']);

/** Which retention mechanisms' configurations were read under --root. */
export interface RetentionConfigsRead {
  logrotate: boolean;
  journald: boolean;
}

/**
 * Gives every log destination in the inventory the retention of the mechanism that covers it:
 * a file by the logrotate blocks, find jobs and rollers whose
 * patterns match its path (the one that deletes soonest decides), the journal, syslog and a
 * service's stdout by journald. A file that nothing covers while logrotate's configuration was
 * read grows forever. Otherwise the retention is unknown, and says exactly why — the rules
 * judge what the join leaves and never invent a reason of their own.
 */
export function joinLogRetention(inventory: Inventory, sources: LogRetentionSource[], read: RetentionConfigsRead): void {
  // Once per destination: thousands of sinks writing one file (a snippet imported by every site)
  // would otherwise each weigh every source that covers it.
  const byDestination = new Map<string, Retention>();
  for (const practice of inventory.practices) {
    if (!isLogToJoin(practice)) continue;
    const destination = practice.destination;
    let retention = byDestination.get(destination);
    if (retention === undefined) byDestination.set(destination, (retention = retentionFor(destination, sources, read)));
    // A mechanism's own evidence where it has some; else the line that writes the log.
    practice.retention = retention.evidence.length > 0 ? retention : { ...retention, evidence: practice.evidence };
  }
}

export function retentionFor(destination: string, sources: LogRetentionSource[], read: RetentionConfigsRead): Retention {
  if (STREAM_DESTINATIONS.has(destination)) {
    const covering = sources.find((s) => s.destinations.includes(destination));
    if (covering) return covering.retention;
    const reason = read.journald
      ? `${destination} is not kept by journald here (syslog goes to rsyslog when it is installed), and privacy-lint found nothing else that keeps it`
      : `how long ${destination} output is kept is decided by journald (or rsyslog), and no journald configuration was found under --root (looked for etc/systemd/journald.conf and its drop-ins)`;
    return unknown(destination, reason);
  }
  if (!destination.startsWith('/')) {
    return unknown(destination, `${destination} is relative to the server's working directory, so which rotation covers it cannot be told; configure an absolute path`);
  }
  // Every mechanism that deletes this file's lines; the one that deletes soonest decides.
  const covering = sources.filter(
    (s) => s.patterns.some((p) => globMatches(p, destination)) || s.directories?.some((d) => destination.startsWith(`${d.replace(/\/+$/, '')}/`)),
  );
  const deciding = soonest(covering.map((s) => s.retention));
  if (deciding) return deciding;
  if (!read.logrotate) {
    return unknown(destination, `no logrotate configuration was found under --root (looked for etc/logrotate.conf), so how long ${destination} is kept cannot be told`);
  }
  return forever(`no logrotate block covers ${destination}, so it is never rotated and grows forever`, {
    fixTemplate: `${destination} {\n    daily\n    rotate {{days}}\n    missingok\n    compress\n}  # in /etc/logrotate.d/`,
    cleanupLag: 86400,
  });
}

function unknown(destination: string, reason: string): Retention {
  return unknownFigure(reason, `lines in ${destination}`);
}

/**
 * Shell-style glob as logrotate takes it (glob(3)): `*` and `?` within one path component,
 * `[...]` classes. A pattern glob(3) cannot use matches nothing (the logrotate reader reports it).
 */
export function globMatches(pattern: string, path: string): boolean {
  const match = compileGlob(pattern);
  return match.ok && match.test(path);
}
