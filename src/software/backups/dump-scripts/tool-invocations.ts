import type { SourcePosition } from '../../../inventory/evidence.js';
import { locatorFrom, type Locate } from '../../scheduled-jobs/recognise-cleanup.js';
import { splitShell, type ShellWord } from '../../scheduled-jobs/shell-words.js';
import { baseName, unwrapCommand } from '../../scheduled-jobs/unwrap-command.js';
import type { JobText } from './job-texts.js';

/** One run of a tool found in a job's text: its arguments (after the tool name) with positions. */
export interface Invocation {
  source: JobText;
  /** The tool's name as found (basename). */
  tool: string;
  at: SourcePosition;
  args: string[];
  argsAt: SourcePosition[];
}

/**
 * Every simple command in the texts whose program (after wrappers such as `sudo -u`, `sh -c`,
 * `nice`, `flock`) is one of `names`. Quotes are removed; `$VAR` stays as written.
 */
export function findInvocations(texts: JobText[], names: Set<string>): Invocation[] {
  const found: Invocation[] = [];
  for (const source of texts) collect(source, source.text, locatorFrom(source.text, source.at), names, found, 0);
  return found;
}

function collect(source: JobText, text: string, locate: Locate, names: Set<string>, found: Invocation[], depth: number): void {
  for (const command of splitShell(text)) {
    let words: ShellWord[] = command.words;
    for (let level = 0; level < 8 && words.length > 0; level++) {
      const name = baseName(words[0]);
      if (names.has(name)) {
        const pos = (w: ShellWord): SourcePosition => locate(w.offsets[0] ?? w.start);
        found.push({
          source,
          tool: name,
          at: pos(words[0] as ShellWord),
          args: words.slice(1).map((w) => w.value),
          argsAt: words.slice(1).map(pos),
        });
        break;
      }
      const inner = unwrapCommand(words);
      if (!inner) break;
      if (inner.kind === 'words') {
        words = inner.words;
        continue;
      }
      if (depth < 4) {
        const script = inner.script;
        collect(source, script.value, (o) => locate(script.offsets[o] ?? script.start), names, found, depth + 1);
      }
      break;
    }
  }
}
