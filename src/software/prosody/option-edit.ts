import type { EditProposal } from '../../inventory/edit.js';
import type { OptionReading } from './option-reader.js';

/**
 * A Lua value as written: a quoted string, a boolean, a number or a product of numbers
 * (`30 * 24 * 60 * 60`). Anything else (a variable, a call, a table) is not changed by an edit.
 */
const LUA_VALUE = String.raw`"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|true|false|-?[0-9][0-9.]*(?:\s*[*]\s*[0-9][0-9.]*)*`;

/**
 * The edit that sets an option Prosody reads to `literal` (Lua syntax: `false`, `"20d"`): the
 * value in the assignment that sets it (the global one when a host inherits it), so the setting
 * stays where its author put it. An option that is not set gets no edit: where it belongs (which
 * section, which file) is the admin's choice, and the suggestion stays advice.
 */
export function optionValueEdit(reading: OptionReading, literal: string): EditProposal | undefined {
  if (reading.isDefault || reading.unknown) return undefined;
  return { at: reading.evidence, find: assignmentPattern(reading.name), text: literal };
}

/**
 * One pattern per option name, shared by every host that sets the option: 100,000 hosts setting
 * archive_expires_after made 100,000 equal patterns. Sharing is safe because the pattern has no
 * `g` or `y` flag (no lastIndex to carry) and edits are matched through a copy (src/fix/resolve-edits.ts).
 */
const patterns = new Map<string, RegExp>();

function assignmentPattern(option: string): RegExp {
  let pattern = patterns.get(option);
  if (pattern === undefined) {
    const name = option.replace(/[^A-Za-z0-9_]/g, '');
    pattern = new RegExp(String.raw`${name}\s*=\s*(?<old>${LUA_VALUE})\s*(?:[;,]|--|$)`);
    patterns.set(option, pattern);
  }
  return pattern;
}
