/**
 * A Debian server as the packages install it: Prosody, nginx, logrotate, journald and fail2ban
 * with their default configs, copied at test time from the installed packages into a scratch
 * root (never committed). What privacy-lint says of it is what an admin who just ran
 * `apt-get install` would be told.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { claimOf, repoRoot } from '../helpers/lint-fixture.js';
import { filesMissing, requireOracle } from '../helpers/require-program.js';

const needed = ['/etc/prosody/prosody.cfg.lua', '/etc/nginx/nginx.conf', '/etc/logrotate.conf', '/etc/logrotate.d/prosody', '/etc/logrotate.d/nginx', '/etc/systemd/journald.conf', '/etc/fail2ban/jail.conf'];

function debianRoot(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'privacy-lint-debian-'));
  for (const dir of ['prosody', 'nginx', 'logrotate.d', 'fail2ban']) {
    cpSync(`/etc/${dir}`, path.join(root, 'etc', dir), { recursive: true, dereference: false, verbatimSymlinks: true });
  }
  cpSync('/etc/logrotate.conf', path.join(root, 'etc', 'logrotate.conf'));
  mkdirSync(path.join(root, 'etc', 'systemd'), { recursive: true });
  cpSync('/etc/systemd/journald.conf', path.join(root, 'etc', 'systemd', 'journald.conf'));
  return root;
}

describe("a Debian server with the packages' default configs", () => {
  if (!requireOracle(filesMissing(...needed), ['prosody', 'nginx', 'logrotate', 'fail2ban', 'systemd'])) return;
  it('breaks "no IPs, logs purged in 14 days": nginx logs IPs, Debian keeps Prosody\'s logs 52 weeks', async () => {
    const root = debianRoot();
    const policy = path.join(root, 'policy.yaml');
    writeFileSync(policy, 'ipAddresses:\n  stored: never\nserverLogs:\n  retention: 14d\nwebsite:\n  thirdPartyResources: false\nmessageArchive:\n  retention: 21d\n');
    const result = await lint({ cwd: repoRoot, root, paths: [], policyFile: policy, ruleOverrides: [] });

    expect(claimOf(result, 'ipAddresses.stored').verdict).toBe('violated');
    expect(claimOf(result, 'serverLogs.retention').verdict).toBe('violated');
    expect(claimOf(result, 'website.thirdPartyResources')).toMatchObject({ verdict: 'violated', observed: 'no Content-Security-Policy' });
    // Debian's prosody.cfg.lua leaves mod_mam commented out.
    expect(claimOf(result, 'messageArchive.retention').verdict).toBe('not-applicable');

    const relative = (f: string): string => path.relative(root, f);
    const ipPlaces = result.findings.filter((f) => f.ruleId === 'ip-address-storage').map((f) => relative(f.file));
    expect(ipPlaces).toEqual(expect.arrayContaining(['etc/nginx/nginx.conf', 'etc/fail2ban/fail2ban.conf']));
    const prosodyLog = result.findings.find((f) => f.ruleId === 'log-retention' && f.message.includes('/var/log/prosody/prosody.log'));
    expect(prosodyLog).toBeDefined();
    expect(relative(prosodyLog!.file)).toBe('etc/logrotate.d/prosody');
    expect(prosodyLog!.message).toContain('weekly rotation, 52 rotated copies');
  }, 60_000);
});

/** Copies /etc/X (a file or a directory) of the installed packages into the scratch root. */
function copyEtc(root: string, ...entries: string[]): void {
  for (const entry of entries) {
    cpSync(`/etc/${entry}`, path.join(root, 'etc', entry), { recursive: true, dereference: false, verbatimSymlinks: true });
  }
}

function scratch(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'privacy-lint-debian-'));
  mkdirSync(path.join(root, 'etc'), { recursive: true });
  return root;
}

async function lintWith(root: string, policyText: string, config?: string) {
  const policy = path.join(root, 'policy.yaml');
  writeFileSync(policy, policyText);
  const options = { cwd: repoRoot, root, paths: [], policyFile: policy, ruleOverrides: [] };
  if (config === undefined) return lint(options);
  const configFile = path.join(root, 'privacy-lint.config.yaml');
  writeFileSync(configFile, config);
  return lint({ ...options, configFile });
}

