import type { SourcePosition } from '../../inventory/evidence.js';
import { formatLuaNumber, parseLuaNumber, type LuaNumber } from '../../formats/lua/lua-number.js';
import { globalType } from './lua-globals.js';
import { bool, luaTypeName, truthiness, unknown, type Val } from './runtime-value.js';

/**
 * Lua 5.4 operators on statically known values (lvm.c / lobject.c semantics: string→number
 * coercion for arithmetic, integer vs float results, byte-wise string comparison). A Lua runtime
 * error is returned as `{ error }` with Lua's own message.
 */
export type OpResult = Val | { error: string };

export type BinaryOperator =
  | '+'
  | '-'
  | '*'
  | '%'
  | '^'
  | '/'
  | '//'
  | '&'
  | '|'
  | '~'
  | '<<'
  | '>>'
  | '..'
  | '~='
  | '=='
  | '<'
  | '<='
  | '>'
  | '>=';

function num(value: number, float: boolean, at: SourcePosition): Val {
  return { type: 'number', value, float, at };
}

function toNumber(v: Val): LuaNumber | undefined {
  if (v.type === 'number') return { value: v.value, float: v.float };
  if (v.type === 'string') return parseLuaNumber(v.value);
  return undefined;
}

function firstUnknown(a: Val, b: Val): Extract<Val, { type: 'unknown' }> | undefined {
  if (a.type === 'unknown') return a;
  if (b.type === 'unknown') return b;
  return undefined;
}

function floatMod(a: number, b: number): number {
  // lvm.c luai_nummod: C fmod, then adjusted towards the sign of the divisor.
  let m = a % b;
  if (m > 0 ? b < 0 : m < 0 && b !== m) m += b;
  return m;
}

function arithmetic(op: string, a: LuaNumber, b: LuaNumber, at: SourcePosition): OpResult {
  const float = a.float || b.float;
  switch (op) {
    case '+':
      return num(a.value + b.value, float, at);
    case '-':
      return num(a.value - b.value, float, at);
    case '*':
      return num(a.value * b.value, float, at);
    case '/':
      return num(a.value / b.value, true, at);
    case '^':
      return num(Math.pow(a.value, b.value), true, at);
    case '//':
      // Lua 5.4.4 lvm.c luaV_idiv and luaV_mod: the texts Prosody's error shows.
      if (!float && b.value === 0) return { error: 'attempt to divide by zero' };
      return num(Math.floor(a.value / b.value), float, at);
    case '%':
      if (!float) {
        if (b.value === 0) return { error: "attempt to perform 'n%0'" };
        return num(a.value - Math.floor(a.value / b.value) * b.value, false, at);
      }
      return num(floatMod(a.value, b.value), true, at);
  }
  return { error: `unsupported operator ${op}` };
}

function toInteger(n: LuaNumber): bigint | undefined {
  if (!Number.isInteger(n.value)) return undefined;
  return BigInt.asIntN(64, BigInt(n.value));
}

function bitwise(op: string, a: LuaNumber, b: LuaNumber, at: SourcePosition): OpResult {
  const x = toInteger(a);
  const y = toInteger(b);
  if (x === undefined || y === undefined) return { error: 'number has no integer representation' };
  let r: bigint;
  switch (op) {
    case '&':
      r = x & y;
      break;
    case '|':
      r = x | y;
      break;
    case '~':
      r = x ^ y;
      break;
    case '<<':
      r = y >= 64n || y <= -64n ? 0n : y >= 0n ? x << y : BigInt.asUintN(64, x) >> -y;
      break;
    default:
      r = y >= 64n || y <= -64n ? 0n : y >= 0n ? BigInt.asUintN(64, x) >> y : x << -y;
  }
  return num(Number(BigInt.asIntN(64, r)), false, at);
}

function concatPart(v: Val): string | undefined {
  if (v.type === 'string') return v.value;
  if (v.type === 'number') return formatLuaNumber({ value: v.value, float: v.float });
  return undefined;
}

/** Raw equality; undefined when it cannot be known. */
export function luaEquals(a: Val, b: Val): boolean | undefined {
  if (a.type === 'unknown' || b.type === 'unknown') return undefined;
  switch (a.type) {
    case 'nil':
      return b.type === 'nil';
    case 'boolean':
    case 'string':
      return b.type === a.type && b.value === a.value;
    case 'number':
      return b.type === 'number' && b.value === a.value;
    case 'table':
      return b.type === 'table' && b.table === a.table;
    case 'function':
      return b.type === 'function' && b.fn === a.fn;
    case 'global':
      // Two reads of the same global give the same object; a library table or function is not nil.
      if (b.type === 'global' && b.path === a.path) return true;
      return b.type === 'nil' && globalType(a.path) !== undefined ? false : undefined;
    case 'proxy':
      // Every read of an option creates a new proxy table (13.0 core/configmanager.lua:225).
      return a === b;
  }
}

