import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BackupPractice } from '../../../src/inventory/practice.js';
import { describe, expect, it } from 'vitest';
import { readRestic } from '../../../src/software/backups/restic/read-restic.js';
import { readEnvAssignments } from '../../../src/software/backups/restic/env-file.js';
import { readScheduledJobs } from '../../../src/software/scheduled-jobs/read-scheduled-jobs.js';
import { view } from '../../helpers/figure-view.js';
import { programsMissing, requireOracle } from '../../helpers/require-program.js';
import { RootFiles } from '../../../src/files/root-files.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const fixtures = join(repo, 'fixtures/backups/restic');
const HOUR = 3600;
const DAY = 86400;

function read(name: string) {
  const root = join(fixtures, name);
  const reading = readRestic(new RootFiles(root), readScheduledJobs(new RootFiles(root)).jobs);
  const at = (path: string, line: number, column: number) => ({ file: join(root, path), line, column });
  return { reading, at, p: reading.practices[0] as BackupPractice };
}

describe('readRestic: the restic examples', () => {
  it('a backup whose timer is not enabled is configured, never scheduled (as borg and rsnapshot say it)', () => {
    const { reading, p } = read('timer-not-enabled');
    expect(reading.practices).toHaveLength(1);
    expect(p.neverScheduled).toBe('no job that runs restic backup runs periodically: backup-xmpp.timer is not enabled: no link to it in a *.wants/ directory (systemctl enable backup-xmpp.timer)');
  });

  it('E4: env file sourced by a script run by a 2-hourly timer; --keep-within 7d --keep-daily 7 --prune', () => {
    const { reading, at, p } = read('e4-timer');
    expect(reading.practices).toHaveLength(1);
    expect(reading.files).toEqual([join(fixtures, 'e4-timer/etc/restic/env')]);
    expect(p.subject.name).toBe('sftp:backup@nas:/srv/restic/xmpp');
    expect(p.encrypted).toBe(true);
    expect(p.evidence).toEqual([
      { ...at('usr/local/sbin/backup-db.sh', 3, 23), note: 'restic backup to sftp:backup@nas:/srv/restic/xmpp' },
      { ...at('etc/restic/env', 3, 8), note: 'RESTIC_PASSWORD_FILE set' },
    ]);
    // restic ORs its rules: max(7 d, 7 × 1 d) = 7 d; the worst case adds a day bucket and a run.
    expect(view(p.retention).nominal).toBe(7 * DAY);
    expect(view(p.retention).worstCase).toBe(8 * DAY + 2 * HOUR + 60);
    expect(p.retention.evidence).toEqual([
      { ...at('usr/local/sbin/backup-db.sh', 4, 29), note: '--keep-within 7d' },
      { ...at('usr/local/sbin/backup-db.sh', 4, 45), note: '--keep-daily 7' },
    ]);
    expect(view(p.interval)).toMatchObject({ nominal: 2 * HOUR, worstCase: 2 * HOUR + 60 });
    expect(p.contents).toEqual({ paths: [], databases: ['postgresql:prosody'], known: true });
  });

  it('E5: --insecure-no-password → not encrypted, with the flag as evidence; no forget → kept for ever', () => {
    const { at, p } = read('e5-insecure');
    expect(p.encrypted).toBe(false);
    expect(p.evidence[1]).toEqual({ ...at('etc/cron.d/restic', 1, 43), note: '--insecure-no-password' });
    expect(p.encryptFix).toContain('drop --insecure-no-password');
    expect(view(p.retention)).toMatchObject({ nominal: Infinity, description: 'no restic forget runs for this repository, so snapshots are kept for ever' });
    expect(view(p.interval).nominal).toBe(HOUR);
    expect(p.contents.paths).toEqual(['/var/lib/prosody', '/etc/prosody']);
  });
});

