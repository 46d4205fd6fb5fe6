import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseJsonReport } from '../helpers/json-report.js';
import { runCli, type CliRun } from '../helpers/run-cli.js';

/**
 * Plugins as a policy author meets them: written to a folder, named under `plugins:` or with
 * --plugin, loaded by the CLI. The plugin modules import nothing from privacy-lint, so they load
 * from a temporary folder without an installed copy (the packed-tarball test covers the import).
 */
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'privacy-lint-plugins-'));
  await mkdir(path.join(dir, 'root/etc/prosody'), { recursive: true });
  await writeFile(
    path.join(dir, 'root/etc/prosody/prosody.cfg.lua'),
    ['modules_enabled = { "roster" }', 'VirtualHost "example.org"', 'Component "conference.example.org" "muc"', '  modules_enabled = { "http_muc_log" }', ''].join('\n'),
  );
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A plugin module's text: claim groupchat.publicLogs, one rule whose check body is given. */
function pluginSource(check: string, extra = ''): string {
  return `export default {
  name: 'muc-logs',
  claims: { 'groupchat.publicLogs': { type: 'boolean', description: 'Room logs are published.' }${extra} },
  rules: [{
    meta: { id: 'public-room-logs', claims: ['groupchat.publicLogs'], description: 'Room logs are not published.' },
    check(ctx) { ${check} },
  }],
};
`;
}

const BREAKS_ON_WEB_LOGS = `
  for (const host of ctx.configs.prosody.hosts) {
    const web = host.modules.find((m) => m.name === 'http_muc_log');
    if (web) ctx.breaks('groupchat.publicLogs', { message: host.name + ' publishes room logs', at: web.position, observed: 'published' });
    else ctx.honours('groupchat.publicLogs', [{ ...host.position, note: 'no web logs' }], 'not published');
  }`;

async function writeConfig(policy: string, plugins = '[./plugin.mjs]'): Promise<void> {
  await writeFile(path.join(dir, 'privacy-lint.config.yaml'), `plugins: ${plugins}\npolicy:\n${policy}`);
}

async function run(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runCli(args, dir, { env });
}

describe('a plugin claim', () => {
  it('is declared in the policy, judged by the plugin rule, and reported like a built-in claim', async () => {
    await writeFile(path.join(dir, 'plugin.mjs'), pluginSource(BREAKS_ON_WEB_LOGS));
    await writeConfig('  groupchat:\n    publicLogs: false\n  passwords: hashed\n');
    const json = await run(['--root', 'root', '-f', 'json']);
    expect(json.code).toBe(1);
    const report = parseJsonReport(json.stdout);
    expect(report.claims.map((c) => [c.claim, c.verdict])).toEqual([['passwords', 'verified'], ['groupchat.publicLogs', 'violated']]);
    // Line 4 `  modules_enabled = { "http_muc_log" }`: the quote after `  modules_enabled = { ` (22 characters) is column 23.
    expect(report.findings).toEqual([expect.objectContaining({ ruleId: 'muc-logs/public-room-logs', line: 4, column: 23, message: 'conference.example.org publishes room logs' })]);

    const stylish = await run(['--root', 'root', '--no-color']);
    expect(stylish.stdout).toMatch(/groupchat\.publicLogs +false +violated +published/);
    const junit = await run(['--root', 'root', '-f', 'junit']);
    expect(junit.stdout).toContain('groupchat.publicLogs');
  });

  it('misspelled in the policy is exit 2 with a "did you mean"', async () => {
    await writeFile(path.join(dir, 'plugin.mjs'), pluginSource(BREAKS_ON_WEB_LOGS));
    await writeConfig('  groupchat:\n    publicLog: false\n');
    const result = await run(['--root', 'root']);
    expect(result.code).toBe(2);
    // Line 4 of the configuration: plugins, policy, groupchat, then the misspelled key.
    expect(result.stderr).toBe('privacy-lint: privacy-lint.config.yaml:4:5: policy.groupchat.publicLog: unknown key; did you mean publicLogs?\n');
  });

  it('is unknown without the plugin that declares it', async () => {
    await writeConfig('  groupchat:\n    publicLogs: false\n', '[]');
    const result = await run(['--root', 'root']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^privacy-lint: privacy-lint.config.yaml:3:3: policy.groupchat: unknown key; expected one of passwords, .*, website\n$/);
  });

  it('loads with --plugin, a path relative to the working folder', async () => {
    await writeFile(path.join(dir, 'plugin.mjs'), pluginSource(BREAKS_ON_WEB_LOGS));
    await writeConfig('  groupchat:\n    publicLogs: false\n', '[]');
    const result = await run(['--root', 'root', '--plugin', './plugin.mjs', '-f', 'json']);
    expect(result.code).toBe(1);
    expect(parseJsonReport(result.stdout).claims).toEqual([expect.objectContaining({ claim: 'groupchat.publicLogs', verdict: 'violated' })]);
  });

  // Loading TypeScript loads the compiler first: seconds on a shared machine.
  it('loads from CommonJS and TypeScript modules', { timeout: 60_000 }, async () => {
    await writeFile(path.join(dir, 'plugin.cjs'), pluginSource(BREAKS_ON_WEB_LOGS).replace('export default', 'module.exports ='));
    await writeConfig('  groupchat:\n    publicLogs: false\n', '[./plugin.cjs]');
    expect((await run(['--root', 'root'])).code).toBe(1);
    const typed = pluginSource(BREAKS_ON_WEB_LOGS).replace('check(ctx)', 'check(ctx: any)').replace('export default {', 'const plugin: { name: string } & Record<string, unknown> = {') + 'export default plugin;\n';
    await writeFile(path.join(dir, 'plugin.ts'), typed);
    await writeConfig('  groupchat:\n    publicLogs: false\n', '[./plugin.ts]');
    const result = await run(['--root', 'root', '-f', 'json']);
    expect(result.stderr).toBe('');
    expect(parseJsonReport(result.stdout).claims[0]?.verdict).toBe('violated');
  });
});