function compare(op: string, a: Val, b: Val, at: SourcePosition): OpResult {
  let result: boolean;
  if (a.type === 'number' && b.type === 'number') {
    result = op === '<' ? a.value < b.value : a.value <= b.value;
  } else if (a.type === 'string' && b.type === 'string') {
    // Prosody does not set a locale, so strcoll compares bytes (C locale).
    const c = Buffer.compare(Buffer.from(a.value, 'utf8'), Buffer.from(b.value, 'utf8'));
    result = op === '<' ? c < 0 : c <= 0;
  } else {
    const ta = luaTypeName(a);
    const tb = luaTypeName(b);
    return { error: ta === tb ? `attempt to compare two ${ta} values` : `attempt to compare ${ta} with ${tb}` };
  }
  return bool(result, at);
}

export function binaryOp(op: BinaryOperator, a: Val, b: Val, at: SourcePosition): OpResult {
  if (op === '==' || op === '~=') {
    const eq = luaEquals(a, b);
    if (eq === undefined) return unknown(firstUnknown(a, b)?.reason ?? 'a comparison of values known only at runtime', at);
    return bool(op === '==' ? eq : !eq, at);
  }
  const u = firstUnknown(a, b);
  if (op === '<' || op === '<=' || op === '>' || op === '>=') {
    if (u) return unknown(u.reason, at);
    return op === '>' || op === '>=' ? compare(op === '>' ? '<' : '<=', b, a, at) : compare(op, a, b, at);
  }
  if (op === '..') {
    if (u) return unknown(u.reason, at, true);
    const left = concatPart(a);
    const right = concatPart(b);
    if (left === undefined || right === undefined) {
      return { error: `attempt to concatenate a ${luaTypeName(left === undefined ? a : b)} value` };
    }
    return { type: 'string', value: left + right, at };
  }
  if (u) return unknown(u.reason, at, true);
  const x = toNumber(a);
  const y = toNumber(b);
  if (!x || !y) {
    const bad = x ? b : a;
    if (bad.type === 'string') return { error: `attempt to perform arithmetic on a string value (constant '${bad.value}')` };
    const kind = op === '&' || op === '|' || op === '~' || op === '<<' || op === '>>' ? 'bitwise operation' : 'arithmetic';
    return { error: `attempt to perform ${kind} on a ${luaTypeName(bad)} value` };
  }
  if (op === '&' || op === '|' || op === '~' || op === '<<' || op === '>>') return bitwise(op, x, y, at);
  return arithmetic(op, x, y, at);
}

export function unaryOp(op: 'not' | '-' | '~' | '#', a: Val, at: SourcePosition): OpResult {
  if (op === 'not') {
    const t = truthiness(a);
    if (t === undefined) return unknown(a.type === 'unknown' ? a.reason : 'a value known only at runtime', at);
    return bool(!t, at);
  }
  if (a.type === 'unknown') return unknown(a.reason, at, true);
  if (op === '#') {
    if (a.type === 'string') return num(Buffer.byteLength(a.value, 'utf8'), false, at);
    // A 13.0 option proxy is a plain table without __len: its length is 0.
    if (a.type === 'proxy') return num(0, false, at);
    if (a.type === 'table') {
      const n = a.table.length();
      if (n === undefined || a.table.hasUnknownKeys()) return unknown('the length of a table with entries known only at runtime', at, true);
      return num(n, false, at);
    }
    if (a.type === 'global') return unknown(`the length of ${a.path}`, at, true);
    return { error: `attempt to get length of a ${luaTypeName(a)} value` };
  }
  const n = toNumber(a);
  if (!n) return { error: `attempt to perform ${op === '-' ? 'arithmetic' : 'bitwise operation'} on a ${luaTypeName(a)} value` };
  // `+ 0` turns an integer -0 into 0: Lua integers have no negative zero.
  if (op === '-') return num(n.float ? -n.value : -n.value + 0, n.float, at);
  const i = toInteger(n);
  if (i === undefined) return { error: 'number has no integer representation' };
  return num(Number(BigInt.asIntN(64, ~i)), false, at);
}
