import { describe, expect, it } from 'vitest';
import type { CommentSyntax } from '../../../src/engine/suppressions/comments/comment.js';
import { scanComments, syntaxOf } from '../../../src/engine/suppressions/comments/scan-comments.js';

/** `line: body` of every comment, bodies trimmed. */
function comments(text: string, syntax: CommentSyntax): string[] {
  return scanComments(text, syntax).map((c) => `${c.line}: ${c.body.trim()}`);
}

describe('comment lexers: what is a comment and what only looks like one', () => {
  it('Lua: -- comments and long comments, not inside quoted or long strings', () => {
    const text = [
      'a = "x -- no" -- one',
      "b = 'it''s -- no' --[==[ two",
      ']] still two ]==]',
      'c = [[ -- no',
      ']] d = [=[ ]] -- no ]=] -- three',
      'e = "esc \\" -- no" -- four',
    ].join('\n');
    expect(comments(text, 'lua')).toEqual(['1: one', '2: two\n]] still two', '5: three', '6: four']);
    expect(scanComments(text, 'lua')[1]?.endLine).toBe(3);
  });

  it('YAML: # after a blank, not inside quoted, plain or block scalars', () => {
    const text = ['a: "x # no" # one', "b: 'x # no'", 'c: x#no', 'd: |', '  # no, text', '# two', 'e: [1, 2] # three'].join('\n');
    expect(comments(text, 'yaml')).toEqual(['1: one', '6: two', '7: three']);
  });

  it('nginx: # at the start of a token only; quotes and backslashes protect it', () => {
    const text = ['a "x # no"; # one', 'b x#no \\#no;', "c 'y;#no'; #two", '}# three'].join('\n');
    expect(comments(text, 'nginx')).toEqual(['1: one', '3: two', '4: three']);
  });

  it('Caddyfile: # at the start of a token; not in quotes, backticks or heredocs', () => {
    const text = ['a "x # no" # one', 'b `y # no` x#no', 'respond <<EOF', '  # no, heredoc text', '  EOF', '# two'].join('\n');
    expect(comments(text, 'caddyfile')).toEqual(['1: one', '6: two']);
  });

  it('shell: # at the start of a word; not in quotes, words, $# or here-documents', () => {
    const text = [
      '#!/bin/sh',
      'echo "a # no" \'b # no\' c#no ${#x} $# # one',
      'cat <<-EOF >x;# two',
      '\t# no, heredoc text',
      '\tEOF',
      'x=1;# three',
    ].join('\n');
    expect(comments(text, 'shell')).toEqual(['1: !/bin/sh', '2: one', '3: two', '6: three']);
  });

  it('shell: an arithmetic shift is not a here-document', () => {
    expect(comments('x=$((1<<2)) # one\necho y # two\n', 'shell')).toEqual(['1: one', '2: two']);
  });

  it('line formats: only a whole line is a comment (logrotate, crontab)', () => {
    expect(comments('  # one\nweekly # no\n0 4 * * * cmd # no\n', 'hash-line')).toEqual(['1: one']);
  });

  it('Apache: a comment is a whole logical line; a continued directive line is no comment start', () => {
    const text = ['# one \\', 'still one', 'Define X \\', '# no, continuation', 'ServerName a # no'].join('\n');
    expect(comments(text, 'apache')).toEqual(['1: one \\\nstill one']);
  });

  it('systemd units: # and ; start comment lines only', () => {
    expect(comments('; one\n# two\nKey=value # no\n', 'unit')).toEqual(['1: one', '2: two']);
  });

  it('fail2ban (configparser): # and ; start lines, and ; after a blank starts an inline comment', () => {
    expect(comments('# one\n; two\nbantime = 1h ; three\nfailregex = a#no;no\n', 'ini')).toEqual(['1: one', '2: two', '3: three']);
  });
});

describe('syntaxOf: the syntax of each kind of source', () => {
  it.each([
    ['prosody', '/r/etc/prosody/prosody.cfg.lua', 'lua'],
    ['ejabberd', '/r/etc/ejabberd/ejabberd.yml', 'yaml'],
    ['cron', '/r/etc/cron.d/backup', 'hash-line'],
    ['cron', '/r/etc/cron.daily/backup', 'shell'],
    ['backup', '/r/etc/borgmatic/config.yaml', 'yaml'],
    ['backup', '/r/etc/rsnapshot.conf', 'hash-line'],
    ['backup', '/r/etc/duply/x/conf', 'shell'],
    ['caddy', '/r/etc/caddy/caddy.json', undefined],
    ['journald', '/r/etc/systemd/journald.conf', 'unit'],
    ['fail2ban', '/r/etc/fail2ban/jail.local', 'ini'],
  ] as const)('%s %s → %s', (kind, file, syntax) => {
    expect(syntaxOf({ kind, file, status: 'ok' })).toBe(syntax);
  });
});
