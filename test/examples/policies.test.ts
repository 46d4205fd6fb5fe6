/**
 * The policy templates in examples/policies (one per seed policy) are valid policies, and each
 * gives the verdicts its promises deserve on fixtures/policies/small-server: a Prosody server
 * (newest release's defaults) with a 21-day opt-out archive, uploads kept 20 days, hashed
 * passwords, TLS required, logs at info level, no push module, no backups, no web server.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { repoRoot } from '../helpers/lint-fixture.js';

async function verdicts(policy: string): Promise<Record<string, string>> {
  const result = await lint({
    cwd: repoRoot,
    root: path.join(repoRoot, 'fixtures/policies/small-server'),
    paths: [],
    policyFile: path.join(repoRoot, 'examples/policies', policy),
    ruleOverrides: [],
  });
  return Object.fromEntries(result.claims.map((c) => [c.claim, c.verdict]));
}

// Shared reasons, from fixtures/policies/small-server/etc/prosody/prosody.cfg.lua:
// - passwords: `authentication = "internal_hashed"` (line 7) stores SCRAM hashes;
// - no module that logs IPs or login times, and `log` at info level writes no client addresses;
// - `archive_expires_after = "21d"` (line 12), `default_archive_policy = true` (opt-out);
// - `http_file_share_expires_after = 20 * 86400` (line 23) = 20 days;
// - mod_offline is loaded automatically and never expires messages (Prosody core/modulemanager.lua
//   autoload list; modules/mod_offline.lua has no expiry): no time bound;
// - nothing under etc/ configures backups, log rotation or a web server.
describe('examples/policies on a small Prosody server', { timeout: 60_000 }, () => {
  it('conversations-im.yaml: 90 days for archive and uploads hold; offline messages have no time bound', async () => {
    expect(await verdicts('conversations-im.yaml')).toEqual({
      passwords: 'verified',
      'ipAddresses.stored': 'verified',
      'loginTimes.stored': 'verified',
      'messageArchive.default': 'verified',
      'messageArchive.retention': 'verified',
      'offlineMessages.retention': 'violated',
      'fileUploads.retention': 'verified',
      'backups.encrypted': 'unverified',
    });
  });

  it('german-service.yaml: opt-in archive and 10-day uploads are broken by opt-out and 20 days', async () => {
    expect(await verdicts('german-service.yaml')).toEqual({
      passwords: 'verified',
      // The policy says login times are stored; storing none keeps that promise (less invasive).
      'loginTimes.stored': 'verified',
      'messageArchive.default': 'violated',
      // 21 days within the declared 1mo (30 days), worst case 22 days (daily expiry) still within.
      'messageArchive.retention': 'verified',
      'fileUploads.retention': 'violated',
    });
  });

  it('hobby-server.yaml: every declared promise is kept', async () => {
    expect(await verdicts('hobby-server.yaml')).toEqual({
      passwords: 'verified',
      'ipAddresses.stored': 'verified',
      'loginTimes.stored': 'verified',
      'messageArchive.default': 'verified',
    });
  });

  it('j4bb3r-eu.yaml: archive and uploads within their figures; account deletion and backups cannot be told', async () => {
    expect(await verdicts('j4bb3r-eu.yaml')).toEqual({
      passwords: 'verified',
      'ipAddresses.stored': 'verified',
      'loginTimes.stored': 'verified',
      'inactiveAccounts.deleteAfter': 'unverified',
      // 21d declared, 21d configured: verified (the daily job's worst case of 22d is a warning).
      'messageArchive.retention': 'verified',
      'fileUploads.retention': 'verified',
      'serverLogs.messageContent': 'verified',
      'backups.encrypted': 'unverified',
      'backups.retention': 'unverified',
      'backups.interval': 'unverified',
    });
  });

  it('monal.yaml: push and IP claims cannot be broken here, logs and website cannot be told', async () => {
    expect(await verdicts('monal.yaml')).toEqual({
      'ipAddresses.stored': 'verified',
      'ipAddresses.retention': 'not-applicable',
      'serverLogs.retention': 'unverified',
      'pushNotifications.body': 'not-applicable',
      'pushNotifications.sender': 'not-applicable',
      'website.thirdPartyResources': 'unverified',
    });
  });
});
