import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PracticeOf } from '../../../src/inventory/practice.js';
import { fail2banSeconds, readFail2ban, readFail2banJails } from '../../../src/software/fail2ban/index.js';
import { tempRoot } from '../logrotate/fixture-root.js';
import { view } from '../../helpers/figure-view.js';
import { programsMissing, requireOracle } from '../../helpers/require-program.js';
import { RootFiles } from '../../../src/files/root-files.js';

const FIXTURES = resolve(import.meta.dirname, '../../../fixtures/fail2ban');
const DAY = 86400;
const HOUR = 3600;
const dir = (name: string): string => join(FIXTURES, name, 'etc/fail2ban');
const practices = (name: string) => readFail2ban(new RootFiles(join(FIXTURES, name))).practices;
const database = (list: ReturnType<typeof practices>) => list.find((p): p is PracticeOf<'ip-address'> => p.kind === 'ip-address' && p.medium === 'storage');

describe('readFail2ban on a typical layout (fixtures/fail2ban/typical)', () => {
  const reading = readFail2banJails(new RootFiles(join(FIXTURES, 'typical')));
  const f = (rel: string): string => join(dir('typical'), rel);

  it('reads .conf, .d/*.conf, .local in order, with [INCLUDES] before first', () => {
    expect(reading.files).toEqual([f('fail2ban.conf'), f('fail2ban.local'), f('paths-site.conf'), f('jail.conf'), f('jail.d/defaults-site.conf'), f('jail.local')]);
    expect(reading.diagnostics).toEqual([]);
  });

  it('resolves enabled jails and their bantime, multi-line values and %(known/…)s included', () => {
    expect(reading.jails.map((j) => [j.name, j.bantime, j.evidence.file, j.evidence.line])).toEqual([
      ['sshd', 10 * 60, f('jail.conf'), 5],
      ['prosody-auth', 9000, f('jail.local'), 3],
    ]);
  });

  it('reports fail2ban.log as a log of failed-login IPs', () => {
    const list = reading.practices;
    expect(list.find((p) => p.kind === 'log-sink')).toMatchObject({
      destination: '/var/log/fail2ban.log',
      minLevel: 'info',
      carriesIpAddresses: true,
      evidence: [{ file: f('fail2ban.conf'), line: 4, column: 13, note: 'logtarget = /var/log/fail2ban.log' }, { line: 3 }],
    });
    const log = list.find((p): p is PracticeOf<'ip-address'> => p.kind === 'ip-address' && p.medium === 'log');
    expect(log).toMatchObject({ which: 'failed-logins', destination: '/var/log/fail2ban.log', certainty: true });
    expect(log?.retention).toBeUndefined();
    expect(log?.description).toContain('jails sshd, prosody-auth');
  });

  it('fills the database retention: dbpurgeage, plus 3 × the longest bantime and the hourly purge', () => {
    const db = database(reading.practices);
    expect(db).toMatchObject({ which: 'failed-logins', medium: 'storage', subject: { name: '/var/lib/fail2ban/fail2ban.sqlite3' } });
    expect(view(db!.retention!).nominal).toBe(7 * DAY);
    expect(view(db!.retention!).worstCase).toBe(7 * DAY + 3 * 9000 + HOUR);
    expect(db?.retention?.evidence[1]).toEqual({ file: f('fail2ban.local'), line: 3, column: 14, note: 'dbpurgeage = 7d' });
    expect(db?.retention?.fixTemplate).toBe('dbpurgeage = {{days}}d  # in /etc/fail2ban/fail2ban.local [Definition]');
  });
});

describe('readFail2ban with a permanent ban (fixtures/fail2ban/permanent)', () => {
  it('keeps banned IPs forever in the database, logs to syslog at NOTICE', () => {
    const list = practices('permanent');
    const db = database(list);
    // POLICY.md "Verdicts": bantime = -1 is forever, as configured: the nominal figure itself.
    expect(view(db!.retention!).nominal).toBe(Infinity);
    expect(view(db!.retention!).description).toBe('bantime = -1 in [recidive]: permanent bans are never purged from the database');
    // The finding goes where the ban is made permanent (jail.conf [recidive] bantime = -1); the
    // default dbfile follows as the store that keeps it.
    expect(db?.retention?.evidence.map((e) => e.note)).toEqual(['[recidive] bantime = -1', 'dbfile = /var/lib/fail2ban/fail2ban.sqlite3 (default)', 'dbpurgeage = 1d (default)']);
    expect(list.find((p) => p.kind === 'log-sink')).toMatchObject({ destination: 'syslog', minLevel: 'notice', carriesIpAddresses: true });
  });
});

