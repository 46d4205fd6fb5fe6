import { describe, expect, it } from 'vitest';
import { claimOf, findingsOf, lintFixture, placeOf } from '../helpers/lint-fixture.js';
import { cell } from '../helpers/matrix.js';

const CFG = 'etc/prosody/prosody.cfg.lua';

describe('message-archive-retention', () => {
  it(`${cell('prosody', 'message-archive-retention', 'compliant')} verifies an expiry whose worst case stays within the claim`, async () => {
    const result = await lintFixture('rules/message-archive-retention/compliant');
    expect(claimOf(result, 'messageArchive.retention')).toMatchObject({ verdict: 'verified', observed: '20d' });
    expect(result.findings).toEqual([]);
  });

  it(`${cell('prosody', 'message-archive-retention', 'violating')} reports a longer expiry at the line that sets it, with a value that keeps the claim`, async () => {
    const result = await lintFixture('rules/message-archive-retention/violating');
    expect(claimOf(result, 'messageArchive.retention')).toMatchObject({ verdict: 'violated', observed: '365.24d' });
    const [finding, ...rest] = findingsOf(result, 'message-archive-retention');
    expect(rest).toEqual([]);
    expect(placeOf(result, finding!)).toBe(`${CFG}:7:2`);
    expect(finding).toMatchObject({
      severity: 'error',
      message: 'Message archive of example.org: one-to-one messages deleted after 365.24d (archive_expires_after = "1y"), longer than the declared 21d',
      suggestion: 'archive_expires_after = "20 days"',
    });
  });

  it(`${cell('prosody', 'message-archive-retention', 'worst-case')} verifies "3w" against 21d with a warning that the daily cleanup makes it 22 days`, async () => {
    const result = await lintFixture('rules/message-archive-retention/worst-case');
    expect(claimOf(result, 'messageArchive.retention')).toMatchObject({ verdict: 'verified', observed: '21d, worst case 22d' });
    const [finding] = findingsOf(result, 'message-archive-retention');
    expect(placeOf(result, finding!)).toBe(`${CFG}:5:1`);
    expect(finding!.severity).toBe('warning');
    expect(finding!.message).toContain('in the worst case data lives 22d: Prosody deletes expired data in a daily job');
    expect(finding!.suggestion).toBe('archive_expires_after = "20 days"');
    expect(result.summary.errors).toBe(0);
  });

  it('turns the worst case into a violation under strictRetention', async () => {
    const result = await lintFixture('rules/message-archive-retention/strict');
    expect(claimOf(result, 'messageArchive.retention').verdict).toBe('violated');
    expect(findingsOf(result, 'message-archive-retention').map((f) => f.severity)).toEqual(['error']);
  });

  it('uses the default of the configured release, named as a default, when the option is unset', async () => {
    const result = await lintFixture('rules/message-archive-retention/default-012');
    expect(claimOf(result, 'messageArchive.retention')).toMatchObject({
      verdict: 'violated',
      observed: '1w (default, prosody 0.12 modules/mod_mam/mod_mam.lua:46)',
    });
    const [finding] = findingsOf(result, 'message-archive-retention');
    // The unset option has no line: the finding points at the VirtualHost it applies to.
    expect(placeOf(result, finding!)).toBe(`${CFG}:6:1`);
    expect(finding!.message).toContain('(archive_expires_after not set, default "1w"), longer than the declared 3d');
    expect(finding!.suggestion).toBe('archive_expires_after = "2d"');
  });

  it('warns that Prosody 0.12 reads "2 hours" as 2 seconds', async () => {
    const result = await lintFixture('rules/message-archive-retention/hours-012');
    expect(claimOf(result, 'messageArchive.retention')).toMatchObject({ verdict: 'verified', observed: '2s' });
    const [warning] = findingsOf(result, 'config-warning');
    expect(placeOf(result, warning!)).toBe(`${CFG}:5:1`);
    expect(warning).toMatchObject({
      severity: 'warning',
      message: 'Prosody 0.12 reads archive_expires_after = "2 hours" as 2 seconds (only d, w, m and y are units there)',
      suggestion: 'archive_expires_after = 7200 -- seconds: 0.12 understands only d, w, m (months) and y',
    });
  });

  it('is not applicable when no host loads mod_mam', async () => {
    const result = await lintFixture('rules/message-archive-retention/no-mam');
    expect(claimOf(result, 'messageArchive.retention')).toMatchObject({ verdict: 'not-applicable', observed: 'no message archive (mod_mam not loaded)' });
    expect(result.findings).toEqual([]);
  });

  it('cannot tell a retention read from the environment, and says where', async () => {
    const result = await lintFixture('rules/message-archive-retention/from-environment');
    expect(claimOf(result, 'messageArchive.retention')).toMatchObject({ verdict: 'unverified', observed: 'unknown' });
    const [finding] = findingsOf(result, 'message-archive-retention');
    expect(placeOf(result, finding!)).toBe(`${CFG}:5:25`);
    expect(finding!.severity).toBe('warning');
    expect(finding!.message).toContain('environment variable ARCHIVE_EXPIRY');
  });
});

