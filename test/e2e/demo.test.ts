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
import { repoRoot } from '../helpers/lint-fixture.js';

function run(args: string[], cwd = repoRoot): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env };
  delete env.FORCE_COLOR;
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'privacy-lint.js'), '--no-color', ...args], { cwd, encoding: 'utf8', env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const demo = ['--root', 'fixtures/demo', '--config', 'fixtures/demo/privacy-lint.config.yaml'];

describe('privacy-lint on the demo server', () => {
  it('exits 1 and reports the contract JSON with verdicts and positioned findings', () => {
    const { status, stdout } = run([...demo, '--format', 'json']);
    expect(status).toBe(1);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({
      version: 1,
      tool: { name: 'privacy-lint', version: '0.1.0' },
      root: 'fixtures/demo',
      policy: { source: 'fixtures/demo/privacy-lint.config.yaml' },
      sources: [
        { file: 'fixtures/demo/etc/prosody/prosody.cfg.lua', kind: 'prosody', status: 'ok' },
        { file: 'fixtures/demo/etc/prosody/conf.d/example.org.cfg.lua', kind: 'prosody', status: 'ok' },
      ],
    });
    const verdicts = Object.fromEntries(report.claims.map((c: { claim: string; verdict: string }) => [c.claim, c.verdict]));
    expect(verdicts).toEqual({
      passwords: 'verified',
      'ipAddresses.stored': 'violated',
      'loginTimes.stored': 'verified',
      'messageArchive.default': 'verified',
      'messageArchive.retention': 'verified',
      'groupchatArchive.retention': 'violated',
      'offlineMessages.retention': 'violated',
      'fileUploads.retention': 'verified',
      'serverLogs.retention': 'unverified',
      'serverLogs.messageContent': 'verified',
      'backups.encrypted': 'unverified',
      'pushNotifications.body': 'violated',
      'pushNotifications.sender': 'verified',
      'transport.requireEncryption': 'verified',
    });
    const errors = report.findings
      .filter((f: { severity: string }) => f.severity === 'error')
      .map((f: { ruleId: string; file: string; line: number; column: number }) => `${f.ruleId} ${f.file}:${f.line}:${f.column}`);
    expect(errors).toEqual([
      'offline-message-retention fixtures/demo/etc/prosody/conf.d/example.org.cfg.lua:1:1',
      'push-notification-content fixtures/demo/etc/prosody/conf.d/example.org.cfg.lua:3:2',
      'groupchat-archive-retention fixtures/demo/etc/prosody/conf.d/example.org.cfg.lua:7:2',
      'ip-address-storage fixtures/demo/etc/prosody/prosody.cfg.lua:27:2',
    ]);
    expect(report.summary).toEqual({
      errors: 4,
      warnings: 6,
      infos: 1,
      claims: { verified: 8, violated: 4, unverified: 2, notApplicable: 0 },
    });
  });

  it('prints a stylish report grouped by file with the claim table', () => {
    const { status, stdout } = run(demo);
    expect(status).toBe(1);
    expect(stdout).toContain('fixtures/demo/etc/prosody/conf.d/example.org.cfg.lua\n');
    expect(stdout).toMatch(/ {2}3:2 +error +example\.org puts the message text into push notifications/);
    expect(stdout).toContain('→ change: push_notification_with_body = false');
    expect(stdout).toMatch(/groupchatArchive\.retention +21d +violated +930d/);
    expect(stdout).toContain('4 errors');
  });

  it('--quiet keeps only errors; --rule can switch a rule off', () => {
    const quiet = run([...demo, '--quiet', '--format', 'json']);
    const report = JSON.parse(quiet.stdout);
    expect(report.findings.every((f: { severity: string }) => f.severity === 'error')).toBe(true);
    const off = run([...demo, '--format', 'json', '--rule', 'ip-address-storage=off', '--rule', 'offline-message-retention=off', '--rule', 'push-notification-content=off', '--rule', 'groupchat-archive-retention=off']);
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
