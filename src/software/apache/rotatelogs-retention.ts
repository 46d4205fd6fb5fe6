import type { LogRetentionSource } from '../../inventory/log-retention.js';
import type { ApacheUse } from './load-config.js';
import type { RotatelogsOptions } from './log-target.js';
import { describeDuration } from '../../config/duration.js';
import { forever, timeBound, trafficBound } from '../../inventory/retention.js';

/**
 * How long lines live in files written by Apache's rotatelogs (rotatelogs(8), httpd 2.4
 * support/rotatelogs.c): it starts a new file every rotation time or size but never deletes
 * one, except with `-n N`, where it reuses a ring of N files (`file`, `file.1` … `file.N-1`).
 */
export function rotatelogsRetention(options: RotatelogsOptions, directive: ApacheUse): LogRetentionSource {
  const strftime = /%[A-Za-z]/.test(options.file);
  const patterns = strftime ? [options.file.replace(/%[A-Za-z]/g, '*')] : [options.file, `${options.file}.*`];
  const evidence = [{ ...(directive.args[0]?.at ?? directive.at), note: `rotatelogs ${options.keepFiles !== undefined ? `-n ${options.keepFiles} ` : ''}${options.file} ${options.intervalSeconds ?? options.size ?? ''}`.trimEnd() }];
  const fixTemplate = `|/usr/bin/rotatelogs -n {{days}} ${options.file.replace(/%[A-Za-z]/g, '').replace(/[._-]+$/, '')} 86400`;
  if (options.keepFiles !== undefined && options.intervalSeconds !== undefined) {
    // A ring of N files, the live one included: a line is overwritten at most N periods after
    // it was written, which is what `-n N` with that rotation time states.
    const age = options.keepFiles * options.intervalSeconds;
    return {
      mechanism: 'rotatelogs',
      patterns,
      destinations: [],
      retention: timeBound(age, `rotatelogs -n ${options.keepFiles} with a new file every ${describeDuration(options.intervalSeconds)} keeps ${options.keepFiles} files, the live one included`, undefined, { fixTemplate, evidence }),
    };
  }
  const retention = options.keepFiles !== undefined
    ? trafficBound(
        `rotatelogs -n ${options.keepFiles} rotates by size (${options.size ?? 'unknown'}), so on a quiet site lines stay for any length of time`,
        `rotatelogs -n ${options.keepFiles} rotating by size`,
        { fixTemplate, evidence },
      )
    : forever('rotatelogs never deletes old files without -n', { fixTemplate, evidence });
  return { mechanism: 'rotatelogs', patterns, destinations: [], retention };
}
