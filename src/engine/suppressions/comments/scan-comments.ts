import { LineIndex } from '../../../formats/lua/line-index.js';
import type { SourceFile } from '../../../inventory/inventory.js';
import type { Comment, CommentSyntax, RawComment } from './comment.js';
import { lineComments } from './line-comments.js';
import { luaComments } from './lua-comments.js';
import { caddyfileComments, nginxComments, shellComments } from './token-comments.js';
import { yamlComments } from './yaml-comments.js';

/** Scripts cron runs from these directories are shell (run-parts), not crontabs. */
const PERIODIC_SCRIPT = /\/cron\.(hourly|daily|weekly|monthly)\/[^/]+$/;

/** The comment syntax of a source file that was read, or undefined for formats without comments (JSON). */
export function syntaxOf(source: SourceFile): CommentSyntax | undefined {
  switch (source.kind) {
    case 'prosody':
      return 'lua';
    case 'ejabberd':
      return 'yaml';
    case 'nginx':
      return 'nginx';
    case 'apache':
      return 'apache';
    case 'caddy':
      return source.file.endsWith('.json') ? undefined : 'caddyfile';
    case 'logrotate':
      return 'hash-line';
    case 'journald':
    case 'systemd':
      return 'unit';
    case 'fail2ban':
      return 'ini';
    case 'cron':
      return PERIODIC_SCRIPT.test(source.file) ? 'shell' : 'hash-line';
    case 'backup':
      // borgmatic and autorestic are YAML, rsnapshot.conf is line-based; restic env files, duply
      // confs and the dump scripts jobs run are shell.
      if (/\.ya?ml$/.test(source.file)) return 'yaml';
      if (/rsnapshot[^/]*\.conf$/.test(source.file)) return 'hash-line';
      if (source.file.endsWith('.json')) return undefined;
      return 'shell';
  }
}

/** The comments of a file's text, in order, with 1-based positions. */
export function scanComments(text: string, syntax: CommentSyntax): Comment[] {
  const lines = new LineIndex(text);
  return rawComments(text, syntax).map((c) => {
    const at = lines.position('', c.start);
    return { body: c.body, line: at.line, column: at.column, endLine: lines.position('', Math.max(c.start, c.end - 1)).line };
  });
}

function rawComments(text: string, syntax: CommentSyntax): RawComment[] {
  switch (syntax) {
    case 'lua':
      return luaComments(text);
    case 'yaml':
      return yamlComments(text);
    case 'nginx':
      return nginxComments(text);
    case 'caddyfile':
      return caddyfileComments(text);
    case 'shell':
      return shellComments(text);
    default:
      return lineComments(text, syntax);
  }
}
