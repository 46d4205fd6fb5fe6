import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixRoundTrip, fixtureTrees } from '../helpers/fix-round-trip.js';
import { lint } from '../../src/engine/lint.js';
import { repoRoot } from '../helpers/lint-fixture.js';
import { findProgram, programsMissing, requireOracle } from '../helpers/require-program.js';
import { checkWithNginx, type NginxCheck } from '../software/nginx/run-nginx.js';
import { configTest } from '../software/apache/run-apache.js';
import { validateCaddyfile } from '../software/caddy/validate-caddy.js';

/**
 * Every fixture tree whose findings carry edits: apply them to a copy, lint again, and every
 * claim those edits were meant to mend now holds. An edit that lands but mends nothing, or one
 * refused because its own place is gone, is a wrong edit.
 */
describe('--fix on every fixture tree with edits', () => {
  for (const tree of fixtureTrees()) {
    it(`${tree}: the claims its edits fix are verified on the next run`, async () => {
      const trip = await fixRoundTrip(tree);
      if (trip === undefined) return;
      expect(trip.applied.length).toBeGreaterThan(0);
      expect(trip.refused.filter((r) => !r.endsWith('another edit changes the same text'))).toEqual([]);
      for (const claim of trip.fixedClaims) {
        expect({ claim, verdict: trip.after.claims.find((c) => c.claim === claim)?.verdict }).toEqual({ claim, verdict: 'verified' });
      }
      // What an edit changed is not proposed again.
      const again = trip.after.findings.filter((f) => f.fix !== undefined && trip.applied.some((a) => a.ruleId === f.ruleId && a.fix?.file === f.fix?.file && a.fix?.range.start.line === f.fix?.range.start.line));
      expect(again.map((f) => `${f.ruleId} ${f.message}`)).toEqual([]);
    });
  }
});

/** One tree per software whose fixes are edits: after --fix every claim it declares holds. */
describe('--fix on each software', () => {
  for (const software of ['ejabberd', 'logrotate', 'journald', 'fail2ban', 'borgmatic', 'cron', 'restic', 'nginx', 'apache', 'caddy', 'prosody', 'borg', 'duplicity', 'duply', 'autorestic', 'rsnapshot']) {
    it(`fixtures/fix/${software}: violated before, every claim verified after`, async () => {
      const trip = await fixRoundTrip(`fix/${software}`);
      expect(trip?.before.claims.some((c) => c.verdict === 'violated')).toBe(true);
      expect(trip?.after.claims.filter((c) => c.verdict !== 'verified').map((c) => `${c.claim}: ${c.verdict}`)).toEqual([]);
      expect(trip?.after.findings.filter((f) => f.severity === 'error')).toEqual([]);
    });
  }
});

/**
 * One setting decides the figure, so the edit is its value and nothing else in the file moves.
 * The figures, against the declared 30 days:
 * - duply (fixtures/fix/duply): fulls every 7D and a nightly purge, so a set lives MAX_AGE + one
 *   chain (7 d) + one late run (1 d), the same arithmetic as duplicity's remove-older-than:
 *   30 − 7 − 1 = 22 → MAX_AGE=22D, a duplicity interval (duplicity(1) TIME FORMATS, which duply
 *   passes MAX_AGE to);
 * - autorestic (fixtures/fix/autorestic): keep-daily with a nightly cron: checked every 5 minutes,
 *   so restic's daily bucket (1 d) and a run 1 d 5 min late come on top: ⌊(30 d − 2 d 5 min) / 1 d⌋ = 27;
 * - rsnapshot (fixtures/fix/rsnapshot): one level run nightly, so the oldest of N lives N days:
 *   ⌊30 / 1⌋ = 30, its TABs kept.
 */
describe('--fix changes only the value that decides the figure', () => {
  const cases = [
    { software: 'duply', file: 'etc/duply/xmpp/conf', from: '\nMAX_AGE=6M\n', to: '\nMAX_AGE=22D\n' },
    { software: 'autorestic', file: 'root/.autorestic.yml', from: 'keep-daily: 60 #', to: 'keep-daily: 27 #' },
    { software: 'rsnapshot', file: 'etc/rsnapshot.conf', from: 'retain\tdaily\t60\n', to: 'retain\tdaily\t30\n' },
  ];
  for (const { software, file, from, to } of cases) {
    it(`fixtures/fix/${software}: ${JSON.stringify(from.trim())} becomes ${JSON.stringify(to.trim())}, the rest of ${file} as it was`, async () => {
      const before = readFileSync(path.join(repoRoot, 'fixtures', 'fix', software, file), 'utf8');
      let after: string | undefined;
      const trip = await fixRoundTrip(`fix/${software}`, (root) => (after = readFileSync(path.join(root, file), 'utf8')));
      expect(trip?.applied.map((f) => f.ruleId)).toEqual(['backup-retention']);
      expect(before.split(from)).toHaveLength(2);
      expect(after).toBe(before.replace(from, to));
      expect(trip?.after.claims.find((c) => c.claim === 'backups.retention')?.verdict).toBe('verified');
    });
  }
});

/**
 * Where more than one setting decides the figure, which to lower is the admin's choice: the
 * suggestion is text, with no edit for --fix to apply (fixtures/fix-advice, their policies say why).
 */
