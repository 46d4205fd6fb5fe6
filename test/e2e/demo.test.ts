/**
 * The published CLI (bin/privacy-lint.js running the built dist/) on the bundled demo and on
 * bad input: what a user or a CI pipeline sees — exit codes, the JSON report, messages.
 * `npm test` builds first (pretest), so dist/ is current.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonReport } from '../helpers/json-report.js';
import { repoRoot } from '../helpers/lint-fixture.js';

function run(args: string[], cwd = repoRoot): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env };
  delete env.FORCE_COLOR;
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'privacy-lint.js'), '--no-color', ...args], { cwd, encoding: 'utf8', env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const demo = ['--root', 'fixtures/demo', '--config', 'fixtures/demo/privacy-lint.config.yaml'];

/** The demo's files, in the order the report lists its sources (discovery order: jobs, backups, web, logs, XMPP). */
const demoSources: [string, string][] = [
  ['etc/cron.d/prosody-cleanup', 'cron'],
  ['etc/systemd/system/borgmatic.timer', 'systemd'],
  ['etc/systemd/system/borgmatic.service', 'systemd'],
  ['etc/borgmatic/config.yaml', 'backup'],
  ['etc/nginx/nginx.conf', 'nginx'],
  ['etc/nginx/sites-enabled/example.org', 'nginx'],
  ['etc/logrotate.conf', 'logrotate'],
  ['etc/logrotate.d/fail2ban', 'logrotate'],
  ['etc/logrotate.d/nginx', 'logrotate'],
  ['etc/logrotate.d/prosody', 'logrotate'],
  ['etc/systemd/journald.conf', 'journald'],
  ['etc/fail2ban/fail2ban.local', 'fail2ban'],
  ['etc/fail2ban/jail.local', 'fail2ban'],
  ['etc/prosody/prosody.cfg.lua', 'prosody'],
  ['etc/prosody/conf.d/example.org.cfg.lua', 'prosody'],
];

