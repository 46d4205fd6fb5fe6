import type { EditProposal } from '../../inventory/edit.js';
import type { EjabberdReading } from './interpret-context.js';

/** A YAML scalar as written: a plain word or number, or a quoted string. */
const YAML_SCALAR = String.raw`"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[A-Za-z0-9_.+-]+`;

/**
 * The edit that sets a top-level ejabberd option to `value` (YAML: `true`, `warning`): its value
 * where it is written; when it is not written, a new line before the first top-level key that
 * holds the default's evidence (the `hosts:` key). A value in a flow map, an anchor or a macro is
 * not matched: the suggestion then stays advice.
 */
export function yamlOptionEdit(reading: EjabberdReading, value: string): EditProposal | undefined {
  const name = reading.name.replace(/[^A-Za-z0-9_]/g, '');
  if (!reading.isDefault) {
    return { at: reading.evidence, find: new RegExp(String.raw`${name}\s*:\s*(?<old>${YAML_SCALAR})\s*(?:#.*)?$`), text: value };
  }
  // A new top-level key goes at column 1, before a line that is itself a top-level key.
  return { at: { ...reading.evidence, column: 1 }, find: /(?<old>)(?=[A-Za-z_][A-Za-z0-9_]*\s*:)/, text: `${reading.name}: ${value}\n` };
}
