import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BackupPractice } from '../../../src/inventory/practice.js';
import { readBorgmatic } from '../../../src/software/backups/borgmatic/read-borgmatic.js';
import { readScheduledJobs } from '../../../src/software/scheduled-jobs/read-scheduled-jobs.js';
import { view } from '../../helpers/figure-view.js';
import { RootFiles } from '../../../src/files/root-files.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const fixtures = join(repo, 'fixtures/backups/borgmatic');
const HOUR = 3600;
const DAY = 86400;

function read(name: string) {
  const root = join(fixtures, name);
  const reading = readBorgmatic(new RootFiles(root), readScheduledJobs(new RootFiles(root)).jobs);
  const at = (path: string, line: number, column: number) => ({ file: join(root, path), line, column });
  const practice = (path: string) => reading.practices.find((p) => p.subject.name === path) as BackupPractice;
  return { reading, at, practice };
}

describe('readBorgmatic: examples E1 and E2', () => {
  it('E1, flat format: passcommand → encrypted (inferred); daily 7 + weekly 4 + monthly 6 add up; Debian timer daily + 3 h jitter', () => {
    const { reading, at, practice } = read('e1-flat');
    expect(reading.diagnostics).toEqual([]);
    const p = practice('/etc/borgmatic/config.yaml');
    expect(p.encrypted).toBe(true);
    expect(p.encryption).toContain('encryption_passcommand set (encryption inferred');
    expect(p.evidence).toContainEqual(expect.objectContaining(at('etc/borgmatic/config.yaml', 5, 1)));
    // borg rules add up: 7 d + 4 × 7 d + 6 × 31 d = 221 d; the worst case adds the longest gap.
    expect(view(p.retention).nominal).toBe(221 * DAY);
    expect(view(p.retention).worstCase).toBe(221 * DAY + DAY + 3 * HOUR + 60);
  // Figures in messages are printed by describeDuration (src/config/duration.ts), the one formatter.
    expect(view(p.retention).worstCaseReason).toContain('at least 155d is kept in any case');
    expect(p.retention.evidence.map((e) => [e.line, e.note])).toEqual([
      [8, 'keep_daily: 7'],
      [9, 'keep_weekly: 4'],
      [10, 'keep_monthly: 6'],
    ]);
    expect(view(p.interval)).toMatchObject({ nominal: DAY, worstCase: DAY + 3 * HOUR + 60 });
    expect(p.interval.evidence[0]).toMatchObject(at('lib/systemd/system/borgmatic.timer', 6, 12));
    expect(p.contents).toEqual({ paths: ['/etc/prosody', '/var/lib/prosody'], databases: ['postgresql:prosody'], known: true });
    expect(p.encryptFix).toBeUndefined();
  });

  it('E2, sectioned format: unknown_unencrypted_repo_access_is_ok → not encrypted; keep_within 7d + hourly 24 with 2-hourly cron', () => {
    const { reading, at, practice } = read('e2-sectioned');
    expect(reading.diagnostics).toEqual([]);
    const p = practice('/etc/borgmatic.d/prosody.yaml');
    expect(p.encrypted).toBe(false);
    expect(p.evidence).toContainEqual(expect.objectContaining(at('etc/borgmatic.d/prosody.yaml', 7, 5)));
    // keep_hourly 24 with a backup every 2 h spans 48 h, beyond the 7 days of keep_within.
    expect(view(p.retention).nominal).toBe(9 * DAY);
    expect(view(p.retention).worstCase).toBe(9 * DAY + 2 * HOUR);
  // Figures in messages are printed by describeDuration (src/config/duration.ts), the one formatter.
    expect(view(p.retention).worstCaseReason).toContain('at least 8d 22h');
    expect(view(p.interval)).toMatchObject({ nominal: 2 * HOUR, worstCase: 2 * HOUR });
    expect(p.interval.evidence[1]).toMatchObject(at('etc/cron.d/borgmatic', 1, 18));
    expect(p.encryptFix).toContain('--encryption repokey-blake2');
  });

  it("Debian's trap: the shipped timer skips a setup that only has /etc/borgmatic.d (ConditionFileNotEmpty)", () => {
    const { practice } = read('debian-trap');
    const p = practice('/etc/borgmatic.d/prosody.yaml');
    expect(p.encrypted).toBe(true);
    expect(view(p.interval).nominal).toBeUndefined();
    expect(view(p.interval).unknownReason).toBe(
      'no job that runs borgmatic with /etc/borgmatic.d/prosody.yaml runs periodically: ConditionFileNotEmpty=/etc/borgmatic/config.yaml in /lib/systemd/system/borgmatic.service: /etc/borgmatic/config.yaml does not exist, so the service is skipped every time the timer fires',
    );
    // Without an interval, count rules cannot be turned into days.
    expect(view(p.retention).nominal).toBeUndefined();
    expect(view(p.retention).unknownReason).toContain('the backup interval is unknown');
  });

  it('a drop-in that resets the conditions (ConditionFileNotEmpty=) lets the shipped timer run the borgmatic.d file', () => {
    const { practice } = read('drop-in-fix');
    const p = practice('/etc/borgmatic.d/prosody.yaml');
    expect(view(p.interval)).toMatchObject({ nominal: DAY, worstCase: DAY + 3 * HOUR + 60 });
    expect(view(p.retention).nominal).toBe(7 * DAY);
  });

  it('a comments-only /etc/borgmatic/config.yaml is not empty to systemd: the timer runs, the borgmatic.d file is backed up daily', () => {
    const { reading, at, practice } = read('empty-main');
    expect(reading.diagnostics).toEqual([
      { code: 'config-warning', message: 'borgmatic: /etc/borgmatic/config.yaml has no options, so it configures no backup', position: at('etc/borgmatic/config.yaml', 1, 1) },
    ]);
    expect(reading.practices.map((p) => p.subject.name)).toEqual(['/etc/borgmatic.d/prosody.yaml']);
    expect(view(practice('/etc/borgmatic.d/prosody.yaml').interval)).toMatchObject({ nominal: DAY, worstCase: DAY + 3 * HOUR + 60 });
  });

  it('E3: no passphrase → cannot tell; no keep_* → never deleted; nothing scheduled', () => {
    const { practice } = read('e3-no-keep');
    const p = practice('/etc/borgmatic/config.yaml');
    expect(p.encrypted).toBe('unknown');
    expect(view(p.retention)).toMatchObject({ nominal: Infinity, worstCase: Infinity, description: 'no keep_* option: borg prune refuses to run, so nothing is ever deleted' });
    expect(view(p.interval).unknownReason).toBe('no cron line or systemd timer under the root runs borgmatic with /etc/borgmatic/config.yaml');
    expect(p.encryptFix).toContain('encryption: repokey-blake2');
  });
});