describe('Debian stock web servers against a 14-day log promise (POLICY.md "Verdicts")', () => {
  // Debian's /etc/logrotate.d/nginx and /etc/logrotate.d/apache2: daily, rotate 14. Nominally 14
  // days, within the claim; the live file's day and logrotate.timer's AccuracySec=1h make the worst
  // case 15 days and an hour: verified with a warning, violated under strictRetention.
  for (const [server, files] of [
    ['nginx', ['nginx', 'logrotate.d', 'logrotate.conf']],
    ['apache2', ['apache2', 'logrotate.d', 'logrotate.conf']],
  ] as const) {
    describe(server, () => {
      if (!requireOracle(filesMissing(`/etc/${server}`, `/etc/logrotate.d/${server}`, '/etc/logrotate.conf'), [server, 'logrotate'])) return;
      it('verifies serverLogs.retention: 14d with a worst-case warning per log', async () => {
        const root = scratch();
        copyEtc(root, ...files);
        // Debian's modules-enabled links point into /usr/share/nginx/modules-available.
        if (server === 'nginx' && existsSync('/usr/share/nginx/modules-available')) {
          cpSync('/usr/share/nginx/modules-available', path.join(root, 'usr/share/nginx/modules-available'), { recursive: true });
        }
        const result = await lintWith(root, 'serverLogs:\n  retention: 14d\n');
        // The 14 days come from the package's own rotate 14, not from a default.
        expect(claimOf(result, 'serverLogs.retention')).toMatchObject({ verdict: 'verified', observed: '14d, worst case 15d 1h' });
        const warnings = result.findings.filter((f) => f.ruleId === 'log-retention');
        expect(warnings.length).toBeGreaterThan(0);
        for (const w of warnings) {
          expect(w.severity).toBe('warning');
          expect(w.message).toContain('is within the declared 14d, but in the worst case data lives 15d 1h');
          expect(path.relative(root, w.file)).toBe(`etc/logrotate.d/${server}`);
        }
        expect(result.summary.errors).toBe(0);
      });

      it('violates it under strictRetention', async () => {
        const root = scratch();
        copyEtc(root, ...files);
        const result = await lintWith(root, 'serverLogs:\n  retention: 14d\n', 'strictRetention: true\npolicy: ./policy.yaml\n');
        expect(claimOf(result, 'serverLogs.retention').verdict).toBe('violated');
      });
    });
  }
});

describe('Debian stock ejabberd: its logs are rotated by size only', () => {
  if (!requireOracle(filesMissing('/etc/ejabberd/ejabberd.yml', '/etc/logrotate.d/ejabberd'), ['ejabberd', 'logrotate'])) return;
  it('violates a 14-day log promise: deletion depends on traffic (logrotate size 1M, log_rotate_size)', async () => {
    // Debian's /etc/logrotate.d/ejabberd: weekly, then size 1M, which replaces it (the last
    // criterion wins); ejabberd 23.01 rotates at log_rotate_size (10 MiB default) by itself too.
    const root = scratch();
    copyEtc(root, 'ejabberd', 'logrotate.d', 'logrotate.conf');
    const result = await lintWith(root, 'serverLogs:\n  retention: 14d\n');
    expect(claimOf(result, 'serverLogs.retention')).toMatchObject({ verdict: 'violated' });
    const finding = result.findings.find((f) => f.ruleId === 'log-retention' && f.message.includes('/var/log/ejabberd/ejabberd.log'));
    expect(finding?.severity).toBe('error');
    expect(finding?.message).toContain('deletion depends on traffic, not time');
    expect(path.relative(root, finding!.file)).toBe('etc/logrotate.d/ejabberd');
  });
});

describe('Debian stock journald and fail2ban', () => {
  if (!requireOracle(filesMissing('/etc/systemd/journald.conf', '/etc/fail2ban/jail.conf'), ['systemd', 'fail2ban'])) return;
  it('journald keeps the journal without an age limit: a retention promise for syslog is violated', async () => {
    // journald.conf(5): MaxRetentionSec= defaults to 0, no time-based deletion. Debian's fail2ban
    // logs to /var/log/fail2ban.log and its database keeps banned IPs dbpurgeage = 1d.
    const root = scratch();
    mkdirSync(path.join(root, 'etc', 'systemd'), { recursive: true });
    cpSync('/etc/systemd/journald.conf', path.join(root, 'etc', 'systemd', 'journald.conf'));
    copyEtc(root, 'fail2ban');
    writeFileSync(path.join(root, 'etc', 'fail2ban', 'fail2ban.local'), '[Definition]\nlogtarget = SYSLOG\n');
    const result = await lintWith(root, 'serverLogs:\n  retention: 14d\n');
    expect(claimOf(result, 'serverLogs.retention').verdict).toBe('violated');
    const finding = result.findings.find((f) => f.ruleId === 'log-retention' && f.message.includes('syslog'));
    expect(finding?.message).toContain('journald deletes old entries only to stay under its size caps');
  });
});

