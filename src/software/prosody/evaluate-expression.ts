import type { Expression } from 'luaparse';
import type { SourcePosition } from '../../inventory/evidence.js';
import { decodeLuaString } from '../../formats/lua/decode-lua-string.js';
import { parseLuaNumeral } from '../../formats/lua/lua-number.js';
import { pos, runtimeError, sourceText, speculate, type FileContext, type Scope } from './eval-state.js';
import { evalCall } from './evaluate-call.js';
import { evalTableConstructor } from './evaluate-table.js';
import { indexValue } from './index-value.js';
import { binaryOp, unaryOp, type OpResult } from './lua-operators.js';
import { readName, warnNilName } from './read-name.js';
import { nil, operand, truthiness, unknown, type Val } from './runtime-value.js';
import { appendAll } from '../../arrays/append-all.js';

/** Several values (call results, `...`); `rest` stands for an unknown number of further values. */
export interface Multi {
  values: Val[];
  rest?: Val;
}

export interface ExprOptions {
  /** Warn when a bare name reads as nil (value positions: assignments, table entries, arguments). */
  warnNil?: boolean;
}

/** Value of an operator, or a Lua runtime error turned into a diagnostic and an unknown value. */
export function opValue(ctx: FileContext, result: OpResult, at: SourcePosition, detail = ''): Val {
  if ('error' in result) {
    runtimeError(ctx.state, at, `${result.error}${detail}`);
    return unknown(`a Lua error: ${result.error}`, at);
  }
  return result;
}

/** " (global 'x')" / " (local 'x')" / " (field 'x')", as Lua 5.4 names the culprit in errors. */
export function culprit(scope: Scope, expr: Expression, value: Val): string {
  if (expr.type === 'Identifier') {
    if (scope.lookup(expr.name)) return ` (local '${expr.name}')`;
    return ` (global '${expr.name}')`;
  }
  if (expr.type === 'MemberExpression') return ` (field '${expr.identifier.name}')`;
  if (expr.type === 'StringLiteral' && value.type === 'string') return ` (constant '${value.value}')`;
  return '';
}

function evalLogical(ctx: FileContext, scope: Scope, expr: Extract<Expression, { type: 'LogicalExpression' }>): Val {
  const at = pos(ctx, expr);
  const left = evalExpr(ctx, scope, expr.left);
  const t = truthiness(left);
  if (expr.operator === 'and') {
    if (t === false) return left;
    if (t === true) return evalExpr(ctx, scope, expr.right);
  } else {
    if (t === true) return left;
    if (t === false) return evalExpr(ctx, scope, expr.right);
  }
  // The right operand runs only for some runtime values of the left one.
  const condition = sourceText(ctx, expr.left);
  const when = expr.operator === 'and' ? 'true' : 'false';
  const right = speculate(ctx.state, `only when \`${condition}\` (line ${at.line}) is ${when}, which depends on the runtime`, () =>
    evalExpr(ctx, scope, expr.right),
  );
  const reason = left.type === 'unknown' ? left.reason : `\`${sourceText(ctx, expr)}\``;
  const rt = truthiness(right);
  // `x and false` is falsy either way; `x or "default"` is truthy either way.
  if (expr.operator === 'and' && rt === false) return unknown(reason, at, false);
  if (expr.operator === 'or' && rt === true) return unknown(reason, at, true);
  return unknown(reason, at);
}

export function evalExpr(ctx: FileContext, scope: Scope, expr: Expression, opts: ExprOptions = {}): Val {
  const at = pos(ctx, expr);
  switch (expr.type) {
    case 'NilLiteral':
      return nil(at);
    case 'BooleanLiteral':
      return { type: 'boolean', value: expr.value, at };
    case 'NumericLiteral': {
      const n = parseLuaNumeral(expr.raw);
      return { type: 'number', value: n.value, float: n.float, at };
    }
    case 'StringLiteral':
      return { type: 'string', value: decodeLuaString(expr.raw), at };
    case 'VarargLiteral':
      return scope.lookup('...')?.value ?? nil(at);
    case 'Identifier': {
      const v = readName(ctx, scope, expr);
      if (opts.warnNil && v.type === 'nil' && v.undefinedName !== undefined) warnNilName(ctx, v.undefinedName, at, false);
      return v;
    }
    case 'TableConstructorExpression':
      return evalTableConstructor(ctx, scope, expr);
    case 'BinaryExpression': {
      const left = operand(evalExpr(ctx, scope, expr.left));
      const right = operand(evalExpr(ctx, scope, expr.right));
      const result = binaryOp(expr.operator, left, right, at);
      let detail = '';
      if ('error' in result) {
        const bad = left.type === 'nil' || (left.type !== 'string' && left.type !== 'number') ? expr.left : expr.right;
        const badValue = bad === expr.left ? left : right;
        detail = culprit(scope, bad, badValue);
      }
      return opValue(ctx, result, at, detail);
    }
    case 'LogicalExpression':
      return evalLogical(ctx, scope, expr);
    case 'UnaryExpression': {
      const arg = operand(evalExpr(ctx, scope, expr.argument));
      const result = unaryOp(expr.operator, arg, at);
      return opValue(ctx, result, at, 'error' in result ? culprit(scope, expr.argument, arg) : '');
    }
    case 'MemberExpression': {
      const base = evalExpr(ctx, scope, expr.base);
      return indexValue(ctx, scope, expr.base, base, { type: 'string', value: expr.identifier.name, at: pos(ctx, expr.identifier) }, at);
    }
    case 'IndexExpression': {
      const base = evalExpr(ctx, scope, expr.base);
      const key = evalExpr(ctx, scope, expr.index);
      return indexValue(ctx, scope, expr.base, base, key, at);
    }
    case 'CallExpression':
    case 'StringCallExpression':
    case 'TableCallExpression':
      return firstValue(evalCall(ctx, scope, expr, false), at);
    case 'FunctionDeclaration':
      return { type: 'function', fn: { type: 'lua', node: expr, scope, ctx, name: 'an anonymous function' }, at };
  }
}

export function firstValue(m: Multi, at: SourcePosition): Val {
  return m.values[0] ?? m.rest ?? nil(at);
}

/** An expression that may produce several values: calls and `...` do, others one. */
export function evalMulti(ctx: FileContext, scope: Scope, expr: Expression, opts: ExprOptions = {}): Multi {
  if (expr.type === 'CallExpression' || expr.type === 'StringCallExpression' || expr.type === 'TableCallExpression') {
    return evalCall(ctx, scope, expr, false);
  }
  if (expr.type === 'VarargLiteral') {
    const v = scope.lookup('...')?.value;
    if (!v || v.type === 'nil') return { values: [] };
    return { values: [], rest: v };
  }
  return { values: [evalExpr(ctx, scope, expr, opts)] };
}

/** An expression list: every expression gives one value except the last, which may give several. */
export function evalExprList(ctx: FileContext, scope: Scope, exprs: Expression[], opts: ExprOptions = {}): Multi {
  // One expression (most assignments and calls): its values as they are, no array to grow.
  if (exprs.length === 1) return evalMulti(ctx, scope, exprs[0] as Expression, opts);
  const values: Val[] = [];
  for (let i = 0; i < exprs.length; i++) {
    const expr = exprs[i] as Expression;
    if (i === exprs.length - 1) {
      const last = evalMulti(ctx, scope, expr, opts);
      appendAll(values, last.values);
      return last.rest ? { values, rest: last.rest } : { values };
    }
    values.push(evalExpr(ctx, scope, expr, opts));
  }
  return { values };
}
