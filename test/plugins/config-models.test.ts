import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfigModels } from '../../src/engine/config-models.js';
import { lint } from '../../src/engine/lint.js';
import { defineRule } from '../../src/engine/define-rule.js';

/** ctx.configs as a plugin rule sees it, captured from a real run over a tree written here. */
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'privacy-lint-models-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function modelsOf(files: Record<string, string>): Promise<ConfigModels> {
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, 'root', file)), { recursive: true });
    await writeFile(path.join(dir, 'root', file), text);
  }
  await mkdir(path.join(dir, 'root'), { recursive: true });
  await writeFile(path.join(dir, 'config.yaml'), 'policy:\n  passwords: hashed\n');
  let seen: ConfigModels | undefined;
  const rule = defineRule({ meta: { id: 'look', claims: [], description: 'Looks.' }, check: (ctx) => void (seen = ctx.configs) });
  await lint({ cwd: dir, root: path.join(dir, 'root'), paths: [], configFile: path.join(dir, 'config.yaml'), ruleOverrides: [], pluginObjects: [{ name: 'probe', rules: [rule] }] });
  if (!seen) throw new Error('the rule did not run');
  return seen;
}

describe('ctx.configs', () => {
  it('Prosody: every host and component after inheritance, with modules and options where they are set', async () => {
    const configs = await modelsOf({
      'etc/prosody/prosody.cfg.lua': [
        'modules_enabled = { "roster", "mam" }', // line 1
        'archive_expires_after = "2w"',
        'Include "conf.d/*.cfg.lua"',
        '',
      ].join('\n'),
      'etc/prosody/conf.d/example.cfg.lua': [
        'VirtualHost "example.org"', // line 1
        '  archive_expires_after = "3d"',
        'VirtualHost "other.example"',
        '  modules_disabled = { "mam" }',
        'Component "rooms.example.org" "muc"',
        '',
      ].join('\n'),
    });
    const hosts = configs.prosody.hosts;
    expect(hosts.map((h) => [h.name, h.kind, h.position.line])).toEqual([
      ['example.org', 'host', 1],
      ['other.example', 'host', 3],
      ['rooms.example.org', 'component', 5],
    ]);
    const [example, other, rooms] = hosts;
    // "mam" is the second item of line 1: `modules_enabled = { "roster", ` is 30 characters.
    expect(example?.modules.find((m) => m.name === 'mam')?.position).toMatchObject({ file: expect.stringMatching(/prosody\.cfg\.lua$/) as unknown, line: 1, column: 31 });
    expect(other?.modules.map((m) => m.name)).not.toContain('mam');
    // A component loads its own module and, of the global ones, only component_inheritable_modules
    // (core/modulemanager.lua): iq and s2s are auto-loaded and inheritable; roster and mam are not.
    expect(rooms?.modules.map((m) => m.name)).toEqual(['muc', 'iq', 's2s']);
    expect(example?.option('archive_expires_after')).toMatchObject({ value: '3d', isDefault: false, position: { line: 2, column: 3 } });
    expect(other?.option('archive_expires_after')).toMatchObject({ value: '2w', isDefault: false, position: { line: 2, column: 1 } });
    expect(other?.option('modules_disabled')?.value).toEqual(['mam']);
    expect(configs.ejabberd.hosts).toEqual([]);
  });

  it('Prosody: an unset option with a default privacy-lint knows says so', async () => {
    const configs = await modelsOf({ 'etc/prosody/prosody.cfg.lua': 'VirtualHost "example.org"\n' });
    // mod_mam's default, src/software/prosody/defaults.ts (plugins/mod_mam/mod_mam.lua:46).
    expect(configs.prosody.hosts[0]?.option('archive_expires_after')).toMatchObject({ value: '1w', isDefault: true, position: { line: 1, column: 1 } });
    expect(configs.prosody.hosts[0]?.option('no_such_option')).toBeUndefined();
  });

  it('ejabberd: hosts with host_config applied, modules with their options', async () => {
    const configs = await modelsOf({
      'etc/ejabberd/ejabberd.yml': [
        'hosts:', // line 1
        '  - example.org',
        '  - other.example',
        'modules:',
        '  mod_mam:',
        '    default: always',
        'host_config:',
        '  other.example:',
        '    modules:',
        '      mod_muc_log:',
        '        outdir: /srv/logs',
        '',
      ].join('\n'),
    });
    const [example, other] = configs.ejabberd.hosts;
    expect(example?.modules.map((m) => [m.name, m.position.line])).toEqual([['mod_mam', 5]]);
    expect(example?.modules[0]?.option?.('default')).toMatchObject({ value: 'always', position: { line: 6, column: 5 } });
    // host_config replaces `modules` as a whole (ejabberd_config.erl): mod_mam is not loaded there.
    expect(other?.modules.map((m) => m.name)).toEqual(['mod_muc_log']);
    expect(other?.modules[0]?.option?.('outdir')).toMatchObject({ value: '/srv/logs', position: { line: 11, column: 9 } });
    expect(configs.prosody.hosts).toEqual([]);
  });

  it('nginx: the directive tree, includes expanded in place, with positions', async () => {
    const configs = await modelsOf({
      'etc/nginx/nginx.conf': 'events {}\nhttp {\n    include /etc/nginx/sites/*.conf;\n}\n',
      'etc/nginx/sites/chat.conf': 'server {\n  server_name chat.example.org;\n  access_log off;\n}\n',
    });
    const http = configs.nginx.find((d) => d.name === 'http');
    expect(configs.nginx.map((d) => [d.name, d.position.line])).toEqual([['events', 1], ['http', 2]]);
    const server = http?.children[0];
    expect(server).toMatchObject({ name: 'server', position: { file: expect.stringMatching(/sites\/chat\.conf$/) as unknown, line: 1, column: 1 } });
    expect(server?.children.map((d) => [d.name, d.args, d.position.line, d.position.column])).toEqual([
      ['server_name', ['chat.example.org'], 2, 3],
      ['access_log', ['off'], 3, 3],
    ]);
    expect([configs.apache, configs.caddy]).toEqual([[], []]);
  });

  it('jobs: cron lines with their schedules; web servers and absent software are empty lists', async () => {
    const configs = await modelsOf({ 'etc/crontab': '17 3 * * * root /usr/local/bin/backup.sh\n' });
    expect(configs.jobs).toEqual([
      expect.objectContaining({ origin: 'crontab', command: '/usr/local/bin/backup.sh', user: 'root', runs: true, schedule: expect.objectContaining({ interval: 86_400 }) as unknown }),
    ]);
    expect([configs.prosody.hosts, configs.ejabberd.hosts, configs.nginx, configs.apache, configs.caddy]).toEqual([[], [], [], [], []]);
  });
});
