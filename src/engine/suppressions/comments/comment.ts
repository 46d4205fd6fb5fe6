/** A comment found in a config file, with its text after the comment marker. */
export interface Comment {
  body: string;
  line: number;
  column: number;
  /** The line the comment ends on (a Lua long comment or an Apache continued line spans several). */
  endLine: number;
}

/** A comment as a scanner finds it: offsets into the text. */
export interface RawComment {
  /** Offset of the comment marker. */
  start: number;
  /** Offset just after the comment's last character. */
  end: number;
  body: string;
}

/** The comment syntaxes of the config languages privacy-lint reads. */
export type CommentSyntax =
  | 'lua'
  | 'yaml'
  | 'nginx'
  | 'caddyfile'
  | 'shell'
  /** `#` as the first non-blank character of a line: logrotate, crontab, rsnapshot. */
  | 'hash-line'
  /** `#` first on a line that is not the continuation of the previous one (Apache joins `\` lines). */
  | 'apache'
  /** `#` or `;` first on a line: systemd units and journald.conf. */
  | 'unit'
  /** `#` or `;` first on a line, or `;` after a blank: fail2ban's configparser. */
  | 'ini';

/** The end of the line that `from` is on (offset of its `\n`, or the text's length). */
export function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

/** A line comment from `start` (the marker) to the end of the line, the marker `width` long. */
export function toLineEnd(text: string, start: number, width = 1): RawComment {
  const end = lineEnd(text, start);
  return { start, end, body: text.slice(start + width, end).replace(/\r$/, '') };
}
