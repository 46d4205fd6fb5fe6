import type { SourcePosition } from './evidence.js';

/** A place in a file's text: 1-based line, 1-based column counted in UTF-16 code units. */
export interface TextPoint {
  line: number;
  column: number;
}

/**
 * A suggestion as a change to one file: replace the text in `range` (start inclusive, end
 * exclusive; an empty range inserts) by `text`. `file` is an absolute path on this machine.
 */
export interface TextEdit {
  file: string;
  range: { start: TextPoint; end: TextPoint };
  text: string;
}

/**
 * An edit as an interpreter proposes it, before the file's text is at hand: at `at`, the text
 * that `find` matches there (anchored: the match must start at `at`) is the text to change; when
 * `find` has a group named `old` (or, in alternatives, `old2`, `old3`...), only the text of the
 * group that matched is replaced. The engine resolves it
 * against the file as it is now: when `find` does not match there, or the replacement would
 * repeat the current text, there is no edit and the suggestion stays advice.
 */
export interface EditProposal {
  at: SourcePosition;
  find: RegExp;
  text: string;
}
