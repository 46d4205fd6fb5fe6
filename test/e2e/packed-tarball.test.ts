import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/lint-fixture.js';

/**
 * The README's "Writing rules", followed as a new user would: privacy-lint packed with `npm pack`,
 * installed from the tarball into a fresh folder (offline, from the local npm cache), and the
 * section's own code blocks written there: the plugin, its RuleTester test, the configuration.
 * Slow (npm install): one run, all steps in order.
 */
const section = (() => {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const start = readme.indexOf('## Writing rules');
  return readme.slice(start, readme.indexOf('\n## ', start + 1));
})();
const blocks = [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], code: m[2] ?? '' }));
const [pluginCode, testCode] = blocks.filter((b) => b.lang === 'js').map((b) => b.code);
const configCode = blocks.find((b) => b.lang === 'yaml')?.code;

let dir = '';
let fresh = '';
let installError: string | undefined;

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'privacy-lint-packed-'));
  fresh = path.join(dir, 'muc-logs');
  mkdirSync(fresh);
  // npm test builds dist first (pretest); the tarball holds what `files` in package.json lists.
  const tarball = npm(['pack', '--pack-destination', dir, '--silent'], repoRoot).trim().split('\n').at(-1) ?? '';
  npm(['init', '-y'], fresh);
  npm(['pkg', 'set', 'type=module'], fresh);
  const install = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--save-dev', path.join(dir, tarball)], { cwd: fresh, encoding: 'utf8' });
  if (install.status !== 0) installError = install.stderr;
}, 600_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('Writing rules, from a packed tarball in a fresh folder', () => {
  it('the README section has the plugin, the test and the configuration', () => {
    expect(pluginCode).toContain("from 'privacy-lint'");
    expect(testCode).toContain("from 'privacy-lint/testing'");
    expect(configCode).toContain('plugins: [./index.js]');
  });

  it('writes, tests, documents and loads the rule', { timeout: 300_000 }, (context) => {
    if (installError?.includes('ENOTCACHED')) {
      context.skip(`npm install --offline: the local npm cache lacks privacy-lint's dependencies (${installError.split('\n', 1).join('')})`);
    }
    expect(installError).toBeUndefined();
    writeFileSync(path.join(fresh, 'index.js'), pluginCode ?? '');
    mkdirSync(path.join(fresh, 'test'));
    writeFileSync(path.join(fresh, 'test/public-room-logs.test.js'), testCode ?? '');
    writeFileSync(path.join(fresh, 'privacy-lint.config.yaml'), configCode ?? '');

    // Test: passes as written, and fails, showing both sides, when an expectation is wrong.
    const passing = spawnSync(process.execPath, ['--test'], { cwd: fresh, encoding: 'utf8' });
    expect(passing.stdout).toMatch(/# pass 2\n# fail 0/);
    expect(passing.status).toBe(0);
    writeFileSync(path.join(fresh, 'test/public-room-logs.test.js'), (testCode ?? '').replace('column: 23', 'column: 24'));
    const failing = spawnSync(process.execPath, ['--test'], { cwd: fresh, encoding: 'utf8' });
    expect(failing.status).toBe(1);
    expect(failing.stdout).toContain('muc-logs/public-room-logs: finding #1 is at column 23, not 24');
    expect(failing.stdout).toContain('actual:');

    // Document.
    npm(['exec', '--offline', '--', 'privacy-lint', 'docs', '--plugin', './index.js', '-o', 'docs'], fresh);
    expect(readFileSync(path.join(fresh, 'docs/muc-logs/public-room-logs.md'), 'utf8')).toMatch(/^# muc-logs\/public-room-logs\n/);
    expect(existsSync(path.join(fresh, 'docs/README.md'))).toBe(true);

    // Load: the configuration's plugin judges its claim on a server that publishes room logs.
    mkdirSync(path.join(fresh, 'root/etc/prosody'), { recursive: true });
    writeFileSync(path.join(fresh, 'root/etc/prosody/prosody.cfg.lua'), 'Component "rooms.example.org" "muc"\n  modules_enabled = { "http_muc_log" }\n');
    const run = spawnSync('npm', ['exec', '--offline', '--', 'privacy-lint', '--root', 'root', '-f', 'json'], { cwd: fresh, encoding: 'utf8' });
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { claims: { claim: string; verdict: string }[]; findings: { ruleId: string; file: string; line: number; column: number }[] };
    expect(report.claims).toEqual([expect.objectContaining({ claim: 'groupchat.publicLogs', verdict: 'violated' })]);
    // Line 2, `  modules_enabled = { ` is 22 characters: the module's quote is column 23.
    expect(report.findings).toEqual([expect.objectContaining({ ruleId: 'muc-logs/public-room-logs', file: 'root/etc/prosody/prosody.cfg.lua', line: 2, column: 23 })]);
  });
});
