/**
 * A job that names its backup script by bare name runs what the shell finds on the job's PATH:
 * the crontab's PATH= line (crontab(5): entries below it), the unit's Environment=PATH=
 * (systemd.exec(5)). The tree holds a second, unencrypted `xmpp-backup` in /usr/local/sbin, which
 * is on neither PATH: judging it would make backups.encrypted violated.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/engine/lint.js';
import { repoRoot } from '../../helpers/lint-fixture.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

const root = path.join(repoRoot, 'fixtures/backups/borg/bare-name-path');

async function lintTree() {
  const configFile = path.join(mkdtempSync(path.join(tmpdir(), 'privacy-lint-path-')), 'policy.yaml');
  writeFileSync(configFile, 'policy:\n  backups:\n    encrypted: true\n');
  return lint({ cwd: root, root, paths: [], configFile, ruleOverrides: [] });
}

describe('commands named by bare name are looked up in the job PATH', () => {
  it('cron PATH= and Environment=PATH= lead to the scripts that really run: both encrypted, the copy off PATH not judged', async () => {
    const result = await lintTree();
    const claim = result.claims.find((c) => c.claim === 'backups.encrypted');
    expect(claim?.verdict).toBe('verified');
    expect(result.findings.filter((f) => f.ruleId === 'backup-encryption')).toEqual([]);
    const places = (claim?.evidence ?? []).map((e) => `${path.relative(root, e.file)}:${e.line}:${e.column}`);
    // The borg create lines of the two scripts on PATH (line 6 and line 5 of each file).
    expect(places).toContain('opt/xmpp-backup/bin/xmpp-backup:6:1');
    expect(places).toContain('srv/backup/bin/uploads-backup:5:1');
    expect(places.some((p) => p.startsWith('usr/local/sbin/'))).toBe(false);
  }, 60_000);
});
