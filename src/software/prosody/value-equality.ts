import type { Val } from './runtime-value.js';

/**
 * True when two values are provably the same config value (tables compared by content, as an
 * admin would read them). Unknown values are never provably equal.
 */
export function sameValue(a: Val, b: Val, depth = 0): boolean {
  if (depth > 20) return false;
  switch (a.type) {
    case 'nil':
      return b.type === 'nil';
    case 'boolean':
    case 'string':
    case 'number':
      return b.type === a.type && b.value === a.value;
    case 'function':
      return b.type === 'function' && b.fn === a.fn;
    case 'global':
      return b.type === 'global' && b.path === a.path;
    case 'proxy':
      return b.type === 'proxy' && b.section === a.section && b.option === a.option;
    case 'unknown':
      return false;
    case 'table': {
      if (b.type !== 'table') return false;
      if (a.table === b.table) return true;
      if (a.table.hasUnknownKeys() || b.table.hasUnknownKeys()) return false;
      const ea = a.table.allEntries();
      const eb = b.table.allEntries();
      if (ea.length !== eb.length) return false;
      return ea.every((entry) => {
        const other = b.table.get(entry.key);
        return other !== undefined && sameValue(entry.value, other, depth + 1);
      });
    }
  }
}
