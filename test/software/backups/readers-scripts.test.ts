import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BackupPractice } from '../../../src/inventory/practice.js';
import { readScriptBackups } from '../../../src/software/backups/readers-scripts.js';
import { readScheduledJobs } from '../../../src/software/scheduled-jobs/read-scheduled-jobs.js';
import { view } from '../../helpers/figure-view.js';
import { filesMissing, requireOracle } from '../../helpers/require-program.js';
import { RootFiles } from '../../../src/files/root-files.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const corpus = resolve(repo, '../shared/corpus');
const D = 86400;

describe('readScriptBackups', () => {
  it('runs all four readers over one root: a cron.d file for rsnapshot and a script in /usr/local/sbin found by name on the crontab PATH', () => {
    const root = mkdtempSync(join(tmpdir(), 'script-backups-'));
    mkdirSync(join(root, 'etc/cron.d'), { recursive: true });
    mkdirSync(join(root, 'usr/local/sbin'), { recursive: true });
    writeFileSync(join(root, 'etc/rsnapshot.conf'), 'snapshot_root\t/srv/snap/\nretain\tdaily\t7\nbackup\t/var/lib/prosody/\tlocalhost/\n');
    writeFileSync(join(root, 'usr/local/sbin/dump-prosody'), '#!/bin/sh\npg_dump prosody > /var/backups/prosody.sql\n');
    writeFileSync(join(root, 'etc/cron.d/backups'), 'PATH=/usr/local/sbin:/usr/bin:/bin\n0 4 * * * root rsnapshot daily\n0 3 * * * root dump-prosody\n');
    const reading = readScriptBackups(new RootFiles(root), readScheduledJobs(new RootFiles(root)).jobs);
    const practices = reading.practices as BackupPractice[];
    expect(practices.map((p) => [p.tool, p.encrypted, view(p.retention).worstCase, view(p.interval).nominal])).toEqual([
      ['rsnapshot', false, 7 * D, D],
      ['dump-script', false, D, D],
    ]);
    expect(reading.files).toEqual([join(root, 'etc/rsnapshot.conf'), join(root, 'usr/local/sbin/dump-prosody')]);
    expect(reading.searched).toContain('etc/rsnapshot.conf');
  });

});

describe("Debian's installed rsnapshot", () => {
  if (!requireOracle(filesMissing('/etc/rsnapshot.conf', '/etc/cron.d/rsnapshot'), ['rsnapshot'])) return;
  it("reads Debian's shipped rsnapshot.conf and its all-commented cron file: no errors, not scheduled", () => {
    const root = mkdtempSync(join(tmpdir(), 'debian-rsnapshot-'));
    mkdirSync(join(root, 'etc/cron.d'), { recursive: true });
    copyFileSync('/etc/rsnapshot.conf', join(root, 'etc/rsnapshot.conf'));
    copyFileSync('/etc/cron.d/rsnapshot', join(root, 'etc/cron.d/rsnapshot'));
    const reading = readScriptBackups(new RootFiles(root), readScheduledJobs(new RootFiles(root)).jobs);
    expect(reading.diagnostics).toEqual([]);
    const p = reading.practices[0] as BackupPractice;
    expect(p.encrypted).toBe(false);
    expect(p.contents.paths).toEqual(['/home', '/etc', '/usr/local']);
    expect(view(p.interval).unknownReason).toMatch(/no cron line or timer runs `rsnapshot alpha`/);
  });
});

describe('readScriptBackups on the backup corpus', () => {
  it('reads the corpus backup files without an exception', (ctx) => {
    const dir = join(corpus, 'backup');
    if (!existsSync(dir)) {
      ctx.skip('../shared/corpus/backup is absent: corpus test skipped');
      return;
    }
    const manifest = readFileSync(join(corpus, 'MANIFEST.tsv'), 'utf8').split('\n').map((l) => l.split('\t'));
    for (const name of readdirSync(dir)) {
      // Each file goes to its path on the served system (cron files under etc/cron.d).
      const path = manifest.find((row) => row[1] === name)?.[3] ?? name;
      const root = mkdtempSync(join(tmpdir(), 'corpus-backup-'));
      const target = join(root, path.replace(/^files\//, ''));
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(join(dir, name), target);
      const reading = readScriptBackups(new RootFiles(root), readScheduledJobs(new RootFiles(root)).jobs);
      expect(Array.isArray(reading.practices), name).toBe(true);
      for (const d of reading.diagnostics) expect(d.position.line, name).toBeGreaterThan(0);
    }
  });
});
