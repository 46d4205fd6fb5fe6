import type { TableConstructorExpression } from 'luaparse';
import type { SourcePosition } from '../../inventory/evidence.js';
import { pos, runtimeError, type FileContext, type Scope } from './eval-state.js';
import { evalExpr, evalMulti } from './evaluate-expression.js';
import { LuaTable, type TableKey } from './lua-table.js';
import type { Val } from './runtime-value.js';

/**
 * A key usable for a static table lookup: floats with an integral value are normalised to
 * integers as Lua does (ltable.c luaH_set: 2.0 and 2 are the same key). undefined for keys that
 * cannot be compared statically (unknown, tables, functions).
 */
export function tableKey(key: Val): TableKey | undefined {
  if (key.kind === 'number') return Number.isInteger(key.value) ? { ...key, float: false } : key;
  if (key.kind === 'string' || key.kind === 'boolean') return key;
  return undefined;
}

/** Checks a key for `t[k] = v`: nil and NaN keys are Lua errors. */
export function invalidKeyError(key: Val): string | undefined {
  if (key.kind === 'nil') return 'table index is nil';
  if (key.kind === 'number' && Number.isNaN(key.value)) return 'table index is NaN';
  return undefined;
}

/**
 * `{ ... }`: positional items are stored after the keyed ones, as Lua's SETLIST does at the end
 * of the constructor (so `{ [1] = "a", "b" }` holds "b" at 1). A call or `...` in last position
 * expands to all its values.
 */
export function evalTableConstructor(ctx: FileContext, scope: Scope, expr: TableConstructorExpression): Val {
  const at = pos(ctx, expr);
  const table = new LuaTable(ctx.state.spec.level);
  const positional: { value: Val; at: SourcePosition }[] = [];
  expr.fields.forEach((field, i) => {
    const fieldAt = pos(ctx, field);
    if (field.type === 'TableValue') {
      if (i === expr.fields.length - 1) {
        const multi = evalMulti(ctx, scope, field.value, { warnNil: true });
        for (const value of multi.values) positional.push({ value, at: fieldAt });
        if (multi.rest) positional.push({ value: multi.rest, at: fieldAt });
      } else {
        positional.push({ value: evalExpr(ctx, scope, field.value, { warnNil: true }), at: fieldAt });
      }
      return;
    }
    if (field.type === 'TableKeyString') {
      const value = evalExpr(ctx, scope, field.value, { warnNil: true });
      table.set({ kind: 'string', value: field.key.name, at: pos(ctx, field.key) }, value, pos(ctx, field.key));
      return;
    }
    const key = evalExpr(ctx, scope, field.key);
    const value = evalExpr(ctx, scope, field.value, { warnNil: true });
    const error = invalidKeyError(key);
    if (error) {
      runtimeError(ctx.state, pos(ctx, field.key), error);
      return;
    }
    const k = tableKey(key);
    if (k) table.set(k, value, pos(ctx, field.key));
    else if (value.kind !== 'nil') table.addUnknownEntry(value);
  });
  positional.forEach((item, i) => {
    table.set({ kind: 'number', value: i + 1, float: false, at: item.at }, item.value, item.at);
  });
  return { kind: 'table', table, at };
}