describe('readFail2ban on bad input (fixtures/fail2ban/broken)', () => {
  it('reports each problem at its place and reads the rest', () => {
    const reading = readFail2banJails(new RootFiles(join(FIXTURES, 'broken')));
    expect(reading.diagnostics.map((d) => [d.code, d.position.file.slice(dir('broken').length + 1), d.position.line, d.position.column, d.message])).toEqual([
      ['parse-error', 'fail2ban.conf', 4, 1, '"dbpurgeage" is set twice in [Definition]: fail2ban (Python configparser, strict) refuses the file'],
      ['parse-error', 'fail2ban.conf', 5, 1, '"this line has no value" is neither "key = value" nor a [section] header'],
      ['parse-error', 'jail.conf', 1, 1, '"orphan = 1" comes before any [section] header'],
      ['config-error', 'jail.conf', 5, 11, 'enabled = maybe in [sshd] is not a boolean (true/false, yes/no, 1/0, on/off)'],
      ['unknown-value', 'jail.conf', 3, 11, 'bantime = %(missing)s: %(missing)s refers to no option fail2ban can find'],
      ['unknown-value', 'jail.conf', 3, 11, 'bantime = %(missing)s in [web] is not a time this reader can compute'],
      ['config-error', 'fail2ban.conf', 2, 12, 'loglevel = LOUD is not a level fail2ban knows (CRITICAL, ERROR, WARNING, NOTICE, INFO, DEBUG, TRACEDEBUG, HEAVYDEBUG)'],
    ]);
    const db = database(reading.practices);
    expect(view(db!.retention!).nominal).toBe(2 * DAY);
    expect(view(db!.retention!).worstCase).toBeUndefined();
    expect(view(db!.retention!).unknownReason).toBe('the bantime of [web] could not be read');
  });

  it('reads nothing when /etc/fail2ban is absent', () => {
    const reading = readFail2ban(new RootFiles(join(FIXTURES, 'broken/etc')));
    expect(reading.files).toEqual([]);
    expect(reading.practices).toEqual([]);
  });
});

describe('fail2banSeconds', () => {
  it('reads what MyTime.str2seconds reads', () => {
    expect(fail2banSeconds('10m')).toBe(600);
    expect(fail2banSeconds('1d12h')).toBe(1.5 * DAY);
    expect(fail2banSeconds('1h 30min')).toBe(5400);
    expect(fail2banSeconds('1w')).toBe(7 * DAY);
    expect(fail2banSeconds('1mo')).toBe(2629800);
    expect(fail2banSeconds('-1')).toBe(-1);
    expect(fail2banSeconds('soon')).toBeUndefined();
  });
});