describe('privacy-lint on the demo server', () => {
  it('reads every family of the demo server: Prosody, nginx, logrotate, journald, fail2ban, borgmatic, cron', () => {
    const { stdout } = run([...demo, '--format', 'json']);
    const report = parseJsonReport(stdout);
    expect(report).toMatchObject({ version: 1, tool: { name: 'privacy-lint', version: '0.1.0' }, root: 'fixtures/demo', policy: { source: 'fixtures/demo/privacy-lint.config.yaml' } });
    expect(report.sources).toEqual(demoSources.map(([file, kind]) => ({ file: `fixtures/demo/${file}`, kind, status: 'ok' })));
  });

  it('exits 1 with a verdict per claim: each family breaks one promise and keeps another', () => {
    const { status, stdout } = run([...demo, '--format', 'json']);
    expect(status).toBe(1);
    const report = parseJsonReport(stdout);
    const verdicts = Object.fromEntries(report.claims.map((c) => [c.claim, `${c.verdict}: ${c.observed}`]));
    expect(verdicts).toMatchObject({
      // Prosody: internal_hashed stores SCRAM hashes; the archive's "3w" is the declared 21d.
      passwords: 'verified: SCRAM-SHA-1 (internal_hashed)',
      'messageArchive.retention': 'verified: 21d, worst case 22d',
      // 30 * 24 * 60 * 60 seconds = 30d, within 31d.
      'fileUploads.retention': 'verified: 30d',
      // Prosody 0.12 reads "30 minutes" as 30 months of 31 days: 930d.
      'groupchatArchive.retention': 'violated: 930d',
      'pushNotifications.body': 'violated: message text included',
      'transport.requireEncryption': 'verified: client TLS required; server-to-server TLS required',
      // nginx: the CSP lets nothing load from elsewhere; the combined log format writes $remote_addr.
      'website.thirdPartyResources': "verified: CSP: default-src 'self'",
      // logrotate: Prosody's logs rotate weekly and 52 copies stay: 52 * 7 = 364d (nginx's: daily, 7 copies).
      'serverLogs.retention': 'violated: 364d',
      // borgmatic: encryption_passcommand is set; keep_daily 7 + keep_monthly 3 months of 31 days = 7 + 93 = 100d.
      'backups.encrypted': expect.stringMatching(/^verified: borgmatic: encryption_passcommand set/) as unknown,
      'backups.retention': 'violated: 100d',
      // fail2ban: bantime = -1 in [nginx-botsearch] never purges; the cleanup job: find -mtime +9 is 9d.
      'ipAddresses.retention': 'violated: forever; 9d',
    });
    expect(verdicts['ipAddresses.stored']).toMatch(/^violated: IPs of every client in log \/var\/log\/nginx\/access\.log;/);
    const errors = report.findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column}`);
    expect(errors).toEqual([
      // keep_daily is the first keep option (line 10).
      'backup-retention fixtures/demo/etc/borgmatic/config.yaml:10:1',
      // "find" starts at column 17 of "15 4 * * * root find ...".
      'ip-address-retention fixtures/demo/etc/cron.d/prosody-cleanup:4:17',
      'ip-address-storage fixtures/demo/etc/fail2ban/fail2ban.local:1:1',
      'ip-address-storage fixtures/demo/etc/fail2ban/fail2ban.local:1:1',
      // the value of "bantime = -1" (column 11).
      'ip-address-retention fixtures/demo/etc/fail2ban/jail.local:14:11',
      'log-retention fixtures/demo/etc/logrotate.d/prosody:2:2',
      'log-retention fixtures/demo/etc/logrotate.d/prosody:2:2',
      'ip-address-storage fixtures/demo/etc/nginx/nginx.conf:8:5',
      'ip-address-storage fixtures/demo/etc/nginx/nginx.conf:9:5',
      'offline-message-retention fixtures/demo/etc/prosody/conf.d/example.org.cfg.lua:1:1',
      'push-notification-content fixtures/demo/etc/prosody/conf.d/example.org.cfg.lua:3:2',
      'groupchat-archive-retention fixtures/demo/etc/prosody/conf.d/example.org.cfg.lua:7:2',
      'ip-address-storage fixtures/demo/etc/prosody/prosody.cfg.lua:27:2',
    ]);
    // journald keeps 10 days nominally, but whole journal files go: a warning at MaxRetentionSec.
    const journald = report.findings.filter((f) => f.file === 'fixtures/demo/etc/systemd/journald.conf');
    expect(journald.map((f) => `${f.severity} ${f.line}`)).toEqual(['warning 3', 'warning 3']);
    expect(report.summary).toEqual({
      errors: 13,
      warnings: 7,
      infos: 1,
      claims: { verified: 10, violated: 7, unverified: 0, notApplicable: 0 },
    });
  });

  it('prints a stylish report grouped by file with the claim table', () => {
    const { status, stdout } = run(demo);
    expect(status).toBe(1);
    expect(stdout).toContain('fixtures/demo/etc/prosody/conf.d/example.org.cfg.lua\n');
    expect(stdout).toMatch(/ {2}3:2 +error +example\.org puts the message text into push notifications/);
    expect(stdout).toContain('→ change: push_notification_with_body = false');
    expect(stdout).toMatch(/groupchatArchive\.retention +21d +violated +930d/);
    expect(stdout).toContain('13 errors');
  });

  it('--quiet keeps only errors', () => {
    const quiet = run([...demo, '--quiet', '--format', 'json']);
    const report = parseJsonReport(quiet.stdout);
    expect(report.findings.every((f) => f.severity === 'error')).toBe(true);
  });

  it('--rule can switch off the rules of every broken promise: exit 0', () => {
    const rules = ['ip-address-storage', 'ip-address-retention', 'offline-message-retention', 'push-notification-content', 'groupchat-archive-retention', 'log-retention', 'backup-retention'];
    const off = run([...demo, '--format', 'json', ...rules.flatMap((r) => ['--rule', `${r}=off`])]);
    expect(off.status).toBe(0);
  });
});

describe('bad input', () => {
  it('a --root that does not exist: exit 2 naming it', () => {
    const { status, stderr } = run(['--root', 'no/such/dir']);
    expect(status).toBe(2);
    expect(stderr).toContain('no/such/dir');
  });

  it('a policy with a bad duration: exit 2 naming file, line, key and what is allowed', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'privacy-lint-'));
    writeFileSync(path.join(dir, 'privacy-lint.config.yaml'), 'policy:\n  messageArchive:\n    retention: 30m\n');
    const { status, stderr } = run(['--root', dir], dir);
    expect(status).toBe(2);
    expect(stderr).toContain('privacy-lint.config.yaml:3:5: policy.messageArchive.retention');
    expect(stderr).toMatch(/ambiguous/);
  });

  it('an unknown policy key: exit 2 with a suggestion', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'privacy-lint-'));
    writeFileSync(path.join(dir, 'privacy-lint.config.yaml'), 'policy:\n  ipAdresses:\n    stored: never\n');
    const { status, stderr } = run(['--root', dir], dir);
    expect(status).toBe(2);
    expect(stderr).toContain('did you mean ipAddresses?');
  });

  it('no configuration at all: the recommended profile is used and the report says so', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'privacy-lint-'));
    mkdirSync(path.join(dir, '.git'));
    mkdirSync(path.join(dir, 'etc', 'prosody'), { recursive: true });
    writeFileSync(path.join(dir, 'etc', 'prosody', 'prosody.cfg.lua'), 'VirtualHost "example.org"\n');
    const { stdout } = run(['--root', dir], dir);
    expect(stdout).toMatch(/recommended/);
    expect(stdout).toContain('No privacy-lint configuration found: judging against the built-in recommended profile');
  });

  it('a config that is not valid Lua: parse-error at its position, exit 1', () => {
    const { status, stdout } = run(['--root', 'fixtures/rules/parse-error/violating', '--config', 'fixtures/rules/parse-error/violating/privacy-lint.config.yaml']);
    expect(status).toBe(1);
    expect(stdout).toMatch(/4:1 +error +Lua syntax error: unfinished string near '"1w' \(Prosody refuses to start\) +parse-error/);
  });
});
