import type { EditProposal, TextEdit } from '../inventory/edit.js';
import type { SourceTexts } from '../engine/source-texts.js';
import type { Finding } from '../engine/types.js';

/**
 * Turns each finding's proposed edit into an edit of the file as it is now, or drops it (the
 * suggestion then stays advice): the text it expects must be at the finding's place, and the
 * replacement must change something (a suggestion never repeats the current value).
 */
export function resolveEdits(findings: Finding[], texts: SourceTexts): Finding[] {
  return findings.map((finding) => {
    const { edit, ...rest } = finding;
    if (edit === undefined) return finding;
    const fix = resolveEdit(edit, texts);
    return fix ? { ...rest, fix } : rest;
  });
}

export function resolveEdit(edit: EditProposal, texts: SourceTexts): TextEdit | undefined {
  const { at } = edit;
  const line = texts.line(at.file, at.line);
  if (line === undefined) return undefined;
  const find = new RegExp(edit.find.source, `${edit.find.flags.replace(/[gy]/g, '')}dy`);
  find.lastIndex = at.column - 1;
  const match = find.exec(line);
  if (!match?.indices) return undefined;
  // Alternatives name their part old, old2, ...: the one that matched is replaced.
  const part = Object.entries(match.indices.groups ?? {}).find(([name, span]) => name.startsWith('old') && (span as [number, number] | undefined) !== undefined)?.[1];
  const [start, end] = part ?? match.indices[0] ?? [0, 0];
  if (line.slice(start, end) === edit.text) return undefined;
  return {
    file: at.file,
    range: { start: { line: at.line, column: start + 1 }, end: { line: at.line, column: end + 1 } },
    text: edit.text,
  };
}
