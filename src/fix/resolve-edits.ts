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
  const match = matchAt(edit.find, line, at.column - 1);
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

/**
 * The proposal's pattern matched at one column, or undefined when V8 refuses it: a pattern that
 * quotes a huge config value can be too large to compile, and V8 says so only on first use. The
 * suggestion then stays advice rather than ending the run.
 */
function matchAt(find: RegExp, line: string, index: number): RegExpExecArray | null | undefined {
  try {
    const sticky = new RegExp(find.source, `${find.flags.replace(/[gy]/g, '')}dy`);
    sticky.lastIndex = index;
    return sticky.exec(line);
  } catch {
    return undefined;
  }
}
