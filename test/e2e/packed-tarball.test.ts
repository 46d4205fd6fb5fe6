import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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
/** The tarball unpacked as it is, without its dependencies: `package/` holds what npm would install. */
let unpacked = '';

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'privacy-lint-packed-'));
  fresh = path.join(dir, 'muc-logs');
  mkdirSync(fresh);
  // npm test builds dist first (pretest); the tarball holds what `files` in package.json lists.
  const tarball = npm(['pack', '--pack-destination', dir, '--silent'], repoRoot).trim().split('\n').at(-1) ?? '';
  unpacked = path.join(dir, 'unpacked');
  mkdirSync(unpacked);
  execFileSync('tar', ['-xzf', path.join(dir, tarball), '-C', unpacked]);
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

/**
 * bin/privacy-lint.js runs the CLI bundled by `npm run build` (scripts/bundle-cli.ts): one entry
 * and its chunks in dist/bundle/, with yaml, commander, cosmiconfig and the rest inside. Checked on
 * the tarball as packed, before any install: the bundle must not reach for a file the package does
 * not ship, nor for a dependency (only TypeScript, which cosmiconfig loads for a .ts configuration
 * when the user has it).
 */
describe('the published CLI, from the packed tarball', () => {
  // `import x from "./c.mjs"`, `export { y } from "./c.mjs"`, `import "./c.mjs"` at the start of a line,
  // and `import("./c.mjs")`, `require("fs")`, `__require("fs")` (esbuild's require in bundled CommonJS).
  const STATIC = /^\s*(?:import|export)\s*(?:[\w*${}\s,]*?\bfrom\s*)?["']([^"']+)["']/gm;
  const CALL = /\b(?:import|(?:__)?require)\(\s*["']([^"']+)["']\s*\)/g;

  it('bundles everything it imports: relative imports are files of the package, the rest Node built-ins', () => {
    const bundleDir = path.join(unpacked, 'package', 'dist', 'bundle');
    const files = readdirSync(bundleDir).filter((name) => name.endsWith('.mjs'));
    expect(files).toContain('privacy-lint.mjs');
    const missing: string[] = [];
    const outside: string[] = [];
    let relative = 0;
    for (const file of files) {
      const text = readFileSync(path.join(bundleDir, file), 'utf8');
      for (const pattern of [STATIC, CALL]) {
        for (const [, specifier = ''] of text.matchAll(pattern)) {
          if (specifier.startsWith('.')) {
            relative += 1;
            if (!existsSync(path.resolve(bundleDir, specifier))) missing.push(`${file}: ${specifier}`);
          } else if (!isBuiltin(specifier) && specifier !== 'typescript') {
            outside.push(`${file}: ${specifier}`);
          }
        }
      }
    }
    // The entry imports its shared chunks and loads the lazy ones (readers, reporters) with import().
    expect(relative).toBeGreaterThan(files.length);
    expect(missing).toEqual([]);
    expect(outside).toEqual([]);
  });

  it('bin/privacy-lint.js runs the bundle, with no dependency installed and no module of dist/src', () => {
    const root = path.join(dir, 'bundle-root');
    mkdirSync(path.join(root, 'etc/prosody'), { recursive: true });
    writeFileSync(path.join(root, 'etc/prosody/prosody.cfg.lua'), 'VirtualHost "example.org"\n  modules_enabled = { "mam" }\n  archive_expires_after = "1w"\n');
    // A resolve hook reports every module the run loads; the run's own output goes to stdout.
    writeFileSync(path.join(dir, 'hooks.mjs'), "export async function resolve(s, c, next) { const r = await next(s, c); process.stderr.write(`loaded ${r.url}\\n`); return r; }\n");
    writeFileSync(path.join(dir, 'register.mjs'), "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n");
    const pkg = path.join(unpacked, 'package');
    // Run from the tree (in the temporary folder, so no configuration is searched for): the
    // recommended profile is found from the bundle, in the package's profiles/.
    const run = spawnSync(process.execPath, ['--import', pathToFileURL(path.join(dir, 'register.mjs')).href, path.join(pkg, 'bin/privacy-lint.js'), '--root', '.', '-f', 'json'], { cwd: root, encoding: 'utf8' });
    expect(run.stderr).not.toContain('privacy-lint:');
    const report = JSON.parse(run.stdout) as { tool: { version: string }; policy: { source: string }; sources: { file: string; status: string }[] };
    expect(report.tool.version).toBe((JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version);
    expect(report.policy.source).toContain('recommended');
    expect(report.sources).toEqual([{ file: 'etc/prosody/prosody.cfg.lua', kind: 'prosody', status: 'ok' }]);
    const loaded = [...run.stderr.matchAll(/^loaded (file:\S+)$/gm)].map(([, url = '']) => path.relative(pkg, fileURLToPath(url)));
    expect(loaded).toContain('dist/bundle/privacy-lint.mjs');
    expect(loaded.filter((file) => !file.startsWith('dist/bundle/') && file !== 'bin/privacy-lint.js')).toEqual([]);
  });
});
