import { lineEnd, type CommentSyntax, type RawComment } from './comment.js';

/**
 * Comments of the line-based formats, where a comment is a whole line:
 * - `hash-line`: `#` first on the line (logrotate config.c; crontab(5); rsnapshot.conf(5));
 * - `apache`: `#` first on a logical line, after joining lines that end in `\` (Apache httpd
 *   util.c ap_cfg_getline), so a continued comment ends where its logical line ends;
 * - `unit`: `#` or `;` first on the line (systemd.syntax(7));
 * - `ini`: as `unit`, plus `;` after a blank anywhere (fail2ban's configparser with
 *   `inline_comment_prefixes=";"`, client/configparserinc.py).
 */
export function lineComments(text: string, syntax: Extract<CommentSyntax, 'hash-line' | 'apache' | 'unit' | 'ini'>): RawComment[] {
  const comments: RawComment[] = [];
  const markers = syntax === 'unit' || syntax === 'ini' ? '#;' : '#';
  let continued = false;
  for (let start = 0; start <= text.length; ) {
    let end = lineEnd(text, start);
    const line = text.slice(start, end).replace(/\r$/, '');
    const first = line.search(/\S/);
    if (!continued && first >= 0 && markers.includes(line[first] as string)) {
      if (syntax === 'apache') {
        while (text.slice(start, end).replace(/\r$/, '').endsWith('\\') && end < text.length) end = lineEnd(text, end + 1);
      }
      comments.push({ start: start + first, end, body: text.slice(start + first + 1, end).replace(/\r$/, '') });
    } else if (syntax === 'ini' && first >= 0) {
      const inline = /\s;/.exec(line);
      if (inline) comments.push({ start: start + inline.index + 1, end, body: line.slice(inline.index + 2) });
    }
    continued = syntax === 'apache' && text.slice(start, end).replace(/\r$/, '').endsWith('\\');
    start = end + 1;
  }
  return comments;
}
