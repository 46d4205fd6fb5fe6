import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LogRetentionSource } from '../../../src/inventory/log-retention.js';
import { readLogrotate } from '../../../src/software/logrotate/index.js';
import { fixtureRoot } from './fixture-root.js';
import { RootFiles } from '../../../src/files/root-files.js';

const DAY = 86400;
const HOUR = 3600;

describe('readLogrotate on a Debian-like layout (fixtures/logrotate/typical)', () => {
  const root = fixtureRoot('logrotate', 'typical');
  const reading = readLogrotate(new RootFiles(root));
  const conf = join(root, 'etc/logrotate.conf');
  const d = (name: string): string => join(root, 'etc/logrotate.d', name);
  const entry = (pattern: string): LogRetentionSource => {
    const found = reading.logRetention.find((e) => e.patterns.includes(pattern));
    if (!found) throw new Error(`no block for ${pattern}`);
    return found;
  };

  it('reads logrotate.conf and logrotate.d in alphabetical order, skipping taboo extensions', () => {
    expect(reading.files).toEqual([conf, d('apps'), d('ejabberd'), d('fail2ban'), d('nginx'), d('prosody'), d('zz-local')]);
    expect(reading.logRetention.map((e) => e.patterns[0])).toEqual([
      '/var/log/apps/hourly.log',
      '/var/log/apps/monthly.log',
      '/var/log/ejabberd/*.log',
      '/var/log/fail2ban.log',
      '/var/log/nginx/*.log',
      '/var/log/prosody/prosody.log',
      '/var/log/local.log',
      '/var/log/wtmp',
    ]);
    expect(reading.logRetention.every((e) => e.mechanism === 'logrotate' && e.destinations.length === 0)).toBe(true);
  });

  it('keeps every path of a block, quoted or on its own line', () => {
    expect(entry('/var/log/nginx/*.log').patterns).toEqual(['/var/log/nginx/*.log', '/var/log/nginx/site one.log']);
    expect(entry('/var/log/prosody/prosody.log').patterns).toEqual(['/var/log/prosody/prosody.log', '/var/log/prosody/prosody.err']);
  });

  it('computes (rotate + 1) × period, plus the timer slack in the worst case', () => {
    const nginx = entry('/var/log/nginx/*.log').retention;
    expect(nginx.nominal).toBe(15 * DAY);
    expect(nginx.worstCase).toBe(15 * DAY + HOUR);
    expect(nginx.worstCaseReason).toContain("assuming Debian's (OnCalendar=daily, AccuracySec=1h)");
    expect(nginx.evidence.slice(0, 2)).toEqual([
      { file: d('nginx'), line: 2, column: 2, note: 'daily' },
      { file: d('nginx'), line: 4, column: 2, note: 'rotate 14' },
    ]);
    expect(nginx.fixTemplate).toBe('/var/log/nginx/*.log /var/log/nginx/site one.log {\n    daily\n    rotate {{days}}\n}');
    expect(nginx.cleanupLag).toBe(DAY + HOUR);
    const monthly = entry('/var/log/apps/monthly.log').retention;
    expect(monthly.nominal).toBe(4 * 31 * DAY);
    expect(monthly.worstCase).toBe(4 * 31 * DAY + HOUR);
  });

  it('stretches an hourly period to the daily run of logrotate in the worst case', () => {
    const hourly = entry('/var/log/apps/hourly.log').retention;
    expect(hourly.nominal).toBe(49 * HOUR);
    expect(hourly.worstCase).toBe(49 * DAY + HOUR);
    expect(hourly.worstCaseReason).toContain('a hourly period stretches to logrotate');
  });

  it('lets a global directive of one logrotate.d file leak into the later files, and warns there', () => {
    const prosody = entry('/var/log/prosody/prosody.log').retention;
    expect(prosody.nominal).toBe(53 * DAY);
    expect(prosody.evidence[0]).toEqual({ file: d('apps'), line: 2, column: 1, note: 'daily' });
    expect(entry('/var/log/local.log').retention.nominal).toBe(5 * DAY);
    expect(entry('/var/log/local.log').retention.evidence[1]).toEqual({ file: conf, line: 3, column: 1, note: 'rotate 4' });
    const leak = reading.diagnostics.filter((x) => x.code === 'config-warning' && x.message.includes('outside any block'));
    expect(leak).toHaveLength(1);
    expect(leak[0]?.position).toEqual({ file: d('apps'), line: 2, column: 1 });
    expect(leak[0]?.message).toContain('(ejabberd, fail2ban, nginx, prosody, zz-local)');
  });

  it('gives no figure when rotation depends on size, and warns that size replaced the period', () => {
    const ejabberd = entry('/var/log/ejabberd/*.log').retention;
    expect(ejabberd.nominal).toBeUndefined();
    expect(ejabberd.worstCase).toBeUndefined();
    expect(ejabberd.unknownReason).toMatch(/^rotation depends on traffic: "size 1M" rotates only when the log is larger than 1 MiB/);
    const warning = reading.diagnostics.find((x) => x.message.includes('replaces it'));
    expect(warning).toMatchObject({ code: 'config-warning', position: { file: d('ejabberd'), line: 5, column: 2 } });
    expect(warning?.message).toBe('"size 1M" after "weekly" replaces it: logrotate rotates this log only when it grows past the size, however old it is (the last criterion wins)');
    expect(warning?.suggestion).toBe('Use "maxsize 1M" to rotate early on size while keeping "weekly"');
    const wtmp = entry('/var/log/wtmp').retention;
    expect(wtmp.nominal).toBeUndefined();
    expect(wtmp.unknownReason).toContain('"minsize 1M" rotates only logs of at least 1 MiB');
  });

  it('bounds rotate -1 by maxage: maxage days plus one period', () => {
    const f2b = entry('/var/log/fail2ban.log').retention;
    expect(f2b.nominal).toBe(11 * DAY);
    expect(f2b.worstCase).toBe(11 * DAY + HOUR);
    expect(f2b.evidence.map((e) => e.note)).toEqual(['daily', 'rotate -1', 'maxage 10', expect.stringContaining('assuming Debian')]);
  });

  it('reports nothing else', () => {
    expect(reading.diagnostics).toHaveLength(2);
  });
});
