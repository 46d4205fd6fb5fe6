import { formatLuaNumber, parseLuaNumber } from '../../formats/lua/lua-number.js';
import { report, runtimeError, sourceText, type FileContext } from './eval-state.js';
import type { CallInfo } from './evaluate-call.js';
import type { Multi } from './evaluate-expression.js';
import { optionReadBackHint } from './read-name.js';
import { luaTypeName, nil, str, truthiness, unknown, type Val } from './runtime-value.js';

/**
 * Calls of Lua standard library functions (reached through _G in 0.12, `Lua.` in 13.0). Only a
 * few pure ones are evaluated; the rest give values known only at runtime. table.insert on an
 * option is the case real configs get wrong (seen in public configs).
 */

function arg(args: Multi, i: number, info: CallInfo): Val {
  return args.values[i] ?? (i >= args.values.length ? args.rest : undefined) ?? nil(info.at);
}

function one(v: Val): Multi {
  return { values: [v] };
}

/** table.insert(t, [pos,] v) */
function tableInsert(ctx: FileContext, args: Multi, info: CallInfo): Multi {
  const state = ctx.state;
  const target = arg(args, 0, info);
  const count = args.rest ? Math.max(args.values.length, 2) : args.values.length;
  if (count !== 2 && count !== 3) {
    runtimeError(state, info.at, "wrong number of arguments to 'insert'");
    return { values: [] };
  }
  const value = arg(args, count - 1, info);
  const firstExpr = info.argExprs[0];
  const targetName = firstExpr?.type === 'Identifier' ? firstExpr.name : undefined;
  switch (target.type) {
    case 'table': {
      const table = target.table;
      if (state.spec.level > table.level) {
        const what = value.type === 'string' ? `"${value.value}"` : 'a value';
        table.append(unknown(`${what} added ${state.spec.reason}`, value.at), value.at);
        return { values: [] };
      }
      if (count === 3) {
        const p = arg(args, 1, info);
        if (p.type === 'number' && Number.isInteger(p.value) && p.value >= 1 && p.value <= table.sequenceLength() + 1) {
          table.insertAt(p.value, value, value.at);
        } else if (p.type === 'unknown') {
          table.append(unknown(`inserted at a position known only at runtime (${p.reason})`, value.at), value.at);
        } else {
          runtimeError(state, info.at, "bad argument #2 to 'insert' (position out of bounds)");
        }
        return { values: [] };
      }
      table.append(value, value.at);
      return { values: [] };
    }
    case 'proxy':
      // 13.0: the value lands in the proxy object; the option stays as it was (13.0.1 core/configmanager.lua, verified by running it).
      report(
        state,
        'config-warning',
        info.at,
        `table.insert on option '${target.option}' is silently ignored by Prosody 13.0 (the value goes into a proxy object, ` +
          `the option is unchanged); use ${target.option}:append{ ... }`,
        `${target.option}:append{ ${value.type === 'string' ? `"${value.value}"` : '...'} }`,
      );
      return { values: [] };
    case 'unknown':
    case 'global':
      return { values: [] };
    default: {
      let message = `bad argument #1 to 'insert' (table expected, got ${luaTypeName(target)})`;
      const hint = target.type === 'nil' && targetName ? optionReadBackHint(ctx, targetName) : undefined;
      if (hint) {
        const isModuleList = targetName === 'modules_enabled' || targetName === 'modules_disabled';
        message += `: ${hint}; ${isModuleList ? `list the module in ${targetName}` : 'assign the whole list at once'}`;
      }
      runtimeError(state, info.at, message);
      return { values: [] };
    }
  }
}

function toNumber(v: Val, base: Val | undefined, info: CallInfo): Val {
  if (base && base.type !== 'nil') return unknown(`the result of \`tonumber\` with a base`, info.at);
  if (v.type === 'number') return v;
  if (v.type === 'string') {
    const n = parseLuaNumber(v.value);
    return n ? { type: 'number', value: n.value, float: n.float, at: v.at } : nil(info.at);
  }
  if (v.type === 'unknown') return unknown(v.reason, info.at);
  return nil(info.at);
}

function toString(v: Val, info: CallInfo): Val {
  switch (v.type) {
    case 'string':
      return v;
    case 'number':
      return str(formatLuaNumber(v), v.at);
    case 'boolean':
      return str(String(v.value), v.at);
    case 'nil':
      return str('nil', info.at);
    case 'unknown':
      return unknown(v.reason, info.at, true);
    default:
      return unknown('a text form of a table or function (it holds a memory address)', info.at, true);
  }
}

export function callLibrary(ctx: FileContext, path: string, args: Multi, info: CallInfo): Multi {
  const first = arg(args, 0, info);
  switch (path) {
    case 'os.getenv':
      return one(unknown(first.type === 'string' ? `environment variable ${first.value}` : 'an environment variable', info.at));
    case 'table.insert':
      return tableInsert(ctx, args, info);
    case 'tonumber':
      return one(toNumber(first, args.values[1], info));
    case 'tostring':
      return one(toString(first, info));
    case 'type': {
      if (first.type === 'unknown') return one(unknown(first.reason, info.at, true));
      if (first.type === 'global') return one(unknown(`the type of ${first.path}`, info.at, true));
      return one(str(luaTypeName(first), info.at));
    }
    case 'assert': {
      const t = truthiness(first);
      if (t === false) {
        const message = arg(args, 1, info);
        runtimeError(ctx.state, info.at, message.type === 'string' ? message.value : 'assertion failed!');
        return { values: [], rest: unknown('a failed assert', info.at) };
      }
      // assert returns all its arguments; a passing assert's first one is truthy.
      const values = args.values.map((v, i) => (i === 0 && v.type === 'unknown' ? unknown(v.reason, v.at, true) : v));
      return args.rest ? { values, rest: args.rest } : { values };
    }
    case 'error': {
      const message = first.type === 'string' ? first.value : first.type === 'unknown' ? first.reason : `(error object is a ${luaTypeName(first)} value)`;
      runtimeError(ctx.state, info.at, `error(${message})`);
      return { values: [], rest: unknown('an error', info.at) };
    }
    case 'print':
      return { values: [] };
    case 'require':
      return one(unknown(first.type === 'string' ? `the Lua module "${first.value}"` : 'a Lua module', info.at));
    default:
      return { values: [], rest: unknown(`the result of \`${sourceText(ctx, info.node)}\``, info.at) };
  }
}
