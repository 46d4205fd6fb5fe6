import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/fix/apply-edits.js';
import type { TextEdit } from '../../src/inventory/edit.js';

const edit = (line: number, start: number, end: number, text: string): TextEdit => ({
  file: '/etc/x.conf',
  range: { start: { line, column: start }, end: { line, column: end } },
  text,
});

describe('applyEdits', () => {
  it('applies edits of one file by position, CRLF line endings kept', () => {
    const out = applyEdits('a = 1\r\nb = 2\r\n', [edit(2, 5, 6, '3'), edit(1, 5, 6, '0')]);
    expect(out.text).toBe('a = 0\r\nb = 3\r\n');
    expect(out.refused).toEqual([]);
  });

  it('refuses a second, different edit of the same text, and applies an identical one once', () => {
    const out = applyEdits('x = "30 minutes"\n', [edit(1, 5, 17, '1800'), edit(1, 5, 17, '"20d"'), edit(1, 5, 17, '1800')]);
    expect(out.text).toBe('x = 1800\n');
    expect(out.refused.map((r) => [r.edit.text, r.reason])).toEqual([['"20d"', 'another edit changes the same text']]);
  });

  it('refuses an edit whose place is not in the text (past the end of its line)', () => {
    const out = applyEdits('short\n', [edit(1, 3, 40, 'x')]);
    expect(out.text).toBe('short\n');
    expect(out.refused.map((r) => r.reason)).toEqual(['its place is not in the file']);
  });
});
