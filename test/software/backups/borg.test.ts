import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BackupPractice } from '../../../src/inventory/practice.js';
import { describe, expect, it } from 'vitest';
import { readBorgScripts } from '../../../src/software/backups/borg/read-borg-scripts.js';
import { borgModeEncrypts } from '../../../src/software/backups/borg/encryption-mode.js';
import { readScheduledJobs } from '../../../src/software/scheduled-jobs/read-scheduled-jobs.js';
import { view } from '../../helpers/figure-view.js';
import { RootFiles } from '../../../src/files/root-files.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const fixtures = join(repo, 'fixtures/backups/borg');
const HOUR = 3600;
const DAY = 86400;

function read(name: string) {
  const root = join(fixtures, name);
  const reading = readBorgScripts(new RootFiles(root), readScheduledJobs(new RootFiles(root)).jobs);
  const at = (path: string, line: number, column: number) => ({ file: join(root, path), line, column });
  return { reading, at, p: reading.practices[0] as BackupPractice };
}

describe('readBorgScripts', () => {
  it('a script run every 6 h: the init line decides encryption; keep-within anchors, later rules add up; compact frees the data', () => {
    const { reading, at, p } = read('init-prune');
    expect(reading.practices).toHaveLength(1);
    expect(reading.diagnostics).toEqual([]);
    expect(p.subject.name).toBe('ssh://backup@nas/./xmpp');
    expect(p.encrypted).toBe(true);
    expect(p.encryption).toBe('borg init --encryption repokey-blake2');
    expect(p.evidence[1]).toEqual({ ...at('usr/local/sbin/borg-backup.sh', 5, 53), note: 'repository created with --encryption repokey-blake2' });
    // 2 d + 7 × 1 d + 4 × 7 d = 37 d; the worst case adds a 6-hour gap.
    expect(view(p.retention).nominal).toBe(37 * DAY);
    expect(view(p.retention).worstCase).toBe(37 * DAY + 6 * HOUR);
  // Figures in messages are printed by describeDuration (src/config/duration.ts), the one formatter.
    expect(view(p.retention).worstCaseReason).toBe('a run can come 6h late; at least 23d is kept in any case');
    expect(p.retention.evidence.map((e) => [e.line, e.column, e.note])).toEqual([
      [7, 33, '--keep-within 2d'],
      [7, 39, '-d 7'],
      [7, 44, '-w 4'],
    ]);
    expect(view(p.interval)).toMatchObject({ nominal: 6 * HOUR, worstCase: 6 * HOUR });
    expect(p.contents).toEqual({ paths: ['/var/lib/prosody', '/etc/prosody'], databases: [], known: true });
  });

  it("a cron.daily script with BORG_PASSPHRASE='' is effectively unencrypted; prune without compact frees nothing", () => {
    const { at, p } = read('empty-pass');
    expect(p.encrypted).toBe(false);
    expect(p.evidence[1]).toMatchObject(at('etc/cron.daily/borg', 2, 1));
    expect(p.encryptFix).toContain('borg init --encryption=repokey-blake2');
    expect(view(p.retention).nominal).toBe(Infinity);
    expect(p.retention.description).toContain('borg compact never does');
    expect(view(p.interval).nominal).toBe(DAY);
  });

  it('BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=yes from the crontab → not encrypted; a bad keep value is a positioned error and retention unknown', () => {
    const { reading, at, p } = read('unencrypted');
    expect(p.encrypted).toBe(false);
    expect(p.evidence[1]).toMatchObject(at('etc/cron.d/borg', 1, 1));
    expect(reading.diagnostics).toEqual([{ code: 'config-error', message: 'borg prune: --keep-daily needs a number, not "x7"', position: at('etc/cron.d/borg', 2, 107) }]);
    expect(view(p.retention).nominal).toBeUndefined();
    expect(view(p.retention).unknownReason).toBe('borg prune cannot be read: --keep-daily x7');
  });

  it('classifies borg 1 and borg 2 modes', () => {
    expect(['none', 'authenticated', 'authenticated-blake2', 'none-sha256', 'authenticated-blake3'].map(borgModeEncrypts)).toEqual([false, false, false, false, false]);
    expect(['repokey', 'keyfile-blake2', 'repokey-aes-ocb', 'aes256-ocb', 'chacha20-poly1305'].map(borgModeEncrypts)).toEqual([true, true, true, true, true]);
    expect(borgModeEncrypts('$MODE')).toBe('unknown');
  });
});
