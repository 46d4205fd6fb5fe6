import { describe, expect, it } from 'vitest';
import { globMatches, retentionFor } from '../../src/engine/join-log-retention.js';
import type { LogRetentionSource } from '../../src/inventory/log-retention.js';
import { timeBound } from '../../src/inventory/retention.js';
import { view } from '../helpers/figure-view.js';

const at = { file: '/root/etc/logrotate.d/nginx', line: 1, column: 1, note: 'block' };
const DAY = 86400;
const rotate = (patterns: string[], days: number): LogRetentionSource => ({
  mechanism: 'logrotate',
  patterns,
  destinations: [],
  retention: timeBound(days * DAY, `${days} days`, { seconds: (days + 1) * DAY, reason: 'live file' }, { evidence: [at] }),
});

describe('joining a log destination with what rotates it', () => {
  it('matches logrotate globs within one path component, as glob(3) does', () => {
    expect(globMatches('/var/log/nginx/*.log', '/var/log/nginx/access.log')).toBe(true);
    expect(globMatches('/var/log/nginx/*.log', '/var/log/nginx/sub/access.log')).toBe(false);
    expect(globMatches('/var/log/prosody/prosody.[el][ro][rg]', '/var/log/prosody/prosody.err')).toBe(true);
    expect(globMatches('/var/log/a?.log', '/var/log/ab.log')).toBe(true);
  });

  it('takes the mechanism that deletes soonest when several cover a file', () => {
    const weekly = rotate(['/var/log/nginx/*.log'], 28);
    const job: LogRetentionSource = {
      mechanism: 'scheduled-job',
      patterns: [],
      destinations: [],
      directories: ['/var/log/nginx'],
      retention: timeBound(7 * DAY, 'find job', { seconds: 8 * DAY, reason: 'daily job' }, { evidence: [at] }),
    };
    expect(retentionFor('/var/log/nginx/access.log', [weekly, job], { logrotate: true, journald: false }).description).toBe('find job');
  });

  it('a file no block covers grows forever once logrotate was read; unknown when it was not', () => {
    const nginx = rotate(['/var/log/nginx/*.log'], 14);
    expect(view(retentionFor('/var/log/prosody/prosody.log', [nginx], { logrotate: true, journald: false }))).toMatchObject({
      nominal: Infinity,
      description: 'no logrotate block covers /var/log/prosody/prosody.log, so it is never rotated and grows forever',
    });
    expect(view(retentionFor('/var/log/prosody/prosody.log', [nginx], { logrotate: false, journald: false }))).toMatchObject({
      nominal: undefined,
      unknownReason: 'no logrotate configuration was found under --root (looked for etc/logrotate.conf), so how long /var/log/prosody/prosody.log is kept cannot be told',
    });
    expect(view(retentionFor('prosody.log', [nginx], { logrotate: true, journald: false })).unknownReason).toBe(
      "prosody.log is relative to the server's working directory, so which rotation covers it cannot be told; configure an absolute path",
    );
  });

  it('syslog and the journal go to journald', () => {
    const journald: LogRetentionSource = {
      mechanism: 'journald',
      patterns: [],
      destinations: ['journal', 'syslog'],
      retention: timeBound(14 * DAY, 'journald', { seconds: 45 * DAY, reason: 'whole files' }, { evidence: [at] }),
    };
    expect(retentionFor('syslog', [journald], { logrotate: true, journald: true }).description).toBe('journald');
    expect(view(retentionFor('console', [journald], { logrotate: true, journald: true }))).toMatchObject({ nominal: undefined });
    expect(view(retentionFor('console', [], { logrotate: false, journald: false })).unknownReason).toContain('no journald configuration was found under --root');
  });
});
