import { describe, expect, it } from 'vitest';
import { LONGEST_SHOWN, isSafeBlock, isSafeLine, neutraliseBlock, neutraliseLine, neutralisePath } from '../../src/reporters/neutralise.js';

describe('neutraliseLine', () => {
  it('shows ESC sequences, BEL, NUL, DEL and C1 controls as escapes', () => {
    expect(neutraliseLine('a\u001b[2Jb\u0007c\u0000d\u007fe\u009bf')).toBe('a\\x1b[2Jb\\x07c\\x00d\\x7fe\\x9bf');
    // OSC 8 hyperlink and OSC 0 window title, terminated by ST (ESC \) and BEL.
    expect(neutraliseLine('\u001b]8;;https://evil\u001b\\x\u001b]8;;\u001b\\')).toBe('\\x1b]8;;https://evil\\x1b\\x\\x1b]8;;\\x1b\\');
    expect(neutraliseLine('\u001b]0;title\u0007')).toBe('\\x1b]0;title\\x07');
  });

  it('shows newlines, carriage returns and tabs instead of writing them', () => {
    expect(neutraliseLine('one\ntwo\r\nthree\tfour')).toBe('one\\ntwo\\r\\nthree\\tfour');
  });

  it('shows bidi overrides, line separators and lone surrogates, and keeps real surrogate pairs', () => {
    expect(neutraliseLine('a\u202eb\u2066c\u2028d')).toBe('a\\u{202e}b\\u{2066}c\\u{2028}d');
    expect(neutraliseLine('x\ud800y\udc00z')).toBe('x\\u{d800}y\\u{dc00}z');
    expect(neutraliseLine('emoji 😀 stays')).toBe('emoji 😀 stays');
  });

  it('escapes the colon of a text that would start a GitHub workflow command at the start of a line', () => {
    expect(neutraliseLine('::error file=x::pwned')).toBe('\\x3a:error file=x::pwned');
    expect(neutraliseLine('  ::warning::x')).toBe('  \\x3a:warning::x');
    expect(neutraliseLine('see ::1')).toBe('see ::1');
  });

  it("breaks GitHub's legacy ##[command] prefix, which the runner obeys anywhere in a line", () => {
    expect(neutraliseLine('x ##[add-mask]secret')).toBe('x ##\\x5badd-mask]secret');
  });

  it('leaves ordinary text, quotes, percent signs and XML punctuation alone (each format escapes those)', () => {
    const text = 'archive_expires_after = "3w" %0A </a> ]]> \'q\' é ∞';
    expect(neutraliseLine(text)).toBe(text);
  });
});

describe('neutraliseBlock (suggested config snippets)', () => {
  it('keeps the lines and tabs of a snippet and escapes the rest', () => {
    expect(neutraliseBlock('log {\n\tformat json\u001b[31m\r\n}')).toBe('log {\n\tformat json\\x1b[31m\\r\n}');
  });

  it('escapes the colon of a line that a GitHub runner would take for a workflow command', () => {
    expect(neutraliseBlock('a = "x\n  ::error::pwned"')).toBe('a = "x\n  \\x3a:error::pwned"');
    expect(neutraliseBlock('a ::b')).toBe('a ::b');
  });

  it('keeps a printable snippet as it is, and escapes a tab-separated part that starts a workflow command or holds `##[`', () => {
    expect(neutraliseBlock('/var/log/x.log {\n\tdaily\n\trotate 13\n}')).toBe('/var/log/x.log {\n\tdaily\n\trotate 13\n}');
    expect(neutraliseBlock('a\t::error::x')).toBe('a\t\\x3a:error::x');
    expect(neutraliseBlock('a\n##[group]b')).toBe('a\n##\\x5bgroup]b');
    // A part longer than 4096 characters is clipped like a line: 4097 − 3996 = 101 left out.
    expect(neutraliseBlock(`a\n${'z'.repeat(4097)}`)).toBe(`a\n${'z'.repeat(3996)}…[101 more characters not shown]`);
  });
});

