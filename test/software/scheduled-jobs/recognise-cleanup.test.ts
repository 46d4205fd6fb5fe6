import { describe, expect, it } from 'vitest';
import { recogniseCleanup } from '../../../src/software/scheduled-jobs/recognise-cleanup.js';

const F = '/r/etc/cron.d/jobs';
const at = { file: F, line: 7, column: 20 };
/** The column in the file of `needle` inside `command` when the command starts at column 20. */
const col = (command: string, needle: string, from = 0): number => 20 + command.indexOf(needle, from);

describe('recogniseCleanup: ejabberdctl', () => {
  it('reads delete_old_mam_messages TYPE DAYS, positioned at ejabberdctl', () => {
    const cmd = '/usr/sbin/ejabberdctl delete_old_mam_messages all 30';
    expect(recogniseCleanup(cmd, at)).toEqual([
      { kind: 'ejabberd-delete-old-mam-messages', type: 'all', days: 30, batch: false, at: { file: F, line: 7, column: 20 } },
    ]);
  });

  it('accepts hyphenated names, --no-timeout, -t, --node X, --config-dir X before the command', () => {
    for (const cmd of [
      'bin/ejabberdctl delete-old-mam-messages chat 7',
      'ejabberdctl --no-timeout delete_old_mam_messages chat 7',
      'ejabberdctl -t --node ejabberd@localhost delete_old_mam_messages chat 7',
      '/opt/ejabberd-23.01/bin/ejabberdctl --config-dir /opt/ejabberd/conf delete-old-mam-messages chat 7',
    ]) {
      expect(recogniseCleanup(cmd, at), cmd).toEqual([
        { kind: 'ejabberd-delete-old-mam-messages', type: 'chat', days: 7, batch: false, at: { file: F, line: 7, column: 20 } },
      ]);
    }
  });

  it('reads the _batch variants with HOST first', () => {
    expect(recogniseCleanup('ejabberdctl delete_old_mam_messages_batch example.org groupchat 90 1000 5000', at)).toEqual([
      { kind: 'ejabberd-delete-old-mam-messages', type: 'groupchat', days: 90, host: 'example.org', batch: true, at },
    ]);
    expect(recogniseCleanup('ejabberdctl delete-old-messages-batch example.org 14 500 100', at)).toEqual([
      { kind: 'ejabberd-delete-old-messages', days: 14, host: 'example.org', batch: true, at },
    ]);
  });

  it('reads offline, expired, users, vhost users and push sessions', () => {
    const cmd =
      'ejabberdctl delete_old_messages 31; ejabberdctl delete_expired_messages && ejabberdctl delete_old_users 365 || ejabberdctl delete_old_users_vhost example.org 180; ejabberdctl delete_old_push_sessions 60';
    expect(recogniseCleanup(cmd, at)).toEqual([
      { kind: 'ejabberd-delete-old-messages', days: 31, batch: false, at },
      { kind: 'ejabberd-delete-expired-messages', at: { file: F, line: 7, column: col(cmd, 'ejabberdctl delete_expired') } },
      { kind: 'ejabberd-delete-old-users', days: 365, at: { file: F, line: 7, column: col(cmd, 'ejabberdctl delete_old_users 365') } },
      { kind: 'ejabberd-delete-old-users', days: 180, host: 'example.org', at: { file: F, line: 7, column: col(cmd, 'ejabberdctl delete_old_users_vhost') } },
      { kind: 'ejabberd-delete-old-push-sessions', days: 60, at: { file: F, line: 7, column: col(cmd, 'ejabberdctl delete_old_push') } },
    ]);
  });

  it('looks through su -c, sudo -u, runuser, sh -c and docker exec, positioning inside the quotes', () => {
    const su = "su - ejabberd -s /bin/sh -c '/usr/sbin/ejabberdctl delete_old_mam_messages all 30 > /dev/null 2>&1'";
    expect(recogniseCleanup(su, at)).toMatchObject([{ kind: 'ejabberd-delete-old-mam-messages', days: 30, at: { line: 7, column: col(su, '/usr/sbin') } }]);
    const sudo = 'sudo -u ejabberd -H ejabberdctl delete_old_messages 7';
    expect(recogniseCleanup(sudo, at)).toMatchObject([{ kind: 'ejabberd-delete-old-messages', days: 7, at: { column: col(sudo, 'ejabberdctl') } }]);
    const runuser = 'runuser -u ejabberd -- ejabberdctl delete_old_messages 8';
    expect(recogniseCleanup(runuser, at)).toMatchObject([{ days: 8, at: { column: col(runuser, 'ejabberdctl') } }]);
    const sh = 'sh -c "cd /tmp && \\"ejabberdctl\\" delete_old_messages 9"';
    expect(recogniseCleanup(sh, at)).toMatchObject([{ days: 9, at: { column: col(sh, 'ejabberdctl') } }]);
    const docker = 'docker exec -i ejabberd bin/ejabberdctl delete-old-mam-messages groupchat 10';
    expect(recogniseCleanup(docker, at)).toMatchObject([{ type: 'groupchat', days: 10, at: { column: col(docker, 'bin/ejabberdctl') } }]);
    const nested = 'sudo -u root bash -lc \'su ejabberd -c "ejabberdctl delete_old_users 400"\'';
    expect(recogniseCleanup(nested, at)).toMatchObject([{ kind: 'ejabberd-delete-old-users', days: 400, at: { column: col(nested, 'ejabberdctl') } }]);
  });

  it('reports other or unreadable ejabberdctl calls as unrecognised, with the reason', () => {
    expect(recogniseCleanup('ejabberdctl backup /var/backups/ejabberd.backup', at)).toEqual([
      { kind: 'unrecognised-ejabberdctl', command: 'ejabberdctl backup /var/backups/ejabberd.backup', at },
    ]);
    expect(recogniseCleanup('ejabberdctl delete_old_mam_messages all $DAYS', at)).toEqual([
      { kind: 'unrecognised-ejabberdctl', command: 'ejabberdctl delete_old_mam_messages all $DAYS', reason: 'DAYS "$DAYS" is not a whole number', at },
    ]);
    expect(recogniseCleanup('ejabberdctl delete_old_mam_messages everything 30', at)[0]).toMatchObject({
      kind: 'unrecognised-ejabberdctl',
      reason: 'TYPE "everything" is not all, chat or groupchat',
    });
    expect(recogniseCleanup('ejabberdctl delete_old_mam_messages 30', at)[0]).toMatchObject({
      reason: 'delete_old_mam_messages expects TYPE DAYS, got 1 argument(s)',
    });
  });

  it('ignores commented-out calls and plain mentions', () => {
    expect(recogniseCleanup('echo done # ejabberdctl delete_old_messages 1', at)).toEqual([]);
    expect(recogniseCleanup("logger 'ejabberdctl delete_old_messages 1'", at)).toEqual([]);
  });

  it('positions actions on later lines of a multi-line script', () => {
    const script = '#!/bin/sh\nset -e\n  ejabberdctl delete_old_messages 2\n';
    expect(recogniseCleanup(script, { file: F, line: 1, column: 1 })).toMatchObject([{ days: 2, at: { line: 3, column: 3 } }]);
  });
});

