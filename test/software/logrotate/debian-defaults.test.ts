import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLogrotateFrom } from '../../../src/software/logrotate/index.js';
import { tempRoot } from './fixture-root.js';
import { readerBlocks, runOracle } from './logrotate-oracle.js';
import { RootFiles } from '../../../src/files/root-files.js';

/**
 * Debian bookworm's logrotate.conf and the logrotate.d files of the installed packages, copied
 * at test time into a temp root (never into the repo), with the figures of research §5.5.
 * Each package's case is skipped when its file is absent, except in CI, where .ci/run installs
 * logrotate nginx apache2 prosody ejabberd fail2ban and an absent file is a failure.
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

function requirePackage(what: string, present: boolean, pkg: string): boolean {
  if (present) return true;
  if (process.env['CI']) it(`finds ${what}`, () => expect.fail(`${what} is missing: CI must install ${pkg} (apt-get install ${pkg})`));
  else it.skip(`SKIPPED: ${what} is absent (apt-get install ${pkg} to run this case)`, () => {});
  return false;
}

describe("Debian's logrotate configuration, as installed", () => {
  const root = debianRoot();
  if (!requirePackage('/etc/logrotate.conf', root !== undefined, 'logrotate') || root === undefined) return;
  const reading = readLogrotateFrom(new RootFiles(root), '/etc/logrotate.conf');
  const retention = (pattern: string) => reading.logRetention.find((e) => e.patterns.includes(pattern))?.retention;
  const has = (name: string): boolean => existsSync(join('/etc/logrotate.d', name));
  const lineOf = (name: string, text: string): number => readFileSync(join('/etc/logrotate.d', name), 'utf8').split('\n').findIndex((l) => l.trim().startsWith(text)) + 1;

  it('reads it the way logrotate does, with Debian\'s timer', () => {
    expect(reading.diagnostics.filter((d) => d.code !== 'config-warning')).toEqual([]);
    expect(reading.diagnostics.filter((d) => d.message.includes('logrotate.timer'))).toEqual([]);
    expect(readerBlocks(reading.blocks)).toEqual(runOracle(root).blocks);
    expect(reading.files).toContain(join(root, 'lib/systemd/system/logrotate.timer'));
  });

  for (const [name, pkg] of [['nginx', 'nginx'], ['apache2', 'apache2']] as const) {
    if (!requirePackage(`/etc/logrotate.d/${name}`, has(name), pkg)) continue;
    it(`keeps ${name} logs 15 days (daily, rotate 14), up to an hour more`, () => {
      const r = retention(`/var/log/${name}/*.log`);
      expect(r?.nominal).toBe(15 * DAY);
      expect(r?.worstCase).toBe(15 * DAY + HOUR);
      expect(r?.evidence[1]).toMatchObject({ file: join(root, 'etc/logrotate.d', name), line: lineOf(name, 'rotate 14'), note: 'rotate 14' });
    });
  }

  if (requirePackage('/etc/logrotate.d/prosody', has('prosody'), 'prosody')) {
    it('keeps Prosody logs 53 weeks (weekly, rotate 52)', () => {
      const r = retention('/var/log/prosody/prosody.log');
      expect(r?.nominal).toBe(53 * WEEK);
      expect(r?.worstCase).toBe(53 * WEEK + HOUR);
      expect(r?.evidence[0]).toMatchObject({ file: join(root, 'etc/logrotate.d/prosody'), line: lineOf('prosody', 'weekly'), note: 'weekly' });
    });
  }

  if (requirePackage('/etc/logrotate.d/ejabberd', has('ejabberd'), 'ejabberd')) {
    it('gives ejabberd logs no bound: size 1M after weekly rotates only on size', () => {
      const r = retention('/var/log/ejabberd/*.log');
      expect(r?.nominal).toBeUndefined();
      expect(r?.unknownReason).toMatch(/^rotation depends on traffic: "size 1M"/);
      const warning = reading.diagnostics.find((d) => d.position.file === join(root, 'etc/logrotate.d/ejabberd'));
      expect(warning).toMatchObject({ code: 'config-warning', position: { line: lineOf('ejabberd', 'size 1M') } });
    });
  }

  if (requirePackage('/etc/logrotate.d/fail2ban', has('fail2ban'), 'fail2ban')) {
    it('keeps fail2ban.log 5 weeks (weekly, rotate 4)', () => {
      expect(retention('/var/log/fail2ban.log')?.nominal).toBe(5 * WEEK);
    });
  }

  if (has('btmp')) {
    it('keeps btmp (failed logins with their source address) two months', () => {
      expect(retention('/var/log/btmp')?.nominal).toBe(2 * 31 * DAY);
    });
  }
});
