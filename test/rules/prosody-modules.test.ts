import { describe, expect, it } from 'vitest';
import { claimOf, findingsOf, lintFixture, placeOf } from '../helpers/lint-fixture.js';

/**
 * Community and bundled Prosody modules that record addresses, login times or files, each both
 * ways, through lint() with the fixture's own policy. Behaviour read from the modules' source
 * (cited in src/software/prosody/{logging,audit,uploads,accounts,transport}.ts).
 */
const CFG = 'etc/prosody/prosody.cfg.lua';

describe('mod_limit_auth', () => {
  it('puts throttled login addresses in the sink that takes warn', async () => {
    const result = await lintFixture('prosody-modules/limit-auth-warn');
    expect(claimOf(result, 'ipAddresses.stored')).toMatchObject({ verdict: 'violated', observed: 'IPs of failed logins in log /var/log/prosody/prosody.log' });
    const [finding] = findingsOf(result, 'ip-address-storage');
    // The sink `warn = "/var/log/prosody/prosody.log"` at line 7, column 9 (its value).
    expect(placeOf(result, finding!)).toBe(`${CFG}:7:9`);
    expect(finding!.message).toContain('mod_limit_auth writes the IP address of throttled logins');
    expect(finding!.suggestion).toBe('remove "limit_auth" from modules_enabled');
  });

  it('stores nothing when no sink takes warn', async () => {
    const result = await lintFixture('prosody-modules/limit-auth-error-only');
    expect(claimOf(result, 'ipAddresses.stored').verdict).toBe('verified');
    expect(result.findings).toEqual([]);
  });
});

describe('mod_audit with mod_audit_auth', () => {
  it('stores login addresses and times, kept 28 days by default on 13.0', async () => {
    const result = await lintFixture('prosody-modules/audit-default');
    expect(claimOf(result, 'ipAddresses.stored').verdict).toBe('violated');
    expect(claimOf(result, 'loginTimes.stored').verdict).toBe('violated');
    // mod_audit.lua:10: get_option_period("audit_log_expires_after", "28d") = 28 × 86400 s.
    expect(claimOf(result, 'ipAddresses.retention')).toMatchObject({ verdict: 'violated' });
    expect(claimOf(result, 'ipAddresses.retention').observed).toMatch(/^28d /);
    const [stored] = findingsOf(result, 'ip-address-storage');
    expect(placeOf(result, stored!)).toBe(`${CFG}:4:2`); // "audit_auth" in modules_enabled
    expect(stored!.suggestion).toBe('audit_log_ips = false');
    const [times] = findingsOf(result, 'login-times');
    expect(placeOf(result, times!)).toBe(`${CFG}:4:2`);
    const [kept] = findingsOf(result, 'ip-address-retention');
    expect(kept!.message).toContain('audit log entries deleted after 28d (audit_log_expires_after not set, default "28d")');
    // mod_audit is global (module:set_global()): audit_log_ips under the VirtualHost is not read.
    const [ignored] = findingsOf(result, 'config-warning');
    expect(placeOf(result, ignored!)).toBe(`${CFG}:11:2`);
    expect(ignored!.message).toBe(
      'audit_log_ips under "example.org" does nothing: mod_audit is a global module (module:set_global()) and reads its options from the global section only',
    );
  });

  it('keeps no address with audit_log_ips = false, and honours declared login times', async () => {
    const result = await lintFixture('prosody-modules/audit-no-ips');
    expect(claimOf(result, 'ipAddresses.stored').verdict).toBe('verified');
    expect(claimOf(result, 'ipAddresses.retention').verdict).toBe('not-applicable');
    expect(claimOf(result, 'loginTimes.stored').verdict).toBe('verified');
    expect(result.findings).toEqual([]);
  });

  it('keeps entries forever on 0.12, where audit_log_expires_after is read but never applied', async () => {
    const result = await lintFixture('prosody-modules/audit-012');
    expect(claimOf(result, 'ipAddresses.retention')).toMatchObject({ verdict: 'violated', observed: 'forever' });
    const [warning] = findingsOf(result, 'config-warning');
    expect(placeOf(result, warning!)).toBe(`${CFG}:6:1`);
    expect(warning!.message).toMatch(/^audit_log_expires_after does nothing on Prosody 0.12/);
  });
});

describe('mod_http_upload_external', () => {
  it('leaves upload retention unverified and names what to check', async () => {
    const result = await lintFixture('prosody-modules/upload-external');
    expect(claimOf(result, 'fileUploads.retention').verdict).toBe('unverified');
    const [finding] = findingsOf(result, 'upload-retention');
    expect(placeOf(result, finding!)).toBe(`${CFG}:7:2`); // http_upload_external_base_url
    expect(finding!.message).toContain('mod_http_upload_external leaves the files to the service behind https://files.example.org/upload/');
    expect(finding!.message).toContain("check that service's expiry setting, or a scheduled job");
  });
});

