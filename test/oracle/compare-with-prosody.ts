import { isDeepStrictEqual } from 'node:util';
import type { ProsodyConfig, ProsodySection } from '../../src/software/prosody/config-model.js';
import { ABSENT, UNKNOWN, inCanonicalOrder, luaValueToJson, type Comparable, type Json } from './lua-value-json.js';
import { DUMPER, PROSODY_SOURCE_DIR } from './run-dumper.js';

export interface OptionComparison {
  /** Options whose value both sides know and agree on. */
  agreed: number;
  /** "section/option: Prosody has X, privacy-lint has Y" for each disagreement. */
  mismatches: string[];
  /** "section/option" for each option privacy-lint holds as `unknown` (not compared). */
  unknown: string[];
}

const show = (value: Comparable): string =>
  value === ABSENT ? '(absent)' : value === UNKNOWN ? '(unknown)' : JSON.stringify(value);

/**
 * Our section's own options as Prosody's raw section table holds them: besides what the config
 * assigns, `VirtualHost` stores `defined = true` (0.12 core/configmanager.lua:160) and
 * `Component` stores `component_module` and `load_global_modules = false` (:189-191, :202).
 * privacy-lint keeps those in the section itself (kind, componentModule), so they are added
 * here unless the config assigned them explicitly.
 */
export function sectionAsProsodyHoldsIt(section: ProsodySection): Map<string, Comparable> {
  const options = new Map<string, Comparable>();
  for (const [name, option] of section.options) {
    const json = luaValueToJson(option.value);
    options.set(name, json === ABSENT || json === UNKNOWN ? json : inCanonicalOrder(json));
  }
  const implicit: [string, Json][] =
    section.kind === 'host'
      ? [['defined', true]]
      : section.kind === 'component'
        ? [
            ['component_module', section.componentModule?.value ?? 'component'],
            ['load_global_modules', false],
          ]
        : [];
  for (const [name, value] of implicit) if (!options.has(name)) options.set(name, value);
  return options;
}

export function compareOptions(
  prosody: Record<string, Record<string, Json>>,
  ours: ProsodyConfig,
): OptionComparison {
  const result: OptionComparison = { agreed: 0, mismatches: [], unknown: [] };
  for (const [sectionName, prosodyOptions] of Object.entries(prosody)) {
    const section = ours.sections.get(sectionName);
    if (!section) continue; // reported by the section-name comparison
    const ourOptions = sectionAsProsodyHoldsIt(section);
    const names = new Set([...Object.keys(prosodyOptions), ...ourOptions.keys()]);
    for (const name of [...names].sort()) {
      const theirs: Comparable = Object.hasOwn(prosodyOptions, name)
        ? inCanonicalOrder(prosodyOptions[name] as Json)
        : ABSENT;
      const mine = ourOptions.get(name) ?? ABSENT;
      const where = `[${sectionName}] ${name}`;
      if (mine === UNKNOWN) {
        result.unknown.push(where);
      } else if (isDeepStrictEqual(theirs, mine)) {
        result.agreed += 1;
      } else {
        result.mismatches.push(`${where}: Prosody has ${show(theirs)}, privacy-lint has ${show(mine)}`);
      }
    }
  }
  return result;
}

/** Where and why Prosody refused a config, read from the error text its loader raised. */
export interface ProsodyRefusal {
  /** The config file the error names (its tail: Lua cuts long chunk names to "...tail"), if any. */
  fileTail?: string;
  line?: number;
  reason: string;
}

/**
 * Splits Prosody's error into place and reason. Paths under the oracle's root are written as
 * the server sees them (/etc/prosody/...); a leading place inside Prosody itself
 * ("/usr/lib/prosody/core/configmanager.lua:226: ") or the dumper running it is dropped: it says
 * nothing of the config.
 */
export function readRefusal(error: string, root: string): ProsodyRefusal {
  let text = error.split(root).join('');
  for (const own of [`${PROSODY_SOURCE_DIR}/`, DUMPER]) {
    if (text.startsWith(own)) text = text.replace(/^\S+?\.lua:\d+: /, '');
  }
  const placed = /^(?:\.\.\.)?(\S+?):(\d+): ([\s\S]*)$/.exec(text);
  if (!placed) return { reason: text };
  return { fileTail: placed[1], line: Number(placed[2]), reason: placed[3] as string };
}

/**
 * The words of Prosody's reason that privacy-lint's message must contain. Where the two say the
 * same thing in other words, the shared part:
 * - syntax errors: Lua's parser and luaparse word them differently ("unexpected symbol near
 *   '='" / "<expression> expected near '='", "near '..'" / "unexpected symbol '..' near '/'");
 *   both name the token where Lua stopped, quoted: "'='";
 * - an include cycle: Lua stops with "C stack overflow"; privacy-lint says the includes go on
 *   "until it runs out of stack";
 * - a missing include or script: io.open's message repeats the path and adds strerror
 *   ("X: X: No such file or directory"); the path and "cannot open"/"Error loading" are shared.
 */
export function reasonWords(reason: string): string {
  const near = /^(?:unexpected symbol|.+ expected|unfinished string) near ('.+')$/.exec(reason);
  if (near) return near[1] as string;
  if (reason === 'C stack overflow') return 'runs out of stack';
  const loading = /^Error loading included (\S+): \1: (.*)$/.exec(reason);
  if (loading) return `Error loading included ${loading[1] as string}: ${loading[2] as string}`;
  const opening = /^(cannot open \S+): No such file or directory$/.exec(reason);
  if (opening) return opening[1] as string;
  return reason;
}

/**
 * Lua 5.4.4 gives an arithmetic error on a constant operand the line of an earlier instruction
 * (`x = 1\n\ndays = 7 // 0` fails "at line 1"), so for those the line is not compared.
 */
const LINE_UNRELIABLE = /^attempt to (divide by zero|perform 'n%0')$/;

/**
 * The privacy-lint diagnostic that gives Prosody's reason for refusing, at Prosody's place when
 * it names one; undefined when none does.
 */
export function diagnosticForRefusal(refusal: ProsodyRefusal, ours: ProsodyConfig): ProsodyConfig['diagnostics'][number] | undefined {
  const words = reasonWords(refusal.reason);
  return ours.diagnostics.find(
    (d) =>
      ['parse-error', 'config-error', 'include-error'].includes(d.code) &&
      d.message.includes(words) &&
      (refusal.fileTail === undefined || d.position.file.endsWith(refusal.fileTail)) &&
      (refusal.line === undefined || LINE_UNRELIABLE.test(refusal.reason) || d.position.line === refusal.line),
  );
}
