import type { SourceTexts } from '../../engine/source-texts.js';
import { neutraliseBlock } from '../neutralise.js';

/** Lines shown before and after a finding's own line. */
const around = 2;
/** A minified config can hold a whole file on one line: an excerpt line is cut there. */
const maxLineLength = 240;

export interface ExcerptLine {
  number: number;
  text: string;
  /** The finding's own line. */
  marked: boolean;
}

/**
 * The config lines around `line` of `file`, as the file reads now, each neutralised (a config
 * line is text from a config like any value). Empty when the file cannot be read again or has no
 * such line: the report then shows the position alone rather than a wrong excerpt.
 */
export function sourceExcerpt(texts: SourceTexts, file: string, line: number): ExcerptLine[] {
  if (file === '' || texts.line(file, line) === undefined) return [];
  const lines: ExcerptLine[] = [];
  for (let n = Math.max(1, line - around); n <= line + around; n++) {
    const text = texts.line(file, n);
    // The empty "line" after a file's final newline is not a line of the file.
    if (text === undefined || (text === '' && texts.line(file, n + 1) === undefined)) break;
    const cut = text.length > maxLineLength ? `${text.slice(0, maxLineLength - 1)}…` : text;
    lines.push({ number: n, text: neutraliseBlock(cut), marked: n === line });
  }
  return lines;
}
