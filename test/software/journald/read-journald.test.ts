import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJournald } from '../../../src/software/journald/index.js';
import { view } from '../../helpers/figure-view.js';
import { programsMissing, requireOracle } from '../../helpers/require-program.js';
import { RootFiles } from '../../../src/files/root-files.js';

const FIXTURES = resolve(import.meta.dirname, '../../../fixtures/journald');
const DAY = 86400;
const MONTH = 2629800;
const read = (name: string) => readJournald(new RootFiles(join(FIXTURES, name)));
const only = <T>(list: T[]): T => {
  expect(list).toHaveLength(1);
  return list[0] as T;
};

describe('readJournald', () => {
  it('on defaults: no age limit, so no figure; syslog, stdout and the console go to the journal', () => {
    const reading = read('default');
    const conf = join(FIXTURES, 'default/etc/systemd/journald.conf');
    expect(reading.files).toEqual([conf]);
    expect(reading.diagnostics).toEqual([]);
    const entry = only(reading.logRetention);
    expect(entry).toMatchObject({ mechanism: 'journald', patterns: [], destinations: ['journal', 'syslog', 'stdout', 'stderr', 'console'] });
    // No MaxRetentionSec=: deletion depends on how much is logged, not on time.
    expect(entry.retention.bound).toBe('traffic');
    expect(view(entry.retention).trafficReason).toMatch(/^journald deletes old entries only to stay under its size caps \(SystemMaxUse= default 10% of the file system, at most 4G\)/);
    expect(entry.retention.description).toContain('Debian 12 creates on install');
    expect(entry.retention.evidence[0]).toMatchObject({ file: conf, line: 1, column: 1, note: 'MaxRetentionSec=0 (default: no age limit)', default: { software: 'systemd-journald' } });
    expect(entry.retention.fixTemplate).toBe('[Journal]\nMaxRetentionSec={{days}}day\nMaxFileSec=1day  # in /etc/systemd/journald.conf.d/retention.conf');
  });

  it('applies drop-ins by file name across directories, /etc masking /run, and leaves syslog to rsyslog', () => {
    const reading = read('dropins');
    const p = (rel: string): string => join(FIXTURES, 'dropins', rel);
    expect(reading.files).toEqual([p('etc/systemd/journald.conf'), p('usr/lib/systemd/journald.conf.d/10-vendor.conf'), p('etc/systemd/journald.conf.d/50-privacy.conf')]);
    const entry = only(reading.logRetention);
    expect(entry.destinations).toEqual(['journal', 'stdout', 'stderr', 'console']);
    expect(view(entry.retention).nominal).toBe(14 * DAY);
    expect(view(entry.retention).worstCase).toBe(15 * DAY);
    expect(entry.retention.evidence.slice(0, 2)).toEqual([
      { file: p('etc/systemd/journald.conf.d/50-privacy.conf'), line: 3, column: 17, note: 'MaxRetentionSec=14day' },
      { file: p('etc/systemd/journald.conf.d/50-privacy.conf'), line: 4, column: 12, note: 'MaxFileSec=1day' },
    ]);
    expect(entry.retention.description).toContain('Storage=persistent');
    expect(reading.diagnostics).toEqual([]);
  });

  it('adds a month of MaxFileSec to an age limit set alone, and warns', () => {
    const reading = read('age-only');
    const entry = only(reading.logRetention);
    expect(view(entry.retention).nominal).toBe(14 * DAY);
    expect(view(entry.retention).worstCase).toBe(14 * DAY + MONTH);
    expect(view(entry.retention).worstCaseReason).toContain(
      'one file spans up to MaxFileSec=1month (default, systemd 252 assumed (Debian 12 package systemd 252.39-1~deb12u2; set versions.systemd if it differs))',
    );
    expect(entry.retention.description).toContain('lost at reboot');
    expect(only(reading.diagnostics)).toMatchObject({ code: 'config-warning', position: { line: 3, column: 1 }, suggestion: 'Add MaxFileSec=1day' });
  });

  it('keeps nothing with Storage=none', () => {
    const entry = only(read('none').logRetention);
    expect(view(entry.retention).nominal).toBe(0);
    expect(view(entry.retention).worstCase).toBe(0);
    expect(entry.retention.evidence[0]).toMatchObject({ line: 2, column: 9, note: 'Storage=none' });
  });

  it('reports bad values, unknown keys and sections at their place, keeping the last valid value', () => {
    const reading = read('broken');
    const conf = join(FIXTURES, 'broken/etc/systemd/journald.conf');
    expect(reading.diagnostics.map((d) => [d.code, d.position.line, d.position.column, d.message])).toEqual([
      ['parse-error', 6, 1, 'Invalid line "this is not an assignment": expected Key=value, a [Section] header or a comment'],
      ['config-warning', 5, 1, 'Unknown journald key "MaxRetention": systemd-journald ignores it'],
      ['config-warning', 8, 1, '[Jornal] is not a section journald reads: MaxFileSec= is ignored (journald.conf has [Journal])'],
      ['config-error', 3, 9, 'Storage=sometimes is not auto, persistent, volatile or none: journald ignores it'],
      ['config-error', 4, 17, 'MaxRetentionSec=forever is not a time span systemd understands (e.g. 2w, 14d, 1month): journald ignores it'],
    ]);
    expect(reading.diagnostics.every((d) => d.position.file === conf)).toBe(true);
    const retention = only(reading.logRetention).retention;
    expect(retention.bound).toBe('traffic');
    // The invalid Storage= is ignored: the valid one before it stays in force.
    expect(retention.evidence[1]).toMatchObject({ line: 2, note: 'Storage=volatile' });
    expect(retention.description).toContain('lost at reboot');
  });

  it('reads nothing when journald.conf is absent, and still describes the defaults', () => {
    const reading = readJournald(new RootFiles(join(FIXTURES, 'default/etc')));
    expect(reading.files).toEqual([]);
    expect(only(reading.logRetention).retention.bound).toBe('traffic');
  });
});

describe('systemd-analyze cat-config as oracle for the file order', () => {
  if (!requireOracle(programsMissing('systemd-analyze'), ['systemd'])) return;
  for (const name of ['default', 'dropins', 'age-only', 'broken', 'none']) {
    it(`reads fixtures/journald/${name} in systemd's order`, () => {
      const root = join(FIXTURES, name);
      const result = spawnSync('systemd-analyze', ['cat-config', `--root=${root}`, 'systemd/journald.conf'], { encoding: 'utf8' });
      const files = result.stdout.split('\n').filter((l) => l.startsWith('# /')).map((l) => l.slice(2));
      // Every fixture has a journald.conf: an empty list would mean nothing was compared.
      expect(files.length, result.stdout + result.stderr).toBeGreaterThan(0);
      expect(readJournald(new RootFiles(root)).files).toEqual(files);
    });
  }
});
