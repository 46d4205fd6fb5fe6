import { TextCache } from '../arrays/text-cache.js';
import { PATH_MAX } from '../files/path-max.js';

/**
 * Text from configs and file names is shown, never obeyed. A config value or a file name may hold
 * bytes that a terminal, a CI runner or an XML parser would act on: ESC sequences (colours, clear
 * screen, OSC 8 links, OSC 0 window titles), BEL, NUL, CR that overwrites a line, a newline that
 * starts a GitHub workflow command, bidi overrides that reorder what is read ("Trojan Source",
 * CVE-2021-42574), lone surrogates and U+FFFE/U+FFFF that XML 1.0 does not allow. Each of them is
 * shown as a visible escape instead, so every reporter writes plain, printable text.
 */

// C0 and C1 control characters, DEL, the Unicode line/paragraph separators, the bidi controls,
// the two XML non-characters, lone surrogates; and `##[`, the legacy GitHub Actions command
// prefix that the runner obeys anywhere in a line (actions/runner src/Runner.Common/ActionCommand.cs,
// TryParse looks for it with IndexOf, not at the line start).
const unsafe =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|##\[/g;

// A line the GitHub runner reads as a workflow command: `::` after leading blanks, which it trims
// (actions/runner ActionCommand.TryParseV2).
const commandStart = /^(\s*):(?=:)/;

const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escape(match: string): string {
  if (match === '##[') return '##\\x5b';
  const known = named[match];
  if (known !== undefined) return known;
  const code = match.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/**
 * A one-line text (a message, a value, a file name): every control character escaped, newlines
 * included. Reporters start lines with some of these (stylish with a file name, JUnit bodies
 * with `file:line`), so one that begins like a workflow command gets its first colon escaped.
 */
export function neutraliseLine(text: string): string {
  // Nearly every message and value is safe: one test instead of two replacements over the whole
  // pattern (a run with 2,500 findings neutralises their messages, suggestions and evidence).
  if (isSafeLine(text)) return text;
  return clipped(text).replace(unsafe, escape).replace(commandStart, '$1\\x3a');
}

/** The same characters as `unsafe`, found without replacing: for telling whether a text needs escaping at all. */
const unsafeAnywhere = new RegExp(unsafe.source);

/**
 * True when neutraliseLine would return the text unchanged: not clipped, nothing to escape, no
 * workflow command at its start. One scan and no new string, where comparing with
 * neutraliseLine's result made two replacements; reporters ask this of every evidence note.
 */
export function isSafeLine(text: string): boolean {
  if (text.length > LONGEST_SHOWN) return false;
  // Most texts are printable ASCII, where `##[` is the only unsafe sequence: a scan of one
  // character range finds that in a third of the time of the whole pattern.
  const unsafeFound = printableAscii.test(text) ? text.includes('##[') : unsafeAnywhere.test(text);
  return !unsafeFound && !commandStart.test(text);
}

const printableAscii = /^[\x20-\x7e]*$/;

/**
 * True when neutraliseBlock would return the text unchanged. A run asks it of the same few fix
 * templates for every host, so the answer is kept per text.
 */
export function isSafeBlock(text: string): boolean {
  let safe = safeBlocks.get(text);
  if (safe === undefined) safeBlocks.set(text, (safe = neutraliseBlock(text) === text));
  return safe;
}

const safeBlocks = new TextCache<boolean>(10_000);

/**
 * The longest text shown whole. No real value comes near it: Linux refuses paths longer than
 * PATH_MAX (4096, linux/limits.h), and a message quotes a value a few times at most. A longer
 * one (a 2 MB line of a mangled config, quoted in three messages) would make every report
 * megabytes of one value; its start and its length say enough.
 */
export const LONGEST_SHOWN = PATH_MAX;

function clipped(text: string): string {
  if (text.length <= LONGEST_SHOWN) return text;
  const head = text.slice(0, LONGEST_SHOWN - 100);
  return `${head}…[${(text.length - head.length).toLocaleString('en-US')} more characters not shown]`;
}

/**
 * A file name. Reporters show it relative to a directory, so the text a line starts with may be
 * any of its segments: each one that begins like a workflow command gets its colon escaped.
 */
export function neutralisePath(file: string): string {
  // The common path (printable ASCII, no `::`, no `##[`) is returned as it is without a cache
  // entry: a run over 15,000 job files asks for each once, and the cache was cleared at every
  // 10,000th, escaping them all.
  if (isPlainPath(file)) return file;
  let safe = safePaths.get(file);
  if (safe === undefined) {
    safe = neutraliseLine(file).replace(/(^|[/\\])(\s*):(?=:)/g, '$1$2\\x3a');
    // A run names few files, each in thousands of findings and evidence entries: escape each once.
    if (safePaths.size >= 10_000) safePaths.clear();
    safePaths.set(file, safe);
  }
  return safe;
}

const safePaths = new Map<string, string>();

/**
 * True when neutralisePath returns the path unchanged, told without a replacement: short enough
 * to be shown whole, printable ASCII (so no control character, bidi control or lone surrogate),
 * no `##[`, and no `::`, which both workflow-command patterns (at the start, after a separator)
 * need.
 */
function isPlainPath(file: string): boolean {
  return file.length <= LONGEST_SHOWN && printableAscii.test(file) && !file.includes('##[') && !file.includes('::');
}

const printableAsciiLines = /^[\x20-\x7e\n\t]*$/;

/**
 * True when neutraliseBlock returns the text unchanged, told without splitting it: each of its
 * lines and tab-separated parts is short enough to be shown whole, printable ASCII, without `##[`,
 * and no part can start a workflow command, since there is no `::` at all.
 */
function isPlainBlock(text: string): boolean {
  return text.length <= LONGEST_SHOWN && printableAsciiLines.test(text) && !text.includes('##[') && !text.includes('::');
}

/**
 * A text that is several lines by design (a suggested config snippet): newlines and tabs stay,
 * everything else is escaped as in a line. Each of its lines that would start a workflow command
 * gets its first colon escaped, since a newline inside a config value cannot be told from the
 * snippet's own.
 */
export function neutraliseBlock(text: string): string {
  if (isPlainBlock(text)) return text;
  return text
    .split('\n')
    .map((line) => line.split('\t').map(neutraliseLine).join('\t').replace(commandStart, '$1\\x3a'))
    .join('\n');
}
