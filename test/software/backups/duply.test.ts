import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BackupPractice } from '../../../src/inventory/practice.js';
import { readDuply } from '../../../src/software/backups/duply/read-duply.js';
import { readScheduledJobs } from '../../../src/software/scheduled-jobs/read-scheduled-jobs.js';
import { view } from '../../helpers/figure-view.js';
import { findProgram, programsMissing, requireOracle } from '../../helpers/require-program.js';
import { RootFiles } from '../../../src/files/root-files.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const base = join(repo, 'fixtures/backups/duply');
const H = 3600;
const D = 86400;

function read(name: string) {
  const root = join(base, name);
  const reading = readDuply(new RootFiles(root), readScheduledJobs(new RootFiles(root)).jobs);
  return { root, reading, practices: reading.practices as BackupPractice[] };
}

describe('readDuply', () => {
  it('E7: no GPG_KEY and no GPG_PW → encryption silently off; MAX_AGE without forced fulls → unbounded', () => {
    const { root, reading, practices } = read('e7');
    const conf = join(root, 'etc/duply/prosody/conf');
    expect(reading.files).toEqual([conf]);
    const p = practices[0]!;
    expect(p.subject.name).toBe('prosody');
    expect(p.encrypted).toBe(false);
    expect(p.encryption).toBe('GPG_KEY, GPG_KEYS_ENC, GPG_KEY_SIGN and GPG_PW are all unset: duply disables encryption with only a warning');
    expect(p.encryptFix).toMatch(/^GPG_KEY=/);
    expect(view(p.retention).worstCase).toBe(Infinity);
    expect(p.retention.description).toMatch(/^duply purge \(MAX_AGE=7D\), but no full backup is ever forced: every backup is an incremental of the first full one/);
    expect(p.retention.evidence[0]).toMatchObject({ file: join(root, 'etc/cron.d/duply'), line: 1, column: 18 });
    expect(view(p.interval)).toMatchObject({ nominal: 2 * H, worstCase: 2 * H });
    expect(p.contents).toEqual({ paths: ['/var/lib/prosody'], databases: [], known: true });
    expect(p.evidence[0]).toMatchObject({ file: conf, line: 2, column: 1 });
  });

  it('GPG_KEY, MAX_AGE=2W with fulls every 1W through DUPL_PARAMS, weekly purge --force → 2W + 1W + 1W', () => {
    const { root, practices } = read('keyed');
    const p = practices[0]!;
    expect(p.encrypted).toBe(true);
    expect(p.encryption).toBe('GnuPG public key (0x1234ABCD)');
    // MAX_AGE=2W states 14 days; the chain (fulls every 1W) and the weekly purge add 7 + 7 days at worst.
    expect(view(p.retention)).toMatchObject({ nominal: 14 * D, worstCase: 28 * D, cleanupLag: 14 * D, fixTemplate: 'MAX_AGE={{days}}D' });
    expect(p.retention.evidence.map((e) => [e.file, e.line])).toEqual([
      [join(root, 'etc/cron.d/duply'), 2],
      [join(root, 'etc/duply/xmpp/conf'), 7],
    ]);
    expect(view(p.interval)).toMatchObject({ nominal: D, worstCase: D });
    expect(p.contents.paths).toEqual(['/var/lib/ejabberd']);
  });

  it('/root/.duply shadows /etc/duply for root; a computed GPG_PW and a sourced file are not guessed', () => {
    const { root, reading, practices } = read('shadowed');
    const cron = join(root, 'etc/cron.d/duply');
    expect(reading.diagnostics).toEqual([
      {
        code: 'unknown-value',
        message:
          'duply sources this profile with bash; "[ -r /root/.duply-extra ] && . /root/.duply-extra" is not a plain NAME=value assignment, so the settings it may change are unknown',
        position: { file: join(root, 'root/.duply/ejabberd/conf'), line: 4, column: 1 },
      },
      {
        code: 'include-error',
        message: 'duply old: no profile at /root/.duply/old/conf under --root, so this backup\'s settings are unknown',
        position: { file: cron, line: 1, column: 16 },
      },
    ]);
    const old = practices.find((p) => p.subject.name === 'old')!;
    expect(old.encrypted).toBe(false);
    expect(old.encryption).toBe("GPG_KEY='disabled'");
    expect(view(old.interval).unknownReason).toBe(
      'no cron line or timer runs `duply old backup` (duply ships no enabled timer); /root/.duply exists, so `duply old` run as root reads /root/.duply/old instead',
    );
    const ej = practices.find((p) => p.subject.name === 'ejabberd')!;
    expect(ej.encrypted).toBe('unknown');
    expect(ej.encryption).toBe('GPG_PW is computed at runtime ($(cat /root/.duply-pass))');
    // `full` every day, purgeFull keeps 3 fulls: 3 × 1 d, + 1 d for the daily job.
    expect(view(ej.retention)).toMatchObject({ nominal: 3 * D, worstCase: 4 * D });
  });

  it('`duply xmpp purge 3W --force`: the parameter, not MAX_AGE=6M, is the age purge removes, so MAX_AGE is no edit', () => {
    const { root, practices } = read('purge-param');
    const p = practices[0]!;
    // duply 2.4.1 /usr/bin/duply:2207 MAX_AGE=${ftpl_pars[0]:-$MAX_AGE}: 3W = 21 d, + a 7 d chain + the weekly purge.
    expect(view(p.retention)).toMatchObject({ nominal: 21 * D, worstCase: 35 * D });
    expect(p.retention.description).toMatch(/^duply purge 3W: /);
    expect(p.retention.fixEdit).toBeUndefined();
    expect(p.retention.evidence[0]).toMatchObject({ file: join(root, 'etc/cron.d/duply'), line: 2 });
  });

  it('a profile that sources another file may set MAX_AGE again there: the figure is read, but MAX_AGE is no edit', () => {
    const { practices } = read('sourced');
    const p = practices[0]!;
    expect(view(p.retention)).toMatchObject({ nominal: 14 * D, worstCase: 28 * D });
    expect(p.retention.fixEdit).toBeUndefined();
    // The same profile without the sourced line (fixtures/backups/duply/keyed): MAX_AGE is the edit.
    expect(read('keyed').practices[0]?.retention.fixEdit).toMatchObject({ at: { line: 5, column: 1 }, text: '{{days}}D' });
  });

  it('every fixture conf passes bash -n (duply sources it with bash)', () => {
    for (const c of ['sourced/etc/duply/xmpp/conf', 'purge-param/etc/duply/xmpp/conf', 'e7/etc/duply/prosody/conf', 'keyed/etc/duply/xmpp/conf', 'shadowed/etc/duply/old/conf', 'shadowed/root/.duply/ejabberd/conf']) {
      const r = spawnSync('bash', ['-n', join(base, c)], { encoding: 'utf8' });
      expect({ c, status: r.status, err: r.stderr }).toEqual({ c, status: 0, err: '' });
    }
  });

});

describe('duply itself (oracle)', () => {
  if (!requireOracle(programsMissing('duply'), ['duply'])) return;
  it('reads the profile template duply writes (`duply NAME create`) as unconfigured', () => {
    const root = mkdtempSync(join(tmpdir(), 'duply-'));
    mkdirSync(join(root, 'root'));
    const r = spawnSync(findProgram('duply') as string, ['tpl', 'create'], { encoding: 'utf8', env: { ...process.env, HOME: join(root, 'root') } });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const reading = readDuply(new RootFiles(root), []);
    expect(reading.diagnostics).toEqual([]);
    const p = reading.practices[0] as BackupPractice;
    expect(p.subject.name).toBe('tpl');
    expect(p.encrypted).toBe('unknown');
    expect(p.encryption).toMatch(/_KEY_ID_/);
    // The template leaves MAX_AGE commented out: nothing is ever removed.
    expect(view(p.retention).worstCase).toBe(Infinity);
  });
});
