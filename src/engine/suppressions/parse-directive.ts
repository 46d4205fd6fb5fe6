import type { Comment } from './comments/comment.js';

export type DirectiveKind = 'disable-next-line' | 'disable' | 'enable';

/** A privacy-lint directive read from a comment. */
export interface Directive {
  kind: DirectiveKind;
  /** The rule ids it names (may be empty: an invalid disable, or an enable of everything). */
  rules: string[];
  /** The text after ` -- `, trimmed; empty when missing. */
  reason: string;
  /** The directive as written, for messages. */
  text: string;
  line: number;
  column: number;
  endLine: number;
}

const DIRECTIVE = /^privacy-lint-(disable-next-line|disable|enable)(?=\s|$)/;

/**
 * The directive a comment holds, or undefined. A directive is the comment's first word, as in
 * ESLint: `privacy-lint-disable-next-line RULE[, RULE…] -- reason`; a comment that only mentions
 * one later in its text is prose.
 */
export function parseDirective(comment: Comment): Directive | undefined {
  const text = comment.body.trim();
  const match = DIRECTIVE.exec(text);
  if (!match) return undefined;
  const rest = text.slice(match[0].length);
  // The reason follows the first ` -- ` (or a `--` that ends the text: a reason left empty).
  const separator = /\s--(\s|$)/.exec(rest);
  const list = separator ? rest.slice(0, separator.index) : rest;
  const reason = separator ? rest.slice(separator.index + separator[0].length).trim() : '';
  return {
    kind: match[1] as DirectiveKind,
    rules: list.split(/[\s,]+/).filter((r) => r !== ''),
    reason,
    text: text.replace(/\s+/g, ' '),
    line: comment.line,
    column: comment.column,
    endLine: comment.endLine,
  };
}
