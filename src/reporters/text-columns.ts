import { maxOf } from '../arrays/extremes.js';
/**
 * One cell of an aligned text table: the plain text decides the width, `style` only adds colour,
 * so columns line up whether colour is on or off.
 */
export interface Cell {
  text: string;
  style?: (text: string) => string;
}

/**
 * The widest a padded column gets. A longer cell is wrapped onto further lines of its row rather
 * than widening the column: otherwise one 30,000-character message would pad every other line of
 * the table to it, and the output would grow with findings × longest message.
 */
export const maxColumnWidth = 80;

/**
 * Lines of a table whose columns are separated by `gap` spaces. The last cell of a row is not
 * padded (nor wrapped), so no line ends in spaces.
 */
export function alignColumns(rows: Cell[][], indent: string, gap = 2): string[] {
  return alignRows(rows, indent, gap).flat();
}

/** The lines of each row: one, or more when a cell before the last was wrapped. */
export function alignRows(rows: Cell[][], indent: string, gap = 2): string[][] {
  const widths = columnWidths(rows);
  return rows.map((row) => {
    const cells = row.map((cell, i) => (i === row.length - 1 ? [cell.text] : wrapText(cell.text, widths[i] ?? maxColumnWidth)));
    const height = maxOf([1, ...cells.map((lines) => lines.length)]);
    const lines: string[] = [];
    for (let n = 0; n < height; n++) {
      const parts: string[] = [];
      row.forEach((cell, i) => {
        const text = cells[i]?.[n] ?? '';
        const styled = cell.style && text !== '' ? cell.style(text) : text;
        parts.push(i === row.length - 1 ? styled : styled + ' '.repeat((widths[i] ?? 0) - text.length + gap));
      });
      // Continuation lines stop at their last non-empty cell, so they do not end in padding.
      const line = indent + parts.join('');
      lines.push(n === 0 ? line : line.trimEnd());
    }
    return lines;
  });
}

/** Left padding for a cell that starts at column `index` of the table `alignColumns` builds. */
export function columnOffset(rows: Cell[][], index: number, gap = 2): number {
  const widths = columnWidths(rows);
  let offset = 0;
  for (let i = 0; i < index; i++) offset += (widths[i] ?? 0) + gap;
  return offset;
}

function columnWidths(rows: Cell[][]): number[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.min(maxColumnWidth, Math.max(widths[i] ?? 0, cell.text.length));
    });
  }
  return widths;
}

/** `text` in lines of at most `width`, broken at the last space that fits, else mid-word. */
export function wrapText(text: string, width: number): string[] {
  if (text.length <= width) return [text];
  const lines: string[] = [];
  let start = 0;
  while (text.length - start > width) {
    const space = lastSpaceIn(text, start, start + width);
    const end = space > start ? space : start + width;
    lines.push(text.slice(start, end));
    start = space > start ? end + 1 : end;
  }
  lines.push(text.slice(start));
  return lines;
}

/**
 * The last space in text[from..to], or -1. Not `lastIndexOf(' ', to)`: that searches back to the
 * start of the text, so a 1.6 MB value without spaces took quadratic time to wrap.
 */
function lastSpaceIn(text: string, from: number, to: number): number {
  for (let i = to; i >= from; i--) if (text.charCodeAt(i) === 32) return i;
  return -1;
}
