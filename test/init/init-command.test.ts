/**
 * `privacy-lint init` as a user runs it: in a fresh directory, then `privacy-lint` right after,
 * with the configuration init wrote. The contract (issue 11 item 6): the next run has no violated
 * claim, on the demo, on each software's fixtures and on an empty root.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../helpers/lint-fixture.js';
import { runCli, type CliRun } from '../helpers/run-cli.js';

let cwd: string;

beforeEach(async () => {
  cwd = await mkdtemp(path.join(tmpdir(), 'privacy-lint-init-'));
});

afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

const run = (args: string[]): Promise<CliRun> => runCli(args, cwd);

interface JsonReport {
  claims: { claim: string; declared: string; verdict: string }[];
  summary: { claims: { violated: number } };
}

/** init, then lint with what init wrote: the written text and the report of the next run. */
async function initThenLint(root: string): Promise<{ text: string; report: JsonReport; initErr: string }> {
  const written = await run(['init', '--root', root]);
  expect(written.code, written.stderr).toBe(0);
  const text = await readFile(path.join(cwd, 'privacy-lint.config.yaml'), 'utf8');
  const linted = await run(['--root', root, '-f', 'json']);
  expect(linted.code, linted.stderr).not.toBe(2);
  return { text, report: JSON.parse(linted.stdout) as JsonReport, initErr: written.stderr };
}

/** Comment lines joined, so that a sentence the writer wrapped reads on one line. */
const unwrapped = (text: string): string => text.replace(/\n#\s+(?=[^\s/])/g, ' ').replace(/\n#\s+\//g, ' # /');

const fixture = (dir: string): string => path.join(repoRoot, 'fixtures', dir);

// Each case reads a whole tree twice (init probes the rules, then lint): allow for a busy machine.
describe('privacy-lint init, then privacy-lint', { timeout: 60_000 }, () => {
  // One tree per software family: Prosody (demo), ejabberd alone, each web server alone, the
  // system around the server (fail2ban, journald, logrotate, jobs) and a backup tool.
  const roots = [
    'demo',
    'ejabberd/purged',
    'ejabberd/container-style',
    'nginx/default-log',
    'web/apache/violating',
    'caddy/sites',
    'fail2ban/typical',
    'journald/default',
    'logrotate/hourly-timer',
    'jobs/debian-mixed',
    'backups/borgmatic/e1-flat',
  ];
  it.each(roots)('%s: the next run has no violated claim', async (dir) => {
    const { report } = await initThenLint(fixture(dir));
    const violated = report.claims.filter((c) => c.verdict === 'violated');
    expect(violated).toEqual([]);
    expect(report.summary.claims.violated).toBe(0);
  });

  it('declares on the demo what its Prosody config does, with the evidence and where it is laxer than recommended', async () => {
    const { text, report } = await initThenLint(fixture('prosody-only'));
    const policy = (parse(text) as { policy: Record<string, Record<string, unknown>> }).policy;
    // fixtures/prosody-only/etc/prosody/prosody.cfg.lua:21 `archive_expires_after = "3w"`: 3 weeks = 21 days,
    // the nominal figure (POLICY.md: the daily expiry job makes the worst case 22d, a warning).
    expect(policy.messageArchive?.retention).toBe('21d');
    expect(text).toMatch(/# verified: 21d, worst case 22d\n\s+#\s+\/etc\/prosody\/prosody\.cfg\.lua:21: archive_expires_after = "3w"/);
    expect(report.claims.find((c) => c.claim === 'messageArchive.retention')).toMatchObject({ declared: '21d', verdict: 'verified' });
    // prosody.cfg.lua:27 sends debug messages to a file: client IPs are logged; recommended says never.
    expect(policy.ipAddresses?.stored).toBe('always');
    expect(text).toMatch(/# laxer than `recommended`, which declares never\n\s+stored: always/);
    expect(text).toContain('/etc/prosody/prosody.cfg.lua:27: Prosody logs to /var/log/prosody/debug.log');
    // conf.d/example.org.cfg.lua:3 `push_notification_with_body = true`.
    expect(policy.pushNotifications?.body).toBe(true);
    // mod_offline keeps messages until delivered (no expiry: Prosody 13.0 modules/mod_offline.lua),
    // a figure without a time bound, which only `forever` holds.
    expect(policy.offlineMessages?.retention).toBe('forever');
    expect(report.claims.find((c) => c.claim === 'offlineMessages.retention')).toMatchObject({ verdict: 'verified' });
    // No logrotate config in the demo: how long logs live cannot be told, so the claim is left out, saying why.
    expect(policy.serverLogs?.retention).toBeUndefined();
    expect(unwrapped(text)).toMatch(/- serverLogs\.retention: cannot tell # \/etc\/prosody\/prosody\.cfg\.lua:24: [^#]*no logrotate configuration was found/);
  });

  it('declares for an ejabberd-only tree the archive purge it runs', async () => {
    const { text, report } = await initThenLint(fixture('ejabberd/purged'));
    expect(unwrapped(text)).toContain('ejabberd (/etc/ejabberd/ejabberd.yml)');
    expect(report.claims.map((c) => c.claim)).toContain('messageArchive.retention');
  });

  it('on an empty root extends recommended and says why', async () => {
    const empty = path.join(cwd, 'empty-root');
    await import('node:fs/promises').then((fs) => fs.mkdir(empty));
    const { text, report, initErr } = await initThenLint(empty);
    expect(text).toMatch(/^extends: recommended$/m);
    expect(text).not.toMatch(/^policy:/m);
    expect(text).toMatch(/No server configuration was found under/);
    expect(initErr).toContain('no server configuration found: it extends the recommended profile');
    expect(report.claims.every((c) => c.verdict === 'unverified')).toBe(true);
  });

  it('refuses to overwrite an existing configuration without --force', async () => {
    expect((await run(['init', '--root', fixture('demo')])).code).toBe(0);
    const again = await run(['init', '--root', fixture('caddy/sites')]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('privacy-lint.config.yaml already exists');
    expect(again.stderr).toContain('--force');
    expect(await readFile(path.join(cwd, 'privacy-lint.config.yaml'), 'utf8')).toContain('/etc/prosody/prosody.cfg.lua');
    expect((await run(['init', '--force', '--root', fixture('caddy/sites')])).code).toBe(0);
    expect(await readFile(path.join(cwd, 'privacy-lint.config.yaml'), 'utf8')).toContain('caddy');
  });
});
