/**
 * Line starts of a source text, to turn a character offset into a 1-based line and column.
 * Lines are counted as luaparse and Lua count them: `\n`, `\r`, `\r\n` and `\n\r` each end
 * one line. Columns count UTF-16 code units from 1.
 */
export class LineIndex {
  private readonly starts: number[] = [0];
  /** Line (0-based) of the last lookup: offsets mostly come in source order. */
  private lastLine = 0;
  /** The last position returned, given again for the same file and offset (positions are never changed). */
  private last: { file: string; line: number; column: number } | undefined;
  private lastOffset = -1;

  constructor(source: string) {
    if (source.indexOf('\r') < 0) {
      // Only `\n`: indexOf is much faster than a loop over every character (huge configs).
      for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) this.starts.push(i + 1);
      return;
    }
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
    const last = this.last;
    if (offset === this.lastOffset && last?.file === file) return last;
    const starts = this.starts;
    let line = this.lastLine;
    if (!((starts[line] as number) <= offset && (line + 1 >= starts.length || offset < (starts[line + 1] as number)))) {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((starts[mid] as number) <= offset) lo = mid;
        else hi = mid - 1;
      }
      line = lo;
      this.lastLine = lo;
    }
    const position = { file, line: line + 1, column: offset - (starts[line] as number) + 1 };
    this.last = position;
    this.lastOffset = offset;
    return position;
  }
}
