import type { SourcePosition } from '../../../inventory/evidence.js';

/** One duplicity command line, read statically. */
export interface DuplicityRun {
  /** 'backup' (implicit full/incr), 'full', 'incr', 'remove-older-than', ... */
  action: string;
  /** TIME or N of remove commands. */
  actionArg?: string;
  options: Map<string, { value: string; at: SourcePosition }[]>;
  source?: string;
  target?: string;
  at: SourcePosition;
}

// duplicity 0.8.22 duplicity/commandline.py `commands` list; 2.x accepts the same words.
const ACTIONS = new Set([
  'cleanup', 'collection-status', 'full', 'incr', 'incremental', 'list-current-files', 'remove-older-than',
  'remove-all-but-n-full', 'remove-all-inc-of-but-n-full', 'restore', 'verify', 'replicate',
]);
const WITH_ACTION_ARG = new Set(['remove-older-than', 'remove-all-but-n-full', 'remove-all-inc-of-but-n-full']);
// Options taking a value (duplicity(1) OPTIONS, 0.8.22); the flags not listed take none.
const WITH_VALUE = new Set([
  '--encrypt-key', '--hidden-encrypt-key', '--sign-key', '--encrypt-sign-key', '--full-if-older-than', '--archive-dir',
  '--name', '--exclude', '--include', '--exclude-filelist', '--include-filelist', '--exclude-regexp', '--include-regexp',
  '--exclude-if-present', '--gpg-options', '--gpg-binary', '--ssh-options', '--rsync-options', '--volsize', '--log-file',
  '--log-fd', '--tempdir', '--verbosity', '-v', '--time', '-t', '--restore-time', '--file-to-restore', '-r',
  '--max-blocksize', '--num-retries', '--timeout', '--backend-retry-delay', '--file-prefix', '--file-prefix-manifest',
  '--file-prefix-archive', '--file-prefix-signature', '--s3-region-name', '--s3-endpoint-url', '--ssl-cacert-file',
  '--par2-redundancy', '--par2-options', '--sftp-ssh-options', '--azure-blob-tier', '--scp-command', '--sftp-command',
]);

export function readDuplicityArgs(args: string[], argsAt: SourcePosition[], at: SourcePosition): DuplicityRun {
  const run: DuplicityRun = { action: 'backup', options: new Map(), at };
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const here = argsAt[i] ?? at;
    if (a.startsWith('-') && a.length > 1) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(0, eq) : a;
      let value = '';
      if (eq > 0) value = a.slice(eq + 1);
      else if (WITH_VALUE.has(name)) value = args[++i] ?? '';
      const list = run.options.get(name) ?? [];
      list.push({ value, at: here });
      run.options.set(name, list);
      continue;
    }
    // The action is the first positional word when it names a command (duplicity(1) SYNOPSIS).
    if (positional.length === 0 && run.action === 'backup' && ACTIONS.has(a)) {
      run.action = a === 'incremental' ? 'incr' : a;
      if (WITH_ACTION_ARG.has(a)) run.actionArg = args[++i];
      continue;
    }
    positional.push(a);
  }
  const last = positional[positional.length - 1];
  if (last !== undefined) run.target = last;
  if (positional.length >= 2) run.source = positional[0];
  // restore/verify take URL first and a local path second.
  if (run.action === 'restore' || run.action === 'verify') {
    if (positional[0] !== undefined) run.target = positional[0];
    delete run.source;
  }
  return run;
}
