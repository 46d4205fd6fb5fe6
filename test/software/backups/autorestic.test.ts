import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BackupPractice } from '../../../src/inventory/practice.js';
import { readAutorestic } from '../../../src/software/backups/autorestic/read-autorestic.js';
import { readBorgResticBackups } from '../../../src/software/backups/readers-borg-restic.js';
import { readScheduledJobs } from '../../../src/software/scheduled-jobs/read-scheduled-jobs.js';
import { view } from '../../helpers/figure-view.js';
import { RootFiles } from '../../../src/files/root-files.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const fixtures = join(repo, 'fixtures/backups/autorestic');
const HOUR = 3600;
const DAY = 86400;

function read(name: string) {
  const root = join(fixtures, name);
  const reading = readAutorestic(new RootFiles(root), readScheduledJobs(new RootFiles(root)).jobs);
  const at = (path: string, line: number, column: number) => ({ file: join(root, path), line, column });
  const practice = (loc: string) => reading.practices.find((p) => p.subject.name.endsWith(`#${loc}`)) as BackupPractice;
  return { reading, at, practice };
}

describe('readAutorestic', () => {
  it('E6: forget: yes never prunes → kept for ever; location cron every 2 h checked every 5 min', () => {
    const { reading, at, practice } = read('e6-forget-yes');
    expect(reading.diagnostics).toEqual([]);
    const p = practice('prosody');
    expect(p.subject.name).toBe('/root/.autorestic.yml#prosody');
    expect(p.encrypted).toBe(true);
    expect(view(p.retention)).toMatchObject({ nominal: Infinity, description: 'forget: yes only forgets snapshots; their data stays in the repository until a prune' });
    expect(p.retention.evidence[0]).toEqual({ ...at('root/.autorestic.yml', 7, 5), note: 'forget: yes' });
    expect(view(p.interval)).toMatchObject({ nominal: 2 * HOUR, worstCase: 2 * HOUR + 5 * 60 });
    expect(p.interval.evidence[0]).toMatchObject(at('root/.autorestic.yml', 6, 11));
    expect(p.contents).toEqual({ paths: ['/var/lib/prosody'], databases: [], known: true });
  });

  it('forget: prune with global rules overridden per location (restic OR); insecure-no-password in options → not encrypted', () => {
    const { reading, at, practice } = read('prune');
    expect(reading.diagnostics).toEqual([]);
    const p = practice('ejabberd');
    // keep-daily 7 (global) and keep-weekly 2 (location wins over global 4): max(7 d, 14 d) = 14 d.
    expect(view(p.retention).nominal).toBe(14 * DAY);
    expect(view(p.retention).worstCase).toBe(14 * DAY + 7 * DAY + DAY + 16 * 60);
    expect(view(p.interval)).toMatchObject({ nominal: DAY, worstCase: DAY + 16 * 60 });
    expect(p.contents.paths).toEqual(['/var/lib/ejabberd', '/etc/ejabberd']);
    const u = practice('uploads');
    expect(u.encrypted).toBe(false);
    expect(u.evidence[1]).toEqual({ ...at('root/.config/autorestic/.autorestic.yml', 23, 9), note: 'insecure-no-password passed to restic' });
    expect(view(u.retention).nominal).toBe(Infinity);
    expect(u.retention.description).toContain('has no forget: key');
    expect(view(u.interval).nominal).toBe(7 * DAY);
  });

  it('a location cron with nothing running autorestic cron is never scheduled; unknown keys and a week unit are positioned', () => {
    const { reading, at, practice } = read('no-trigger');
    expect(reading.diagnostics).toEqual([
      { code: 'config-warning', message: 'autorestic: unknown key "passwd" in backend local; autorestic ignores it', position: at('root/.autorestic.yml', 16, 5) },
      { code: 'config-warning', message: 'autorestic: unknown key "frequency" in location prosody; autorestic ignores it', position: at('root/.autorestic.yml', 8, 5) },
      { code: 'config-error', message: 'autorestic: keep-within needs a restic duration of y, m, d and h (e.g. 7d), not "1w"', position: at('root/.autorestic.yml', 11, 22) },
    ]);
    const p = practice('prosody');
    expect(view(p.interval).nominal).toBeUndefined();
    expect(view(p.interval).unknownReason).toBe(
      'location prosody has cron: 0 */2 * * *, which takes effect only when autorestic cron runs periodically: no cron line or systemd timer under the root runs autorestic cron',
    );
    expect(view(p.retention).nominal).toBeUndefined();
    expect(view(p.retention).unknownReason).toBe('the forget options cannot be read: keep-within: 1w');
  });

  it('a YAML error is a positioned parse error', () => {
    const { reading, at } = read('yaml-error');
    expect(reading.diagnostics).toEqual([{ code: 'parse-error', message: 'YAML: All mapping items must start at the same column', position: at('root/.autorestic.yml', 5, 1) }]);
    expect(reading.practices).toEqual([]);
  });
});

describe('readBorgResticBackups', () => {
  it('concatenates the four readers', () => {
    const root = join(repo, 'fixtures/backups/borgmatic/e1-flat');
    const all = readBorgResticBackups(new RootFiles(root), readScheduledJobs(new RootFiles(root)).jobs);
    expect(all.practices.map((p) => (p as BackupPractice).tool)).toEqual(['borgmatic']);
    const r = join(fixtures, 'prune');
    expect(readBorgResticBackups(new RootFiles(r), readScheduledJobs(new RootFiles(r)).jobs).practices.map((p) => p.subject.name)).toEqual([
      '/root/.config/autorestic/.autorestic.yml#ejabberd',
      '/root/.config/autorestic/.autorestic.yml#uploads',
    ]);
  });
});
