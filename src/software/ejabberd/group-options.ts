import type { SourcePosition } from '../../inventory/evidence.js';
import type { EjabberdEntry, EjabberdOption, EjabberdValue } from './config-model.js';
import { describeKind } from './fast-yaml-value.js';
import { report, type ReaderState, where } from './reader-state.js';

/** Concatenation of two Erlang lists (YAML lists or maps), keeping the first value's position. */
export function concatValues(a: EjabberdValue, b: EjabberdValue): EjabberdValue | undefined {
  const empty = (v: EjabberdValue): boolean => (v.kind === 'list' && v.items.length === 0) || (v.kind === 'map' && v.entries.length === 0);
  if (a.kind === 'map' && b.kind === 'map') return { ...a, entries: [...a.entries, ...b.entries] };
  if (a.kind === 'list' && b.kind === 'list') return { ...a, items: [...a.items, ...b.items] };
  if (empty(a)) return { ...b, at: a.at };
  if (empty(b)) return a;
  return undefined;
}

/** concatValues for a value made by concatenation in this pass, whose arrays are its own. */
function appendInPlace(a: EjabberdValue, b: EjabberdValue): EjabberdValue | undefined {
  if (a.kind === 'list' && b.kind === 'list') {
    for (const item of b.items) a.items.push(item);
    return a;
  }
  if (a.kind === 'map' && b.kind === 'map') {
    for (const entry of b.entries) a.entries.push(entry);
    return a;
  }
  return concatValues(a, b);
}

/**
 * econf:group_dups/1 followed by yconf's `unique` options check (ejabberd 23.01 src/econf.erl
 * group_dups/1; ejabberd_config:validate/1 and ejabberd_options:validator/0 for host_config):
 * an option given more than once has its values concatenated when every value is a list or a
 * map; otherwise ejabberd refuses to start with "Duplicated option: X". Returns the options in
 * order of first occurrence; on a refused duplicate the first value is kept.
 */
export function groupOptions(state: ReaderState, entries: EjabberdEntry[], context: string): Map<string, EjabberdOption> {
  const result = new Map<string, EjabberdOption>();
  // Values this call made by concatenation (fresh arrays): a later repeat is appended in place.
  // Copying the whole list at each repeat was quadratic (20,000 `hosts:` lines: minutes).
  const grown = new WeakSet<EjabberdValue>();
  for (const entry of entries) {
    const earlier = result.get(entry.key);
    if (!earlier) {
      result.set(entry.key, { name: entry.key, value: entry.value, at: entry.keyAt, occurrences: [entry.keyAt] });
      continue;
    }
    const sameKind = earlier.value.kind === entry.value.kind;
    const merged = grown.has(earlier.value) ? appendInPlace(earlier.value, entry.value) : earlier.value.kind === 'list' || earlier.value.kind === 'map' ? concatValues(earlier.value, entry.value) : undefined;
    // Only a concatenation of two lists or two maps has fresh arrays; an empty value merged with
    // another shares that value's array.
    if (merged && sameKind && (merged.kind === 'list' || merged.kind === 'map')) grown.add(merged);
    if (merged) {
      const previous = earlier.occurrences[earlier.occurrences.length - 1] as SourcePosition;
      if (previous.file === entry.keyAt.file) {
        // Accepted by ejabberd, but a repeated key in one file is usually a slip.
        report(state, 'config-warning', entry.keyAt, `Option '${entry.key}'${context} appears again (first at ${where(previous, entry.keyAt)}): ejabberd merges both values into one`, 'Merge them into one entry');
      }
      earlier.value = merged;
      earlier.occurrences.push(entry.keyAt);
      continue;
    }
    const both = `${describeKind(earlier.value)} at ${where(earlier.at, entry.keyAt)} and ${describeKind(entry.value)} here`;
    report(
      state,
      'config-error',
      entry.keyAt,
      `Duplicated option: ${entry.key}${context}: ejabberd merges repeated options only when all their values are lists or maps (${both}), and refuses to start otherwise`,
      'Keep one of them',
    );
  }
  return result;
}

/**
 * Duplicate keys inside one nested YAML map. fast_yaml keeps both entries (maps are lists of
 * pairs); validators built with `unique` (yconf options/1, map/3 with [unique]) refuse them,
 * the others keep both and ejabberd's lookups (proplists:get_value/2, lists:keyfind/3) read
 * the first. `refused` says which applies at this level; deeper levels are only warned about.
 */
export function checkNestedDuplicates(state: ReaderState, value: EjabberdValue, context: string, refused: boolean): void {
  if (value.kind === 'list') {
    for (const item of value.items) checkNestedDuplicates(state, item, context, false);
    return;
  }
  if (value.kind !== 'map') return;
  const seen = new Map<string, EjabberdEntry>();
  for (const entry of value.entries) {
    const earlier = seen.get(entry.key);
    if (earlier) {
      if (refused) {
        report(state, 'config-error', entry.keyAt, `Duplicated option: ${entry.key}${context} (also at ${where(earlier.keyAt, entry.keyAt)}): ejabberd refuses to start`, 'Keep one of them');
      } else {
        report(
          state,
          'config-warning',
          entry.keyAt,
          `Duplicate key '${entry.key}'${context}: it is already at ${where(earlier.keyAt, entry.keyAt)}; ejabberd keeps both entries, and which one takes effect depends on the option (most lookups read the first; this reader does too)`,
          'Remove one of them',
        );
      }
    } else {
      seen.set(entry.key, entry);
    }
    checkNestedDuplicates(state, entry.value, context, false);
  }
}
