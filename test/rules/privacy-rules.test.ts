import { describe, expect, it } from 'vitest';
import { claimOf, findingsOf, lintFixture, placeOf } from '../helpers/lint-fixture.js';
import { cell } from '../helpers/matrix.js';

const CFG = 'etc/prosody/prosody.cfg.lua';

describe('ip-address-storage', () => {
  it(`${cell('prosody', 'ip-address-storage', 'compliant')} verifies logs at info without modules that log IPs`, async () => {
    const result = await lintFixture('rules/ip-address-storage/compliant');
    expect(claimOf(result, 'ipAddresses.stored')).toMatchObject({ verdict: 'verified', observed: "no IP addresses in the servers' logs or stores" });
    expect(result.findings).toEqual([]);
  });

  it(`${cell('prosody', 'ip-address-storage', 'violating')} reports "*syslog", which logs from debug, where every connection's IP is`, async () => {
    const result = await lintFixture('rules/ip-address-storage/violating');
    expect(claimOf(result, 'ipAddresses.stored')).toMatchObject({ verdict: 'violated', observed: 'IPs of every client in log syslog' });
    const [finding] = findingsOf(result, 'ip-address-storage');
    expect(placeOf(result, finding!)).toBe(`${CFG}:4:7`);
    expect(finding!.message).toBe(
      'syslog takes debug messages, which carry the IP address of every connection ("New connection …", net/server_epoll.lua), but the policy declares IP addresses stored: never',
    );
    expect(finding!.suggestion).toBe('log only from info: { to = "syslog", levels = { min = "info" } }');
  });

  it('allows mod_log_auth in its default failure mode under failed-logins', async () => {
    const result = await lintFixture('rules/ip-address-storage/log-auth-failures');
    expect(claimOf(result, 'ipAddresses.stored')).toMatchObject({
      verdict: 'verified',
      observed: 'IPs of failed logins in log /var/log/prosody/prosody.log',
    });
  });
});

describe('ip-address-storage: fail2ban', () => {
  it("names fail2ban's ban database as such, not as a server's account store", async () => {
    const result = await lintFixture('rules/ip-address-storage/fail2ban-database');
    // fail2ban.conf(5): dbfile is fail2ban's own SQLite database, where bans and their matches are kept.
    expect(claimOf(result, 'ipAddresses.stored')).toMatchObject({
      verdict: 'violated',
      observed: "IPs of failed logins in log /var/log/fail2ban.log; IPs of failed logins in fail2ban's database /var/lib/fail2ban/fail2ban.sqlite3",
    });
    const database = findingsOf(result, 'ip-address-storage').find((f) => f.message.startsWith("fail2ban's database"));
    expect(placeOf(result, database!)).toBe('etc/fail2ban/fail2ban.conf:4:10');
  });
});

describe('ip-address-retention', () => {
  it('is not applicable when nothing records IP addresses', async () => {
    const result = await lintFixture('rules/ip-address-retention/compliant');
    expect(claimOf(result, 'ipAddresses.retention')).toMatchObject({ verdict: 'not-applicable', observed: 'no IP addresses recorded' });
  });

  it(`${cell('prosody', 'ip-address-retention', 'violating')} reports mod_lastlog2 keeping the last login IP until the next login: no time bound`, async () => {
    // prosody-modules mod_lastlog2.lua: the record is replaced at the next login and never expired.
    const result = await lintFixture('rules/ip-address-retention/violating');
    expect(claimOf(result, 'ipAddresses.retention')).toMatchObject({ verdict: 'violated', observed: 'no time bound' });
    const [finding] = findingsOf(result, 'ip-address-retention');
    expect(placeOf(result, finding!)).toBe(`${CFG}:8:1`);
    expect(finding!.message).toBe(
      'IP addresses stored for example.org: deletion depends on traffic, not time (mod_lastlog2 never expires records: the address is replaced only when the user next logs in): data can be kept without limit, so it is not bounded by the declared 7d',
    );
  });
});

