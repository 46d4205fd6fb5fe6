import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { normaliseProsodyRelease } from '../../src/config/config-settings.js';
import { ACCEPTED_DURATION_FORMS } from '../../src/config/duration.js';
import { loadConfig, type LoadConfigOptions } from '../../src/config/load-config.js';
import { UsageError, type DeclaredClaim, type ResolvedConfig } from '../../src/config/types.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURES = path.join(REPO, 'fixtures/config');
const PROFILE = path.join(REPO, 'profiles/recommended.yaml');
const fixture = (...parts: string[]): string => path.join(FIXTURES, ...parts);

/** The claims of the recommended profile, as `name=text`, in catalogue order. */
const RECOMMENDED = [
  'passwords=hashed',
  'ipAddresses.stored=never',
  'ipAddresses.retention=7d',
  'messageArchive.retention=90d',
  'groupchatArchive.retention=90d',
  'fileUploads.retention=30d',
  'serverLogs.retention=14d',
  'serverLogs.messageContent=false',
  'backups.encrypted=true',
  'pushNotifications.body=false',
  'pushNotifications.sender=false',
  'transport.requireEncryption=true',
];

const temporary: string[] = [];
afterAll(() => {
  for (const directory of temporary) rmSync(directory, { recursive: true, force: true });
});

/** A scratch folder outside the repository, with files; `.git` bounds the upward search. */
function scratch(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'privacy-lint-config-'));
  temporary.push(root);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    if (name.endsWith('/')) mkdirSync(file, { recursive: true });
    else writeFileSync(file, content);
  }
  return root;
}

function summary(claims: ResolvedConfig['claims']): string[] {
  return [...claims.values()].map((claim) => `${claim.name}=${claim.text}`);
}

function where(claim: DeclaredClaim | undefined): string {
  if (!claim) return 'undeclared';
  return `${claim.origin} ${path.relative(REPO, claim.position.file)}:${claim.position.line}:${claim.position.column}`;
}

