/**
 * What --root promises, through lint() as a user runs it: configs of the shapes real servers
 * have (Jitsi Meet's and Ansible's symlinked Prosody vhosts, links leaving the copy, FIFOs,
 * /dev/null sinks), each judged or refused with a finding at the line that named the file.
 * The trees are built at test time: git keeps neither FIFOs nor absolute links portably.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import type { LintResult } from '../../src/engine/types.js';
import { claimOf, repoRoot } from '../helpers/lint-fixture.js';
import { specialTree } from '../helpers/special-tree.js';

const tree = (files: Record<string, string>): string => specialTree(files, 'privacy-lint-confined-');

const POLICY = 'policy:\n  messageArchive:\n    retention: 21d\n  ipAddresses:\n    stored: never\n  serverLogs:\n    retention: 14d\n';

async function lintTree(root: string, policy = POLICY): Promise<LintResult> {
  writeFileSync(path.join(root, 'privacy-lint.config.yaml'), policy);
  return lint({ cwd: repoRoot, root, paths: [], configFile: path.join(root, 'privacy-lint.config.yaml'), ruleOverrides: [] });
}

const at = (result: LintResult, root: string, ruleId: string): string[] =>
  result.findings.filter((f) => f.ruleId === ruleId).map((f) => `${path.relative(root, f.file)}:${f.line}:${f.column} ${f.message}`);

const MAIN = 'log = { info = "/var/log/prosody/prosody.log" }\nInclude "conf.d/*.cfg.lua"\n';
const VHOST = 'VirtualHost "meet.example.org"\n  modules_enabled = { "mam" }\n  archive_expires_after = "1y"\n';

describe('--root: files are read as the served system reads them, inside the root', () => {
  it('follows a Prosody Include of a link with an absolute target under the root (Jitsi Meet, Ansible) and judges its vhost', async () => {
    const root = tree({
      'etc/prosody/prosody.cfg.lua': MAIN,
      'etc/prosody/conf.avail/meet.example.org.cfg.lua': VHOST,
      'etc/prosody/conf.d/meet.example.org.cfg.lua': '-> /etc/prosody/conf.avail/meet.example.org.cfg.lua',
    });
    const result = await lintTree(root);
    expect(at(result, root, 'include-error')).toEqual([]);
    expect(claimOf(result, 'messageArchive.retention').verdict).toBe('violated');
    // The finding is at the line of the file Prosody reads through the link.
    expect(at(result, root, 'message-archive-retention').some((f) => f.startsWith('etc/prosody/conf.d/meet.example.org.cfg.lua:3:'))).toBe(true);
  });

  it('refuses an Include linked out of the root, at the Include line, and judges the rest', async () => {
    const root = tree({
      'etc/prosody/prosody.cfg.lua': MAIN,
      'etc/prosody/conf.d/escape.cfg.lua': '-> ../../../../../../../../../../etc/passwd',
    });
    const result = await lintTree(root);
    expect(at(result, root, 'include-error')).toEqual([
      'etc/prosody/prosody.cfg.lua:2:1 Include of /etc/prosody/conf.d/escape.cfg.lua is not read: the symbolic link /etc/prosody/conf.d/escape.cfg.lua -> ../../../../../../../../../../etc/passwd points outside --root: not followed',
    ]);
    expect(result.sources.find((s) => s.file.endsWith('escape.cfg.lua'))?.status).toBe('unreadable');
  });

  it('refuses a main Prosody config linked out of the root instead of judging the outside file', async () => {
    const root = tree({ 'etc/prosody/prosody.cfg.lua': '-> ../../../../../../../../../../etc/passwd' });
    const result = await lintTree(root);
    expect(at(result, root, 'include-error')).toEqual([
      'etc/prosody/prosody.cfg.lua:1:1 The Prosody config file /etc/prosody/prosody.cfg.lua is not read: the symbolic link /etc/prosody/prosody.cfg.lua -> ../../../../../../../../../../etc/passwd points outside --root: not followed',
    ]);
    expect(result.findings.some((f) => f.file === '/etc/passwd')).toBe(false);
    // Nothing shows that the claims hold: unverified, not verified by omission.
    expect(result.claims.map((c) => c.verdict)).not.toContain('verified');
  });

  it('gives a finding for an nginx.conf linked out of the root, not "no sources" and exit 0', async () => {
    const root = tree({ 'etc/nginx/nginx.conf': '-> ../../../../../../../../../../etc/nginx/nginx.conf' });
    const result = await lintTree(root);
    expect(at(result, root, 'include-error')).toEqual([
      'etc/nginx/nginx.conf:1:1 /etc/nginx/nginx.conf: the symbolic link /etc/nginx/nginx.conf -> ../../../../../../../../../../etc/nginx/nginx.conf points outside --root: not followed; what it configures is unknown',
    ]);
    expect(result.summary.errors).toBeGreaterThan(0);
    expect(claimOf(result, 'ipAddresses.stored').verdict).toBe('unverified');
  });

  it('reports a FIFO reached by a Prosody Include glob without opening it (no hang), and reads the other files', async () => {
    const root = tree({
      'etc/prosody/prosody.cfg.lua': MAIN,
      'etc/prosody/conf.d/a.cfg.lua': VHOST,
      'etc/prosody/conf.d/b.cfg.lua': 'fifo',
    });
    const result = await lintTree(root);
    expect(at(result, root, 'include-error')).toEqual([
      'etc/prosody/prosody.cfg.lua:2:1 Include of /etc/prosody/conf.d/b.cfg.lua is not read: a FIFO (named pipe), not a regular file: not read',
    ]);
    expect(claimOf(result, 'messageArchive.retention').verdict).toBe('violated');
  });

  it('reports a FIFO named by ejabberd include_config_file at the include, without hanging', async () => {
    const root = tree({
      'etc/ejabberd/ejabberd.yml': 'hosts: [example.org]\ninclude_config_file: /etc/ejabberd/extra.yml\n',
      'etc/ejabberd/extra.yml': 'fifo',
    });
    const result = await lintTree(root);
    expect(at(result, root, 'include-error')).toEqual([
      "etc/ejabberd/ejabberd.yml:2:22 Failed to read YAML file '/etc/ejabberd/extra.yml': a FIFO (named pipe), not a regular file: not read",
    ]);
  });

  it('stores nothing in a Prosody log sent to /dev/null: no IP violation, no logrotate advice for the device', async () => {
    const root = tree({
      'etc/prosody/prosody.cfg.lua': 'log = { debug = "/dev/null"; info = "*syslog" }\nVirtualHost "example.org"\n',
      'etc/logrotate.conf': 'weekly\nrotate 2\n',
    });
    const result = await lintTree(root);
    expect(result.findings.filter((f) => f.message.includes('/dev/null'))).toEqual([]);
    expect(claimOf(result, 'ipAddresses.stored').verdict).not.toBe('violated');
  });

  it('reads a log sink linked to /dev/null as storing nothing (an nginx access_log through a link)', async () => {
    const root = tree({
      'etc/nginx/nginx.conf': 'events {}\nhttp {\n  access_log /var/log/nginx/access.log;\n  error_log /dev/null;\n  server { listen 80; }\n}\n',
      'var/log/nginx/access.log': '-> /dev/null',
      'etc/logrotate.conf': 'weekly\nrotate 2\n',
    });
    const result = await lintTree(root);
    expect(result.findings.filter((f) => f.message.includes('access.log'))).toEqual([]);
  });

  it('reads etc/logrotate.d when etc/logrotate.conf is absent, and says so', async () => {
    const root = tree({
      'etc/prosody/prosody.cfg.lua': 'log = { info = "/var/log/prosody/prosody.log" }\nVirtualHost "example.org"\n',
      'etc/logrotate.d/prosody': '/var/log/prosody/*.log {\n  daily\n  rotate 7\n}\n',
    });
    const result = await lintTree(root);
    expect(at(result, root, 'config-warning')).toContain(
      "etc/logrotate.d:1:1 /etc/logrotate.conf is absent: /etc/logrotate.d is read as the distribution's logrotate.conf would include it, with logrotate's compiled-in defaults for the settings that file would make",
    );
    expect(result.sources.map((s) => path.relative(root, s.file))).toContain('etc/logrotate.d/prosody');
    expect(claimOf(result, 'serverLogs.retention').verdict).toBe('verified');
  });

  it('reports a FIFO reached by an Apache Include at the Include line, and walks directory links back to their parent once', async () => {
    const root = tree({
      'etc/apache2/apache2.conf': 'Include conf-enabled/*.conf\nIncludeOptional /etc/apache2/loop\n',
      'etc/apache2/conf-enabled/a.conf': 'fifo',
      'etc/apache2/loop/x.conf': 'ServerName example.org\n',
      'etc/apache2/loop/a': '-> ../loop',
      'etc/apache2/loop/b': '-> ../loop',
    });
    const result = await lintTree(root);
    expect(at(result, root, 'include-error')).toEqual([
      'etc/apache2/apache2.conf:1:9 Include /etc/apache2/conf-enabled/a.conf is not read: a FIFO (named pipe), not a regular file: not read',
    ]);
    expect(result.sources.map((s) => path.relative(root, s.file))).toContain('etc/apache2/loop/x.conf');
  });

  it('gives an include-error at the line for a Caddy import glob that is not a valid pattern', async () => {
    const root = tree({ 'etc/caddy/Caddyfile': 'import /etc/caddy/sites/[z-a]*\n:80 {\n}\n', 'etc/caddy/sites/x': ':81 {\n}\n' });
    const result = await lintTree(root);
    expect(at(result, root, 'include-error')).toEqual([
      // caddy adapt (2.6.2): "Glob pattern may only contain one wildcard (*), but has others: …".
      'etc/caddy/Caddyfile:1:8 import /etc/caddy/sites/[z-a]*: Glob pattern may only contain one wildcard (*), but has others: /etc/caddy/sites/[z-a]* (Caddy refuses the config)',
    ]);
  });

  it('reports a fail2ban [INCLUDES] file that is a FIFO at the include line', async () => {
    const root = tree({
      'etc/fail2ban/jail.conf': '[INCLUDES]\nbefore = paths-debian.conf\n\n[DEFAULT]\nbantime = 10m\n',
      'etc/fail2ban/paths-debian.conf': 'fifo',
    });
    const result = await lintTree(root);
    expect(at(result, root, 'include-error')).toEqual([
      'etc/fail2ban/jail.conf:2:10 [INCLUDES] before = paths-debian.conf: /etc/fail2ban/paths-debian.conf: a FIFO (named pipe), not a regular file: not read',
    ]);
  });

  it('never reads a crontab linked out of the root: a finding at the file, and the backup claims unverified', async () => {
    const outside = tree({ 'backup': 'BORG_REPO=ssh://secret@backup.example.net/repo\n0 3 * * * root borg create ::x /var/lib/prosody\n' });
    const root = tree({ 'etc/cron.d/backup': `-> ../../../${path.relative(tmpdir(), outside)}/backup` });
    const result = await lintTree(root, 'policy:\n  backups:\n    encrypted: true\n');
    expect(at(result, root, 'include-error')).toEqual([
      `etc/cron.d/backup:1:1 /etc/cron.d/backup: the symbolic link /etc/cron.d/backup -> ../../../${path.relative(tmpdir(), outside)}/backup points outside --root: not followed; what it configures is unknown`,
    ]);
    expect(JSON.stringify(result)).not.toContain('secret@backup.example.net');
    expect(claimOf(result, 'backups.encrypted').verdict).toBe('unverified');
  });

  it('matches nothing with a bracket range that runs backwards, as nginx and Apache do, instead of crashing', async () => {
    // nginx -t (1.22.1) accepts `include …/[z-a]*;` and includes nothing; apache2 -t (2.4) fails
    // (2.4.71) with "No matches for the wildcard '[z-a]*'".
    const root = tree({
      'etc/nginx/nginx.conf': 'events {}\nhttp {\n  include /etc/nginx/conf.d/[z-a]*;\n}\n',
      'etc/nginx/conf.d/a.conf': 'server { listen 80; }\n',
      'etc/apache2/apache2.conf': 'Include /etc/apache2/conf.d/[z-a]*\n',
      'etc/apache2/conf.d/a.conf': 'ServerName example.org\n',
    });
    const result = await lintTree(root);
    expect(at(result, root, 'include-error')).toEqual([
      'etc/apache2/apache2.conf:1:9 Include /etc/apache2/conf.d/[z-a]*: no files match the wildcard pattern /etc/apache2/conf.d/[z-a]* under --root (httpd refuses to start)',
    ]);
  });

  it("refuses a restic unit's EnvironmentFile= linked out of the root at its line: the repository in it is never read", async () => {
    const outside = tree({ 'restic.env': 'RESTIC_REPOSITORY=sftp:secret@backup.example.net:/srv/restic\n' });
    const unit = '[Service]\nType=oneshot\nEnvironmentFile=/etc/default/restic\nExecStart=/usr/bin/restic backup /var/lib/prosody\n';
    const timer = '[Timer]\nOnCalendar=daily\n';
    const root = tree({
      'etc/systemd/system/restic.service': unit,
      'etc/systemd/system/restic.timer': timer,
      'etc/systemd/system/timers.target.wants/restic.timer': timer,
      'etc/default/restic': `-> ../../../${path.relative(tmpdir(), outside)}/restic.env`,
    });
    const result = await lintTree(root, 'policy:\n  backups:\n    encrypted: true\n');
    expect(at(result, root, 'include-error')).toEqual([
      `etc/systemd/system/restic.service:3:1 /etc/default/restic is read for the backup job's environment: /etc/default/restic: the symbolic link /etc/default/restic -> ../../../${path.relative(tmpdir(), outside)}/restic.env points outside --root: not followed`,
    ]);
    expect(JSON.stringify(result)).not.toContain('secret@backup.example.net');
  });

  it('refuses a file over --max-file-size with a finding naming the limit', async () => {
    const root = tree({ 'etc/prosody/prosody.cfg.lua': MAIN, 'etc/prosody/conf.d/big.cfg.lua': `-- ${'x'.repeat(2000)}\n` });
    writeFileSync(path.join(root, 'privacy-lint.config.yaml'), POLICY);
    const result = await lint({ cwd: repoRoot, root, paths: [], configFile: path.join(root, 'privacy-lint.config.yaml'), ruleOverrides: [], maxFileSize: 1024 });
    // 2000 + 4 bytes: "-- ", the x's and the newline; 1024 bytes is 1 KiB.
    expect(at(result, root, 'include-error')).toEqual([
      'etc/prosody/prosody.cfg.lua:2:1 Include of /etc/prosody/conf.d/big.cfg.lua is not read: 2 KiB, over the limit of 1 KiB per file (--max-file-size): not read',
    ]);
  });
});

describe("the tool's own inputs", () => {
  it('refuses a FIFO as --config or --policy with a usage error instead of blocking on it', async () => {
    const root = tree({ 'etc/prosody/prosody.cfg.lua': MAIN, 'config.yaml': 'fifo', 'policy.yaml': 'fifo', 'config.mjs': 'fifo' });
    const run = (options: { configFile?: string; policyFile?: string }): Promise<LintResult> =>
      lint({ cwd: root, root, paths: [], ruleOverrides: [], ...options });
    await expect(run({ configFile: path.join(root, 'config.yaml') })).rejects.toThrow('--config config.yaml: cannot be loaded: a FIFO (named pipe), not a regular file: not read');
    await expect(run({ configFile: path.join(root, 'config.mjs') })).rejects.toThrow('--config config.mjs: cannot be loaded: is not a regular file (a FIFO, socket or device): not read');
    await expect(run({ policyFile: path.join(root, 'policy.yaml') })).rejects.toThrow('policy.yaml: a FIFO (named pipe), not a regular file: not read');
  });
});

/**
 * Run as root, privacy-lint reads any file; an unprivileged user meets EACCES. The built CLI
 * (npm test builds first) is run as nobody with setpriv(1) on a tree nobody may enter but
 * where nginx.conf is mode 000.
 */
