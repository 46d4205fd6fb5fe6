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
  if (key.type === 'number') return Number.isInteger(key.value) ? { ...key, float: false } : key;
  if (key.type === 'string' || key.type === 'boolean') return key;
  return undefined;
}

/** Checks a key for `t[k] = v`: nil and NaN keys are Lua errors. */
export function invalidKeyError(key: Val): string | undefined {
  if (key.type === 'nil') return 'table index is nil';
  if (key.type === 'number' && Number.isNaN(key.value)) return 'table index is NaN';
  return undefined;
}

/**
 * `{ "a", "b" }`, the commonest table in configs, in arrays of exactly its size (push() on an
 * empty array reserves 16 entries); only a call or `...` in last position can add values.
 */
function evalList(ctx: FileContext, scope: Scope, expr: TableConstructorExpression): Val {
  const at = pos(ctx, expr);
  const fields = expr.fields;
  const last = fields[fields.length - 1]?.value;
  const multiLast = last !== undefined && (last.type === 'CallExpression' || last.type === 'StringCallExpression' || last.type === 'TableCallExpression' || last.type === 'VarargLiteral');
  const n = multiLast ? fields.length - 1 : fields.length;
  let values: Val[] = new Array<Val>(n);
  let ats: SourcePosition[] = new Array<SourcePosition>(n);
  for (let i = 0; i < n; i++) {
    const field = fields[i] as TableConstructorExpression['fields'][number];
    ats[i] = pos(ctx, field);
    values[i] = evalExpr(ctx, scope, field.value, { warnNil: true });
  }
  if (multiLast) {
    const fieldAt = pos(ctx, fields[n] as TableConstructorExpression['fields'][number]);
    const multi = evalMulti(ctx, scope, last, { warnNil: true });
    const more = multi.rest ? [...multi.values, multi.rest] : multi.values;
    values = values.concat(more);
    ats = ats.concat(more.map(() => fieldAt));
  }
  if (!values.some((v) => v.type === 'nil')) return { type: 'table', table: new LuaTable(ctx.state.spec.level, values, ats), at };
  // A nil leaves a hole: set one by one, as below.
  const table = new LuaTable(ctx.state.spec.level);
  values.forEach((value, i) => table.set({ type: 'number', value: i + 1, float: false, at: ats[i] as SourcePosition }, value, ats[i] as SourcePosition));
  return { type: 'table', table, at };
}

/**
 * `{ ... }`: positional items are stored after the keyed ones, as Lua's SETLIST does at the end
 * of the constructor (so `{ [1] = "a", "b" }` holds "b" at 1). A call or `...` in last position
 * expands to all its values.
 */
export function evalTableConstructor(ctx: FileContext, scope: Scope, expr: TableConstructorExpression): Val {
  if (expr.fields.every((f) => f.type === 'TableValue')) return evalList(ctx, scope, expr);
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
      table.set({ type: 'string', value: field.key.name, at: pos(ctx, field.key) }, value, pos(ctx, field.key));
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
    else if (value.type !== 'nil') table.addUnknownEntry(value);
  });
  positional.forEach((item, i) => {
    table.set({ type: 'number', value: i + 1, float: false, at: item.at }, item.value, item.at);
  });
  return { type: 'table', table, at };
}
