import type { Inventory } from '../inventory/inventory.js';
import type { LogRetentionSource } from '../inventory/log-retention.js';
import type { Retention } from '../inventory/practice.js';

/** Destinations that are not files: where each one ends up is decided by journald (or syslog). */
const STREAM_DESTINATIONS = new Set(['journal', 'syslog', 'console', 'stdout', 'stderr']);

/**
 * Gives every log destination in the inventory the retention of the mechanism that covers it
 * (research/web-system.md §0): a file by the first logrotate block whose pattern matches its
 * path, the journal, syslog and a service's stdout by journald. A file that no block covers
 * while logrotate's configuration was read grows forever; when it was not read, the retention
 * stays unknown and says what was looked for.
 */
export function joinLogRetention(inventory: Inventory, sources: LogRetentionSource[], rotationRead: boolean): void {
  for (const practice of inventory.practices) {
    if (practice.kind !== 'log-sink' && !(practice.kind === 'ip-address' && practice.medium === 'log')) continue;
    if (practice.retention) continue;
    const destination = practice.destination;
    if (!destination || destination === 'unknown') continue;
    const retention = retentionFor(destination, sources, rotationRead);
    if (retention) practice.retention = retention;
  }
}

export function retentionFor(destination: string, sources: LogRetentionSource[], rotationRead: boolean): Retention | undefined {
  if (STREAM_DESTINATIONS.has(destination)) {
    return sources.find((s) => s.destinations.includes(destination))?.retention;
  }
  if (!destination.startsWith('/')) return undefined;
  // Every mechanism that deletes this file's lines; the one that deletes soonest decides.
  const covering = sources.filter(
    (s) => s.patterns.some((p) => globMatches(p, destination)) || s.directories?.some((d) => destination.startsWith(`${d.replace(/\/+$/, '')}/`)),
  );
  const bound = (r: Retention): number => r.worstCase ?? r.nominal ?? Infinity;
  const soonest = covering.sort((a, b) => bound(a.retention) - bound(b.retention))[0];
  if (soonest) return soonest.retention;
  if (!rotationRead) return undefined;
  return {
    nominal: Infinity,
    worstCase: Infinity,
    description: `no logrotate block covers ${destination}, so it is never rotated and grows forever`,
    fixTemplate: `${destination} {\n    daily\n    rotate {{days}}\n    missingok\n    compress\n}  # in /etc/logrotate.d/`,
    cleanupLag: 86400,
    evidence: [],
  };
}

/** Shell-style glob as logrotate takes it (glob(3)): `*` and `?` within one path component, `[...]` classes. */
export function globMatches(pattern: string, path: string): boolean {
  let source = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) source += '\\[';
      else {
        const body = pattern.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        source += `[${body}]`;
        i = end;
      }
    } else source += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`${source}$`).test(path);
}