describe('login-times', () => {
  it(`${cell('prosody', 'login-times', 'compliant')} verifies a server without activity tracking`, async () => {
    const result = await lintFixture('rules/login-times/compliant');
    expect(claimOf(result, 'loginTimes.stored')).toMatchObject({ verdict: 'verified', observed: 'login times not recorded' });
  });

  it(`${cell('prosody', 'login-times', 'violating')} reports mod_lastlog2 enabled on a host, at its list entry`, async () => {
    const result = await lintFixture('rules/login-times/violating');
    expect(claimOf(result, 'loginTimes.stored').verdict).toBe('violated');
    const [finding] = findingsOf(result, 'login-times');
    expect(placeOf(result, finding!)).toBe(`${CFG}:6:22`);
    expect(finding).toMatchObject({
      message: 'mod_lastlog2 stores when each user last logged in, but the policy declares login times are not stored',
      suggestion: 'remove "lastlog2" from modules_enabled',
    });
  });
});

describe('inactive-accounts', () => {
  it('cannot be verified from Prosody alone, and says why at the host', async () => {
    const result = await lintFixture('rules/inactive-accounts/unverified');
    expect(claimOf(result, 'inactiveAccounts.deleteAfter')).toMatchObject({ verdict: 'unverified', observed: 'unknown' });
    const [finding] = findingsOf(result, 'inactive-accounts');
    expect(placeOf(result, finding!)).toBe(`${CFG}:5:1`);
    expect(finding!.severity).toBe('warning');
    expect(finding!.message).toBe(
      'Accounts of example.org: cannot tell how long data is kept: Prosody 13.0 has no option that deletes inactive accounts, and privacy-lint recognises no scheduled job that deletes Prosody accounts',
    );
  });
});

describe('password-storage', () => {
  it(`${cell('prosody', 'password-storage', 'compliant')} verifies internal_hashed`, async () => {
    const result = await lintFixture('rules/password-storage/compliant');
    expect(claimOf(result, 'passwords')).toMatchObject({ verdict: 'verified', observed: 'SCRAM-SHA-1 (internal_hashed)' });
  });

  it(`${cell('prosody', 'password-storage', 'violating')} reports internal_plain on a host`, async () => {
    const result = await lintFixture('rules/password-storage/violating');
    expect(claimOf(result, 'passwords')).toMatchObject({ verdict: 'violated', observed: 'plaintext (internal_plain)' });
    const [finding] = findingsOf(result, 'password-storage');
    expect(placeOf(result, finding!)).toBe(`${CFG}:6:2`);
    expect(finding!.message).toBe('example.org stores passwords as plaintext (internal_plain), but the policy declares them hashed');
  });
});

describe('push-notification-content', () => {
  it(`${cell('prosody', 'push-notification-content', 'compliant')} verifies mod_cloud_notify with its defaults`, async () => {
    const result = await lintFixture('rules/push-notification-content/compliant');
    expect(claimOf(result, 'pushNotifications.body').verdict).toBe('verified');
    expect(claimOf(result, 'pushNotifications.sender').verdict).toBe('verified');
  });

  it(`${cell('prosody', 'push-notification-content', 'violating')} reports push_notification_with_sender = true, inherited from the global section`, async () => {
    const result = await lintFixture('rules/push-notification-content/violating');
    expect(claimOf(result, 'pushNotifications.body').verdict).toBe('verified');
    expect(claimOf(result, 'pushNotifications.sender')).toMatchObject({ verdict: 'violated', observed: 'sender address included' });
    const [finding] = findingsOf(result, 'push-notification-content');
    expect(placeOf(result, finding!)).toBe(`${CFG}:4:1`);
    expect(finding!.suggestion).toBe('push_notification_with_sender = false');
  });
});