describe('message-archive-default', () => {
  it(`${cell('prosody', 'message-archive-default', 'compliant')} verifies opt-in with default_archive_policy = false`, async () => {
    const result = await lintFixture('rules/message-archive-default/compliant');
    expect(claimOf(result, 'messageArchive.default')).toMatchObject({ verdict: 'verified', observed: 'opt-in (nothing archived by default)' });
    expect(result.findings).toEqual([]);
  });

  it(`${cell('prosody', 'message-archive-default', 'violating')} reports the default policy of an enabled mod_mam at the line that enables it`, async () => {
    const result = await lintFixture('rules/message-archive-default/violating');
    expect(claimOf(result, 'messageArchive.default')).toMatchObject({ verdict: 'violated', observed: 'opt-out (default: always)' });
    const [finding] = findingsOf(result, 'message-archive-default');
    expect(placeOf(result, finding!)).toBe(`${CFG}:3:2`);
    expect(finding).toMatchObject({
      message: 'example.org archives messages by default (always, the default), but the policy declares the archive opt-in',
      suggestion: 'default_archive_policy = "never"',
    });
  });

  it('knows Prosody 0.12 does not understand "always" and archives nothing by default', async () => {
    const result = await lintFixture('rules/message-archive-default/always-012');
    expect(claimOf(result, 'messageArchive.default').observed).toBe('opt-in (nothing archived by default)');
    const [warning] = findingsOf(result, 'config-warning');
    expect(placeOf(result, warning!)).toBe(`${CFG}:5:1`);
    expect(warning!.suggestion).toBe('default_archive_policy = true');
  });
});

describe('groupchat-archive-retention', () => {
  it(`${cell('prosody', 'groupchat-archive-retention', 'compliant')} verifies muc_mam with a short expiry on the MUC component`, async () => {
    const result = await lintFixture('rules/groupchat-archive-retention/compliant');
    expect(claimOf(result, 'groupchatArchive.retention')).toMatchObject({ verdict: 'verified', observed: '20d' });
  });

  it(`${cell('prosody', 'groupchat-archive-retention', 'violating')} reports Prosody 0.12 reading "30 minutes" as 30 months`, async () => {
    const result = await lintFixture('rules/groupchat-archive-retention/violating');
    expect(claimOf(result, 'groupchatArchive.retention')).toMatchObject({ verdict: 'violated', observed: '930d' });
    const [finding] = findingsOf(result, 'groupchat-archive-retention');
    expect(placeOf(result, finding!)).toBe(`${CFG}:9:2`);
    expect(finding!.message).toBe(
      'Group chat archive of conference.example.org: group chat messages deleted after 930d (muc_log_expires_after = "30 minutes"), longer than the declared 21d',
    );
    expect(findingsOf(result, 'config-warning')[0]!.suggestion).toBe('muc_log_expires_after = 1800 -- seconds: 0.12 understands only d, w, m (months) and y');
  });

  it('knows a global "mam" does not reach the MUC component', async () => {
    const result = await lintFixture('rules/groupchat-archive-retention/global-mam-only');
    expect(claimOf(result, 'groupchatArchive.retention')).toMatchObject({
      verdict: 'not-applicable',
      observed: 'no group chat archive (no archiving module loaded for the group chat service)',
    });
  });
});