describe('a plugin that cannot be used', () => {
  const cases: [string, string, string][] = [
    ['fails when imported', "throw new Error('cannot start');", 'plugin ./plugin.mjs could not be loaded: cannot start'],
    ['exports no plugin', 'export default 5;', 'plugin ./plugin.mjs: exports 5; expected a default export definePlugin({ name, claims, rules })'],
    ['has no name', 'export default { rules: [] };', 'plugin ./plugin.mjs: name missing is not allowed; expected lower-case letters, digits and hyphens'],
    [
      'declares a built-in claim',
      "export default { name: 'x', claims: { 'backups.encrypted': { type: 'boolean', description: 'd' } }, rules: [] };",
      'plugin x: claim backups.encrypted: clashes with a claim of privacy-lint itself',
    ],
    [
      'declares a claim of an unknown type',
      "export default { name: 'x', claims: { cookies: { type: 'number', description: 'd' } }, rules: [] };",
      'plugin x: claim cookies: type "number" is not allowed; expected boolean, duration or enum',
    ],
    [
      'declares a rule id twice',
      "const r = { meta: { id: 'a', claims: [], description: 'd' }, check() {} }; export default { name: 'x', rules: [r, r] };",
      'plugin x: rule id x/a is declared twice',
    ],
    [
      'has a rule without check',
      "export default { name: 'x', rules: [{ meta: { id: 'a', claims: [], description: 'd' } }] };",
      'plugin x: rule a: check is missing; expected a function check(context)',
    ],
  ];
  it.each(cases)('%s: exit 2 naming the plugin and what is wrong, no stack', async (_name, source, message) => {
    await writeFile(path.join(dir, 'plugin.mjs'), source);
    await writeConfig('  passwords: hashed\n', '[]');
    const result = await run(['--root', 'root', '--plugin', './plugin.mjs']);
    expect(result.code).toBe(2);
    expect(result.stderr.replace(path.join(dir, 'plugin.mjs'), './plugin.mjs')).toContain(`privacy-lint: ${message}`);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('shows the stack with DEBUG=1', async () => {
    await writeFile(path.join(dir, 'plugin.mjs'), "throw new Error('cannot start');");
    await writeConfig('  passwords: hashed\n', '[./plugin.mjs]');
    const result = await run(['--root', 'root'], { DEBUG: '1' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Error: cannot start\n\s+at .*plugin\.mjs:1/m);
  });

  it('an npm name that is not installed says where it was looked for', async () => {
    await writeConfig('  passwords: hashed\n', '[privacy-lint-plugin-nowhere]');
    const result = await run(['--root', 'root']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`privacy-lint: plugin privacy-lint-plugin-nowhere could not be loaded: no package privacy-lint-plugin-nowhere is installed where ${dir} can find it (npm install it there)\n`);
  });
});

describe('a plugin rule that fails (issue 14.7)', () => {
  it('that throws is a rule-error finding naming plugin, rule and message; the other rules still run', async () => {
    await writeFile(path.join(dir, 'plugin.mjs'), pluginSource("throw new Error('no hosts table');"));
    await writeConfig('  groupchat:\n    publicLogs: false\n  passwords: hashed\n');
    const result = await run(['--root', 'root', '-f', 'json']);
    expect(result.code).toBe(1);
    const report = parseJsonReport(result.stdout);
    expect(report.findings).toEqual([
      // The declared claim's key: line 4 `    publicLogs: false`, column 5.
      { ruleId: 'rule-error', claim: 'groupchat.publicLogs', severity: 'error', message: 'The rule muc-logs/public-room-logs of plugin muc-logs failed: no hosts table', file: 'privacy-lint.config.yaml', line: 4, column: 5 },
    ]);
    expect(report.claims.map((c) => [c.claim, c.verdict])).toEqual([['passwords', 'verified'], ['groupchat.publicLogs', 'unverified']]);
    expect(result.stderr).toBe('');
    const debug = await run(['--root', 'root', '-f', 'json'], { DEBUG: '1' });
    expect(debug.stderr).toMatch(/^privacy-lint: rule muc-logs\/public-room-logs failed: Error: no hosts table\n\s+at /);
  });

  it.each([
    ["ctx.report({ message: 'x', at: { file: 'a', line: 0, column: 1 } })", 'it reported a malformed finding ("x"): at has line 0; a position needs a file and a line and column from 1'],
    ["ctx.report({ at: { file: 'a', line: 1, column: 1 } })", 'it reported a finding without a message (undefined)'],
    ["ctx.report({ message: 'x' })", 'it reported a malformed finding ("x"): at is missing; a position needs a file and a line and column from 1'],
  ])('that reports %s is refused, saying what is wrong', async (check, reason) => {
    await writeFile(path.join(dir, 'plugin.mjs'), pluginSource(check));
    await writeConfig('  groupchat:\n    publicLogs: false\n');
    const result = await run(['--root', 'root', '-f', 'json']);
    const { findings } = parseJsonReport(result.stdout);
    expect(findings).toEqual([expect.objectContaining({ ruleId: 'rule-error', message: `The rule muc-logs/public-room-logs of plugin muc-logs failed: ${reason}` })]);
  });
});

describe('rules, explain and docs', () => {
  beforeEach(async () => {
    await writeFile(path.join(dir, 'plugin.mjs'), pluginSource(BREAKS_ON_WEB_LOGS));
    await writeConfig('  groupchat:\n    publicLogs: false\n');
  });

  it('rules lists the configuration\'s plugin rules after the built-in ones', async () => {
    const result = await run(['rules', '--format', 'json']);
    const ids = (JSON.parse(result.stdout) as { id: string }[]).map((r) => r.id);
    expect(ids.at(-1)).toBe('muc-logs/public-room-logs');
    expect(ids).toContain('message-archive-retention');
  });

  it('explain shows a plugin rule', async () => {
    const result = await run(['explain', 'muc-logs/public-room-logs', '--no-color']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Room logs are not published.');
  });

  it('docs --plugin writes the rule pages and their index', async () => {
    const result = await run(['docs', '--plugin', './plugin.mjs', '-o', 'out']);
    expect(result.code).toBe(0);
    const page = await readFile(path.join(dir, 'out/muc-logs/public-room-logs.md'), 'utf8');
    expect(page).toMatch(/^# muc-logs\/public-room-logs\n/);
    expect(page).toContain('- **Claims:** `groupchat.publicLogs`');
    expect(await readFile(path.join(dir, 'out/README.md'), 'utf8')).toContain('| [muc-logs/public-room-logs](muc-logs/public-room-logs.md) | `groupchat.publicLogs` | error | Room logs are not published. |');
  });
});
