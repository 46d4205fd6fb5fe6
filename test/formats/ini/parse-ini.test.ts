import { describe, expect, it } from 'vitest';
import { parseIni } from '../../../src/formats/ini/parse-ini.js';

const F = '/r/etc/fail2ban/jail.local';

describe('parseIni (Python configparser dialect, as fail2ban reads it)', () => {
  it('reads sections, key = value and key: value, lowercasing keys, with positions', () => {
    const f = parseIni('[DEFAULT]\nBanTime = 10m\n[sshd]\nport:ssh\n', F);
    expect(f.diagnostics).toEqual([]);
    expect(f.sections).toEqual(['DEFAULT', 'sshd']);
    expect(f.entries).toEqual([
      { section: 'DEFAULT', key: 'bantime', value: '10m', keyAt: { file: F, line: 2, column: 1 }, valueAt: { file: F, line: 2, column: 11 } },
      { section: 'sshd', key: 'port', value: 'ssh', keyAt: { file: F, line: 4, column: 1 }, valueAt: { file: F, line: 4, column: 6 } },
    ]);
  });

  it('joins indented continuation lines with newlines, keeping inner blank lines', () => {
    const f = parseIni('[x]\nlogpath = /a.log\n    /b.log\n\n    /c.log\n\nnext = 1\n', F);
    expect(f.entries.map((e) => [e.key, e.value])).toEqual([
      ['logpath', '/a.log\n/b.log\n\n/c.log'],
      ['next', '1'],
    ]);
  });

  it('takes # and ; lines as comments, and ; after a blank as an inline comment', () => {
    const f = parseIni('# c\n[x]\n  ; c\na = 1 ; note\nb = x;y\n', F);
    expect(f.entries.map((e) => [e.key, e.value])).toEqual([
      ['a', '1'],
      ['b', 'x;y'],
    ]);
  });

  it('reports what configparser refuses, with positions', () => {
    const f = parseIni('a = 1\n[x]\nb = 1\nb = 2\n  [x]\njunk\n', F);
    expect(f.diagnostics.map((d) => [d.position.line, d.position.column, d.message])).toEqual([
      [1, 1, '"a = 1" comes before any [section] header'],
      [4, 1, '"b" is set twice in [x]: fail2ban (Python configparser, strict) refuses the file'],
      [6, 1, '"junk" is neither "key = value" nor a [section] header'],
    ]);
  });
});