describe('readBorgmatic: scheduled actions and bad input', () => {
  it('a script that runs `borgmatic create` and `check` but never prune keeps archives for ever; repositories[].encryption decides', () => {
    const { at, practice } = read('actions');
    const p = practice('/etc/borgmatic/config.yaml');
    expect(p.encrypted).toBe(true);
    expect(p.encryption).toBe('repokey-blake2');
    expect(view(p.retention).nominal).toBe(Infinity);
    expect(p.retention.description).toBe('the scheduled borgmatic command runs create but never prune');
    expect(p.retention.evidence[0]).toMatchObject(at('usr/local/sbin/backup.sh', 3, 1));
    expect(view(p.interval)).toMatchObject({ nominal: DAY, description: 'daily at 01:30 (cron)' });
  });

  it('unknown options, bad keep values and YAML errors are positioned findings; retention is then unknown, not guessed', () => {
    const { reading, at, practice } = read('bad-input');
    expect(reading.diagnostics).toEqual([
      {
        code: 'config-error',
        message: 'borgmatic: unknown option "keep_dayly"; borgmatic refuses a configuration with options its schema does not define',
        position: at('etc/borgmatic/config.yaml', 5, 1),
      },
      { code: 'config-error', message: 'borgmatic: keep_weekly must be an integer, not "lots"', position: at('etc/borgmatic/config.yaml', 6, 14) },
      {
        code: 'config-error',
        message: 'borgmatic: keep_within "2q" is not a borg interval (a number and one of H, d, w, m, y)',
        position: at('etc/borgmatic/config.yaml', 7, 14),
      },
      { code: 'parse-error', message: expect.stringMatching(/^YAML: Flow sequence/) as unknown, position: at('etc/borgmatic.d/broken.yaml', 3, 1) },
    ]);
    const p = practice('/etc/borgmatic/config.yaml');
    expect(p.encrypted).toBe(false);
    expect(p.evidence[1]).toMatchObject({ ...at('etc/borgmatic/config.yaml', 4, 17), note: 'repository created with encryption: none' });
    expect(view(p.retention).nominal).toBeUndefined();
    expect(view(p.retention).unknownReason).toBe('borgmatic refuses the keep rules: keep_weekly: lots is not an integer; keep_within: 2q is not a borg interval');
    const broken = practice('/etc/borgmatic.d/broken.yaml');
    expect(broken.encrypted).toBe('unknown');
    expect(view(broken.retention).unknownReason).toBe('/etc/borgmatic.d/broken.yaml has a YAML error at line 3, column 1');
    expect(broken.contents.known).toBe(false);
  });
});

