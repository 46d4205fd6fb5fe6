import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BackupPractice } from '../../../src/inventory/practice.js';
import { readDumpScripts } from '../../../src/software/backups/dump-scripts/read-dump-scripts.js';
import { readScheduledJobs } from '../../../src/software/scheduled-jobs/read-scheduled-jobs.js';
import { view } from '../../helpers/figure-view.js';
import { RootFiles } from '../../../src/files/root-files.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const base = join(repo, 'fixtures/backups/dump-scripts');
const H = 3600;
const D = 86400;

function read(name: string) {
  const root = join(base, name);
  const reading = readDumpScripts(new RootFiles(root), readScheduledJobs(new RootFiles(root)).jobs);
  return { root, reading, practices: reading.practices as BackupPractice[] };
}

describe('readDumpScripts', () => {
  it('E10: pg_dump | gzip | gpg -e -o, find -mtime +6 in the same 2-hourly script', () => {
    const { root, reading, practices } = read('e10');
    const script = join(root, 'usr/local/sbin/dbbackup.sh');
    expect(practices).toHaveLength(1);
    const p = practices[0]!;
    expect(reading.files).toEqual([script]);
    expect(p.subject).toEqual({ software: 'dump-script', name: '/usr/local/sbin/dbbackup.sh', kind: 'backup' });
    expect(p.encrypted).toBe(true);
    expect(p.encryption).toBe('piped to gpg --encrypt');
    expect(p.encryptFix).toBeUndefined();
    expect(p.contents).toEqual({ paths: [], databases: ['postgresql:prosody'], known: true });
    expect(p.evidence[0]).toMatchObject({ file: script, line: 4, column: 1 });
    // -mtime +6 states 6 days; find(1) deletes a file once it is 7 whole days old, and the cleanup
    // runs every 2 h: 7 d + 2 h at worst, which a fix must leave room for.
    expect(view(p.retention)).toMatchObject({ nominal: 6 * D, worstCase: 7 * D + 2 * H, cleanupLag: D + 2 * H });
    expect(p.retention.evidence[0]).toMatchObject({ file: script, line: 5, column: 1 });
    expect(view(p.interval)).toMatchObject({ nominal: 2 * H, worstCase: 2 * H });
    expect(p.interval.evidence[0]).toMatchObject({ file: join(root, 'etc/cron.d/dbbackup'), line: 1, column: 1 });
  });

  it('E11: a tee before gpg leaves a plain copy: not encrypted, positioned at the tee target', () => {
    const { root, practices } = read('e11');
    const p = practices[0]!;
    expect(p.encrypted).toBe(false);
    expect(p.encryption).toBe('mysqldump output is written in plain text to /var/backups/all.sql');
    expect(p.encryptFix).toMatch(/gpg --batch -e -r KEY/);
    expect(p.contents.databases).toEqual(['mysql:all']);
    // Both files keep a fixed name: each run overwrites the last, so the oldest copy is one day old.
    expect(view(p.retention)).toMatchObject({ nominal: D, worstCase: D, description: '/var/backups/all.sql is overwritten on every run (daily at 03:15 (cron))' });
    expect(p.retention.evidence[0]).toMatchObject({ file: join(root, 'usr/local/sbin/mysql-backup.sh'), line: 2, column: 33 });
  });

  it('E12: a stage held in a variable from a sourced file: cannot tell, and says why', () => {
    const { practices } = read('e12');
    const p = practices[0]!;
    expect(p.encrypted).toBe('unknown');
    expect(p.encryption).toBe(
      'cannot tell: the stage `$CRYPT` is a variable whose value is set at runtime (the script sources /etc/backup.conf, which may define it)',
    );
    expect(view(p.retention).worstCase).toBeUndefined();
    expect(view(p.retention).unknownReason).toMatch(/\$CRYPT/);
    expect(view(p.interval).nominal).toBe(D);
  });

  it('a cron.daily script: plain tar of /var/lib/ejabberd; a pipeline through a shell function is not guessed', () => {
    const { root, practices } = read('daily');
    const script = join(root, 'etc/cron.daily/ejabberd-backup');
    expect(practices.map((p) => p.subject.name)).toEqual(['/etc/cron.daily/ejabberd-backup', '/etc/cron.daily/ejabberd-backup']);
    expect(practices.map((p) => [p.encrypted, p.contents.paths, p.evidence[0]?.line])).toEqual([
      [false, ['/var/lib/ejabberd'], 3],
      ['unknown', ['/var/lib/prosody/prosody.sqlite'], 5],
    ]);
    expect(practices[0]!.encryption).toBe('tar output is written in plain text to /var/backups/ejabberd.tar.gz');
    expect(practices[0]!.retention.evidence[0]).toMatchObject({ file: script, line: 3, column: 9 });
    expect(practices[1]!.encryption).toBe('cannot tell: the stage `encrypt` is a shell function the reader does not follow');
    expect(practices[1]!.contents.databases).toEqual(['sqlite:/var/lib/prosody/prosody.sqlite']);
  });

  it("a timer's ExecStart script: tar | zstd | age to weekday-rotated names; interval with jitter", () => {
    const { practices } = read('timer');
    const p = practices[0]!;
    expect(p.encrypted).toBe(true);
    expect(p.encryption).toBe('piped to age');
    expect(view(p.retention)).toMatchObject({ nominal: 7 * D, worstCase: 7 * D });
    expect(p.retention.description).toMatch(/date \+%u/);
    // OnCalendar every 6 h + RandomizedDelaySec=30min + systemd's default AccuracySec=1min.
    expect(view(p.interval)).toMatchObject({ nominal: 6 * H, worstCase: 6 * H + 30 * 60 + 60 });
  });

  it('finds nothing without jobs', () => {
    expect(readDumpScripts(new RootFiles(join(base, 'e10')), []).practices).toEqual([]);
  });

  it('every fixture script passes bash -n (syntax oracle)', () => {
    const scripts: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir)) {
        const p = join(dir, e);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\/(sbin|cron\.daily)\//.test(p)) scripts.push(p);
      }
    };
    walk(base);
    expect(scripts.length).toBeGreaterThanOrEqual(5);
    for (const s of scripts) {
      const r = spawnSync('bash', ['-n', s], { encoding: 'utf8' });
      expect({ s, status: r.status, err: r.stderr }).toEqual({ s, status: 0, err: '' });
    }
  });
});