describe('several settings decide the figure: the suggestion stays advice', () => {
  const cases = [
    { software: 'duply', advice: ['MAX_AGE=22D'] },
    { software: 'autorestic', advice: ['locations.uploads.forget: prune, with options.forget.keep-within: 28d (and no other keep-* option)', 'locations.xmpp.forget: prune, with options.forget.keep-within: 28d (and no other keep-* option)'] },
    { software: 'rsnapshot', advice: ['lower the retain counts so that Σ count × period ≤ 23 days'] },
  ];
  for (const { software, advice } of cases) {
    it(`fixtures/fix-advice/${software}`, async () => {
      const root = path.join(repoRoot, 'fixtures', 'fix-advice', software);
      const result = await lint({ cwd: root, root, paths: [], configFile: path.join(root, 'privacy-lint.config.yaml'), ruleOverrides: [] });
      const findings = result.findings.filter((f) => f.ruleId === 'backup-retention');
      expect(findings.map((f) => f.suggestion).sort()).toEqual(advice);
      expect(findings.map((f) => [f.severity, f.fix, f.edit])).toEqual(advice.map(() => ['error', undefined, undefined]));
    });
  }
});

/** The real rsnapshot takes the fixed rsnapshot.conf: the count is digits between TABs. */
describe('--fix on rsnapshot: the fixed config passes rsnapshot configtest', () => {
  if (!requireOracle(programsMissing('rsnapshot'), ['rsnapshot'])) return;
  it('fixtures/fix/rsnapshot after --fix', async () => {
    let text = '';
    await fixRoundTrip('fix/rsnapshot', (root) => (text = readFileSync(path.join(root, 'etc', 'rsnapshot.conf'), 'utf8')));
    expect(text).toContain('retain\tdaily\t30\n');
    const dir = mkdtempSync(path.join(tmpdir(), 'rsnapshot-fix-'));
    try {
      // configtest needs snapshot_root to be creatable and cmd_rsync defined (Debian's shipped
      // rsnapshot.conf defines it; rsnapshot 1.4.5 requires it), as in rsnapshot.test.ts.
      writeFileSync(path.join(dir, 'rsnapshot.conf'), `${text.replace(/^snapshot_root\t.*$/m, `snapshot_root\t${dir}/snapshots/`)}cmd_rsync\t/usr/bin/rsync\n`);
      const result = spawnSync(findProgram('rsnapshot') as string, ['-c', path.join(dir, 'rsnapshot.conf'), 'configtest'], { encoding: 'utf8' });
      expect(result.status, result.stdout + result.stderr).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** duply sources the profile with bash (duply 2.4.1 /usr/bin/duply: `. "$CONF"`): the fixed one still parses. */
describe('--fix on duply: the fixed profile passes bash -n', () => {
  it('fixtures/fix/duply after --fix', async () => {
    let status: number | null = null;
    let stderr = '';
    await fixRoundTrip('fix/duply', (root) => ({ status, stderr } = spawnSync('bash', ['-n', path.join(root, 'etc', 'duply', 'xmpp', 'conf')], { encoding: 'utf8' })));
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
  });
});

/** The real nginx takes the fixed files: an edit it would refuse is no fix. */
describe('--fix on nginx: the fixed config passes nginx -t', () => {
  if (!requireOracle(programsMissing('nginx'), ['nginx'])) return;
  it('fixtures/fix/nginx before and after --fix', async () => {
    let after: NginxCheck | undefined;
    const trip = await fixRoundTrip('fix/nginx', (root) => (after = checkWithNginx(root)));
    expect(checkWithNginx(path.join(repoRoot, 'fixtures', 'fix', 'nginx')).output).toBe('');
    expect(trip?.applied.map((f) => f.fix?.text)).toEqual([
      `log_format noaddress '- - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"';\n    access_log /var/log/nginx/access.log noaddress`,
      '-',
    ]);
    expect(after).toMatchObject({ ok: true, output: '' });
  });
});

/** The real httpd takes the fixed files: `-` in place of %h and %a is a format it accepts. */
describe('--fix on Apache: the fixed config passes apache2 -t', () => {
  if (!requireOracle(programsMissing('apache2'), ['apache2'])) return;
  it('fixtures/fix/apache after --fix', async () => {
    let after: { status: number | null; output: string } | undefined;
    const trip = await fixRoundTrip('fix/apache', (root) => {
      const serverRoot = path.join(root, 'etc', 'apache2');
      after = configTest(serverRoot, path.join(serverRoot, 'apache2.conf'), path.join(root, 'apache2-test'));
    });
    expect(trip?.applied.map((f) => `${path.basename(f.fix?.file ?? '')}:${String(f.fix?.range.start.line)} ${f.fix?.text ?? ''}`).sort()).toEqual(['apache2.conf:3 -', 'apache2.conf:7 -']);
    expect(after?.output).toContain('Syntax OK');
    expect(after?.status).toBe(0);
  });
});

/** The real Caddy provisions the fixed Caddyfile: the filter and its fields are ones it knows. */
describe('--fix on Caddy: the fixed Caddyfile passes caddy validate', () => {
  if (!requireOracle(programsMissing('caddy'), ['caddy'])) return;
  it('fixtures/fix/caddy after --fix', async () => {
    let after: { status: number | null; output: string } | undefined;
    const trip = await fixRoundTrip('fix/caddy', (root) => {
      after = validateCaddyfile(path.join(root, 'etc', 'caddy', 'Caddyfile'), root);
    });
    // One filter inserted after `log {` (line 9), one in place of `format console` (line 18).
    expect(trip?.applied.map((f) => `${String(f.fix?.range.start.line)} ${f.fix?.text.split('\n')[f.fix.text.startsWith('\n') ? 1 : 0]?.trim() ?? ''}`)).toEqual(['9 format filter {', '18 filter {']);
    expect(after?.output).toContain('Valid configuration');
    expect(after?.status).toBe(0);
  });
});
