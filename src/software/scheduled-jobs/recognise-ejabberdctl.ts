import type { SourcePosition } from '../../inventory/evidence.js';
import type { CleanupAction } from './job-model.js';
import type { ShellWord } from './shell-words.js';

/**
 * ejabberdctl's own options before the command, from /usr/sbin/ejabberdctl of Debian's
 * ejabberd 23.01-1 (lines 44-56, "parse command line parameters"): `-t|--no-timeout` alone;
 * `-n|--node`, `-s|--spool`, `-l|--logs`, `-f|--config`, `-c|--ctl-config`, `-d|--config-dir`
 * with one argument. The loop stops at the first other word: the command.
 */
const FLAG_OPTIONS = new Set(['-t', '--no-timeout']);
const ARG_OPTIONS = new Set(['-n', '--node', '-s', '--spool', '-l', '--logs', '-f', '--config', '-c', '--ctl-config', '-d', '--config-dir']);

/** The MAM types mod_mam.erl delete_old_messages/2 accepts; others return unsupported_type. */
const MAM_TYPES = new Set(['all', 'chat', 'groupchat']);

/**
 * Recognises an ejabberdctl invocation (`words[0]` is ejabberdctl, any path). Command names
 * may use `-` for `_`: ejabberd_ctl.erl call_command/4 replaces every "-" with "_" before
 * looking the command up. Argument lists are the `args` of the command specs: mod_mam.erl
 * get_commands_spec (delete_old_mam_messages [type, days]; _batch [host, type, days,
 * batch_size, rate]), ejabberd_admin.erl (delete_old_messages [days]; _batch [host, days,
 * batch_size, rate]; delete_expired_messages []), mod_admin_extra.erl (delete_old_users
 * [days]; delete_old_users_vhost [host, days]), mod_push.erl (delete_old_push_sessions [days]).
 * All read from the abstract code of Debian's ejabberd 23.01-1 .beam files.
 * Anything else ejabberdctl runs, or a cleanup command whose arguments are not literal
 * (`$DAYS`), is 'unrecognised-ejabberdctl'.
 */
export function recogniseEjabberdctl(words: ShellWord[], at: SourcePosition): CleanupAction[] {
  let i = 1;
  while (i < words.length) {
    const v = (words[i] as ShellWord).value;
    if (FLAG_OPTIONS.has(v)) i++;
    else if (ARG_OPTIONS.has(v)) i += 2;
    else break;
  }
  const text = words.map((w) => w.value).join(' ');
  const unrecognised = (reason?: string): CleanupAction[] => [
    reason === undefined ? { kind: 'unrecognised-ejabberdctl', command: text, at } : { kind: 'unrecognised-ejabberdctl', command: text, reason, at },
  ];
  const name = words[i]?.value.replace(/-/g, '_');
  if (name === undefined) return unrecognised('no command after the options');
  const args = words.slice(i + 1).map((w) => w.value);
  const days = (value: string | undefined): number | undefined => (value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined);
  const need = (count: number, usage: string): string | undefined =>
    args.length < count ? `${name} expects ${usage}, got ${args.length} argument(s)` : undefined;

  switch (name) {
    case 'delete_old_mam_messages':
    case 'delete_old_mam_messages_batch': {
      const batch = name.endsWith('_batch');
      const missing = batch ? need(5, 'HOST TYPE DAYS BATCH_SIZE RATE') : need(2, 'TYPE DAYS');
      if (missing) return unrecognised(missing);
      const [host, type, dayText] = batch ? args : [undefined, ...args];
      const n = days(dayText);
      if (type === undefined || !MAM_TYPES.has(type)) return unrecognised(`TYPE "${type ?? ''}" is not all, chat or groupchat`);
      if (n === undefined) return unrecognised(`DAYS "${dayText ?? ''}" is not a whole number`);
      return [
        host === undefined
          ? { kind: 'ejabberd-delete-old-mam-messages', type, days: n, batch, at }
          : { kind: 'ejabberd-delete-old-mam-messages', type, days: n, host, batch, at },
      ];
    }
    case 'delete_old_messages':
    case 'delete_old_messages_batch': {
      const batch = name.endsWith('_batch');
      const missing = batch ? need(4, 'HOST DAYS BATCH_SIZE RATE') : need(1, 'DAYS');
      if (missing) return unrecognised(missing);
      const [host, dayText] = batch ? args : [undefined, ...args];
      const n = days(dayText);
      if (n === undefined) return unrecognised(`DAYS "${dayText ?? ''}" is not a whole number`);
      return [
        host === undefined
          ? { kind: 'ejabberd-delete-old-messages', days: n, batch, at }
          : { kind: 'ejabberd-delete-old-messages', days: n, host, batch, at },
      ];
    }
    case 'delete_expired_messages':
      return [{ kind: 'ejabberd-delete-expired-messages', at }];
    case 'delete_old_users':
    case 'delete_old_users_vhost': {
      const vhost = name.endsWith('_vhost');
      const missing = vhost ? need(2, 'HOST DAYS') : need(1, 'DAYS');
      if (missing) return unrecognised(missing);
      const [host, dayText] = vhost ? args : [undefined, ...args];
      const n = days(dayText);
      if (n === undefined) return unrecognised(`DAYS "${dayText ?? ''}" is not a whole number`);
      return [
        host === undefined
          ? { kind: 'ejabberd-delete-old-users', days: n, at }
          : { kind: 'ejabberd-delete-old-users', days: n, host, at },
      ];
    }
    case 'delete_old_push_sessions': {
      const missing = need(1, 'DAYS');
      if (missing) return unrecognised(missing);
      const n = days(args[0]);
      if (n === undefined) return unrecognised(`DAYS "${args[0] ?? ''}" is not a whole number`);
      return [{ kind: 'ejabberd-delete-old-push-sessions', days: n, at }];
    }
    default:
      return unrecognised();
  }
}
