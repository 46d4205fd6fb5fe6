import type { SourcePosition } from '../../inventory/evidence.js';
import type { CleanupAction } from './job-model.js';
import { splitShell, type ShellWord, type SimpleCommand } from './shell-words.js';
import { baseName, unwrapCommand } from './unwrap-command.js';
import { recogniseEjabberdctl } from './recognise-ejabberdctl.js';
import { recogniseFind } from './recognise-find.js';
import { appendAll } from '../../arrays/append-all.js';
import { TextCache } from '../../arrays/text-cache.js';

/** Maps an offset in a command string to its place in the file. */
export type Locate = (offset: number) => SourcePosition;

/**
 * A locator for a command string that starts at `at`: offsets on its first line add to the
 * column; after a newline (a whole script) lines count on from `at.line`.
 */
export function locatorFrom(text: string, at: SourcePosition): Locate {
  // The offsets of the newlines, found at the first lookup: counting them in the text before
  // each offset made every lookup in a 20,000-line script cost the whole script.
  let newlines: number[] | undefined;
  return (offset) => {
    if (newlines === undefined) {
      newlines = [];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) newlines.push(i);
    }
    // How many newlines come before the offset.
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((newlines[mid] as number) < offset) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return { file: at.file, line: at.line, column: at.column + offset };
    return { file: at.file, line: at.line + lo, column: offset - (newlines[lo - 1] as number) };
  };
}

/**
 * The data-removing actions in a shell command: ejabberdctl cleanup commands and
 * `find ... -mtime +N -delete` (or `-exec rm`, or `| xargs rm`), looking through wrappers
 * (`sh -c`, `su -c`, `sudo -u`, `runuser`, `docker exec`, ...). `at` is where the command text
 * starts in its file; each action is positioned at its command name (`ejabberdctl`, `find`).
 */
export function recogniseCleanup(command: string, at: SourcePosition): CleanupAction[] {
  return recogniseCleanupAt(command, locatorFrom(command, at));
}

/**
 * The actions of each distinct command text, each `at` holding only the offset (as its column) at
 * which the locator was asked: thousands of jobs run a few distinct commands, and each is
 * recognised once, then placed in the job's own file.
 */
const byText = new TextCache<readonly CleanupAction[]>(4096);
const offsetOnly: Locate = (offset) => ({ file: '', line: 0, column: offset });

/** As recogniseCleanup, with a caller-supplied locator (systemd values spanning continued lines). */
export function recogniseCleanupAt(source: string, locate: Locate): CleanupAction[] {
  let found = byText.get(source);
  if (found === undefined) byText.set(source, (found = recogniseIn(source, offsetOnly, 0)));
  return found.map((action) => ({ ...action, at: locate(action.at.column) }));
}

function recogniseIn(source: string, locate: Locate, depth: number): CleanupAction[] {
  const actions: CleanupAction[] = [];
  const commands = splitShell(source);
  commands.forEach((command, index) => {
    appendAll(actions, recogniseSimple(command, commands[index + 1], locate, depth));
  });
  return actions;
}

function recogniseSimple(
  command: SimpleCommand,
  next: SimpleCommand | undefined,
  locate: Locate,
  depth: number,
): CleanupAction[] {
  let words: ShellWord[] = command.words;
  // Bounded: wrappers nest a few levels at most (`sudo -u x sh -c '...'`).
  for (let level = 0; level < 8; level++) {
    const name = baseName(words[0]);
    const wordAt = (w: ShellWord): SourcePosition => locate(w.offsets[0] ?? w.start);
    if (name === 'ejabberdctl') return recogniseEjabberdctl(words, wordAt(words[0] as ShellWord));
    if (name === 'find') {
      return recogniseFind(words, command.pipedToNext ? next : undefined, wordAt(words[0] as ShellWord));
    }
    const inner = unwrapCommand(words);
    if (!inner) return [];
    if (inner.kind === 'words') {
      words = inner.words;
      continue;
    }
    if (depth >= 4) return [];
    const script = inner.script;
    return recogniseIn(script.value, (o) => locate(script.offsets[o] ?? script.start), depth + 1);
  }
  return [];
}