describe('mod_watchregistrations', () => {
  it('is loaded by mod_register when registration is open, and sends addresses to the admins', async () => {
    const result = await lintFixture('prosody-modules/watchregistrations-open');
    expect(claimOf(result, 'ipAddresses.stored')).toMatchObject({ verdict: 'violated', observed: 'IPs of registrations in messages to admins' });
    const [finding] = findingsOf(result, 'ip-address-storage');
    expect(placeOf(result, finding!)).toBe(`${CFG}:8:1`); // allow_registration = true
    expect(finding!.message).toContain('(allow_registration = true)');
  });

  it('sends nothing when nobody can register', async () => {
    const result = await lintFixture('prosody-modules/watchregistrations-closed');
    expect(claimOf(result, 'ipAddresses.stored').verdict).toBe('verified');
    expect(result.findings).toEqual([]);
  });

  it('counts registration by invitation as registration', async () => {
    const result = await lintFixture('prosody-modules/watchregistrations-invites');
    expect(claimOf(result, 'ipAddresses.stored').verdict).toBe('violated');
    const [finding] = findingsOf(result, 'ip-address-storage');
    expect(placeOf(result, finding!)).toBe(`${CFG}:5:33`); // "watchregistrations" in the list
    expect(finding!.message).toContain('(registration with invites)');
  });
});

describe('consider_bosh_secure / consider_websocket_secure', () => {
  it('cannot verify required TLS when plain HTTP is reachable from elsewhere', async () => {
    const result = await lintFixture('prosody-modules/bosh-secure-exposed');
    expect(claimOf(result, 'transport.requireEncryption').verdict).toBe('unverified');
    const [finding] = findingsOf(result, 'transport-encryption');
    expect(placeOf(result, finding!)).toBe(`${CFG}:3:1`); // consider_bosh_secure = true
    expect(finding!.severity).toBe('warning');
    expect(finding!.message).toBe(
      'Cannot tell whether client connections require TLS: consider_bosh_secure = true lets clients log in over BOSH without TLS, and the plain HTTP port listens on *, ::; only a firewall or a TLS proxy that is the sole way in keeps passwords off the network',
    );
  });

  it('verifies them behind a proxy, with plain HTTP on loopback (the default)', async () => {
    const result = await lintFixture('prosody-modules/bosh-secure-behind-proxy');
    expect(claimOf(result, 'transport.requireEncryption').verdict).toBe('verified');
    expect(result.findings).toEqual([]);
  });
});

describe('group chat services known only at runtime', () => {
  it('Component("x", "muc") is an external component: a warning at the dropped argument', async () => {
    // 0.12 core/configmanager.lua:175-208: Component(name) takes one argument; the real loader
    // (test/oracle) gives this section component_module = "component".
    const result = await lintFixture('prosody-modules/component-two-arguments');
    const [warning] = findingsOf(result, 'config-warning');
    expect(placeOf(result, warning!)).toBe(`${CFG}:7:37`);
    expect(warning!.message).toBe(
      'Component() takes one argument: Prosody ignores "muc" here, so "conference.example.org" is an external component (mod_component), not a "muc" component; the module or options go in a second call, Component "conference.example.org" "muc"',
    );
    expect(warning!.suggestion).toBe('Component "conference.example.org" "muc"');
    expect(claimOf(result, 'groupchatArchive.retention').verdict).toBe('not-applicable');
  });

  it('a component whose module comes from the environment may be a MUC: unverified, not not-applicable', async () => {
    const result = await lintFixture('prosody-modules/component-module-at-runtime');
    expect(claimOf(result, 'groupchatArchive.retention')).toMatchObject({ verdict: 'unverified', observed: '60d if enabled' });
    const [finding] = findingsOf(result, 'groupchat-archive-retention');
    expect(placeOf(result, finding!)).toBe(`${CFG}:9:2`); // muc_log_expires_after = "60d"
    expect(finding!.message).toContain('environment variable GROUPCHAT_MODULE');
  });

  it('a MUC declared inside `if ENV_X then … end` is unverified too', async () => {
    const result = await lintFixture('prosody-modules/component-conditional');
    expect(claimOf(result, 'groupchatArchive.retention').verdict).toBe('unverified');
    const [finding] = findingsOf(result, 'groupchat-archive-retention');
    expect(finding!.message).toContain('set only when `ENV_GROUPCHAT` (line 7) is true');
  });
});

describe('options no loaded module reads', () => {
  it('warns at a misspelled retention option, with the option it most likely means', async () => {
    const result = await lintFixture('prosody-modules/misspelled-options');
    const warnings = findingsOf(result, 'config-warning');
    expect(warnings.map((w) => placeOf(result, w))).toEqual([`${CFG}:6:1`, `${CFG}:7:1`]);
    expect(warnings[0]!.message).toBe(
      'No module reads archive_expire_after, so it does nothing; did you mean archive_expires_after (read by mod_mam, plugins/mod_mam/mod_mam.lua:46, Prosody 13.0)?',
    );
    expect(warnings[0]!.suggestion).toBe('archive_expires_after = "14d"');
    expect(warnings[1]!.suggestion).toBe('http_file_share_expires_after = "14 days"');
    // The misspelled options do nothing: the defaults (1w, 13.0 mod_mam.lua:46) apply.
    expect(claimOf(result, 'messageArchive.retention').observed).toMatch(/^1w /);
  });

  it('stays quiet on the right names, on real options of other modules and on custom options', async () => {
    const result = await lintFixture('prosody-modules/misspelled-options-clean');
    expect(result.findings).toEqual([]);
  });
});
