import type { SourcePosition } from '../../../inventory/evidence.js';
import { locatorFrom, type Locate } from '../../scheduled-jobs/recognise-cleanup.js';
import { splitShell, type ShellWord } from '../../scheduled-jobs/shell-words.js';
import { baseName, unwrapCommand } from '../../scheduled-jobs/unwrap-command.js';
import type { JobText } from './job-texts.js';
import { groupInto } from '../../../arrays/group-into.js';

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
 * `nice`, `flock`) is one of `names`. Quotes are removed; `$VAR` stays as written. Only the texts
 * that run one of `names` at all are read for it (see programsIndex).
 */
export function findInvocations(texts: readonly JobText[], names: Set<string>): Invocation[] {
  const found: Invocation[] = [];
  const index = programsIndex(texts);
  const lists = [...names].map((name) => index.get(name) ?? []);
  const running = lists.length === 1 ? (lists[0] as number[]) : [...new Set(lists.flat())].sort((a, b) => a - b);
  for (const i of running) {
    const source = texts[i] as JobText;
    collect(source, source.text, locatorFrom(source.text, source.at), names, found, 0);
  }
  return found;
}

/**
 * For each program name, the texts of a list (by their place in it) that run it anywhere: in a
 * command, after a wrapper or inside an `sh -c` string, as `collect` looks. Built once per list,
 * reading each distinct text once: four readers asked of 20,000 texts with two distinct ones,
 * and each split and unwrapped every one of them again.
 */
function programsIndex(texts: readonly JobText[]): Map<string, number[]> {
  let index = programsIndexes.get(texts);
  if (index !== undefined) return index;
  index = new Map<string, number[]>();
  const programsOfText = new Map<string, Set<string>>();
  // Indexed: an entries() iterator makes a pair per text (10,000 jobs).
  for (let i = 0; i < texts.length; i++) {
    const source = texts[i] as JobText;
    let programs = programsOfText.get(source.text);
    if (programs === undefined) programsOfText.set(source.text, (programs = programsOf(source.text, new Set(), 0)));
    for (const name of programs) groupInto(index, name, i);
  }
  programsIndexes.set(texts, index);
  return index;
}

const programsIndexes = new WeakMap<readonly JobText[], Map<string, number[]>>();

/** Every program name `collect` meets in a text, at every level of wrappers it looks through. */
function programsOf(text: string, out: Set<string>, depth: number): Set<string> {
  for (const command of splitShell(text)) {
    let words: ShellWord[] = command.words;
    for (let level = 0; level < 8 && words.length > 0; level++) {
      out.add(baseName(words[0]));
      const inner = unwrapCommand(words);
      if (!inner) break;
      if (inner.kind === 'words') {
        words = inner.words;
        continue;
      }
      if (depth < 4) programsOf(inner.script.value, out, depth + 1);
      break;
    }
  }
  return out;
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
