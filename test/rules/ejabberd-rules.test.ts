/**
 * ejabberd judged through the same rules: retention of archives, offline messages, uploads and
 * accounts comes from scheduled jobs (cron, user crontabs, systemd timers, mod_cron tasks).
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { claimOf, findingsOf, lintFixture, placeOf, repoRoot } from '../helpers/lint-fixture.js';
import { cell } from '../helpers/matrix.js';
import { filesMissing, requireOracle } from '../helpers/require-program.js';

const YML = 'etc/ejabberd/ejabberd.yml';

describe('ejabberd in the style of the official container config', () => {
  it('gives each claim its verdict, from the config and the nightly cron job', async () => {
    const result = await lintFixture('ejabberd/container-style');
    const verdicts = Object.fromEntries(result.claims.map((c) => [c.claim, [c.verdict, c.observed]]));
    expect(verdicts).toEqual({
      passwords: ['violated', 'plaintext (auth_password_format: plain, the default)'],
      'ipAddresses.stored': ['violated', 'IPs of every client in log /var/log/ejabberd/ejabberd.log'],
      'loginTimes.stored': ['violated', 'mod_last stores when each user last logged out (it is also what delete_old_users reads)'],
      'inactiveAccounts.deleteAfter': ['violated', 'forever'],
      'messageArchive.default': ['verified', 'opt-out (default: always)'],
      'messageArchive.retention': ['verified', '30d'],
      'groupchatArchive.retention': ['verified', '30d'],
      // mod_offline deletes a message only when it is delivered: no time bound (POLICY.md "Verdicts").
      'offlineMessages.retention': ['violated', 'no time bound'],
      'fileUploads.retention': ['violated', 'forever'],
      'pushNotifications.body': ['verified', 'no message text in push notifications'],
      'pushNotifications.sender': ['verified', 'no sender address in push notifications'],
      'transport.requireEncryption': ['violated', 'server-to-server TLS optional'],
    });
  });

  it(`${cell('ejabberd', 'inactive-accounts', 'violating')}${cell('ejabberd', 'password-storage', 'violating')}${cell('ejabberd', 'ip-address-storage', 'violating')}${cell('ejabberd', 'transport-encryption', 'violating')}${cell('ejabberd', 'login-times', 'violating')}${cell('ejabberd', 'offline-message-retention', 'violating')}${cell('ejabberd', 'upload-retention', 'violating')} puts each violation at its line with what to change`, async () => {
    const result = await lintFixture('ejabberd/container-style');
    const errors = result.findings.filter((f) => f.severity === 'error').map((f) => [f.ruleId, placeOf(result, f), f.suggestion]);
    expect(errors).toEqual([
      ['inactive-accounts', `${YML}:3:9`, '/etc/cron.d/ejabberd-purge: 15 3 * * * ejabberd /usr/sbin/ejabberdctl delete_old_users 364'],
      ['password-storage', `${YML}:3:9`, 'auth_password_format: scram  # existing plaintext passwords are converted at ejabberdctl convert_to_scram'],
      ['ip-address-storage', `${YML}:8:1`, 'hide_sensitive_log_data: true'],
      ['transport-encryption', `${YML}:36:1`, 's2s_use_starttls: required'],
      ['login-times', `${YML}:48:3`, 'remove mod_last from modules (delete_old_users then deletes every offline account: use another way to find inactive ones)'],
      ['offline-message-retention', `${YML}:55:3`, '/etc/cron.d/ejabberd-purge: 15 3 * * * ejabberd /usr/sbin/ejabberdctl delete_old_messages 89'],
      ['upload-retention', `${YML}:56:3`, 'mod_http_upload_quota: { max_days: 30 }'],
    ]);
    expect(findingsOf(result, 'offline-message-retention')[0]!.message).toBe(
      'Offline messages of example.org: deletion depends on traffic, not time (mod_offline has no expiry option: a message is deleted only when its recipient comes online to receive it): data can be kept without limit, so it is not bounded by the declared 90d',
    );
  });
});

describe('ejabberd with every retention scheduled', () => {
  it(`${cell('ejabberd', 'password-storage', 'compliant')}${cell('ejabberd', 'ip-address-storage', 'compliant')}${cell('ejabberd', 'login-times', 'compliant')}${cell('ejabberd', 'inactive-accounts', 'compliant')}${cell('ejabberd', 'message-archive-default', 'compliant')}${cell('ejabberd', 'offline-message-retention', 'compliant')}${cell('ejabberd', 'upload-retention', 'compliant')}${cell('ejabberd', 'log-message-content', 'compliant')}${cell('ejabberd', 'push-notification-content', 'compliant')}${cell('ejabberd', 'transport-encryption', 'compliant')} verifies every claim; the timer\'s accuracy shows as a worst-case warning at the ExecStart line`, async () => {
    const result = await lintFixture('ejabberd/purged');
    expect(result.claims.filter((c) => c.verdict !== 'verified')).toEqual([]);
    expect(claimOf(result, 'offlineMessages.retention').observed).toBe('30d'); // the mod_cron task
    expect(claimOf(result, 'fileUploads.retention').observed).toBe('30d'); // mod_http_upload_quota
    expect(claimOf(result, 'passwords').observed).toBe('SCRAM-SHA-256');
    const warnings = findingsOf(result, 'message-archive-retention');
    expect(warnings.map((f) => [placeOf(result, f), f.severity, f.suggestion])).toEqual([
      ['etc/systemd/system/ejabberd-purge.service:7:11', 'warning', '/usr/sbin/ejabberdctl delete_old_mam_messages all 19'],
    ]);
    expect(result.summary.errors).toBe(0);
    expect(findingsOf(result, 'config-warning')).toEqual([]);
  });

  it('warns when delete_old_users would also delete unprotected admin accounts', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'privacy-lint-ejabberd-'));
    mkdirSync(path.join(root, 'etc', 'ejabberd'), { recursive: true });
    mkdirSync(path.join(root, 'etc', 'cron.d'), { recursive: true });
    writeFileSync(path.join(root, 'etc', 'ejabberd', 'ejabberd.yml'), 'hosts:\n  - example.org\nmodules:\n  mod_admin_extra: {}\n  mod_roster: {}\n');
    writeFileSync(path.join(root, 'etc', 'cron.d', 'purge'), '0 4 * * * ejabberd ejabberdctl delete_old_users 365\n');
    const policy = path.join(root, 'policy.yaml');
    writeFileSync(policy, 'inactiveAccounts:\n  deleteAfter: 1y\n');
    const result = await lint({ cwd: repoRoot, root, paths: [], policyFile: policy, ruleOverrides: [] });
    const warnings = findingsOf(result, 'config-warning').map((f) => [path.relative(root, f.file), f.line, f.message]);
    expect(warnings).toEqual([
      ['etc/cron.d/purge', 1, 'delete_old_users deletes every account of example.org that has no mod_last record, and mod_last is not enabled: every offline user would be deleted'],
      ['etc/cron.d/purge', 1, 'delete_old_users spares only accounts allowed by the access rule protect_old_users, which is not defined: admin and service accounts that never log in are deleted too'],
    ]);
  });
});

describe('jobs that do not run as meant', () => {
  it(`${cell('ejabberd', 'message-archive-retention', 'violating')} a dotted /etc/cron.d name never runs: the archive is kept forever, and the file is named`, async () => {
    const result = await lintFixture('ejabberd/dotted-cron');
    expect(claimOf(result, 'messageArchive.retention')).toMatchObject({ verdict: 'violated', observed: 'forever' });
    const [error] = findingsOf(result, 'message-archive-retention');
    expect(placeOf(result, error!)).toBe(`${YML}:4:3`);
    expect(error!.message).toContain('the job in ejabberd.cron (line 1) never runs');
    const [warning] = findingsOf(result, 'config-warning');
    expect(placeOf(result, warning!)).toBe('etc/cron.d/ejabberd.cron:1:1');
  });

  it(`${cell('ejabberd', 'groupchat-archive-retention', 'violating')} a purge of chat archives only leaves group chat archives forever`, async () => {
    const result = await lintFixture('ejabberd/weekly-user-crontab');
    expect(claimOf(result, 'groupchatArchive.retention')).toMatchObject({ verdict: 'violated', observed: 'forever' });
    const [error] = findingsOf(result, 'groupchat-archive-retention');
    expect(placeOf(result, error!)).toBe(`${YML}:7:12`);
    expect(error!.message).toContain('no scheduled job runs ejabberdctl delete_old_mam_messages all|groupchat DAYS');
  });

  it('a weekly user crontab: nominal 14 days, worst case 21', async () => {
    const result = await lintFixture('ejabberd/weekly-user-crontab');
    expect(claimOf(result, 'messageArchive.retention')).toMatchObject({ verdict: 'verified', observed: '14d, worst case 21d' });
    const [warning] = findingsOf(result, 'message-archive-retention');
    expect(placeOf(result, warning!)).toBe('var/spool/cron/crontabs/ejabberd:2:11');
    expect(warning!.suggestion).toBe('ejabberdctl delete-old-mam-messages chat 7');
  });
});

describe('uploads cleaned by a find job', () => {
  it('counts the job that deletes in the configured docroot, not one in another directory', async () => {
    const result = await lintFixture('ejabberd/upload-find-job');
    // find -mtime +29 states 29 days; find deletes at 30 whole days and the daily job adds one: at
    // most 31 days. The job on /var/lib/ejabberd/upload (2 days) is not where this host's docroot is.
    expect(claimOf(result, 'fileUploads.retention')).toMatchObject({ verdict: 'verified', observed: '29d' });
    expect(result.findings).toEqual([]);
  });
});

describe('hide_sensitive_log_data', () => {
  it('under host_config only: ignored by ejabberd, so IPs are logged, and said so at that line', async () => {
    const result = await lintFixture('ejabberd/host-config-hide');
    expect(claimOf(result, 'ipAddresses.stored').verdict).toBe('violated');
    const [warning] = findingsOf(result, 'config-warning');
    expect(placeOf(result, warning!)).toBe(`${YML}:5:5`);
    expect(warning!.message).toBe(
      'hide_sensitive_log_data under host_config (example.org) has no effect: ejabberd reads only the top-level value, so IP addresses are still logged',
    );
  });
});

describe('debug logging, archive by default, push with body and sender', () => {
  it(`${cell('ejabberd', 'log-message-content', 'violating')}${cell('ejabberd', 'message-archive-default', 'violating')}${cell('ejabberd', 'push-notification-content', 'violating')} breaks each of the claims at the line that does it`, async () => {
    const result = await lintFixture('ejabberd/debug-log');
    const errors = result.findings.map((f) => [f.ruleId, placeOf(result, f), f.suggestion]);
    expect(errors).toEqual([
      ['log-message-content', `${YML}:5:1`, 'loglevel: info'],
      ['message-archive-default', `${YML}:10:5`, 'mod_mam: { default: never }'],
      ['push-notification-content', `${YML}:12:5`, 'include_body: false'],
      ['push-notification-content', `${YML}:13:5`, 'include_sender: false'],
    ]);
  });
});

const debianDefault = '/etc/ejabberd/ejabberd.yml';

describe("Debian's default ejabberd.yml (read from the installed package)", () => {
  if (!requireOracle(filesMissing(debianDefault), ['ejabberd'])) return;
  it('has IPs, login times and unpurged offline messages, and hashes passwords', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'privacy-lint-ejabberd-'));
    mkdirSync(path.join(root, 'etc', 'ejabberd'), { recursive: true });
    copyFileSync(debianDefault, path.join(root, 'etc', 'ejabberd', 'ejabberd.yml'));
    const policy = path.join(root, 'policy.yaml');
    writeFileSync(policy, 'passwords: hashed\nipAddresses:\n  stored: never\nloginTimes:\n  stored: false\nofflineMessages:\n  retention: 90d\nmessageArchive:\n  retention: 21d\n');
    const result = await lint({ cwd: repoRoot, root, paths: [], policyFile: policy, ruleOverrides: [] });
    const verdicts = Object.fromEntries(result.claims.map((c) => [c.claim, c.verdict]));
    expect(verdicts).toEqual({
      passwords: 'verified', // Debian sets auth_password_format: scram
      'ipAddresses.stored': 'violated', // loglevel info, no hide_sensitive_log_data
      'loginTimes.stored': 'violated', // mod_last
      'offlineMessages.retention': 'violated', // mod_offline, no purge job
      'messageArchive.retention': 'not-applicable', // mod_mam commented out
    });
    // Debian comments log_rotate_count: 0 as "disable internal rotation"; it does not.
    expect(findingsOf(result, 'config-warning').map((f) => f.message)).toContain(
      "log_rotate_count: 0 does not turn ejabberd's own rotation off: the log is still cut at log_rotate_size and the old part is deleted; to leave rotation to logrotate, set log_rotate_size: infinity",
    );
  });
});