describe('offline-message-retention', () => {
  it('is not applicable when mod_offline is disabled', async () => {
    const result = await lintFixture('rules/offline-message-retention/compliant');
    expect(claimOf(result, 'offlineMessages.retention')).toMatchObject({ verdict: 'not-applicable', observed: 'offline storage disabled' });
  });

  it(`${cell('prosody', 'offline-message-retention', 'violating')} reports the auto-loaded mod_offline, which deletes a message only when it is delivered`, async () => {
    // POLICY.md "Verdicts": expiry that runs only when a user acts has no time bound.
    const result = await lintFixture('rules/offline-message-retention/violating');
    expect(claimOf(result, 'offlineMessages.retention')).toMatchObject({
      verdict: 'violated',
      observed: 'no time bound (default, prosody 13.0 core/modulemanager.lua:31-39)',
    });
    const [finding] = findingsOf(result, 'offline-message-retention');
    expect(placeOf(result, finding!)).toBe(`${CFG}:5:1`);
    expect(finding!.message).toBe(
      'Offline messages of example.org: deletion depends on traffic, not time (mod_offline has no expiry option: a message is deleted only when its recipient comes online to receive it): data can be kept without limit, so it is not bounded by the declared 90d',
    );
    expect(finding!.suggestion).toContain('modules_disabled = { "offline" }');
  });
});

describe('upload-retention', () => {
  it(`${cell('prosody', 'upload-retention', 'compliant')} verifies a 13.0 period within the claim`, async () => {
    const result = await lintFixture('rules/upload-retention/compliant');
    expect(claimOf(result, 'fileUploads.retention')).toMatchObject({ verdict: 'verified', observed: '30d' });
  });

  it(`${cell('prosody', 'upload-retention', 'violating')} reports "never" at its line`, async () => {
    const result = await lintFixture('rules/upload-retention/violating');
    expect(claimOf(result, 'fileUploads.retention')).toMatchObject({ verdict: 'violated', observed: 'forever' });
    const [finding] = findingsOf(result, 'upload-retention');
    expect(placeOf(result, finding!)).toBe(`${CFG}:8:2`);
    expect(finding!.suggestion).toBe('http_file_share_expires_after = "30 days"');
  });

  it('reports that Prosody 0.12 fails to load mod_http_file_share with a duration string', async () => {
    const result = await lintFixture('rules/upload-retention/string-012');
    expect(claimOf(result, 'fileUploads.retention').verdict).toBe('unverified');
    const [error] = findingsOf(result, 'config-error');
    expect(placeOf(result, error!)).toBe(`${CFG}:8:2`);
    expect(error!.message).toContain('"31d" makes mod_http_file_share fail to load');
    expect(error!.suggestion).toBe('http_file_share_expires_after = 31 * 24 * 60 * 60 -- 0.12 takes seconds only');
  });

  it('violates: community mod_http_upload expires only when the same user uploads again, so deletion has no time bound', async () => {
    // prosody-modules mod_http_upload.lua:120-150: expiry runs when a user requests a slot; POLICY.md
    // "Verdicts" counts expiry that runs only when a user acts as unbounded.
    const result = await lintFixture('rules/upload-retention/community-http-upload');
    expect(claimOf(result, 'fileUploads.retention')).toMatchObject({ verdict: 'violated', observed: 'no time bound' });
    const [error] = findingsOf(result, 'upload-retention');
    expect(error!.severity).toBe('error');
    expect(error!.message).toContain('only when the same user requests a new upload slot');
  });
});