describe('transport-encryption', () => {
  it(`${cell('prosody', 'transport-encryption', 'compliant')} verifies the defaults (TLS required both ways)`, async () => {
    const result = await lintFixture('rules/transport-encryption/compliant');
    expect(claimOf(result, 'transport.requireEncryption')).toMatchObject({
      verdict: 'verified',
      observed: 'client TLS required; server-to-server TLS required',
    });
  });

  it(`${cell('prosody', 'transport-encryption', 'violating')} reports both optional-TLS settings at their lines`, async () => {
    const result = await lintFixture('rules/transport-encryption/violating');
    const findings = findingsOf(result, 'transport-encryption');
    expect(findings.map((f) => [placeOf(result, f), f.message])).toEqual([
      [`${CFG}:4:1`, 'Other servers may connect without TLS: the policy declares TLS required'],
      [`${CFG}:7:2`, 'Clients of example.org may connect without TLS: the policy declares TLS required'],
    ]);
  });
});

describe('log-retention', () => {
  it('is not applicable when Prosody logs nothing', async () => {
    const result = await lintFixture('rules/log-retention/compliant');
    expect(claimOf(result, 'serverLogs.retention')).toMatchObject({ verdict: 'not-applicable', observed: 'nothing is logged' });
  });

  it('names every log file whose rotation it cannot find, and why', async () => {
    const result = await lintFixture('rules/log-retention/unverified');
    expect(claimOf(result, 'serverLogs.retention').verdict).toBe('unverified');
    expect(findingsOf(result, 'log-retention').map((f) => [placeOf(result, f), f.severity])).toEqual([
      [`${CFG}:5:9`, 'warning'],
      [`${CFG}:6:10`, 'warning'],
    ]);
    expect(findingsOf(result, 'log-retention')[0]!.message).toBe(
      'The prosody log /var/log/prosody/prosody.log: cannot tell how long data is kept: no logrotate configuration was found under --root (looked for etc/logrotate.conf), so how long /var/log/prosody/prosody.log is kept cannot be told',
    );
  });
});

describe('log-message-content', () => {
  it(`${cell('prosody', 'log-message-content', 'compliant')} verifies logs at info`, async () => {
    const result = await lintFixture('rules/log-message-content/compliant');
    expect(claimOf(result, 'serverLogs.messageContent')).toMatchObject({ verdict: 'verified', observed: 'no message bodies in logs' });
  });

  it(`${cell('prosody', 'log-message-content', 'violating')} reports mod_stanza_debug with a debug sink, at the module entry`, async () => {
    const result = await lintFixture('rules/log-message-content/violating');
    expect(claimOf(result, 'serverLogs.messageContent')).toMatchObject({ verdict: 'violated', observed: 'message bodies logged' });
    const [finding] = findingsOf(result, 'log-message-content');
    expect(placeOf(result, finding!)).toBe(`${CFG}:2:60`);
    expect(finding!.suggestion).toBe('remove "stanza_debug" from modules_enabled');
  });
});

