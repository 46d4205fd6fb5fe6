import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BackupPractice } from '../../../src/inventory/practice.js';
import { readRsnapshot } from '../../../src/software/backups/rsnapshot/read-rsnapshot.js';
import { readScheduledJobs } from '../../../src/software/scheduled-jobs/read-scheduled-jobs.js';
import { view } from '../../helpers/figure-view.js';
import { findProgram, programsMissing, requireOracle } from '../../helpers/require-program.js';
import { RootFiles } from '../../../src/files/root-files.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const fixture = (name: string) => join(repo, 'fixtures/backups/rsnapshot', name);
const H = 3600;
const D = 86400;

function read(name: string) {
  const root = fixture(name);
  const reading = readRsnapshot(new RootFiles(root), readScheduledJobs(new RootFiles(root)).jobs);
  return { root, reading, practice: reading.practices[0] as BackupPractice };
}

describe('readRsnapshot', () => {
  it('E9: not encrypted; alpha 12 × 2 h + beta 7 × 1 d; gamma has no job and does not count', () => {
    const { root, practice } = read('e9');
    const conf = join(root, 'etc/rsnapshot.conf');
    expect(practice.encrypted).toBe(false);
    expect(practice.encryption).toContain('/srv/rsnapshot/');
    expect(view(practice.interval)).toMatchObject({ nominal: 2 * H, worstCase: 2 * H });
    expect(practice.interval.evidence[0]).toMatchObject({ file: join(root, 'etc/cron.d/rsnapshot'), line: 2, column: 18 });
    // nominal: 12 × 2 h + 6 × 1 d = 7 d; worst case 12 × 2 h + 7 × 1 d = 8 d
    expect(view(practice.retention).nominal).toBe(7 * D);
    expect(view(practice.retention).worstCase).toBe(8 * D);
    expect(practice.retention.evidence.map((e) => [e.file, e.line, e.column])).toEqual([
      [conf, 4, 1],
      [conf, 5, 1],
    ]);
    expect(practice.contents).toEqual({ paths: ['/var/lib/prosody', '/etc/prosody'], databases: [], known: true });
    expect(practice.evidence[0]).toMatchObject({ file: conf, line: 3, column: 15 });
  });

  it('flags space-separated fields as rsnapshot does, and reads the rest', () => {
    const { root, reading, practice } = read('spaces');
    expect(reading.diagnostics).toEqual([
      {
        code: 'config-error',
        message: 'rsnapshot needs TABs between fields: "retain  daily  7" is separated by spaces, and rsnapshot rejects the line',
        position: { file: join(root, 'etc/rsnapshot.conf'), line: 3, column: 1 },
        suggestion: 'Replace the spaces after "retain" with a TAB',
      },
    ]);
    // Only `weekly` remains and it is the lowest level: 4 × 1 d (the name does not imply the period).
    expect(view(practice.retention)).toMatchObject({ nominal: 4 * D, worstCase: 4 * D });
  });

  it('a config no job runs: interval and retention unknown, saying why', () => {
    const { practice } = read('unscheduled');
    expect(view(practice.interval).nominal).toBeUndefined();
    expect(view(practice.interval).unknownReason).toMatch(/no cron line or timer runs `rsnapshot alpha`/);
    expect(view(practice.retention).unknownReason).toMatch(/never take effect/);
    expect(practice.encrypted).toBe(false);
  });

  it('-c FILE from the cron line, sync_first: the copy runs with `rsnapshot sync`; remote sources leave contents incomplete', () => {
    const { root, reading, practice } = read('syncfirst');
    const cron = join(root, 'etc/cron.d/rsnapshot-xmpp');
    expect(reading.searched).toEqual(['etc/rsnapshot.conf', 'etc/rsnapshot-xmpp.conf']);
    expect(practice.subject.name).toBe('/etc/rsnapshot-xmpp.conf');
    expect(view(practice.interval)).toMatchObject({ nominal: 4 * H, description: 'rsnapshot sync: cron schedule "0 */4 * * *" (cron)' });
    expect(practice.interval.evidence[0]).toMatchObject({ file: cron, line: 1, column: 18 });
    // hourly 6 × 4 h + daily (3 − 1) × 1 d nominally; 6 × 4 h + 3 × 1 d at worst.
    expect(view(practice.retention)).toMatchObject({ nominal: 24 * H + 2 * D, worstCase: 24 * H + 3 * D });
    expect(practice.contents).toEqual({ paths: ['/etc/prosody'], databases: [], known: false });
  });

  it('include_conf: reads an included file, reports a missing one and never runs a backquoted command', () => {
    const { root, reading, practice } = read('include');
    const conf = join(root, 'etc/rsnapshot.conf');
    expect(reading.files).toEqual([conf, join(root, 'etc/rsnapshot.d/levels.conf')]);
    expect(reading.diagnostics).toEqual([
      {
        code: 'include-error',
        message: 'include_conf /etc/rsnapshot.d/missing.conf: not found under --root (or a command), its settings are unknown',
        position: { file: conf, line: 4, column: 14 },
      },
      {
        code: 'include-error',
        message: 'include_conf `/usr/local/bin/make-rsnapshot-sources`: not found under --root (or a command), its settings are unknown',
        position: { file: conf, line: 5, column: 14 },
      },
    ]);
    expect(view(practice.retention)).toMatchObject({ nominal: 5 * D, worstCase: 5 * D });
    // One level is read, but the unread includes may hold more: its count is advice, not an edit.
    expect(practice.retention.fixEdit).toBeUndefined();
    expect(practice.retention.evidence[0]).toMatchObject({ file: join(root, 'etc/rsnapshot.d/levels.conf'), line: 1, column: 1 });
    expect(practice.contents).toEqual({ paths: ['/var/lib/prosody'], databases: [], known: false });
  });

  it('reads nothing when there is no config', () => {
    const reading = readRsnapshot(new RootFiles(fixture('absent')), []);
    expect(reading.practices).toEqual([]);
    expect(reading.searched).toEqual(['etc/rsnapshot.conf']);
  });

});

