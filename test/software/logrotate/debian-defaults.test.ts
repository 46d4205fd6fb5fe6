import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLogrotateFrom } from '../../../src/software/logrotate/index.js';
import { tempRoot } from './fixture-root.js';
import { readerBlocks, runOracle } from './logrotate-oracle.js';
import { view } from '../../helpers/figure-view.js';
import { filesMissing, firstMissing, programsMissing, requireOracle } from '../../helpers/require-program.js';
import { RootFiles } from '../../../src/files/root-files.js';

/**
 * Debian bookworm's logrotate.conf and the logrotate.d files of the installed packages, copied
 * at test time into a temp root (never into the repo), with the figures that
 * `logrotate -d /etc/logrotate.conf` shows for them.
 * Each package's case is skipped when its file is absent, except in CI, where .ci/run installs
 * logrotate nginx apache2 prosody ejabberd fail2ban and an absent file is a failure
 * (requireOracle).
 */
const DAY = 86400;
const HOUR = 3600;
const WEEK = 7 * DAY;

function debianRoot(): string | undefined {
  if (!existsSync('/etc/logrotate.conf')) return undefined;
  const root = tempRoot('logrotate-debian');
  mkdirSync(join(root, 'etc/logrotate.d'), { recursive: true });
  copyFileSync('/etc/logrotate.conf', join(root, 'etc/logrotate.conf'));
  for (const name of readdirSync('/etc/logrotate.d')) copyFileSync(join('/etc/logrotate.d', name), join(root, 'etc/logrotate.d', name));
  if (existsSync('/lib/systemd/system/logrotate.timer')) {
    mkdirSync(join(root, 'lib/systemd/system'), { recursive: true });
    copyFileSync('/lib/systemd/system/logrotate.timer', join(root, 'lib/systemd/system/logrotate.timer'));
    // Installing logrotate enables the timer with this link (deb-systemd-helper).
    mkdirSync(join(root, 'etc/systemd/system/timers.target.wants'), { recursive: true });
    symlinkSync('/lib/systemd/system/logrotate.timer', join(root, 'etc/systemd/system/timers.target.wants/logrotate.timer'));
  }
  return root;
}

describe("Debian's logrotate configuration, as installed", () => {
  if (!requireOracle(firstMissing(programsMissing('logrotate'), filesMissing('/etc/logrotate.conf')), ['logrotate'])) return;
  const root = debianRoot() as string;
  const reading = readLogrotateFrom(new RootFiles(root), '/etc/logrotate.conf');
  const retention = (pattern: string) => reading.logRetention.find((e) => e.patterns.includes(pattern))?.retention;
  const lineOf = (name: string, text: string): number => readFileSync(join('/etc/logrotate.d', name), 'utf8').split('\n').findIndex((l) => l.trim().startsWith(text)) + 1;

  it('reads it the way logrotate does, with Debian\'s timer', () => {
    expect(reading.diagnostics.filter((d) => d.code !== 'config-warning')).toEqual([]);
    expect(reading.diagnostics.filter((d) => d.message.includes('logrotate.timer'))).toEqual([]);
    const oracle = runOracle(root);
    // One block per file in /etc/logrotate.d at least (btmp, wtmp and each installed package's).
    expect(oracle.blocks.length).toBeGreaterThan(2);
    expect(readerBlocks(reading.blocks)).toEqual(oracle.blocks);
    expect(reading.files).toContain(join(root, 'lib/systemd/system/logrotate.timer'));
  });

  for (const [name, pkg] of [['nginx', 'nginx'], ['apache2', 'apache2']] as const) {
    if (!requireOracle(filesMissing(`/etc/logrotate.d/${name}`), [pkg])) continue;
    // POLICY.md "Verdicts": daily + rotate 14 is 14 days, verified against a 14-day promise; the
    // live file's day and logrotate.timer's AccuracySec=1h (Debian logrotate 3.21.0-1) are the worst case.
    it(`keeps ${name} logs 14 days (daily, rotate 14), up to a day and an hour more`, () => {
      const r = retention(`/var/log/${name}/*.log`);
      expect(view(r!).nominal).toBe(14 * DAY);
      expect(view(r!).worstCase).toBe(15 * DAY + HOUR);
      expect(r?.evidence[1]).toMatchObject({ file: join(root, 'etc/logrotate.d', name), line: lineOf(name, 'rotate 14'), note: 'rotate 14' });
    });
  }

  if (requireOracle(filesMissing('/etc/logrotate.d/prosody'), ['prosody'])) {
    it('keeps Prosody logs 52 weeks (weekly, rotate 52)', () => {
      const r = retention('/var/log/prosody/prosody.log');
      expect(view(r!).nominal).toBe(52 * WEEK);
      expect(view(r!).worstCase).toBe(53 * WEEK + HOUR);
      expect(r?.evidence[0]).toMatchObject({ file: join(root, 'etc/logrotate.d/prosody'), line: lineOf('prosody', 'weekly'), note: 'weekly' });
    });
  }

  if (requireOracle(filesMissing('/etc/logrotate.d/ejabberd'), ['ejabberd'])) {
    it('gives ejabberd logs no bound: size 1M after weekly rotates only on size', () => {
      const r = retention('/var/log/ejabberd/*.log');
      expect(r!.bound).toBe('traffic');
      expect(view(r!).trafficReason).toMatch(/^"size 1M" rotates only when the log is larger than 1 MiB/);
      const warning = reading.diagnostics.find((d) => d.position.file === join(root, 'etc/logrotate.d/ejabberd'));
      expect(warning).toMatchObject({ code: 'config-warning', position: { line: lineOf('ejabberd', 'size 1M') } });
    });
  }

  if (requireOracle(filesMissing('/etc/logrotate.d/fail2ban'), ['fail2ban'])) {
    it('keeps fail2ban.log 4 weeks (weekly, rotate 4)', () => {
      expect(view(retention('/var/log/fail2ban.log')!).nominal).toBe(4 * WEEK);
    });
  }

  if (requireOracle(filesMissing('/etc/logrotate.d/btmp'), ['logrotate'])) {
    // Debian's /etc/logrotate.d/btmp: monthly, rotate 1: one month of at most 31 days, and the
    // live month at worst.
    it('keeps btmp (failed logins with their source address) a month, two at worst', () => {
      expect(view(retention('/var/log/btmp')!).nominal).toBe(31 * DAY);
      expect(view(retention('/var/log/btmp')!).worstCase).toBe(2 * 31 * DAY + HOUR);
    });
  }
});