describe('readDumpScripts: plaintext intermediate files', () => {
  it('dump to a file, then gpg it: encrypted when the plain file is removed, not encrypted when it stays', () => {
    const { root, practices } = read('intermediate');
    const script = join(root, 'etc/cron.daily/xmpp-db');
    const [pg, my] = practices;
    expect(pg!.encrypted).toBe(true);
    expect(pg!.encryption).toBe(
      'written in plain text to /var/backups/xmpp/ejabberd-$(date +%F).sql, then encrypted by gpg --encrypt and removed (a plaintext copy exists while the script runs)',
    );
    // find -mtime +13 covers /var/backups/xmpp: 13 days stated; deleted at 14 whole days, + the daily run.
    expect(view(pg!.retention)).toMatchObject({ nominal: 13 * D, worstCase: 15 * D });
    expect(pg!.retention.evidence[0]).toMatchObject({ file: script, line: 9, column: 1 });
    expect(my!.encrypted).toBe(false);
    expect(my!.encryption).toBe(
      'written in plain text to /var/backups/xmpp/prosody.sql; openssl enc -aes-256-cbc makes an encrypted copy but the plaintext file is never removed',
    );
    expect(my!.contents.databases).toEqual(['mysql:prosody']);
    // prosody.sql and prosody.sql.enc keep fixed names: each daily run (cron.daily, run-parts from
    // /etc/crontab) overwrites the last, so a copy lives one day; find -mtime +13 never reaches a
    // file rewritten daily. The figure names the dump's own file, not the directory find sweeps.
    expect(view(my!.retention)).toMatchObject({ nominal: D, description: expect.stringContaining('/var/backups/xmpp/prosody.sql is overwritten on every run') as unknown });
    expect(my!.retention.evidence[0]).toMatchObject({ file: script, line: 7, column: 11 });
    expect(pg!.retention.description).toMatch(/^\/var\/backups\/xmpp\/ejabberd-\$\(date \+%F\)\.sql\.gpg deleted once older than 13d/);
  });

  it('through lint(): one backup-retention error, for the dated dump that find keeps 13 days', async () => {
    const { lint } = await import('../../../src/engine/lint.js');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const configFile = join(mkdtempSync(join(tmpdir(), 'privacy-lint-dump-')), 'policy.yaml');
    writeFileSync(configFile, 'policy:\n  backups:\n    retention: 7d\n');
    const root = join(base, 'intermediate');
    const result = await lint({ cwd: root, root, paths: [], configFile, ruleOverrides: [] });
    expect(result.claims.find((c) => c.claim === 'backups.retention')?.verdict).toBe('violated');
    expect(result.findings.filter((f) => f.ruleId === 'backup-retention').map((f) => `${f.severity} ${f.line}:${f.column} ${f.message}`)).toEqual([
      'error 9:1 Dump-script backup /etc/cron.daily/xmpp-db: /var/backups/xmpp/ejabberd-$(date +%F).sql.gpg deleted once older than 13d by a job that runs daily (run-parts /etc/cron.daily, started by /etc/crontab or anacron), longer than the declared 7d',
    ]);
  }, 60_000);
});

describe('readDumpScripts: bad input', () => {
  it('never throws or hangs on broken shell: unclosed quotes, $( and backquotes, odd blanks, stray redirections', async () => {
    const { analyseDumpScript } = await import('../../../src/software/backups/dump-scripts/analyse-dump-script.js');
    const locate = (o: number) => ({ file: '/x', line: 1, column: o + 1 });
    const inputs = [
      'pg_dump "prosody | gpg -e > /b/x',
      "pg_dump prosody | gzip > '/b/x",
      'pg_dump $(date | > /b/x',
      'mysqldump -A | `gpg -c > /b/y',
      'pg_dump db\f|\vgzip\u00a0> /b/z',
      '> > | | ; ; && || 2> 2>&1 <<< <',
      'tar czf',
      'sqlite3',
      '\\',
    ];
    for (const input of inputs) expect(() => analyseDumpScript(input, locate)).not.toThrow();
    // A producer whose only sink is behind an unclosed quote is still found, positioned at pg_dump.
    expect(analyseDumpScript(inputs[0] as string, locate)[0]?.at).toEqual({ file: '/x', line: 1, column: 1 });
  });
});
