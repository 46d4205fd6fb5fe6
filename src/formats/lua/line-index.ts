/**
 * Line starts of a source text, to turn a character offset into a 1-based line and column.
 * Lines are counted as luaparse and Lua count them: `\n`, `\r`, `\r\n` and `\n\r` each end
 * one line. Columns count UTF-16 code units from 1.
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(source: string) {
    for (let i = 0; i < source.length; i++) {
      const ch = source.charCodeAt(i);
      if (ch === 10 || ch === 13) {
        const next = source.charCodeAt(i + 1);
        if ((next === 10 || next === 13) && next !== ch) i++;
        this.starts.push(i + 1);
      }
    }
  }

  /** The position of a character offset in `file`. */
  position(file: string, offset: number): { file: string; line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file, line: lo + 1, column: offset - (this.starts[lo] as number) + 1 };
  }
}