describe('readRestic: forget, prune, environment and bad flags', () => {
  it('forget without --prune and no restic prune: data stays; the repository comes from the crontab environment', () => {
    const { at, p } = read('forget-only');
    expect(p.subject.name).toBe('/srv/restic');
    expect(view(p.retention).nominal).toBe(Infinity);
    expect(p.retention.description).toContain('restic forget runs without --prune');
    expect(p.retention.evidence[0]).toEqual({ ...at('etc/cron.d/restic', 3, 17), note: 'restic forget without --prune' });
  });

  it('a unit with EnvironmentFile= and an empty RESTIC_PASSWORD: a positioned config error; --keep-tag keeps for ever', () => {
    const { reading, at, p } = read('unit-env');
    expect(p.subject.name).toBe('s3:https://s3.example.org/xmpp');
    expect(reading.files).toEqual([join(fixtures, 'unit-env/etc/default/restic')]);
    expect(reading.diagnostics).toEqual([
      {
        code: 'config-error',
        message: 'restic: RESTIC_PASSWORD is empty; restic refuses an empty password without --insecure-no-password, so this backup fails',
        position: at('etc/systemd/system/restic.service', 4, 13),
      },
    ]);
    expect(p.encrypted).toBe(true);
    expect(view(p.retention)).toMatchObject({ nominal: Infinity, description: '--keep-tag keep keeps the matching backups for ever' });
    expect(view(p.interval)).toMatchObject({ nominal: HOUR, worstCase: HOUR + 15 * 60 + 60 });
  });

  it('a week unit (restic has none) and a variable count: positioned findings and an unknown retention', () => {
    const { reading, at, p } = read('bad-flags');
    expect(reading.diagnostics).toEqual([
      { code: 'config-error', message: 'restic: --keep-within needs a duration of y, m, d and h (e.g. 7d), not "1w"', position: at('etc/cron.d/restic', 1, 98) },
      { code: 'unknown-value', message: 'restic: --keep-daily needs a count, not "$DAYS"', position: at('etc/cron.d/restic', 1, 114) },
    ]);
    expect(view(p.retention).nominal).toBeUndefined();
    expect(view(p.retention).unknownReason).toBe('restic forget cannot be read: --keep-within 1w; --keep-daily $DAYS');
  });

  it('forget limited to a tag the backup does not set forgets nothing of it; a matching tag is only noted', () => {
    const { at, reading } = read('tags');
    const [untagged, tagged] = reading.practices as BackupPractice[];
    expect(view(untagged!.retention)).toMatchObject({ nominal: Infinity, description: 'restic forget --tag db considers only snapshots tagged db, and this backup does not set that tag, so its snapshots are kept for ever' });
    expect(untagged!.retention.evidence[0]).toEqual({ ...at('etc/cron.d/restic', 3, 78), note: '--tag db' });
    expect(view(tagged!.retention).nominal).toBe(7 * DAY);
    expect(tagged!.retention.description).toContain('only snapshots matching --tag are forgotten; others are kept for ever');
  });

  it('nothing runs restic: no practice', () => {
    expect(readRestic(new RootFiles(join(fixtures, 'no-such-root')), []).practices).toEqual([]);
  });
});

describe('env files', () => {
  it('reads export, quotes, comments and positions; skips other lines', () => {
    const text = ['# comment', 'export RESTIC_REPOSITORY="b2:bucket:xmpp"', "RESTIC_PASSWORD='s3cr$t'", 'set -a', 'X=$HOME/pw # note', 'EMPTY='].join('\n');
    expect(readEnvAssignments(text, '/f').map((a) => [a.name, a.value, a.dynamic, a.at.line, a.at.column, a.valueAt.column])).toEqual([
      ['RESTIC_REPOSITORY', 'b2:bucket:xmpp', false, 2, 8, 26],
      ['RESTIC_PASSWORD', 's3cr$t', false, 3, 1, 17],
      ['X', '$HOME/pw', true, 5, 1, 3],
      ['EMPTY', '', false, 6, 1, 7],
    ]);
  });

});

// restic has no configuration validator; the shell itself is the oracle for what an env file sets.
describe('readEnvAssignments against sh (oracle)', () => {
  if (!requireOracle(programsMissing('sh'), ['dash'])) return;
  it('agrees with sh on the values of the fixture env files', () => {
    for (const file of ['e4-timer/etc/restic/env', 'unit-env/etc/default/restic']) {
      const path = join(fixtures, file);
      const ours = readEnvAssignments(readFileSync(path, 'utf8'), path);
      const names = ours.map((a) => a.name);
      const out = spawnSync('sh', ['-c', `set -a; . "$1"; for n in ${names.join(' ')}; do eval "printf '%s\\n' \\"\\$$n\\""; done`, 'sh', path], { encoding: 'utf8' });
      expect(names.length, file).toBeGreaterThan(0);
      expect(out.stdout.split('\n').slice(0, names.length), file).toEqual(ours.map((a) => a.value));
    }
  });
});