describe('fail2ban-client -d as oracle', () => {
  if (!requireOracle(programsMissing('fail2ban-client'), ['fail2ban'])) return;
  for (const name of ['typical', 'permanent', 'increment']) {
    it(`resolves fixtures/fail2ban/${name} as fail2ban does`, () => {
      const result = spawnSync('fail2ban-client', ['-c', dir(name), '-d'], { encoding: 'utf8' });
      expect(result.status).toBe(0);
      const commands = result.stdout.split('\n').filter((l) => l.startsWith('[')).map((l) => l);
      const set = (key: string): string | undefined => commands.find((c) => c.startsWith(`['set', '${key}', `))?.match(/^\['set', '[^']+', '(.*)'\]$/)?.[1];
      const reading = readFail2banJails(new RootFiles(join(FIXTURES, name)));
      const started = commands.filter((c) => c.startsWith("['start'")).map((c) => /'start', '([^']+)'/.exec(c)?.[1]);
      expect(started.length, 'fail2ban starts no jail: nothing to compare').toBeGreaterThan(0);
      expect(reading.jails.map((j) => j.name)).toEqual(started);
      for (const jail of reading.jails) {
        const raw = commands.find((c) => c.startsWith(`['set', '${jail.name}', 'bantime', `))?.match(/'bantime', '(.*)'\]$/)?.[1];
        expect(jail.bantime).toBe(fail2banSeconds((raw ?? '').replace(/\\n/g, '\n')));
      }
      const db = database(reading.practices);
      expect(db?.subject.name).toBe(set('dbfile'));
      // dbpurgeage as fail2ban reads it; a jail banning for ever (bantime -1, per fail2ban-client -d) keeps addresses for ever.
      const banForever = reading.jails.some((j) => j.bantime !== undefined && j.bantime < 0);
      expect(view(db!.retention!).nominal).toBe(banForever ? Infinity : fail2banSeconds(set('dbpurgeage') ?? ''));
      const sink = reading.practices.find((p): p is PracticeOf<'log-sink'> => p.kind === 'log-sink');
      expect(sink?.minLevel).toBe(set('loglevel')?.toLowerCase());
      const target = set('logtarget') ?? '';
      expect(sink?.destination).toBe(target.startsWith('/') ? target : target.toLowerCase());
    });
  }
});

describe('readFail2ban with growing bans (fixtures/fail2ban/increment)', () => {
  it('gives no worst case when bantime.increment has no bantime.maxtime', () => {
    const db = database(practices('increment'));
    expect(db?.description).toContain('(dbfile = :memory:, lost at each restart)');
    expect(view(db!.retention!).nominal).toBe(DAY);
    expect(view(db!.retention!).worstCase).toBeUndefined();
    expect(view(db!.retention!).unknownReason).toMatch(/^bantime.increment without bantime.maxtime in \[prosody-auth\]/);
  });

  it('bounds growing bans by bantime.maxtime', () => {
    const root = tempRoot('fail2ban-increment');
    cpSync(join(FIXTURES, 'increment'), root, { recursive: true });
    writeFileSync(join(root, 'etc/fail2ban/jail.local'), '[prosody-auth]\nenabled = false\n');
    const db = database(readFail2ban(new RootFiles(root)).practices);
    expect(view(db!.retention!).worstCase).toBe(DAY + 3 * 7 * DAY + HOUR);
  });

  it('defaults the log to /var/log/fail2ban.log when no fail2ban.conf says otherwise', () => {
    expect(practices('increment').find((p) => p.kind === 'log-sink')).toMatchObject({
      destination: '/var/log/fail2ban.log',
      evidence: [{ note: 'logtarget = /var/log/fail2ban.log (default)', default: { source: 'client/fail2banreader.py:47' } }, expect.anything()],
    });
  });
});

describe('readFail2ban include cycles', () => {
  it('reports a cycle of [INCLUDES] at the include and reads each file once', () => {
    const root = tempRoot('fail2ban-cycle');
    const etc = join(root, 'etc/fail2ban');
    mkdirSync(etc, { recursive: true });
    writeFileSync(join(etc, 'jail.conf'), '[INCLUDES]\nbefore = a.conf\n[DEFAULT]\nbantime = 1h\n[sshd]\nenabled = true\n');
    writeFileSync(join(etc, 'a.conf'), '[INCLUDES]\nbefore = b.conf\n');
    writeFileSync(join(etc, 'b.conf'), '[INCLUDES]\nafter = a.conf\n');
    const reading = readFail2banJails(new RootFiles(root));
    expect(reading.files).toEqual([join(etc, 'b.conf'), join(etc, 'a.conf'), join(etc, 'jail.conf')]);
    expect(reading.diagnostics).toEqual([
      {
        code: 'include-error',
        message: 'Include cycle: /etc/fail2ban/jail.conf → /etc/fail2ban/a.conf → /etc/fail2ban/b.conf → /etc/fail2ban/a.conf; fail2ban skips the repeated file',
        position: { file: join(etc, 'b.conf'), line: 2, column: 9 },
      },
    ]);
    expect(reading.jails.map((j) => [j.name, j.bantime])).toEqual([['sshd', 3600]]);
  });
});
