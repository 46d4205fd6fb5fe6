/**
 * Issue 14's hangs and silent skips that test/files/confined-reading.test.ts does not already
 * cover, through lint() as a user runs it: a FIFO reached by Prosody's RunScript and in
 * ejabberd's modules.d, a main config that is a character device (a link to /dev/zero), a file
 * over the default size limit, and a script a cron job runs that links out of the root. Each is
 * refused with a finding, without opening it, and the claim it could show is unverified rather
 * than verified.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import type { LintResult } from '../../src/engine/types.js';
import { claimOf, repoRoot } from '../helpers/lint-fixture.js';
import { specialTree } from '../helpers/special-tree.js';

const tree = (files: Record<string, string>): string => specialTree(files, 'privacy-lint-special-');

async function lintTree(root: string): Promise<LintResult> {
  const policy = path.join(root, 'privacy-lint.config.yaml');
  writeFileSync(policy, 'policy:\n  messageArchive:\n    retention: 21d\n');
  return lint({ cwd: repoRoot, root, paths: [], configFile: policy, ruleOverrides: [] });
}

const findings = (result: LintResult, root: string): string[] =>
  result.findings.filter((f) => f.ruleId === 'include-error').map((f) => `${path.relative(root, f.file)}:${f.line}:${f.column} ${f.message}`);

describe('files that are not regular files, or too large, are refused where they are named', () => {
  it('a FIFO run by Prosody RunScript: refused at the RunScript line, not opened', async () => {
    const root = tree({ 'etc/prosody/prosody.cfg.lua': 'RunScript "extra.lua"\nVirtualHost "example.org"\n', 'etc/prosody/extra.lua': 'fifo' });
    const result = await lintTree(root);
    expect(findings(result, root)).toEqual(['etc/prosody/prosody.cfg.lua:1:1 RunScript of /etc/prosody/extra.lua is not read: a FIFO (named pipe), not a regular file: not read']);
    expect(claimOf(result, 'messageArchive.retention').verdict).toBe('unverified');
  });

  it('a FIFO in ejabberd modules.d: refused at that file, and the main file still read', async () => {
    const root = tree({ 'etc/ejabberd/ejabberd.yml': 'hosts: [example.org]\n', 'etc/ejabberd/modules.d/mod_x.yml': 'fifo' });
    const result = await lintTree(root);
    expect(findings(result, root)).toEqual([
      "etc/ejabberd/modules.d/mod_x.yml:1:1 Failed to read YAML file '/etc/ejabberd/modules.d/mod_x.yml': a FIFO (named pipe), not a regular file: not read",
    ]);
    expect(result.sources.map((s) => `${path.relative(root, s.file)} ${s.status}`)).toEqual(['etc/ejabberd/ejabberd.yml ok', 'etc/ejabberd/modules.d/mod_x.yml unreadable']);
  });

  it('a main Prosody config that is a character device (a link to /dev/zero): refused, never read endlessly', async () => {
    const root = tree({ 'etc/prosody/prosody.cfg.lua': '-> /dev/zero' });
    const result = await lintTree(root);
    expect(findings(result, root)).toEqual([
      'etc/prosody/prosody.cfg.lua:1:1 The Prosody config file /etc/prosody/prosody.cfg.lua is not read: /dev/zero, a device that keeps nothing: not read',
    ]);
    expect(claimOf(result, 'messageArchive.retention').verdict).toBe('unverified');
  });

  it('a file over the default limit (16 MiB) is refused at its Include with the limit named, not read nor treated as absent', async () => {
    // 17 MiB, sparse: 17 × 1,048,576 bytes, one MiB over DEFAULT_MAX_FILE_SIZE (16 × 1,048,576).
    const root = tree({ 'etc/prosody/prosody.cfg.lua': 'VirtualHost "example.org"\nInclude "big.cfg.lua"\n', 'etc/prosody/big.cfg.lua': `sparse ${17 * 1024 * 1024}` });
    const result = await lintTree(root);
    expect(findings(result, root)).toEqual(['etc/prosody/prosody.cfg.lua:2:1 Include of /etc/prosody/big.cfg.lua is not read: 17 MiB, over the limit of 16 MiB per file (--max-file-size): not read']);
    expect(claimOf(result, 'messageArchive.retention').verdict).toBe('unverified');
  });
});

describe('a script a cron job runs, linked out of the root', () => {
  it('is not read: a finding at the link, no value from the outside file in the report, the backup claim unverified', async () => {
    const outside = tree({ 'backup.sh': '#!/bin/sh\nexport BORG_REPO=ssh://secret@backup.example.net/repo\nborg create ::x /var/lib/prosody\n' });
    const root = tree({
      'etc/cron.d/backup': '0 3 * * * root /usr/local/bin/backup.sh\n',
      'usr/local/bin/backup.sh': `-> ../../../../${path.relative(tmpdir(), outside)}/backup.sh`,
    });
    const policy = path.join(root, 'privacy-lint.config.yaml');
    writeFileSync(policy, 'policy:\n  backups:\n    encrypted: true\n');
    const result = await lint({ cwd: repoRoot, root, paths: [], configFile: policy, ruleOverrides: [] });
    expect(findings(result, root)).toEqual([
      `usr/local/bin/backup.sh:1:1 /usr/local/bin/backup.sh: the symbolic link /usr/local/bin/backup.sh -> ../../../../${path.relative(tmpdir(), outside)}/backup.sh points outside --root: not followed; what it configures is unknown`,
    ]);
    expect(JSON.stringify(result)).not.toContain('secret@backup.example.net');
    expect(claimOf(result, 'backups.encrypted').verdict).toBe('unverified');
  });
});
