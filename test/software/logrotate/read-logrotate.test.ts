import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LogRetentionSource } from '../../../src/inventory/log-retention.js';
import { readLogrotate } from '../../../src/software/logrotate/index.js';
import { fixtureRoot } from './fixture-root.js';
import { view } from '../../helpers/figure-view.js';
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

  it('computes rotate × period nominally; the live file and the timer slack add to the worst case', () => {
    // POLICY.md "Verdicts": daily + rotate 14 = 14 days. Worst case: one more day in the live
    // file before the first rotation, plus Debian logrotate.timer's AccuracySec=1h: 15 d + 1 h.
    const nginx = entry('/var/log/nginx/*.log').retention;
    expect(view(nginx).nominal).toBe(14 * DAY);
    expect(view(nginx).worstCase).toBe(15 * DAY + HOUR);
    expect(view(nginx).worstCaseReason).toContain("assuming Debian's (OnCalendar=daily, AccuracySec=1h; Debian 12 package logrotate 3.21.0-1)");
    expect(nginx.evidence.slice(0, 2)).toEqual([
      { file: d('nginx'), line: 2, column: 2, note: 'daily' },
      { file: d('nginx'), line: 4, column: 2, note: 'rotate 14' },
    ]);
    // The block states its own `rotate 14`: the fix is that count, in place (the block and its
    // scripts stay); a copy is a day, and the fix leaves room for the live day and the hour of slack.
    expect(nginx.fixTemplate).toBe('rotate {{count}}');
    expect(nginx.fixEdit?.at).toEqual({ file: d('nginx'), line: 4, column: 2 });
    expect(nginx.fixUnit).toBe(DAY);
    expect(nginx.fixFallback).toBe('/var/log/nginx/*.log /var/log/nginx/site one.log {\n    daily\n    rotate {{days}}\n}');
    expect(nginx.cleanupLag).toBe(DAY + HOUR);
    const monthly = entry('/var/log/apps/monthly.log').retention;
    // monthly = at most 31 days (logrotate 3.21.0 logrotate.c findNeedRotating): rotate 3 = 3 × 31 d,
    // and the live month, 4 × 31 d + 1 h, at worst (maxsize only rotates earlier).
    expect(view(monthly).nominal).toBe(3 * 31 * DAY);
    expect(view(monthly).worstCase).toBe(4 * 31 * DAY + HOUR);
  });

  it('stretches an hourly period to the daily run of logrotate in the nominal figure', () => {
    // POLICY.md "Verdicts": hourly + rotate 48 under a daily logrotate run rotates once a day, so
    // every line lives 48 days, every day; the live file and the timer's hour add to the worst case.
    const hourly = entry('/var/log/apps/hourly.log').retention;
    expect(view(hourly).nominal).toBe(48 * DAY);
    expect(view(hourly).worstCase).toBe(49 * DAY + HOUR);
    expect(view(hourly).description).toContain('hourly rotation stretched to every 1d');
  });

  it('lets a global directive of one logrotate.d file leak into the later files, and warns there', () => {
    const prosody = entry('/var/log/prosody/prosody.log').retention;
    // The leaked `daily` with the block's rotate 52: 52 days.
    expect(view(prosody).nominal).toBe(52 * DAY);
    expect(prosody.evidence[0]).toEqual({ file: d('apps'), line: 2, column: 1, note: 'daily' });
    expect(view(entry('/var/log/local.log').retention).nominal).toBe(4 * DAY);
    expect(entry('/var/log/local.log').retention.evidence[1]).toEqual({ file: conf, line: 3, column: 1, note: 'rotate 4' });
    const leak = reading.diagnostics.filter((x) => x.code === 'config-warning' && x.message.includes('outside any block'));
    expect(leak).toHaveLength(1);
    expect(leak[0]?.position).toEqual({ file: d('apps'), line: 2, column: 1 });
    expect(leak[0]?.message).toContain('(ejabberd, fail2ban, nginx, prosody, zz-local)');
  });

  it('gives no time bound when rotation depends on size, and warns that size replaced the period', () => {
    const ejabberd = entry('/var/log/ejabberd/*.log').retention;
    expect(ejabberd.bound).toBe('traffic');
    expect(view(ejabberd).trafficReason).toMatch(/^"size 1M" rotates only when the log is larger than 1 MiB/);
    const warning = reading.diagnostics.find((x) => x.message.includes('replaces it'));
    expect(warning).toMatchObject({ code: 'config-warning', position: { file: d('ejabberd'), line: 5, column: 2 } });
    expect(warning?.message).toBe('"size 1M" after "weekly" replaces it: logrotate rotates this log only when it grows past the size, however old it is (the last criterion wins)');
    expect(warning?.suggestion).toBe('Use "maxsize 1M" to rotate early on size while keeping "weekly"');
    const wtmp = entry('/var/log/wtmp').retention;
    expect(wtmp.bound).toBe('traffic');
    expect(view(wtmp).trafficReason).toContain('"minsize 1M" rotates only logs of at least 1 MiB');
  });

  it('bounds rotate -1 by maxage: maxage days, plus one period and the slack at worst', () => {
    // maxage 10 prunes copies older than 10 days at each (daily) rotation: 10 d stated; a copy
    // can wait one more day for that rotation, and the timer an hour.
    const f2b = entry('/var/log/fail2ban.log').retention;
    expect(view(f2b).nominal).toBe(10 * DAY);
    expect(view(f2b).worstCase).toBe(11 * DAY + HOUR);
    expect(f2b.evidence.map((e) => e.note)).toEqual(['daily', 'rotate -1', 'maxage 10', expect.stringContaining('assuming Debian')]);
  });

  it('reports nothing else', () => {
    expect(reading.diagnostics).toHaveLength(2);
  });
});
