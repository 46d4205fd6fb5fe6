/**
 * Every backup program a job runs is reported, also one privacy-lint has no reader for: a script
 * running kopia makes backups.encrypted unverified with that reason, at the kopia line, instead of
 * "no backup configuration found".
 */
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/engine/lint.js';

describe('a backup program no reader follows', () => {
  it('kopia in a cron script: backups.encrypted unverified, a warning at its line naming it', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'privacy-lint-kopia-'));
    mkdirSync(path.join(root, 'etc/cron.d'), { recursive: true });
    mkdirSync(path.join(root, 'usr/local/sbin'), { recursive: true });
    writeFileSync(path.join(root, 'etc/cron.d/backup'), '30 3 * * * root /usr/local/sbin/backup.sh\n');
    writeFileSync(path.join(root, 'usr/local/sbin/backup.sh'), '#!/bin/sh\nset -e\nkopia snapshot create /var/lib/prosody\n');
    chmodSync(path.join(root, 'usr/local/sbin/backup.sh'), 0o755);
    const configFile = path.join(root, 'policy.yaml');
    writeFileSync(configFile, 'policy:\n  backups:\n    encrypted: true\n');
    const result = await lint({ cwd: root, root, paths: [], configFile, ruleOverrides: [] });
    expect(result.claims.find((c) => c.claim === 'backups.encrypted')).toMatchObject({
      verdict: 'unverified',
      observed: 'kopia: privacy-lint does not read kopia: what it backs up, whether it encrypts and how long it keeps backups cannot be told',
    });
    expect(result.findings.filter((f) => f.ruleId === 'backup-encryption').map((f) => `${f.severity} ${path.relative(root, f.file)}:${f.line}:${f.column}`)).toEqual([
      'warning usr/local/sbin/backup.sh:3:1',
    ]);
  }, 60_000);
});
