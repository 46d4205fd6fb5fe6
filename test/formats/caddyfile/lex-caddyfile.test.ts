import { describe, expect, it } from 'vitest';
import { lexCaddyfile } from '../../../src/formats/caddyfile/lex-caddyfile.js';

const FILE = '/r/etc/caddy/Caddyfile';
const words = (text: string) => lexCaddyfile(text, FILE).tokens.map((t) => [t.text, t.at.line, t.at.column, t.newlineBefore]);

describe('lexCaddyfile', () => {
  it('splits on blanks, marks line starts, and drops comments only at a token start', () => {
    expect(words('a.org {\n\trespond "hi there" # note\n\tredir a#b\n}')).toEqual([
      ['a.org', 1, 1, true],
      ['{', 1, 7, false],
      ['respond', 2, 2, true],
      ['hi there', 2, 10, false],
      ['redir', 3, 2, true],
      ['a#b', 3, 8, false],
      ['}', 4, 1, true],
    ]);
  });

  it('keeps backslashes except before quotes and newlines inside quotes; a quoted token may span lines', () => {
    expect(words('x "a \\"b\\" \\d" "two\nlines" y')).toEqual([
      ['x', 1, 1, true],
      ['a "b" \\d', 1, 3, false],
      ['two\nlines', 1, 16, false],
      ['y', 2, 8, false],
    ]);
  });

  it('joins lines at an escaped newline and reads backquotes raw', () => {
    expect(words('a \\\n b `c "d" \\e`')).toEqual([
      ['a', 1, 1, true],
      ['b', 2, 2, false],
      ['c "d" \\e', 2, 4, false],
    ]);
  });

  it('reads a heredoc and removes the closing marker indentation', () => {
    expect(words('respond <<HTML\n\t\t<p>hi</p>\n\t\tHTML 200\n')).toEqual([
      ['respond', 1, 1, true],
      ['<p>hi</p>', 1, 9, false],
      ['200', 3, 8, false],
    ]);
  });

  it('reports an unterminated quote and heredoc at their start', () => {
    expect(lexCaddyfile('a "open\n', FILE).diagnostics).toEqual([{ code: 'parse-error', message: 'Unterminated quoted token', position: { file: FILE, line: 1, column: 3 } }]);
    expect(lexCaddyfile('a <<END\nx\n', FILE).diagnostics).toEqual([
      { code: 'parse-error', message: 'Heredoc <<END is not closed by a line with END', position: { file: FILE, line: 1, column: 3 } },
    ]);
  });
});