describe('readBorgmatic: sections lifted to the top', () => {
  it('the same prefix in retention and consistency is fine; differing ones are a positioned warning (borgmatic accepts them); prefix limits pruning', () => {
    const { reading, at, practice } = read('prefixes');
    expect(reading.diagnostics).toEqual([
      {
        code: 'config-warning',
        message: 'borgmatic: "prefix" is set twice with different values; borgmatic 1.8+ uses the later one for every action (borgmatic 1.7 used each section\'s own)',
        position: at('etc/borgmatic.d/differ.yaml', 8, 5),
      },
    ]);
    expect(practice('/etc/borgmatic.d/same.yaml').retention.description).toContain('only archives matching match_archives/prefix are pruned');
  });
});

describe('readBorgmatic: the environment of the job', () => {
  it('BORG_PASSCOMMAND in the unit → encrypted (inferred); ${VAR} paths make contents partly unknown; create+prune without compact frees nothing', () => {
    const { at, practice } = read('unit-env');
    const p = practice('/etc/borgmatic/config.yaml');
    expect(p.encrypted).toBe(true);
    expect(p.encryption).toBe('BORG_PASSCOMMAND set in the environment of the job (encryption inferred: a passphrase is used only by an encrypted repository)');
    expect(p.evidence[1]).toMatchObject(at('etc/systemd/system/borgmatic.service', 3, 13));
    expect(p.contents).toEqual({ paths: ['/etc/prosody'], databases: ['postgresql:prosody', 'postgresql:all'], known: false });
    expect(view(p.retention).nominal).toBe(Infinity);
    expect(p.retention.description).toBe('prune runs but compact never does: borg 1.2+ frees the data of pruned archives only at compact');
    expect(view(p.interval)).toMatchObject({ nominal: 4 * HOUR });
  });
});

describe('readBorgmatic: real configurations', () => {
  const corpus = resolve(repo, '../shared/corpus/backup');
  it.skipIf(!existsSync(corpus))('reads the corpus borgmatic files without an exception (skipped: ../shared/corpus/backup absent)', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const yamls = readdirSync(corpus).filter((f) => f.includes('borgmatic') && /\.ya?ml$/.test(f));
    expect(yamls.length).toBeGreaterThan(0);
    for (const name of yamls) {
      const root = mkdtempSync(join(tmpdir(), 'borgmatic-corpus-'));
      mkdirSync(join(root, 'etc/borgmatic'), { recursive: true });
      writeFileSync(join(root, 'etc/borgmatic/config.yaml'), readFileSync(join(corpus, name)));
      const reading = readBorgmatic(new RootFiles(root), []);
      expect(reading.practices, name).toHaveLength(1);
      for (const d of reading.diagnostics) expect(d.position.line, name).toBeGreaterThan(0);
      const p = reading.practices[0] as BackupPractice;
      // Known files: a sectioned config with `encryption_passphrase: ${ENCRYPTION_PASSPHRASE}` and
      // `${SOURCE_DIR}`, and a flat one whose repository declares `encryption: none`.
      if (name.startsWith('JKL453__')) {
        expect(p.encrypted, name).toBe(true);
        expect(p.encryption, name).toContain('its value comes from ${ENCRYPTION_PASSPHRASE} at run time');
        expect(p.contents.known, name).toBe(false);
      }
      if (name.startsWith('jansenfuller__')) expect([p.encrypted, p.encryption], name).toEqual([false, 'none']);
    }
  });
});
