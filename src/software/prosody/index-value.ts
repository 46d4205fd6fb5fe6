import type { Expression } from 'luaparse';
import type { SourcePosition } from '../../inventory/evidence.js';
import { report, runtimeError, type FileContext, type Scope } from './eval-state.js';
import { culprit } from './evaluate-expression.js';
import { invalidKeyError, tableKey } from './evaluate-table.js';
import { globalType } from './lua-globals.js';
import { optionReadBackHint } from './read-name.js';
import { luaTypeName, nil, unknown, type Val } from './runtime-value.js';

const PROXY_METHODS = new Set(['append', 'value', 'values']);

/** The error for indexing a non-table, with a hint when the base is an option read back. */
function indexError(ctx: FileContext, scope: Scope, baseExpr: Expression, base: Val, at: SourcePosition): Val {
  let message = `attempt to index a ${luaTypeName(base)} value${culprit(scope, baseExpr, base)}`;
  if (base.type === 'nil' && baseExpr.type === 'Identifier') {
    const hint = optionReadBackHint(ctx, baseExpr.name);
    if (hint) message += `: ${hint}`;
  }
  runtimeError(ctx.state, at, message);
  return unknown(`a Lua error: ${message}`, at);
}

/** `base[key]` / `base.key`. */
export function indexValue(ctx: FileContext, scope: Scope, baseExpr: Expression, base: Val, key: Val, at: SourcePosition): Val {
  switch (base.type) {
    case 'table': {
      if (key.type === 'nil') return nil(at);
      const k = tableKey(key);
      if (!k) return unknown(key.type === 'unknown' ? key.reason : 'a table entry whose key is known only at runtime', at);
      const value = base.table.get(k);
      if (value) return value;
      if (base.table.hasUnknownKeys()) return unknown('a table entry that may have been set with a key known only at runtime', at);
      return nil(at);
    }
    case 'proxy': {
      // 13.0 core/configmanager.lua:129-161: only append/value/values, anything else raises.
      if (key.type === 'string' && PROXY_METHODS.has(key.value)) {
        return { type: 'function', fn: { type: 'proxy-method', method: key.value as 'append' | 'value' | 'values', proxy: base }, at };
      }
      if (key.type === 'unknown') return unknown(key.reason, at);
      const name = key.type === 'string' ? key.value : luaTypeName(key);
      runtimeError(ctx.state, at, `Unknown config option operation: '${name}'`);
      return unknown(`a Lua error: Unknown config option operation: '${name}'`, at);
    }
    case 'global':
      if (globalType(base.path) === 'function') return indexError(ctx, scope, baseExpr, base, at);
      if (key.type === 'string') return { type: 'global', path: base.path === '' ? key.value : `${base.path}.${key.value}`, at };
      return unknown(`a field of ${base.path === '' ? '_G' : base.path}`, at);
    case 'string':
      // Strings index the string library (`("x").upper`).
      if (key.type === 'string') return { type: 'global', path: `string.${key.value}`, at };
      return nil(at);
    case 'unknown':
      return unknown(base.reason, at);
    default:
      return indexError(ctx, scope, baseExpr, base, at);
  }
}

/** `base[key] = value` / `base.key = value` (not a name: never an option of the config). */
export function assignIndex(
  ctx: FileContext,
  scope: Scope,
  baseExpr: Expression,
  base: Val,
  key: Val,
  value: Val,
  at: SourcePosition,
): void {
  const state = ctx.state;
  switch (base.type) {
    case 'table': {
      const error = invalidKeyError(key);
      if (error) {
        runtimeError(state, at, error);
        return;
      }
      const stored = state.spec.level > base.table.level ? unknown(`set ${state.spec.reason}`, value.at) : value;
      const k = tableKey(key);
      if (k) base.table.set(k, stored, key.at);
      else if (stored.type !== 'nil') base.table.addUnknownEntry(stored);
      return;
    }
    case 'proxy':
      // The proxy is a plain table without __newindex: the field lands in the proxy object.
      report(
        state,
        'config-warning',
        at,
        `Assigning to a field of option '${base.option}' has no effect in Prosody 13.0 (it lands in a proxy object); ` +
          `the option is unchanged`,
      );
      return;
    case 'global':
      if (globalType(base.path) === 'function') indexError(ctx, scope, baseExpr, base, at);
      // A field of a Lua global table: not an option.
      return;
    case 'unknown':
      return;
    default:
      indexError(ctx, scope, baseExpr, base, at);
  }
}