describe('an unreadable file, as a non-root user', () => {
  const canDropPrivileges = process.getuid?.() === 0;
  it.skipIf(!canDropPrivileges)('is a finding with the errno, and the claims it could show are unverified, not verified', () => {
    const root = tree({ 'etc/nginx/nginx.conf': 'events {}\nhttp {\n  access_log /var/log/nginx/access.log;\n}\n' });
    execFileSync('chmod', ['-R', 'a+rX', root]);
    execFileSync('chmod', ['000', path.join(root, 'etc/nginx/nginx.conf')]);
    writeFileSync(path.join(root, 'policy.yaml'), 'ipAddresses:\n  stored: never\n', { mode: 0o644 });
    const run = (): { status: number | null; stdout: string } => {
      try {
        const stdout = execFileSync(
          'setpriv',
          ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, path.join(repoRoot, 'bin/privacy-lint.js'), '--root', root, '--policy', path.join(root, 'policy.yaml'), '--format', 'json'],
          { cwd: root, encoding: 'utf8' },
        );
        return { status: 0, stdout };
      } catch (error) {
        const failed = error as { status: number | null; stdout: string };
        return { status: failed.status, stdout: failed.stdout };
      }
    };
    const { status, stdout } = run();
    const report = JSON.parse(stdout) as LintResult & { findings: { ruleId: string; message: string; file: string; line: number }[] };
    expect(status).toBe(1);
    expect(report.findings.filter((f) => f.ruleId === 'include-error').map((f) => `${f.line} ${f.message}`)).toEqual([
      '1 /etc/nginx/nginx.conf: permission denied (EACCES); what it configures is unknown',
    ]);
    expect(report.claims.find((c) => c.claim === 'ipAddresses.stored')?.verdict).toBe('unverified');
  });
});
