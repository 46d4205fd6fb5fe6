/**
 * The backup rules on the examples E1–E10 (one per tool and layout), each a root tree
 * under fixtures/backups, judged against "encrypted, kept 7 days, every 2 hours" — the promise
 * of a seed policy — and a 21-day archive retention that a long-lived backup quietly extends.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import type { LintResult } from '../../src/engine/types.js';
import { claimOf, findingsOf, placeOf, repoRoot } from '../helpers/lint-fixture.js';

let policy = '';
beforeAll(() => {
  const dir = mkdtempSync(path.join(tmpdir(), 'privacy-lint-backups-'));
  policy = path.join(dir, 'policy.yaml');
  writeFileSync(policy, 'backups:\n  encrypted: true\n  retention: 7d\n  interval: 2h\nmessageArchive:\n  retention: 21d\n');
});

async function lintBackup(fixture: string): Promise<LintResult> {
  return lint({ cwd: repoRoot, root: path.join(repoRoot, 'fixtures', 'backups', fixture), paths: [], policyFile: policy, ruleOverrides: [] });
}

const verdicts = (result: LintResult): Record<string, string> =>
  Object.fromEntries(['backups.encrypted', 'backups.retention', 'backups.interval'].map((c) => [c, claimOf(result, c).verdict]));

describe('backup rules on the examples E1–E10', () => {
  it('E1 borgmatic (flat): encrypted, but keep rules that add up to months and a daily timer', async () => {
    const result = await lintBackup('borgmatic/e1-flat');
    expect(verdicts(result)).toEqual({ 'backups.encrypted': 'verified', 'backups.retention': 'violated', 'backups.interval': 'violated' });
    const [error] = findingsOf(result, 'backup-retention');
    expect(error!.message).toContain('keep_daily: 7, keep_weekly: 4, keep_monthly: 6 (borg: the rules add up');
    // The archive deleted after 21 days lives on in the backup: the archive claim is broken there,
    // an error like any violated claim (POLICY.md: a violated claim always fails the run).
    const [extends_] = findingsOf(result, 'backup-extends-retention');
    expect(extends_!.severity).toBe('error');
    expect(extends_!.message).toMatch(/^The message archive in the borgmatic backup .*: keep_daily: 7, keep_weekly: 4, keep_monthly: 6 .*, longer than the declared 21d$/);
    expect(claimOf(result, 'messageArchive.retention').verdict).toBe('violated');
  });

  it('E2 borgmatic (sectioned): an unencrypted repository is a violation at its file', async () => {
    const result = await lintBackup('borgmatic/e2-sectioned');
    expect(verdicts(result)).toEqual({ 'backups.encrypted': 'violated', 'backups.retention': 'violated', 'backups.interval': 'verified' });
    const [error] = findingsOf(result, 'backup-encryption');
    expect(placeOf(result, error!)).toBe('etc/borgmatic.d/prosody.yaml:1:1');
  });

  it('E10 dump script piped to gpg every 2 hours, cleaned after 7 days: verified, with the worst case shown', async () => {
    const result = await lintBackup('dump-scripts/e10');
    expect(verdicts(result)).toEqual({ 'backups.encrypted': 'verified', 'backups.retention': 'verified', 'backups.interval': 'verified' });
    expect(claimOf(result, 'backups.encrypted').observed).toBe('dump-script: piped to gpg --encrypt');
    expect(findingsOf(result, 'backup-retention').map((f) => f.severity)).toEqual(['warning']);
  });

  it('E7 duply without a key: duply silently turns encryption off', async () => {
    const result = await lintBackup('duply/e7');
    expect(claimOf(result, 'backups.encrypted')).toMatchObject({ verdict: 'violated' });
    expect(findingsOf(result, 'backup-encryption')[0]!.message).toContain('duply disables encryption with only a warning');
  });

  it("Debian's borgmatic.timer runs only when config.yaml is non-empty: the drop-in config is configured, never scheduled", async () => {
    // A backup that never runs is no backup: it is reported once and decides no backups.* claim.
    const result = await lintBackup('borgmatic/debian-trap');
    expect(verdicts(result)).toEqual({ 'backups.encrypted': 'unverified', 'backups.retention': 'unverified', 'backups.interval': 'unverified' });
    const never = result.findings.filter((f) => f.message.includes('configured, never scheduled'));
    expect(never).toHaveLength(1);
    expect(never[0]!.severity).toBe('warning');
    expect(never[0]!.message).toContain('ConditionFileNotEmpty=/etc/borgmatic/config.yaml');
  });
});
