import { describe, expect, it } from 'vitest';
import { parseCrontab } from '../../../src/formats/crontab/parse-crontab.js';

const F = '/r/etc/cron.d/x';

describe('parseCrontab, system form', () => {
  it('reads the five fields, the user and the command with positions', () => {
    const tab = parseCrontab('# comment\n17 3\t* * 1-5  ejabberd   /usr/sbin/ejabberdctl delete_old_messages 30\n', F, 'system');
    expect(tab.diagnostics).toEqual([]);
    expect(tab.entries).toHaveLength(1);
    const e = tab.entries[0]!;
    expect(e.fields.map((f) => f.values)).toEqual([[17], [3], Array.from({ length: 31 }, (_, i) => i + 1), Array.from({ length: 12 }, (_, i) => i + 1), [1, 2, 3, 4, 5]]);
    expect(e.fields[4]!.at).toEqual({ file: F, line: 2, column: 10 });
    expect(e.user).toBe('ejabberd');
    expect(e.userAt).toEqual({ file: F, line: 2, column: 15 });
    expect(e.command).toBe('/usr/sbin/ejabberdctl delete_old_messages 30');
    expect(e.commandAt).toEqual({ file: F, line: 2, column: 26 });
    expect(e.scheduleAt).toEqual({ file: F, line: 2, column: 1 });
  });

  it('expands lists, ranges, steps, names and day-of-week 7', () => {
    const tab = parseCrontab('*/15 0-23/6 1,15 jan,JUL sun,7 root true\n5/10 1 * * MON-wed root true\n', F, 'system');
    expect(tab.diagnostics).toEqual([]);
    const [a, b] = tab.entries;
    expect(a!.fields[0]!.values).toEqual([0, 15, 30, 45]);
    expect(a!.fields[1]!.values).toEqual([0, 6, 12, 18]);
    expect(a!.fields[2]!.values).toEqual([1, 15]);
    expect(a!.fields[3]!.values).toEqual([1, 7]);
    expect(a!.fields[4]!.values).toEqual([0]);
    expect(a!.fields[0]!.star).toBe(true);
    expect(a!.fields[2]!.star).toBe(false);
    // Vixie cron 3.0: a step after a single number applies to that number alone.
    expect(b!.fields[0]!.values).toEqual([5]);
    expect(b!.fields[4]!.values).toEqual([1, 2, 3]);
  });

  it('reads every macro, keeping the user field after it', () => {
    const macros = ['@reboot', '@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];
    const tab = parseCrontab(macros.map((m) => `${m} root run ${m}`).join('\n'), F, 'system');
    expect(tab.diagnostics).toEqual([]);
    expect(tab.entries.map((e) => [e.macro, e.user, e.command])).toEqual(macros.map((m) => [m.slice(1), 'root', `run ${m}`]));
    expect(tab.entries[0]!.fields).toEqual([]);
    expect(tab.entries[4]!.fields.map((f) => f.text)).toEqual(['0', '0', '*', '*', '0']);
    expect(tab.entries[7]!.commandAt).toEqual({ file: F, line: 8, column: 14 });
  });

  it('reads environment settings, quoted or not, and never as entries', () => {
    const tab = parseCrontab('MAILTO=""\nPATH = /usr/bin:/bin  \nSHELL=\'/bin/bash \'\n', F, 'system');
    expect(tab.entries).toEqual([]);
    expect(tab.env.map((e) => [e.name, e.value])).toEqual([
      ['MAILTO', ''],
      ['PATH', '/usr/bin:/bin'],
      ['SHELL', '/bin/bash '],
    ]);
    expect(tab.env[1]!.valueAt).toEqual({ file: F, line: 2, column: 8 });
  });

  it('ends the command at an unescaped % and passes the rest as stdin', () => {
    const tab = parseCrontab('0 1 * * * root tar czf /b/$(date +\\%F).tgz /x%line one%line two\n', F, 'system');
    const e = tab.entries[0]!;
    expect(e.command).toBe('tar czf /b/$(date +%F).tgz /x');
    expect(e.commandSource).toBe('tar czf /b/$(date +\\%F).tgz /x');
    expect(e.stdin).toBe('line one\nline two');
  });

  it('turns an invalid line into a positioned parse-error and reads the rest', () => {
    const text = ['0 3 * * * root ok-before', '0 25 * * * root bad-hour', '0 3 * * sat,foo root bad-name', '0 3 * *', '0 3 * * * root', '@sometimes root x', '0 4 * * * root ok-after'].join('\n');
    const tab = parseCrontab(text, F, 'system');
    expect(tab.entries.map((e) => e.command)).toEqual(['ok-before', 'ok-after']);
    expect(tab.diagnostics.map((d) => [d.code, d.position.line, d.position.column])).toEqual([
      ['parse-error', 2, 3],
      ['parse-error', 3, 13],
      ['parse-error', 4, 8],
      ['parse-error', 5, 15],
      ['parse-error', 6, 1],
    ]);
    expect(tab.diagnostics[0]!.message).toBe('Invalid hour field "25": expected a number 0-23 (got 25)');
    expect(tab.diagnostics[1]!.message).toContain('Invalid day of week field "sat,foo"');
    expect(tab.diagnostics[2]!.message).toBe('Incomplete cron line: expected the day of week field, then a user name and a command');
    expect(tab.diagnostics[3]!.message).toBe('Missing command after the schedule');
    expect(tab.diagnostics[4]!.message).toContain('Unknown cron macro "@sometimes"');
  });
});

describe('parseCrontab, user form', () => {
  it('has no user field: the sixth word starts the command', () => {
    const tab = parseCrontab('30 2 * * * ejabberdctl delete_old_mam_messages all 30\n', '/r/var/spool/cron/crontabs/ejabberd', 'user');
    expect(tab.entries[0]!.user).toBeUndefined();
    expect(tab.entries[0]!.command).toBe('ejabberdctl delete_old_mam_messages all 30');
    expect(tab.entries[0]!.commandAt.column).toBe(12);
  });
});