describe('neutralisePath', () => {
  it('escapes every segment that would start a workflow command, since reports show paths relative to a directory', () => {
    expect(neutralisePath('/srv/::error file=x::y/etc/a.cfg')).toBe('/srv/\\x3a:error file=x::y/etc/a.cfg');
    expect(neutralisePath('/srv/a::b/c\n.cfg')).toBe('/srv/a::b/c\\n.cfg');
  });

  it('escapes a printable path holding `##[` or `::`, clips a long one, and keeps a plain one as it is', () => {
    expect(neutralisePath('/srv/##[group]/a.cfg')).toBe('/srv/##\\x5bgroup]/a.cfg');
    expect(neutralisePath('/srv/::warning::x')).toBe('/srv/\\x3a:warning::x');
    expect(neutralisePath('/srv/a:b/c.cfg')).toBe('/srv/a:b/c.cfg');
    // 4097 characters: 4096 − 100 kept, 4097 − 3996 = 101 left out.
    expect(neutralisePath(`/${'y'.repeat(4096)}`)).toBe(`/${'y'.repeat(3995)}…[101 more characters not shown]`);
  });
});

describe('texts longer than any real value', () => {
  it('shows the start of a text longer than PATH_MAX (4096) and how much was left out', () => {
    const line = neutraliseLine(`/var/log/${'A'.repeat(1_000_000)}`);
    // 4096 − 100 characters kept: the path's start and 3,987 A's; 1,000,009 − 3,996 = 996,013 left out.
    expect(line).toBe(`/var/log/${'A'.repeat(3987)}…[996,013 more characters not shown]`);
    expect(line.length).toBeLessThanOrEqual(LONGEST_SHOWN);
  });

  it('shows a text of 4096 characters whole', () => {
    expect(neutraliseLine('x'.repeat(4096))).toBe('x'.repeat(4096));
    expect(neutralisePath(`/${'y'.repeat(4095)}`)).toBe(`/${'y'.repeat(4095)}`);
  });
});

describe('isSafeLine and isSafeBlock (whether a text needs escaping at all)', () => {
  // Each text is one of the cases above: unsafe for the reason named, or safe.
  const lines: [string, boolean][] = [
    ['a\u001b[2Jb', false], // ESC
    ['one\ntwo', false], // newline
    ['x\ty', false], // tab
    ['a\u202eb', false], // bidi override
    ['x\ud800y', false], // lone high surrogate
    ['x\udc00y', false], // lone low surrogate
    ['emoji 😀 stays', true], // a real surrogate pair
    ['::error file=x::pwned', false], // workflow command at the start
    ['  ::warning::x', false], // after leading blanks
    ['see ::1', true],
    ['x ##[add-mask]secret', false], // legacy command prefix anywhere
    ['é ##[add-mask]secret', false], // the same in a text that is not ASCII
    ['a\u007fb', false], // DEL, just above printable ASCII
    ['archive_expires_after = "3w" %0A </a> ]]> \'q\' é ∞', true],
    ['x'.repeat(4096), true], // as long as is shown whole
    ['x'.repeat(4097), false], // clipped
  ];

  it('says a line is safe exactly when neutraliseLine leaves it unchanged', () => {
    for (const [text, safe] of lines) {
      expect(isSafeLine(text), JSON.stringify(text.slice(0, 40))).toBe(safe);
      expect(neutraliseLine(text) === text).toBe(safe);
    }
  });

  it('says a snippet is safe exactly when neutraliseBlock leaves it unchanged, its newlines and tabs included', () => {
    const blocks: [string, boolean][] = [
      ['log {\n\tformat json\n}', true],
      ['log {\n\tformat json\u001b[31m\n}', false],
      ['a = "x\n  ::error::pwned"', false],
      ['a ::b', true],
      ['a\t::b', false], // a tab-separated part that starts a command
    ];
    for (const [text, safe] of blocks) {
      expect(isSafeBlock(text), JSON.stringify(text)).toBe(safe);
      expect(isSafeBlock(text), 'asked again').toBe(safe);
      expect(neutraliseBlock(text) === text).toBe(safe);
    }
  });
});

describe('isSafeLine on the texts the reporters keep as they are', () => {
  it('is true exactly for the texts neutraliseLine leaves unchanged', () => {
    const texts = [
      'access_log /var/log/nginx/access.log combined',
      'a\u001b[31mred',
      'tab\there',
      'DEL\u007f',
      '##[error] no',
      '  ::set-output name=x::y',
      ': one colon is fine',
      'bidi \u202e override',
      'lone \ud800 surrogate',
      'pair \ud83d\ude00 is fine',
      'x'.repeat(LONGEST_SHOWN),
      'x'.repeat(LONGEST_SHOWN + 1),
    ];
    expect(texts.map(isSafeLine)).toEqual([true, false, false, false, false, false, true, false, false, true, true, false]);
    // Asked twice: a global pattern's lastIndex must not make the second answer differ.
    expect(texts.map(isSafeLine)).toEqual(texts.map((t) => neutraliseLine(t) === t));
  });
});