describe('config problems', () => {
  it('parse-error: exact position, and the claim it hides is unverified', async () => {
    const result = await lintFixture('rules/parse-error/violating');
    const [finding] = findingsOf(result, 'parse-error');
    expect(placeOf(result, finding!)).toBe(`${CFG}:4:1`);
    expect(finding).toMatchObject({ severity: 'error', message: "Lua syntax error: unfinished string near '\"1w' (Prosody refuses to start)" });
    expect(claimOf(result, 'messageArchive.retention')).toMatchObject({
      verdict: 'unverified',
      observed: 'Cannot judge messageArchive.retention: a configuration file could not be parsed (see the parse-error findings)',
    });
    expect(result.sources.map((s) => s.status)).toEqual(['error']);
  });

  it('parse-error in an included file: positioned there, and the other files are still judged', async () => {
    const result = await lintFixture('rules/parse-error/included-file');
    const [finding] = findingsOf(result, 'parse-error');
    expect(placeOf(result, finding!)).toBe('etc/prosody/conf.d/broken.cfg.lua:2:63');
    expect(finding!.message).toBe("Lua syntax error: <expression> expected near '}' (Prosody refuses to start)");
    expect(claimOf(result, 'passwords').verdict).toBe('violated');
    expect(claimOf(result, 'messageArchive.retention').verdict).toBe('violated');
    expect(result.sources.map((s) => [s.file.split('/etc/prosody/')[1], s.status])).toEqual([
      ['prosody.cfg.lua', 'ok'],
      ['conf.d/broken.cfg.lua', 'error'],
      ['conf.d/example.org.cfg.lua', 'ok'],
    ]);
  });

  it('include-error: a missing Include target is reported at the Include line; the rest is judged', async () => {
    const result = await lintFixture('rules/include-error/violating');
    const [finding] = findingsOf(result, 'include-error');
    expect(placeOf(result, finding!)).toBe(`${CFG}:7:1`);
    expect(finding!.message).toContain('Prosody refuses to start: Error loading included /etc/prosody/conf.d/missing.cfg.lua');
    expect(claimOf(result, 'passwords').verdict).toBe('verified');
  });

  it('config-error: table.insert on an option fails on Prosody 0.12', async () => {
    const result = await lintFixture('rules/config-error/violating');
    const [finding] = findingsOf(result, 'config-error');
    expect(placeOf(result, finding!)).toBe(`${CFG}:4:1`);
    expect(finding!.message).toContain("bad argument #1 to 'insert' (table expected, got nil)");
  });

  it('unknown-value: RunScript is named as code privacy-lint does not run', async () => {
    const result = await lintFixture('rules/unknown-value/violating');
    const [finding] = findingsOf(result, 'unknown-value');
    expect(placeOf(result, finding!)).toBe(`${CFG}:5:1`);
    expect(finding).toMatchObject({ severity: 'info', message: 'RunScript runs Lua that privacy-lint does not execute' });
  });

  it('unverifiable-claim: a claim no configuration shows is a warning at its policy line, naming where it looked', async () => {
    const result = await lintFixture('rules/unverifiable-claim/prosody-only');
    const [finding] = findingsOf(result, 'unverifiable-claim');
    expect(placeOf(result, finding!)).toBe('privacy-lint.config.yaml:6:5');
    expect(finding!.message).toMatch(/^No configuration found that shows backups\.encrypted \(it read: prosody; looked for /);
    // Only the places that could show a backup, not every kind of configuration.
    expect(finding!.message).toContain('cron: etc/crontab');
    expect(finding!.message).not.toContain('nginx');
  });

  it('a rule switched off leaves its claim unverified and says so', async () => {
    const result = await lintFixture('rules/password-storage/violating', ['password-storage=off']);
    expect(claimOf(result, 'passwords')).toMatchObject({
      verdict: 'unverified',
      observed: 'passwords is not checked: the rule judging it (password-storage) is off',
    });
    expect(result.summary.errors).toBe(0);
  });

  it('a rule set to warning still makes the claim violated, with a warning finding', async () => {
    const result = await lintFixture('rules/password-storage/violating', ['password-storage=warning']);
    expect(claimOf(result, 'passwords').verdict).toBe('violated');
    expect(findingsOf(result, 'password-storage').map((f) => f.severity)).toEqual(['warning']);
  });
});

describe('ip-address-storage: community modules that log IPs above debug', () => {
  it('reports mod_c2s_conn_throttle writing IPs to an error-level log', async () => {
    const result = await lintFixture('rules/ip-address-storage/throttle-module');
    expect(claimOf(result, 'ipAddresses.stored').verdict).toBe('violated');
    const [finding] = findingsOf(result, 'ip-address-storage');
    expect(placeOf(result, finding!)).toBe(`${CFG}:6:10`);
    expect(finding!.message).toContain('mod_c2s_conn_throttle writes the IP address of throttled logins');
    expect(finding!.suggestion).toBe('remove "c2s_conn_throttle" from modules_enabled');
  });
});
