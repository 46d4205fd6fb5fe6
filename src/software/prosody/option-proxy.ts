import { report, runtimeError, type FileContext } from './eval-state.js';
import type { CallInfo } from './evaluate-call.js';
import type { Multi } from './evaluate-expression.js';
import { LuaTable } from './lua-table.js';
import { rawOption, writeOption } from './option-store.js';
import { luaTypeName, nil, unknown, type ProxyVal, type Val } from './runtime-value.js';

/**
 * Prosody 13.0's option proxy (13.0 core/configmanager.lua:129-171): reading a table option
 * gives an object with :append{...}, :value(), :values() and the call form `opt { ... }`.
 * Appending mutates the option's table in place.
 */

function appendItem(ctx: FileContext, target: LuaTable, value: Val): void {
  const spec = ctx.state.spec;
  if (spec.level > target.level) {
    // An append that may not happen: an unknown item, not a wholly unknown list.
    const what = value.type === 'string' ? `"${value.value}"` : 'a value';
    const item = unknown(`${what} added ${spec.reason}`, value.at);
    // Keep the name: only that module may be loaded, not any module.
    target.append(value.type === 'string' && item.type === 'unknown' ? { ...item, possibly: value.value } : item, value.at);
  } else {
    target.append(value, value.at);
  }
}

function append(ctx: FileContext, proxy: ProxyVal, value: Val, info: CallInfo): Multi {
  const state = ctx.state;
  const option = rawOption(ctx, proxy.section, proxy.option);
  let original = option?.value;
  if (value.type !== 'table' && value.type !== 'unknown') {
    runtimeError(state, info.at, "'append' operation expects a list of values to append to the existing list");
    return { values: [proxy] };
  }
  if (!original || original.type === 'nil') {
    original = { type: 'table', table: new LuaTable(state.spec.level), at: info.at };
    writeOption(ctx, proxy.option, original, proxy.at, { assignment: false, section: proxy.section });
  }
  if (original.type === 'unknown') return { values: [proxy] };
  if (original.type !== 'table') {
    runtimeError(state, info.at, `bad argument #1 to 'insert' (table expected, got ${luaTypeName(original)})`);
    return { values: [proxy] };
  }
  const target = original.table;
  if (value.type === 'unknown') {
    target.append(unknown(`values appended from ${value.reason}${state.spec.level > 0 ? `, ${state.spec.reason}` : ''}`, value.at), value.at);
    return { values: [proxy] };
  }
  const list = value.table;
  if (list.get({ type: 'number', value: 1, float: false, at: info.at })) {
    const n = list.sequenceLength();
    for (let i = 1; i <= n; i++) {
      const item = list.get({ type: 'number', value: i, float: false, at: info.at });
      if (item) appendItem(ctx, target, item);
    }
  } else {
    for (const entry of list.allEntries()) {
      const stored = state.spec.level > target.level ? unknown(`set ${state.spec.reason}`, entry.value.at) : entry.value;
      target.set(entry.key, stored, entry.keyAt);
    }
  }
  for (const entry of list.unknownEntries) appendItem(ctx, target, unknown('a value appended under a key known only at runtime', entry.at));
  return { values: [proxy] };
}

/** `opt:append(v)`, `opt:value()`, `opt:values()`; args start with the proxy itself (self). */
export function callProxyMethod(ctx: FileContext, method: 'append' | 'value' | 'values', args: Multi, info: CallInfo): Multi {
  const self = args.values[0];
  if (!self || self.type !== 'proxy') {
    report(ctx.state, 'unknown-value', info.at, `\`${method}\` is called without its option; privacy-lint does not follow this call`);
    return { values: [], rest: unknown(`the result of a config option ${method}()`, info.at) };
  }
  if (method === 'value') return { values: [rawOption(ctx, self.section, self.option)?.value ?? nil(info.at)] };
  if (method === 'values') return { values: [unknown(`an iterator over option '${self.option}'`, info.at, true)] };
  return append(ctx, self, args.values[1] ?? args.rest ?? nil(info.at), info);
}

/** The call form `modules_enabled { "x" }` (13.0 core/configmanager.lua:163-170). */
export function callProxy(ctx: FileContext, proxy: ProxyVal, args: Multi, info: CallInfo): Multi {
  const value = args.values[0] ?? args.rest ?? nil(info.at);
  const current = rawOption(ctx, proxy.section, proxy.option)?.value;
  const currentIsTable = !current || current.type === 'nil' || current.type === 'table' || current.type === 'unknown';
  if (currentIsTable && (value.type === 'table' || value.type === 'unknown')) return append(ctx, proxy, value, info);
  runtimeError(ctx.state, info.at, "Invalid syntax - missing '=' perhaps?");
  return { values: [] };
}