describe('rsnapshot configtest (oracle)', () => {
  if (!requireOracle(programsMissing('rsnapshot'), ['rsnapshot'])) return;
  it('accepts the fixtures it should, and refuses spaces for the reason the reader gives', () => {
    const bin = findProgram('rsnapshot') as string;
    for (const [name, file, ok] of [['e9', 'rsnapshot.conf', true], ['unscheduled', 'rsnapshot.conf', true], ['syncfirst', 'rsnapshot-xmpp.conf', true], ['spaces', 'rsnapshot.conf', false]] as const) {
      const dir = mkdtempSync(join(tmpdir(), 'rsnapshot-'));
      // configtest needs snapshot_root to be creatable; point it into the temp dir.
      const text = readFileSync(join(fixture(name), 'etc', file), 'utf8').replace(/^snapshot_root\t.*$/m, `snapshot_root\t${dir}/snapshots/`)
          // configtest requires cmd_ssh to be executable; a CI host may lack ssh, and any executable will do.
          .replace(/^cmd_ssh\t.*$/m, 'cmd_ssh\t/bin/sh') +
        // Debian's shipped rsnapshot.conf defines cmd_rsync; configtest requires it (rsnapshot 1.4.5).
        'cmd_rsync\t/usr/bin/rsync\n';
      writeFileSync(join(dir, 'rsnapshot.conf'), text);
      const result = spawnSync(bin, ['-c', join(dir, 'rsnapshot.conf'), 'configtest'], { encoding: 'utf8' });
      expect({ name, ok: result.status === 0 }, result.stdout + result.stderr).toEqual({ name, ok });
      if (ok) continue;
      // rsnapshot 1.4.5: "ERROR: <file> on line 3:" then "ERROR: retain daily 7 - missing tabs to separate words".
      const output = result.stdout + result.stderr;
      const line = Number(/ERROR: \S+ on line (\d+):/.exec(output)?.[1]);
      expect(output).toContain('missing tabs to separate words');
      const ours = readRsnapshot(new RootFiles(fixture(name)), []).diagnostics;
      expect(ours.find((d) => d.position.line === line && d.message.includes('rsnapshot needs TABs between fields')), `rsnapshot: line ${line}`).toBeDefined();
    }
  });
});
