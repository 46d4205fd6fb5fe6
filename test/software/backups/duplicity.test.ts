import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BackupPractice } from '../../../src/inventory/practice.js';
import { readDuplicity } from '../../../src/software/backups/duplicity/read-duplicity.js';
import { parseDuplicityInterval } from '../../../src/software/backups/duplicity/duplicity-time.js';
import { readScheduledJobs } from '../../../src/software/scheduled-jobs/read-scheduled-jobs.js';
import { view } from '../../helpers/figure-view.js';
import { findProgram, programsMissing, requireOracle } from '../../helpers/require-program.js';
import { RootFiles } from '../../../src/files/root-files.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const base = join(repo, 'fixtures/backups/duplicity');
const H = 3600;
const D = 86400;

function read(name: string) {
  const root = join(base, name);
  const reading = readDuplicity(new RootFiles(root), readScheduledJobs(new RootFiles(root)).jobs);
  return { root, reading, practices: reading.practices as BackupPractice[] };
}

describe('parseDuplicityInterval', () => {
  it('reads duplicity units: m is minutes, M is 30 days, Y 365 days; dates are not intervals', () => {
    expect(parseDuplicityInterval('7D')).toBe(7 * D);
    expect(parseDuplicityInterval('1h78m')).toBe(H + 78 * 60);
    expect(parseDuplicityInterval('1M')).toBe(30 * D);
    expect(parseDuplicityInterval('1Y')).toBe(365 * D);
    expect(parseDuplicityInterval('2W')).toBe(14 * D);
    expect(parseDuplicityInterval('2026-01-01')).toBeUndefined();
    expect(parseDuplicityInterval('7d')).toBeUndefined();
  });

});

describe('parseDuplicityInterval against duplicity (oracle)', () => {
  if (!requireOracle(programsMissing('duplicity'), ['duplicity'])) return;
  it("agrees with duplicity's own dup_time.intstringtoseconds", () => {
    const cases = ['7D', '1h78m', '1M', '1Y', '2W', '30s', '7d', '3x'];
    const script = [
      'import json, sys',
      'from duplicity import dup_time',
      'out = {}',
      'for s in sys.argv[1:]:',
      '    try: out[s] = dup_time.intstringtoseconds(s)',
      '    except Exception: out[s] = None',
      'print(json.dumps(out))',
    ].join('\n');
    // The interpreter duplicity itself runs with (its shebang), where its modules are installed.
    const shebang = /^#!\s*(\S+)/.exec(readFileSync(findProgram('duplicity') as string, 'utf8').split('\n')[0] ?? '')?.[1];
    expect(shebang).toBeDefined();
    const r = spawnSync(shebang as string, ['-c', script, ...cases], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const expected = JSON.parse(r.stdout) as Record<string, number | null>;
    for (const c of cases) expect([c, parseDuplicityInterval(c) ?? null]).toEqual([c, expected[c]]);
  });
});

describe('readDuplicity', () => {
  it('E8: --encrypt-key, full every 7 D, remove-older-than 7D --force daily → 7 + 7 + 1 = 15 d', () => {
    const { root, reading, practices } = read('e8');
    const script = join(root, 'usr/local/sbin/duplicity-prosody.sh');
    expect(reading.files).toEqual([script]);
    expect(practices).toHaveLength(1);
    const p = practices[0]!;
    expect(p.subject.name).toBe('sftp://b@nas/p');
    expect(p.encrypted).toBe(true);
    expect(p.encryption).toBe('GnuPG public key (--encrypt-key 0xDEADBEEF)');
    expect(p.contents).toEqual({ paths: ['/var/lib/prosody'], databases: [], known: true });
    // remove-older-than 7D states 7 days; a set goes only with its chain (fulls every 7 D) and the
    // removal runs daily: 7 + 7 + 1 = 15 days at worst (POLICY.md "Verdicts": chains in the worst case).
    expect(view(p.retention)).toMatchObject({ nominal: 7 * D, worstCase: 15 * D, cleanupLag: 8 * D });
    expect(p.retention.evidence.map((e) => [e.line, e.column])).toEqual([
      [4, 1],
      [3, 36],
    ]);
    expect(p.retention.fixTemplate).toBe('duplicity remove-older-than {{days}}D --force sftp://b@nas/p');
    expect(view(p.interval)).toMatchObject({ nominal: D, worstCase: D });
    expect(p.evidence[0]).toMatchObject({ file: script, line: 3, column: 1 });
  });

  it('--no-encryption and no forced fulls: not encrypted, retention unbounded (one endless chain)', () => {
    const { root, practices } = read('plain');
    const [usb, etc] = practices;
    expect(usb!.subject.name).toBe('file:///mnt/usb/ejabberd');
    expect(usb!.encrypted).toBe(false);
    expect(usb!.encryption).toBe('--no-encryption');
    expect(usb!.encryptFix).toMatch(/--encrypt-key KEYID/);
    expect(view(usb!.retention).nominal).toBe(Infinity);
    expect(usb!.retention.description).toMatch(/single chain that the removal never deletes/);
    expect(usb!.retention.evidence[0]).toMatchObject({ file: join(root, 'etc/cron.d/duplicity'), line: 3, column: 17 });
    expect(view(usb!.interval).nominal).toBe(2 * H);
    // Without --force, remove-older-than only lists.
    expect(etc!.encrypted).toBe(true);
    expect(etc!.encryption).toBe('GnuPG symmetric with PASSPHRASE (duplicity default)');
    expect(view(etc!.retention)).toMatchObject({ nominal: Infinity, description: 'remove-older-than 2W without --force only lists old backup sets: duplicity removes nothing unless --force is given' });
  });

  it('a weekly `full` job and remove-all-but-n-full 2 through a $TARGET variable; an empty PASSPHRASE is not trusted', () => {
    const { practices } = read('fulljob');
    expect(practices).toHaveLength(1);
    const p = practices[0]!;
    expect(p.subject.name).toBe('b2://keyid:appkey@bucket/xmpp');
    expect(p.encrypted).toBe('unknown');
    expect(p.encryption).toMatch(/empty passphrase/);
    // 2 chains × 7 d (weekly full), + 1 d for the daily removal job.
    expect(view(p.retention)).toMatchObject({ nominal: 14 * D, worstCase: 15 * D });
    expect(view(p.interval)).toMatchObject({ nominal: D });
  });

  it('every fixture script passes bash -n (syntax oracle)', () => {
    for (const s of ['e8/usr/local/sbin/duplicity-prosody.sh', 'fulljob/usr/local/sbin/dup.sh']) {
      const r = spawnSync('bash', ['-n', join(base, s)], { encoding: 'utf8' });
      expect({ s, status: r.status, err: r.stderr }).toEqual({ s, status: 0, err: '' });
    }
  });
});