async function usageMessage(options: LoadConfigOptions): Promise<string> {
  try {
    await loadConfig(options);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('loadConfig: a complete configuration', () => {
  it('reads every setting, the policy with positions, and makes paths absolute', async () => {
    const dir = fixture('inline');
    const config = await loadConfig({ cwd: dir });
    const file = path.join(dir, 'privacy-lint.config.yaml');
    expect(config.configFile).toBe(file);
    expect(config.policyFile).toBe(file);
    expect(config.usedDefaultProfile).toBe(false);
    expect(config.claims.size).toBe(19);
    expect(where(config.claims.get('passwords'))).toBe('policy fixtures/config/inline/privacy-lint.config.yaml:6:3');
    expect(where(config.claims.get('messageArchive.retention'))).toBe('policy fixtures/config/inline/privacy-lint.config.yaml:16:5');
    expect(config.claims.get('groupchatArchive.retention')?.value).toEqual({ seconds: 21 * 86_400, text: '3 weeks' });
    expect(config.claims.get('serverLogs.retention')?.value).toEqual({ seconds: 14 * 86_400, text: '2w' });
    // `prosody: 0.12` and `ejabberd: 23.10` are YAML numbers; the text as written counts.
    expect(config.versions).toEqual({ prosody: '0.12', ejabberd: '23.10' });
    expect([...config.ruleSeverities]).toEqual([
      ['backup-retention', 'warning'],
      ['parse-error', 'off'],
    ]);
    expect(config.sources).toEqual({ prosody: [path.join(dir, 'deploy/prosody/prosody.cfg.lua')] });
    expect(config.plugins).toEqual([
      path.join(dir, 'rules/local-rules.js'),
      path.join(FIXTURES, 'shared-rules/index.js'),
      'privacy-lint-plugin-example',
    ]);
    expect(config.strictRetention).toBe(true);
  });

  it('defaults versions, rules, sources, plugins and strictRetention', async () => {
    const config = await loadConfig({ cwd: fixture('rc') });
    expect(config.versions).toEqual({ prosody: '13.0' });
    expect(config.ruleSeverities.size).toBe(0);
    expect(config.sources).toEqual({});
    expect(config.plugins).toEqual([]);
    expect(config.strictRetention).toBe(false);
  });
});

describe('loadConfig: profiles', () => {
  it('merges `extends: recommended` claim by claim, each claim pointing at the file that declared it', async () => {
    const config = await loadConfig({ cwd: fixture('extends') });
    expect(summary(config.claims)).toEqual([
      'passwords=hashed',
      'ipAddresses.stored=failed-logins',
      'ipAddresses.retention=7d',
      'messageArchive.retention=21d',
      'groupchatArchive.retention=90d',
      'fileUploads.retention=30d',
      'serverLogs.retention=14d',
      'serverLogs.messageContent=false',
      'backups.encrypted=true',
      'backups.retention=7d',
      'pushNotifications.body=false',
      'pushNotifications.sender=false',
      'transport.requireEncryption=true',
    ]);
    expect(where(config.claims.get('ipAddresses.stored'))).toBe('policy fixtures/config/extends/privacy-lint.config.yaml:4:5');
    expect(where(config.claims.get('messageArchive.retention'))).toBe('policy fixtures/config/extends/privacy-lint.config.yaml:6:5');
    expect(where(config.claims.get('backups.retention'))).toBe('policy fixtures/config/extends/privacy-lint.config.yaml:8:5');
    expect(where(config.claims.get('ipAddresses.retention'))).toBe('profile profiles/recommended.yaml:18:3');
    expect(where(config.claims.get('passwords'))).toBe('profile profiles/recommended.yaml:10:1');
    expect(config.policyFile).toBe(fixture('extends', 'privacy-lint.config.yaml'));
    expect(config.usedDefaultProfile).toBe(false);
  });

  it('uses the recommended profile when no configuration is found, and says so', async () => {
    const root = scratch({ '.git/': '', 'etc/prosody/prosody.cfg.lua': '' });
    const config = await loadConfig({ cwd: path.join(root, 'etc/prosody') });
    expect(config.usedDefaultProfile).toBe(true);
    expect(config.configFile).toBeUndefined();
    expect(config.policyFile).toBe(PROFILE);
    expect(summary(config.claims)).toEqual(RECOMMENDED);
    expect([...config.claims.values()].every((claim) => claim.origin === 'profile' && claim.position.file === PROFILE)).toBe(true);
    expect(config.versions).toEqual({ prosody: '13.0' });
  });

  it('refuses an unknown profile, listing the available ones', async () => {
    expect(await usageMessage({ cwd: fixture('errors'), configFile: 'bad-extends.yaml' })).toBe(
      'bad-extends.yaml:1:1: extends: "paranoid" is not a built-in profile; available: recommended',
    );
  });
});

describe('loadConfig: discovery', () => {
  it('searches upward from the working folder to the repository root', async () => {
    const root = scratch({ '.git/': '', 'privacy-lint.config.yml': 'policy:\n  passwords: hashed\n', 'a/b/': '' });
    const config = await loadConfig({ cwd: path.join(root, 'a/b') });
    expect(config.configFile).toBe(path.join(root, 'privacy-lint.config.yml'));
    expect(summary(config.claims)).toEqual(['passwords=hashed']);
  });

  it('does not search above the repository root', async () => {
    const root = scratch({ 'privacy-lint.config.yaml': 'policy:\n  passwords: any\n', 'repo/.git/': '', 'repo/sub/': '' });
    const config = await loadConfig({ cwd: path.join(root, 'repo/sub') });
    expect(config.usedDefaultProfile).toBe(true);
  });

  it('does not search a folder that others can write to, such as /tmp: a script planted there never runs', async () => {
    // The shared folder: world-writable with the sticky bit, like /tmp (mode 1777).
    const shared = scratch({ 'privacy-lint.config.mjs': `import { writeFileSync } from 'node:fs';\nwriteFileSync(new URL('./ran', import.meta.url), 'x');\nexport default { policy: { passwords: 'any' } };\n`, 'mine/': '' });
    chmodSync(shared, 0o1777);
    const config = await loadConfig({ cwd: path.join(shared, 'mine') });
    expect(config.usedDefaultProfile).toBe(true);
    expect(existsSync(path.join(shared, 'ran'))).toBe(false);
  });

  it.skipIf(process.getuid?.() !== 0)('refuses (exit 2) a JavaScript configuration found in a folder of another user, without running it', async () => {
    const root = scratch({ '.git/': '', 'privacy-lint.config.mjs': `import { writeFileSync } from 'node:fs';\nwriteFileSync(new URL('./ran', import.meta.url), 'x');\nexport default { extends: 'recommended' };\n`, 'sub/': '' });
    chownSync(root, 4242, 4242);
    expect(await usageMessage({ cwd: path.join(root, 'sub') })).toBe(
      `${root}/privacy-lint.config.mjs: a JavaScript configuration is code, and its folder belongs to another user (uid 4242): privacy-lint does not run it; name it with --config to trust it, or use a YAML configuration`,
    );
    expect(existsSync(path.join(root, 'ran'))).toBe(false);
    // Named with --config, it is trusted and runs.
    await loadConfig({ cwd: root, configFile: 'privacy-lint.config.mjs' });
    expect(existsSync(path.join(root, 'ran'))).toBe(true);
  });

  it('prefers privacy-lint.config.* over .privacy-lintrc and package.json in the same folder', async () => {
    const root = scratch({
      '.git/': '',
      '.privacy-lintrc': 'policy:\n  passwords: any\n',
      'package.json': '{ "privacy-lint": { "policy": { "passwords": "any" } } }',
      'privacy-lint.config.json': '{ "policy": { "passwords": "hashed" } }',
    });
    const config = await loadConfig({ cwd: root });
    expect(config.configFile).toBe(path.join(root, 'privacy-lint.config.json'));
  });

  it('finds .privacy-lintrc (YAML) with positions', async () => {
    const config = await loadConfig({ cwd: fixture('rc') });
    expect(config.configFile).toBe(fixture('rc', '.privacy-lintrc'));
    expect(where(config.claims.get('fileUploads.retention'))).toBe('policy fixtures/config/rc/.privacy-lintrc:3:5');
    expect(config.claims.get('fileUploads.retention')?.value).toEqual({ seconds: 7 * 86_400, text: '1 week' });
  });

  it('reads a JSON configuration with positions', async () => {
    const config = await loadConfig({ cwd: fixture('json') });
    expect(config.configFile).toBe(fixture('json', 'privacy-lint.config.json'));
    expect(summary(config.claims)).toEqual([
      'messageArchive.default=disabled',
      'messageArchive.retention=none',
      'transport.requireEncryption=true',
    ]);
    expect(where(config.claims.get('messageArchive.default'))).toBe('policy fixtures/config/json/privacy-lint.config.json:5:7');
    expect(where(config.claims.get('transport.requireEncryption'))).toBe('policy fixtures/config/json/privacy-lint.config.json:8:20');
    expect(config.versions.prosody).toBe('13.0');
  });

  it('reads the "privacy-lint" key of package.json, with positions', async () => {
    const config = await loadConfig({ cwd: fixture('package-json') });
    expect(config.configFile).toBe(fixture('package-json', 'package.json'));
    expect(where(config.claims.get('serverLogs.retention'))).toBe('policy fixtures/config/package-json/package.json:7:23');
    expect(config.claims.get('serverLogs.retention')?.text).toBe('7d');
    expect(where(config.claims.get('passwords'))).toBe('profile profiles/recommended.yaml:10:1');
  });

  it('skips a package.json without the key and names the key in its messages', async () => {
    const without = scratch({ '.git/': '', 'package.json': '{ "name": "x" }' });
    expect((await loadConfig({ cwd: without })).usedDefaultProfile).toBe(true);
    expect(await usageMessage({ cwd: without, configFile: 'package.json' })).toBe('--config package.json: has no "privacy-lint" key');

    const bad = scratch({ '.git/': '', 'package.json': '{\n  "privacy-lint": {\n    "polcy": {}\n  }\n}\n' });
    expect(await usageMessage({ cwd: bad })).toBe(
      'package.json:3:5: privacy-lint.polcy: unknown key; did you mean policy?\n' +
        'package.json ("privacy-lint" key): declares no policy; add `policy:` or `extends: recommended`',
    );
  });

  it('loads a JS module configuration; its positions are line 1, column 1', async () => {
    const dir = fixture('js');
    const file = path.join(dir, 'privacy-lint.config.mjs');
    const config = await loadConfig({ cwd: dir });
    expect(config.configFile).toBe(file);
    expect(config.claims.get('messageArchive.retention')).toMatchObject({
      text: '21d',
      origin: 'policy',
      position: { file, line: 1, column: 1 },
    });
    expect(config.versions.prosody).toBe('0.12');
    expect(config.plugins).toEqual([path.join(dir, 'local-rules.js')]);
  });

  // cosmiconfig compiles it with the typescript package: slow on a loaded machine, not a hang.
  it('loads a TypeScript configuration', { timeout: 60_000 }, async () => {
    const root = scratch({
      '.git/': '',
      'privacy-lint.config.ts': "const config: { policy: { passwords: string } } = { policy: { passwords: 'hashed' } };\nexport default config;\n",
    });
    const config = await loadConfig({ cwd: root });
    expect(summary(config.claims)).toEqual(['passwords=hashed']);
  });

  it('names a --config file that does not exist, and any that cannot be loaded', async () => {
    expect(await usageMessage({ cwd: fixture('errors'), configFile: 'nope.yaml' })).toBe('--config nope.yaml: file not found');
    const root = scratch({ '.git/': '', 'privacy-lint.config.mjs': 'export default {' });
    expect(await usageMessage({ cwd: root })).toMatch(/^privacy-lint\.config\.mjs: cannot be loaded: /);
  });

  it('reports YAML syntax errors with file, line and column', async () => {
    expect(await usageMessage({ cwd: fixture('errors'), configFile: 'yaml-syntax.yaml' })).toBe(
      'yaml-syntax.yaml:3:3: YAML syntax error: Map keys must be unique',
    );
  });

  it('reads a --config file with another extension as YAML', async () => {
    const root = scratch({ '.git/': '', 'deploy/lint.conf': 'policy:\n  passwords: hashed\n' });
    const config = await loadConfig({ cwd: root, configFile: 'deploy/lint.conf' });
    expect(config.configFile).toBe(path.join(root, 'deploy/lint.conf'));
    expect(where(config.claims.get('passwords'))).toMatch(/:2:3$/);
  });
});

describe('loadConfig: the policy in its own file', () => {
  it('reads `policy: path` relative to the configuration, with positions in that file', async () => {
    const config = await loadConfig({ cwd: fixture('policy-path') });
    const policyFile = fixture('policy-path', 'policy/privacy-policy.yaml');
    expect(config.policyFile).toBe(policyFile);
    expect(config.configFile).toBe(fixture('policy-path', 'privacy-lint.config.yaml'));
    expect(summary(config.claims)).toEqual([
      'passwords=hashed',
      'messageArchive.default=opt-out',
      'messageArchive.retention=90d',
      'fileUploads.retention=90d',
    ]);
    expect(where(config.claims.get('fileUploads.retention'))).toBe('policy fixtures/config/policy-path/policy/privacy-policy.yaml:7:3');
    expect([...config.ruleSeverities]).toEqual([['message-archive-retention', 'error']]);
  });

  it('names the policy key when the file it points at is missing', async () => {
    expect(await usageMessage({ cwd: fixture('errors'), configFile: 'missing-policy-file.yaml' })).toBe(
      'missing-policy-file.yaml:2:1: policy: nowhere/policy.yaml: file not found',
    );
  });

  it('lets --policy replace the configuration`s policy, keeping its extends', async () => {
    const dir = fixture('policy-file');
    const config = await loadConfig({ cwd: dir, policyFile: 'officer-policy.yaml' });
    expect(config.policyFile).toBe(path.join(dir, 'officer-policy.yaml'));
    expect(config.configFile).toBe(path.join(dir, 'privacy-lint.config.yaml'));
    // The configuration's own `passwords: any` and `fileUploads` are gone; the profile's remain.
    expect(config.claims.get('passwords')?.text).toBe('hashed');
    expect(where(config.claims.get('fileUploads.retention'))).toBe('profile profiles/recommended.yaml:34:3');
    // officer-policy.yaml has a top-level `policy:` key: accepted.
    expect(where(config.claims.get('messageArchive.retention'))).toBe('policy fixtures/config/policy-file/officer-policy.yaml:6:5');
    expect(config.claims.get('messageArchive.retention')?.value).toEqual({ seconds: 30 * 86_400, text: '1mo' });
  });

  it('uses only the --policy file when there is no configuration', async () => {
    const root = scratch({ '.git/': '', 'policy.json': '{ "passwords": "hashed" }' });
    const config = await loadConfig({ cwd: root, policyFile: 'policy.json' });
    expect(config.usedDefaultProfile).toBe(false);
    expect(config.configFile).toBeUndefined();
    expect(config.policyFile).toBe(path.join(root, 'policy.json'));
    expect(summary(config.claims)).toEqual(['passwords=hashed']);
  });

  it('refuses a --policy file that is missing, a script, or holds settings', async () => {
    const dir = fixture('policy-file');
    expect(await usageMessage({ cwd: dir, policyFile: 'nope.yaml' })).toBe('--policy nope.yaml: file not found');
    expect(await usageMessage({ cwd: dir, policyFile: 'policy.js' })).toBe('--policy policy.js: a policy file is YAML or JSON, not a script');
    expect(await usageMessage({ cwd: dir, policyFile: 'with-extra-key.yaml' })).toBe(
      'with-extra-key.yaml:1:1: extends: a policy file holds only the policy; move this key to the privacy-lint configuration',
    );
  });
});

describe('loadConfig: validation messages', () => {
  const errors = fixture('errors');
  const message = (configFile: string): Promise<string> => usageMessage({ cwd: errors, configFile });

  it('a bad enum value', async () => {
    expect(await message('bad-enum.yaml')).toBe(
      'bad-enum.yaml:5:5: policy.messageArchive.default: "sometimes" is not allowed; expected one of opt-out, opt-in, disabled',
    );
  });

  it('typos, with the nearest valid key', async () => {
    expect(await message('typo.yaml')).toBe(
      'typo.yaml:2:3: policy.ipAdresses: unknown key; did you mean ipAddresses?\n' +
        'typo.yaml:5:5: policy.messageArchive.retension: unknown key; did you mean retention?',
    );
  });

  it('a bare m in a duration', async () => {
    expect(await message('bad-duration.yaml')).toBe(
      'bad-duration.yaml:3:5: policy.fileUploads.retention: "30m" is ambiguous: "m" could mean minutes or months; ' +
        `write 30mo (or "30 months") for months, or 30min or a number of hours for minutes; ${ACCEPTED_DURATION_FORMS}`,
    );
  });

  it('a YAML 1.1 boolean', async () => {
    expect(await message('bad-boolean.yaml')).toBe(
      'bad-boolean.yaml:3:5: policy.loginTimes.stored: "yes" is not allowed; expected true or false (write true)',
    );
  });

  it('an unknown top-level key', async () => {
    expect(await message('unknown-top-key.yaml')).toBe(
      'unknown-top-key.yaml:1:1: extend: unknown key; did you mean extends?\n' +
        'unknown-top-key.yaml: declares no policy; add `policy:` or `extends: recommended`',
    );
  });

  it('unsupported versions and unknown software', async () => {
    expect(await message('bad-versions.yaml')).toBe(
      'bad-versions.yaml:3:3: versions.prosody: "0.11" is not a supported Prosody release; expected one of 0.12, 13.0 ' +
        '(patch releases such as 0.12.3 or 13.0.1 are accepted)\n' +
        'bad-versions.yaml:4:3: versions.openfire: unknown key; expected one of prosody, ejabberd, nginx, apache, caddy, logrotate, systemd, fail2ban, borgmatic, borg, restic, duplicity, duply, rsnapshot\n' +
        'bad-versions.yaml:5:3: versions.nginx: "latest" is not allowed; expected a release such as "1.22.1"',
    );
  });

  it('rules, sources, plugins and strictRetention, all at once', async () => {
    expect(await message('bad-settings.yaml')).toBe(
      [
        'bad-settings.yaml:3:3: rules.message-archive-retention: "fatal" is not allowed; expected one of error, warning, info, off',
        'bad-settings.yaml:5:37: sources.prosody[1]: 42 is not allowed; expected a path or a list of paths',
        'bad-settings.yaml:6:3: sources.lighttpd: unknown source kind; known kinds: prosody, ejabberd, nginx, apache, caddy, logrotate, journald, fail2ban, cron, systemd, borgmatic, borg, restic, autorestic, duplicity, duply, rsnapshot, backup',
        'bad-settings.yaml:7:1: plugins: "./rules.js" is not allowed; expected a list of module names or ./relative paths',
        'bad-settings.yaml:8:1: strictRetention: "yes" is not allowed; expected true or false',
      ].join('\n'),
    );
  });

  it('a configuration without a policy', async () => {
    expect(await message('no-policy.yaml')).toBe('no-policy.yaml: declares no policy; add `policy:` or `extends: recommended`');
  });

  it('a policy without claims', async () => {
    expect(await message('empty-policy.yaml')).toBe(
      'empty-policy.yaml:1:1: policy: declares no claims; declare at least one (see docs/policy.md) or add `extends: recommended`',
    );
  });

  it('several policy problems in one message', async () => {
    expect(await message('several.yaml')).toBe(
      [
        'several.yaml:2:3: policy.passwords: "plain" is not allowed; expected one of hashed, any',
        'several.yaml:3:3: policy.ipAddresses: "never" is not allowed; expected a mapping with the keys stored, retention',
        'several.yaml:4:3: policy.messageArchive.retention: unknown key; write the claim nested: messageArchive: on one line, then retention: indented below it',
        'several.yaml:5:3: policy.retention: unknown key; retention belongs under ipAddresses, messageArchive, groupchatArchive, offlineMessages, fileUploads, serverLogs, backups',
        `several.yaml:9:5: policy.backups.interval: has no value; ${ACCEPTED_DURATION_FORMS}`,
      ].join('\n'),
    );
  });
});

describe('loadConfig: --rule overrides', () => {
  it('applies them after the configuration`s rules', async () => {
    const config = await loadConfig({
      cwd: fixture('inline'),
      ruleOverrides: ['backup-retention=off', ' message-archive-retention = info ', 'acme/custom=error'],
    });
    expect([...config.ruleSeverities]).toEqual([
      ['backup-retention', 'off'],
      ['parse-error', 'off'],
      ['message-archive-retention', 'info'],
      ['acme/custom', 'error'],
    ]);
  });

  it('shows the expected form for malformed ones', async () => {
    const form = 'expected ID=SEVERITY, e.g. --rule message-archive-retention=warning (SEVERITY is one of error, warning, info, off)';
    expect(await usageMessage({ cwd: fixture('inline'), ruleOverrides: ['backup-retention', '=error', 'a=b=c', 'x=fatal'] })).toBe(
      [
        `--rule "backup-retention": ${form}`,
        `--rule "=error": ${form}`,
        `--rule "a=b=c": ${form}`,
        '--rule "x=fatal": "fatal" is not a severity; expected one of error, warning, info, off',
      ].join('\n'),
    );
  });
});

describe('normaliseProsodyRelease', () => {
  it.each([
    ['0.12', '0.12'],
    ['0.12.3', '0.12'],
    ['13', '13.0'],
    ['13.0', '13.0'],
    ['13.0.1', '13.0'],
    [' 13.0.1 ', '13.0'],
  ])('reads %s as %s', (text, release) => {
    expect(normaliseProsodyRelease(text)).toBe(release);
  });

  it.each(['0.11', '0.11.9', '0.120', '13.1', '14.0', 'trunk', ''])('refuses %j', (text) => {
    expect(normaliseProsodyRelease(text)).toBeUndefined();
  });

  it('accepts a release written as a YAML number or with its patch level', async () => {
    const root = scratch({ '.git/': '', 'privacy-lint.config.yaml': 'extends: recommended\nversions:\n  prosody: 13.0\n  ejabberd: "24.02"\n' });
    expect((await loadConfig({ cwd: root })).versions).toEqual({ prosody: '13.0', ejabberd: '24.02' });
    expect((await loadConfig({ cwd: fixture('json') })).versions).toEqual({ prosody: '13.0' });
  });
});