describe('recogniseCleanup: find', () => {
  it('reads -mtime +N -delete as N days, deleted at N+1 whole days, per starting directory', () => {
    // find(1), GNU findutils 4.9: -mtime counts 24-hour periods with fractions dropped, so +31
    // matches files at least 32 days old: the command states 31 days, rounding adds one.
    const cmd = "find /var/lib/ejabberd/upload /srv/files -type f -name '*.jpg' -mtime +31 -delete";
    expect(recogniseCleanup(cmd, at)).toEqual([
      { kind: 'delete-files-older-than', directory: '/var/lib/ejabberd/upload', olderThan: 31 * 86400, rounding: 86400, filters: ['-type f', '-name *.jpg'], at },
      { kind: 'delete-files-older-than', directory: '/srv/files', olderThan: 31 * 86400, rounding: 86400, filters: ['-type f', '-name *.jpg'], at },
    ]);
  });

  it('reads -exec rm, -mmin and | xargs rm; a find that deletes nothing is no action', () => {
    expect(recogniseCleanup('find /tmp/x -mmin +90 -exec rm -f {} \\;', at)).toMatchObject([{ directory: '/tmp/x', olderThan: 90 * 60, rounding: 0 }]);
    expect(recogniseCleanup('find /tmp/y -mtime +6 -print0 | xargs -0 rm -f', at)).toMatchObject([{ directory: '/tmp/y', olderThan: 6 * 86400, rounding: 86400 }]);
    expect(recogniseCleanup('find /tmp/z -mtime +6 -print', at)).toEqual([]);
    expect(recogniseCleanup('find /tmp/z -mtime -6 -delete', at)).toEqual([]);
    const inSh = "cd / && sh -c 'find /var/log/x -atime +2 -delete'";
    expect(recogniseCleanup(inSh, at)).toEqual([
      { kind: 'delete-files-older-than', directory: '/var/log/x', olderThan: 2 * 86400, rounding: 86400, filters: ['-atime +2'], at: { file: F, line: 7, column: col(inSh, 'find') } },
    ]);
  });
});

describe('recogniseCleanup: shell details', () => {
  it('skips here-document bodies, redirections and assignments', () => {
    const script = "mysql ejabberd <<-EOF\n\tejabberdctl delete_old_messages 1\n\tEOF\nLOG=/tmp/x ejabberdctl delete_old_messages 2 >>$LOG 2>&1\ncat <<'END'\nfind /a -mtime +1 -delete\nEND\nfind /b -mtime +2 -delete 2>&- ; true\n";
    expect(recogniseCleanup(script, { file: F, line: 1, column: 1 })).toMatchObject([
      { kind: 'ejabberd-delete-old-messages', days: 2, at: { line: 4, column: 12 } },
      { kind: 'delete-files-older-than', directory: '/b', olderThan: 2 * 86400, rounding: 86400, at: { line: 8, column: 1 } },
    ]);
  });
});
