/**
 * A backup script judged by what it backs up: pg_dump writes /var/backups/prosody.sql, restic
 * backs up the whole filesystem (restic encrypts every repository: restic 0.14 design.md,
 * "Encryption"), and the same script removes the dump. The dump is a staging file, not a plain
 * backup of its own; it is reported as such, living only while the script runs.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/engine/lint.js';
import { repoRoot } from '../../helpers/lint-fixture.js';

const fixture = path.join(repoRoot, 'fixtures/backups/restic/staging-dump');
const SCRIPT = 'usr/local/sbin/restic-xmpp';

async function lintTree(root: string) {
  const configFile = path.join(mkdtempSync(path.join(tmpdir(), 'privacy-lint-staging-')), 'policy.yaml');
  writeFileSync(configFile, 'policy:\n  backups:\n    encrypted: true\n    retention: 14d\n');
  return lint({ cwd: root, root, paths: [], configFile, ruleOverrides: [] });
}

describe('a restic script with a staging dump', () => {
  it('is an encrypted backup; the dump is reported as a staging file removed at line 9', async () => {
    const result = await lintTree(fixture);
    const encrypted = result.claims.find((c) => c.claim === 'backups.encrypted');
    expect(encrypted?.verdict).toBe('verified');
    expect(encrypted?.observed).toContain('dump-script: written in plain text to /var/backups/prosody.sql only to be taken into the restic backup run at line 8, then removed at line 9');
    expect(result.findings.filter((f) => f.ruleId === 'backup-encryption')).toEqual([]);
    const retention = result.claims.find((c) => c.claim === 'backups.retention');
    expect(retention?.verdict).toBe('verified');
    const staged = (retention?.evidence ?? []).find((e) => e.note.startsWith('removes the staging file'));
    expect(staged && `${path.relative(fixture, staged.file)}:${staged.line}:${staged.column}`).toBe(`${SCRIPT}:9:1`);
  }, 60_000);

  it('without the rm, the dump stays in plain text: violated at the pg_dump line', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'privacy-lint-staging-tree-'));
    cpSync(fixture, root, { recursive: true });
    const script = path.join(root, SCRIPT);
    writeFileSync(script, readFileSync(script, 'utf8').replace('rm -f /var/backups/prosody.sql\n', ''));
    const result = await lintTree(root);
    expect(result.claims.find((c) => c.claim === 'backups.encrypted')?.verdict).toBe('violated');
    const errors = result.findings.filter((f) => f.ruleId === 'backup-encryption').map((f) => `${path.relative(root, f.file)}:${f.line}:${f.column}`);
    expect(errors).toEqual([`${SCRIPT}:7:1`]);
  }, 60_000);
});
