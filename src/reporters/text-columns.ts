/**
 * One cell of an aligned text table: the plain text decides the width, `style` only adds colour,
 * so columns line up whether colour is on or off.
 */
export interface Cell {
  text: string;
  style?: (text: string) => string;
}

/**
 * Lines of a table whose columns are separated by `gap` spaces. The last cell of a row is not
 * padded, so no line ends in spaces.
 */
export function alignColumns(rows: Cell[][], indent: string, gap = 2): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.text.length);
    });
  }
  return rows.map((row) => {
    const parts = row.map((cell, i) => {
      const styled = cell.style ? cell.style(cell.text) : cell.text;
      if (i === row.length - 1) return styled;
      return styled + ' '.repeat((widths[i] ?? 0) - cell.text.length + gap);
    });
    return indent + parts.join('');
  });
}

/** Left padding for a cell that starts at column `index` of the table `alignColumns` builds. */
export function columnOffset(rows: Cell[][], index: number, gap = 2): number {
  let offset = 0;
  for (let i = 0; i < index; i++) {
    offset += Math.max(0, ...rows.map((row) => row[i]?.text.length ?? 0)) + gap;
  }
  return offset;
}
