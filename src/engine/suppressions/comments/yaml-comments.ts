import { Lexer } from 'yaml';
import type { RawComment } from './comment.js';

/**
 * Comments of a YAML file, from the `yaml` package's own lexer: a `#` inside a quoted or plain
 * scalar (`a#b`) or a block scalar's text is not a comment, exactly as the ejabberd and borgmatic
 * readers' parser sees it.
 */
export function yamlComments(text: string): RawComment[] {
  const comments: RawComment[] = [];
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    // The lexer inserts one-character markers that are not in the source (document start,
    // scalar start, flow end): they take no room in the text.
    if (token === '\x02' || token === '\x1f' || token === '\x18') continue;
    if (token.startsWith('#')) comments.push({ start: offset, end: offset + token.length, body: token.slice(1).replace(/\r$/, '') });
    offset += token.length;
  }
  return comments;
}
