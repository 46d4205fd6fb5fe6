import type { FunctionDeclaration } from 'luaparse';
import type { SourcePosition } from '../../inventory/evidence.js';
import type { FileContext, Scope } from './eval-state.js';
import type { LuaTable } from './lua-table.js';
import { globalReason, globalType } from './lua-globals.js';

/** Functions the config environment provides (0.12 core/configmanager.lua:123-252, 13.0 :204-383). */
export type EnvFunctionName =
  | 'VirtualHost'
  | 'Component'
  | 'Include'
  | 'RunScript'
  | 'FileContents'
  | 'FileLine'
  | 'FileLines'
  | 'Credential';

export type FunctionRef =
  /** A function written in the config (`local function f`, `function f`, `function () end`). */
  | { type: 'lua'; node: FunctionDeclaration; scope: Scope; ctx: FileContext; name: string }
  /** A function of the config environment, bound to the file whose env it belongs to. */
  | { type: 'env'; name: EnvFunctionName; ctx: FileContext }
  /** What `VirtualHost "x"` returns: takes the `{ ... }` of the table form. */
  | { type: 'host-options'; host: string; ctx: FileContext; declaredAt: SourcePosition }
  /** What `Component "x"` returns: takes a module name or the `{ ... }` table. */
  | { type: 'component-module'; host: string; ctx: FileContext; declaredAt: SourcePosition }
  /** What `Component "x" "muc"` returns: takes the `{ ... }` table. */
  | { type: 'component-options'; host: string; ctx: FileContext }
  /** A method of a 13.0 option proxy, `modules_enabled.append` (13.0 core/configmanager.lua:129-171). */
  | { type: 'proxy-method'; method: 'append' | 'value' | 'values'; proxy: ProxyVal };

export type ProxyVal = { type: 'proxy'; section: string; option: string; at: SourcePosition };

/**
 * A value during evaluation. Unlike the exported LuaValue it keeps references (tables are
 * shared and mutable), functions, 13.0 option proxies, and Lua globals by name.
 */
export type Val =
  | { type: 'nil'; at: SourcePosition; undefinedName?: string }
  | { type: 'boolean'; value: boolean; at: SourcePosition }
  | { type: 'number'; value: number; float: boolean; at: SourcePosition }
  | { type: 'string'; value: string; at: SourcePosition }
  | { type: 'table'; table: LuaTable; at: SourcePosition }
  | { type: 'function'; fn: FunctionRef; at: SourcePosition }
  | ProxyVal
  /** A value of the Prosody process's Lua globals (`os`, `os.getenv`, `table.insert`); path '' is _G. */
  | { type: 'global'; path: string; at: SourcePosition }
  /** Depends on the runtime. `truthy` is set when at least the truthiness is known. */
  | { type: 'unknown'; reason: string; at: SourcePosition; truthy?: boolean; possibly?: string };

export function nil(at: SourcePosition): Val {
  return { type: 'nil', at };
}

export function unknown(reason: string, at: SourcePosition, truthy?: boolean): Val {
  return truthy === undefined ? { type: 'unknown', reason, at } : { type: 'unknown', reason, at, truthy };
}

export function str(value: string, at: SourcePosition): Val {
  return { type: 'string', value, at };
}

export function bool(value: boolean, at: SourcePosition): Val {
  return { type: 'boolean', value, at };
}

/** Lua truthiness: only nil and false are false. undefined when it cannot be known. */
export function truthiness(v: Val): boolean | undefined {
  switch (v.type) {
    case 'nil':
      return false;
    case 'boolean':
      return v.value;
    case 'unknown':
      return v.truthy;
    case 'global':
      // A library table or function is truthy; a field of one (`prosody.paths.data`) may be nil.
      return globalType(v.path) === undefined ? undefined : true;
    default:
      return true;
  }
}

/**
 * A Lua global as an operand: fields of library tables (`prosody.paths.data`) have runtime
 * values, so operators treat them as unknown.
 */
export function operand(v: Val): Val {
  if (v.type === 'global' && globalType(v.path) === undefined) return unknown(globalReason(v.path), v.at);
  return v;
}

/** Lua's type() name, used in error messages. */
export function luaTypeName(v: Val): string {
  switch (v.type) {
    case 'proxy':
      return 'table';
    case 'global':
      return globalType(v.path) ?? 'value';
    default:
      return v.type;
  }
}

/** A copy of a value with another position (a value flowing through a local keeps its origin). */
export function withAt(v: Val, at: SourcePosition): Val {
  return { ...v, at };
}
