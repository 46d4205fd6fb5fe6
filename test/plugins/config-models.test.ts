import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfigModels, DirectiveView } from '../../src/engine/config-models.js';
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

/** A directive tree as lines `file:line:column name args`, children indented one space per level. */
function outline(views: readonly DirectiveView[], depth = 0): string[] {
  return views.flatMap((d) => [`${' '.repeat(depth)}${path.basename(d.position.file)}:${d.position.line}:${d.position.column} ${d.name} ${JSON.stringify(d.args)}`, ...outline(d.children, depth + 1)]);
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

  it('Apache: the tree httpd acts on, Include expanded, <IfModule> by its outcome, ${VAR} resolved', async () => {
    const configs = await modelsOf({
      'etc/apache2/apache2.conf': [
        'Define LOGS /var/log/apache2', // line 1
        '<IfModule mod_nowhere.c>',
        '    LogLevel debug',
        '</IfModule>',
        '<IfModule log_config_module>', // mod_log_config is compiled into Debian's apache2 (apache2 -l)
        '    LogFormat "%h %t" short',
        '</IfModule>',
        'IncludeOptional sites-enabled/*.conf',
        '',
      ].join('\n'),
      'etc/apache2/sites-enabled/chat.conf': [
        '<VirtualHost *:443>', // line 1
        '    ServerName chat.example.org',
        '    CustomLog ${LOGS}/chat.log short',
        '    <Location /upload>',
        '        Options Indexes',
        '    </Location>',
        '</VirtualHost>',
        '',
      ].join('\n'),
    });
    // Names are lower-cased (httpd looks directives up case-insensitively); sections sit at their `<`.
    expect(outline(configs.apache)).toEqual([
      'apache2.conf:1:1 define ["LOGS","/var/log/apache2"]',
      'apache2.conf:6:5 logformat ["%h %t","short"]',
      'chat.conf:1:1 virtualhost ["*:443"]',
      ' chat.conf:2:5 servername ["chat.example.org"]',
      ' chat.conf:3:5 customlog ["/var/log/apache2/chat.log","short"]',
      ' chat.conf:4:5 location ["/upload"]',
      '  chat.conf:5:9 options ["Indexes"]',
    ]);
    expect([configs.nginx, configs.caddy]).toEqual([[], []]);
  });

  it('Caddy: the global options block, then each site; imports and snippets expanded where they are written', async () => {
    const configs = await modelsOf({
      'etc/caddy/Caddyfile': [
        '{', // line 1
        '  email admin@example.org',
        '}',
        '(logging) {',
        '  log {',
        '    output file /var/log/caddy/{args[0]}.log',
        '  }',
        '}',
        'import sites/*.caddy',
        '',
      ].join('\n'),
      'etc/caddy/sites/chat.caddy': ['chat.example.org, www.example.org {', '  import logging chat', '  file_server browse', '}', ''].join('\n'),
    });
    expect(outline(configs.caddy)).toEqual([
      'Caddyfile:1:1  []',
      ' Caddyfile:2:3 email ["admin@example.org"]',
      'chat.caddy:1:1 chat.example.org ["www.example.org"]',
      // The snippet's directives keep the place they are written, with the import's argument.
      ' Caddyfile:5:3 log []',
      '  Caddyfile:6:5 output ["file","/var/log/caddy/chat.log"]',
      ' chat.caddy:3:3 file_server ["browse"]',
    ]);
    expect([configs.nginx, configs.apache]).toEqual([[], []]);
  });

  it("Caddy: a config in Caddy's JSON format has no directive tree, so none is given", async () => {
    const configs = await modelsOf({ 'etc/caddy/caddy.json': '{"apps": {"http": {"servers": {"web": {"listen": [":443"]}}}}}\n' });
    expect(configs.caddy).toEqual([]);
  });

  it('jobs: cron lines with their schedules; web servers and absent software are empty lists', async () => {
    const configs = await modelsOf({ 'etc/crontab': '17 3 * * * root /usr/local/bin/backup.sh\n' });
    expect(configs.jobs).toEqual([
      expect.objectContaining({ origin: 'crontab', command: '/usr/local/bin/backup.sh', user: 'root', runs: true, schedule: expect.objectContaining({ interval: 86_400 }) as unknown }),
    ]);
    expect([configs.prosody.hosts, configs.ejabberd.hosts, configs.nginx, configs.apache, configs.caddy]).toEqual([[], [], [], [], []]);
  });
});
