import type { ShellWord } from './shell-words.js';

/**
 * What a wrapper command runs: either more words (`sudo -u ejabberd ejabberdctl ...` runs
 * `ejabberdctl ...`) or a script string to tokenise again (`su ejabberd -c '...'`, `sh -c '...'`).
 * Option lists come from the tools' manpages (sudo(8), su(1), runuser(1), env(1), nice(1),
 * ionice(1), timeout(1), flock(1), docker-exec(1), kubectl exec --help).
 */
export type Unwrapped = { kind: 'words'; words: ShellWord[] } | { kind: 'script'; script: ShellWord } | undefined;

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh']);

export function baseName(word: ShellWord | undefined): string {
  if (!word) return '';
  const slash = word.value.lastIndexOf('/');
  return slash < 0 ? word.value : word.value.slice(slash + 1);
}

/** Skips options; `withArg` lists the options that take the next word as their argument. */
function skipOptions(words: ShellWord[], from: number, withArg: Set<string>): number {
  let i = from;
  while (i < words.length) {
    const v = (words[i] as ShellWord).value;
    if (v === '--') return i + 1;
    if (!v.startsWith('-') || v === '-') return i;
    i += withArg.has(v) ? 2 : 1;
  }
  return i;
}

/** The word after `-c`/`--command` (for shells also `-ec`, `-lc`), if any. */
function scriptArgument(words: ShellWord[], shellStyle: boolean): ShellWord | undefined {
  for (let i = 1; i < words.length; i++) {
    const v = (words[i] as ShellWord).value;
    if (v === '-c' || v === '--command' || (shellStyle && /^-[a-z]*c[a-z]*$/.test(v))) return words[i + 1];
    if (v.startsWith('--command=')) {
      const w = words[i] as ShellWord;
      const skip = '--command='.length;
      return { value: w.value.slice(skip), offsets: w.offsets.slice(skip), start: w.offsets[skip] ?? w.start };
    }
    if (shellStyle && !v.startsWith('-')) return undefined; // `sh script.sh args`: a file, not a string
  }
  return undefined;
}

export function unwrapCommand(words: ShellWord[]): Unwrapped {
  const name = baseName(words[0]);
  const rest = (i: number): Unwrapped => (i < words.length ? { kind: 'words', words: words.slice(i) } : undefined);
  const script = (w: ShellWord | undefined): Unwrapped => (w ? { kind: 'script', script: w } : undefined);
  if (SHELLS.has(name)) return script(scriptArgument(words, true));
  switch (name) {
    case 'su':
      return script(scriptArgument(words, false));
    case 'runuser':
      if (scriptArgument(words, false)) return script(scriptArgument(words, false));
      return rest(skipOptions(words, 1, new Set(['-u', '--user', '-g', '--group', '-G', '--supp-group', '-s', '--shell'])));
    case 'sudo':
      return rest(
        skipOptions(words, 1, new Set(['-u', '--user', '-g', '--group', '-C', '-D', '-h', '--host', '-p', '--prompt', '-r', '-t', '-U', '-T'])),
      );
    case 'env': {
      let i = skipOptions(words, 1, new Set(['-u', '--unset', '-C', '--chdir', '-S']));
      while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test((words[i] as ShellWord).value)) i++;
      return rest(i);
    }
    case 'nice':
    case 'ionice':
    case 'stdbuf':
    case 'chrt':
      return rest(skipOptions(words, 1, new Set(['-n', '--adjustment', '-c', '--class', '--classdata', '-i', '-o', '-e', '-p'])));
    case 'nohup':
    case 'chronic':
    case 'exec':
    case 'command':
    case 'time':
      return rest(skipOptions(words, 1, new Set()));
    case 'timeout':
      return rest(skipOptions(words, 1, new Set(['-s', '--signal', '-k', '--kill-after'])) + 1);
    case 'flock': {
      const c = scriptArgument(words, false);
      if (c) return script(c);
      return rest(skipOptions(words, 1, new Set(['-w', '--timeout', '-E', '--conflict-exit-code'])) + 1);
    }
    case 'docker':
    case 'podman': {
      if (words[1]?.value !== 'exec') return undefined;
      const i = skipOptions(
        words,
        2,
        new Set(['-u', '--user', '-w', '--workdir', '-e', '--env', '--env-file', '--detach-keys']),
      );
      return rest(i + 1); // the container name, then the command
    }
    case 'kubectl':
    case 'lxc-attach': {
      const dashes = words.findIndex((w) => w.value === '--');
      return dashes < 0 ? undefined : rest(dashes + 1);
    }
    default:
      return undefined;
  }
}
