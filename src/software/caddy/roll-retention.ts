import { posix } from 'node:path';
import type { LogRetentionSource } from '../../inventory/log-retention.js';
import type { CaddyOutput } from './log-directive.js';
import { forever, trafficBound } from '../../inventory/retention.js';

/**
 * Caddy's own log rolling for `output file` (modules/logging/filewriter.go OpenWriter,
 * caddyserver/caddy at v2.6.2 and later; lumberjack v2): on unless `roll_disabled`; roll_size
 * default 100 MiB, roll_keep default 10 files, roll_keep_for default 90 days. Rolled files are
 * named `<name>-<timestamp><ext>` and gzipped. Rolling is by size only (time-based rolling came
 * later, with timberjack), and lumberjack deletes old files only when it rolls — so a line in
 * the live file of a quiet site has no age limit.
 */
export const CADDY_ROLL_DEFAULTS = { sizeMb: 100, keep: 10, keepDays: 90 };

export function caddyRollRetention(path: string, output: CaddyOutput, release: string): LogRetentionSource {
  const ext = posix.extname(path);
  const stem = path.slice(0, path.length - ext.length);
  const patterns = [path, `${stem}-*${ext}*`];
  const at = output.roll.keepForAt ?? output.at;
  const defaulted = output.roll.keepForAt === undefined;
  const evidence = [
    {
      ...at,
      note: output.roll.disabled ? 'roll_disabled' : defaulted ? `output file ${path}: roll_keep_for defaults to 90 days` : `roll_keep_for: ${output.roll.keepDays} days`,
      ...(defaulted && !output.roll.disabled ? { default: { software: 'caddy', release, source: 'modules/logging/filewriter.go OpenWriter (RollKeepDays = 90)' } } : {}),
    },
  ];
  const fixTemplate = 'roll_keep_for {{days}}d';
  if (output.roll.disabled) {
    return {
      mechanism: 'caddy-roll',
      patterns,
      destinations: [],
      retention: forever('roll_disabled: Caddy never rolls or deletes this file', { evidence }),
    };
  }
  const days = output.roll.keepDays ?? CADDY_ROLL_DEFAULTS.keepDays;
  const size = output.roll.sizeMb ?? CADDY_ROLL_DEFAULTS.sizeMb;
  return {
    mechanism: 'caddy-roll',
    patterns,
    destinations: [],
    retention: trafficBound(
      `Caddy rolls by size only: lines stay in the live file until it reaches ${size} MiB, however long that takes, and rolled files older than ${days} days are deleted only when it rolls`,
      `Caddy rolls ${path} at ${size} MiB and deletes rolled files after ${days} days (roll_keep ${output.roll.keep ?? CADDY_ROLL_DEFAULTS.keep})`,
      { fixTemplate, evidence },
    ),
  };
}