describe("Debian stock fail2ban: its log's IP addresses under logrotate", () => {
  if (!requireOracle(filesMissing('/etc/fail2ban/fail2ban.conf', '/etc/logrotate.d/fail2ban', '/etc/logrotate.conf'), ['fail2ban', 'logrotate'])) return;
  // Debian's /etc/logrotate.d/fail2ban: weekly, rotate 4 = 28d nominal (4 rotated weeks); the worst
  // case adds the live file's week and logrotate.timer's AccuracySec=1h: 35d 1h. Its database keeps
  // banned IPs dbpurgeage = 1d (fail2ban.conf).
  const root = (): string => {
    const r = scratch();
    copyEtc(r, 'fail2ban', 'logrotate.conf');
    mkdirSync(path.join(r, 'etc', 'logrotate.d'), { recursive: true });
    cpSync('/etc/logrotate.d/fail2ban', path.join(r, 'etc', 'logrotate.d', 'fail2ban'));
    return r;
  };
  it('violates ipAddresses.retention: 7d at the weekly line of logrotate.d/fail2ban', async () => {
    const r = root();
    const result = await lintWith(r, 'ipAddresses:\n  retention: 7d\n');
    expect(claimOf(result, 'ipAddresses.retention')).toMatchObject({ verdict: 'violated', observed: '28d' });
    const errors = result.findings.filter((f) => f.ruleId === 'ip-address-retention' && f.severity === 'error');
    expect(errors.map((f) => `${path.relative(r, f.file)}:${f.line} ${f.message}`)).toEqual([
      'etc/logrotate.d/fail2ban:3 IP addresses in /var/log/fail2ban.log: weekly rotation, 4 rotated copies: 28d, longer than the declared 7d',
    ]);
  }, 60_000);
  it('verifies ipAddresses.retention: 30d with a worst-case warning, violated under strictRetention', async () => {
    const r = root();
    const result = await lintWith(r, 'ipAddresses:\n  retention: 30d\n');
    expect(claimOf(result, 'ipAddresses.retention')).toMatchObject({ verdict: 'verified', observed: '1d; 28d, worst case 35d 1h' });
    const warnings = result.findings.filter((f) => f.ruleId === 'ip-address-retention');
    expect(warnings.map((f) => [f.severity, path.relative(r, f.file), f.line])).toEqual([['warning', 'etc/logrotate.d/fail2ban', 3]]);
    const strict = await lintWith(r, 'ipAddresses:\n  retention: 30d\n', 'strictRetention: true\n');
    expect(claimOf(strict, 'ipAddresses.retention').verdict).toBe('violated');
  }, 60_000);
});

describe('Debian stock rsnapshot: installed, never scheduled', () => {
  if (!requireOracle(filesMissing('/etc/rsnapshot.conf', '/etc/cron.d/rsnapshot'), ['rsnapshot'])) return;
  it('is reported once as configured, never scheduled, and decides no backups.* claim', async () => {
    // Debian's rsnapshot package ships every line of /etc/cron.d/rsnapshot commented out.
    const root = scratch();
    copyEtc(root, 'rsnapshot.conf', 'cron.d');
    const result = await lintWith(root, 'backups:\n  encrypted: true\n  retention: 7d\n  interval: 1d\n');
    for (const claim of ['backups.encrypted', 'backups.retention', 'backups.interval']) {
      expect(claimOf(result, claim).verdict).toBe('unverified');
    }
    const never = result.findings.filter((f) => f.message.includes('configured, never scheduled'));
    expect(never).toHaveLength(1);
    expect(never[0]).toMatchObject({ severity: 'warning', ruleId: 'config-warning' });
    expect(path.relative(root, never[0]!.file)).toBe('etc/rsnapshot.conf');
    expect(result.findings.filter((f) => f.ruleId === 'backup-encryption')).toEqual([]);
  });
});

