import type { TextEdit, TextPoint } from '../inventory/edit.js';

export interface EditOutcome {
  text: string;
  applied: TextEdit[];
  refused: { edit: TextEdit; reason: string }[];
}

/**
 * Applies edits of one file to its text. Edits are taken in order of position; one that overlaps
 * an edit already taken, or whose range is not in the text, is refused (two suggestions for the
 * same setting: the first is applied, the next run judges again).
 */
export function applyEdits(text: string, edits: TextEdit[]): EditOutcome {
  const starts = lineStarts(text);
  const placed: { edit: TextEdit; from: number; to: number }[] = [];
  const refused: EditOutcome['refused'] = [];
  const ordered = [...edits].sort((a, b) => comparePoints(a.range.start, b.range.start) || comparePoints(a.range.end, b.range.end));
  for (const edit of ordered) {
    const from = offsetOf(text, starts, edit.range.start);
    const to = offsetOf(text, starts, edit.range.end);
    if (from === undefined || to === undefined || to < from) {
      refused.push({ edit, reason: 'its place is not in the file' });
      continue;
    }
    const clash = placed.find((p) => (from < p.to && to > p.from) || (from === to && from === p.from) || (from === p.from && to === p.to));
    if (clash) {
      if (clash.edit.text !== edit.text) refused.push({ edit, reason: 'another edit changes the same text' });
      continue;
    }
    placed.push({ edit, from, to });
  }
  let out = text;
  for (const p of [...placed].sort((a, b) => b.from - a.from)) out = out.slice(0, p.from) + p.edit.text + out.slice(p.to);
  return { text: out, applied: placed.map((p) => p.edit), refused };
}

function comparePoints(a: TextPoint, b: TextPoint): number {
  return a.line - b.line || a.column - b.column;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The offset of a point, when it is on the line's text (before its line ending). */
function offsetOf(text: string, starts: number[], point: TextPoint): number | undefined {
  const start = starts[point.line - 1];
  if (start === undefined) return undefined;
  const next = starts[point.line] ?? text.length + 1;
  let lineEnd = next - 1;
  if (lineEnd > start && text.charAt(lineEnd - 1) === '\r') lineEnd -= 1;
  const offset = start + point.column - 1;
  return point.column >= 1 && offset <= lineEnd ? offset : undefined;
}
