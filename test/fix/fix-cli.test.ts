import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Chalk } from 'chalk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { formatSarif } from '../../src/reporters/sarif.js';
import { formatJson } from '../../src/reporters/json.js';
import { parseSarif } from '../reporters/parse-report.js';
import { repoRoot } from '../helpers/lint-fixture.js';
import { runCli, type CliRun } from '../helpers/run-cli.js';

let root: string;
const cfg = (): string => path.join(root, 'etc/prosody/prosody.cfg.lua');

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'privacy-lint-fix-cli-'));
  cpSync(path.join(repoRoot, 'fixtures/demo'), root, { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function run(...args: string[]): Promise<CliRun> {
  return runCli(['--root', root, '--config', path.join(root, 'privacy-lint.config.yaml'), '--no-color', ...args], root);
}

describe('--fix-dry-run and --fix on the demo', () => {
  it('--fix-dry-run prints a unified diff with paths relative to --root, and changes nothing', async () => {
    const before = readFileSync(cfg(), 'utf8');
    const { code, stdout, stderr } = await run('--fix-dry-run');
    expect(stdout).toContain('--- a/etc/prosody/prosody.cfg.lua\n+++ b/etc/prosody/prosody.cfg.lua\n');
    // The demo's 21d claim with Prosody's daily cleanup: 21d - 1d = 20 days, written as 0.12 reads it.
    expect(stdout).toContain('-archive_expires_after = "3w"\n+archive_expires_after = "20d"\n');
    // One word changes in the log entry: the debug sink starts at info, the rest of the entry stays.
    expect(stdout).toContain('-\t{ levels = { min = "debug" }, to = "file", filename = "/var/log/prosody/debug/debug.log" };\n+\t{ levels = { min = "info" }, to = "file", filename = "/var/log/prosody/debug/debug.log" };\n');
    expect(stdout).toContain('-\tpush_notification_with_body = true\n+\tpush_notification_with_body = false\n');
    expect(stderr).toContain('privacy-lint: would apply: etc/prosody/prosody.cfg.lua:21:25 (message-archive-retention)\n');
    expect(readFileSync(cfg(), 'utf8')).toBe(before);
    expect(code).toBe(1);
  });

  it('--fix applies the edits, keeps the mode, reports each, and judges again: what remains decides the exit code', async () => {
    chmodSync(cfg(), 0o640);
    const { code, stdout, stderr } = await run('-f', 'json');
    expect(code).toBe(1);
    const fixed = await run('--fix', '-f', 'json');
    expect(fixed.stderr).toContain('privacy-lint: applied: etc/prosody/prosody.cfg.lua:27:21 (ip-address-storage)\n');
    expect(fixed.stderr).toContain('privacy-lint: applied: etc/prosody/conf.d/example.org.cfg.lua:3:32 (push-notification-content)\n');
    expect(readFileSync(cfg(), 'utf8')).toContain('archive_expires_after = "20d"\n');
    expect(statSync(cfg()).mode & 0o777).toBe(0o640);
    // No temporary file is left beside the configs.
    expect(readdirSync(path.dirname(cfg())).sort()).toEqual(['conf.d', 'prosody.cfg.lua']);
    const verdicts = (text: string): Record<string, string> =>
      Object.fromEntries((JSON.parse(text) as { claims: { claim: string; verdict: string }[] }).claims.map((c) => [c.claim, c.verdict]));
    expect(verdicts(stdout)).toMatchObject({ 'ipAddresses.stored': 'violated', 'pushNotifications.body': 'violated', 'groupchatArchive.retention': 'violated' });
    expect(verdicts(fixed.stdout)).toMatchObject({ 'pushNotifications.body': 'verified', 'groupchatArchive.retention': 'verified' });
    // Prosody's debug log no longer holds addresses, but nginx's logs and fail2ban still keep them:
    // their fixes (an anonymising log format, no jails) are advice, not edits, so the claim stays
    // violated, and no finding points at Prosody's config any more.
    const ips = (JSON.parse(fixed.stdout) as { findings: { ruleId: string; file: string }[] }).findings.filter((f) => f.ruleId === 'ip-address-storage');
    expect(ips.map((f) => f.file).sort()).toEqual(['etc/fail2ban/fail2ban.local', 'etc/fail2ban/fail2ban.local', 'etc/nginx/nginx.conf', 'etc/nginx/nginx.conf']);
    // Offline messages have no time bound in Prosody: the suggestion is advice, never applied, and still reported.
    expect(verdicts(fixed.stdout)['offlineMessages.retention']).toBe('violated');
    expect(fixed.code).toBe(1);
    expect(stderr).toBe('');
  });

  it('a second --fix has nothing left to apply', async () => {
    await run('--fix');
    const again = await run('--fix');
    expect(again.stderr).toBe('privacy-lint: no edits to apply\n');
  });

  it('--fix and --fix-dry-run together are a usage error (exit 2)', async () => {
    const { code, stderr } = await run('--fix', '--fix-dry-run');
    expect(code).toBe(2);
    expect(stderr).toContain('--fix and --fix-dry-run exclude each other');
  });
});

describe('edits in the reports', () => {
  it('JSON carries each edit as fix {file, range, text}; SARIF as fixes, valid against the 2.1.0 schema', async () => {
    const result = await lint({ cwd: root, root, paths: [], configFile: path.join(root, 'privacy-lint.config.yaml'), ruleOverrides: [] });
    const context = { cwd: root, chalk: new Chalk({ level: 0 }), env: {} };
    const json = JSON.parse(formatJson(result, context)) as { findings: { ruleId: string; fix?: unknown }[] };
    expect(json.findings.find((f) => f.ruleId === 'message-archive-retention')?.fix).toEqual({
      file: 'etc/prosody/prosody.cfg.lua',
      // archive_expires_after = "3w": the value "3w" is columns 25-28 of line 21.
      range: { start: { line: 21, column: 25 }, end: { line: 21, column: 29 } },
      text: '"20d"',
    });
    const sarif = parseSarif(formatSarif(result, context));
    const withFix = sarif.runs[0]!.results!.find((r) => r.ruleId === 'message-archive-retention');
    expect(withFix?.fixes?.[0]?.artifactChanges[0]?.replacements[0]).toEqual({
      deletedRegion: { startLine: 21, startColumn: 25, endLine: 21, endColumn: 29 },
      insertedContent: { text: '"20d"' },
    });
    // Advice has no edit: the offline-messages suggestion stays text.
    expect(json.findings.find((f) => f.ruleId === 'offline-message-retention')?.fix).toBeUndefined();
  });
});
