import type { Expression } from 'luaparse';
import type { SourcePosition } from '../../inventory/evidence.js';
import { formatLuaNumber } from '../../formats/lua/lua-number.js';
import { pos, report, runtimeError, sourceText, type FileContext, type InternalSection } from './eval-state.js';
import type { CallInfo } from './evaluate-call.js';
import { firstValue, type Multi } from './evaluate-expression.js';
import type { LuaTable } from './lua-table.js';
import { nameprep } from './nameprep.js';
import { getSection, writeOption } from './option-store.js';
import { bool, luaTypeName, str, unknown, type FunctionRef, type Val } from './runtime-value.js';

/** VirtualHost, Component and the functions they return (0.12 core/configmanager.lua:145-208). */


/**
 * The section name of `VirtualHost`/`Component`: nameprep'd (0.12 core/configmanager.lua:149-153,
 * 179-182; for ASCII names nameprep lower-cases). A name known only at runtime becomes `<expression>`.
 */
function sectionName(
  ctx: FileContext,
  what: 'Host' | 'Component',
  name: Val,
  nameExpr: Expression | undefined,
  at: SourcePosition,
): { name: string; unknownReason?: string } | undefined {
  switch (name.type) {
    case 'string':
    case 'number': {
      // nameprep takes numbers as their text (luaL_checklstring).
      const text = name.type === 'string' ? name.value : formatLuaNumber(name);
      const prepared = nameprep(text);
      if (prepared === undefined) {
        runtimeError(ctx.state, at, `Name of ${what} "${text}" contains forbidden characters`);
        return undefined;
      }
      return { name: prepared };
    }
    case 'unknown':
      return { name: `<${nameExpr ? sourceText(ctx, nameExpr) : 'unknown'}>`, unknownReason: name.reason };
    case 'nil':
      runtimeError(ctx.state, at, `${what} must have a name`);
      return undefined;
    default:
      runtimeError(ctx.state, at, `bad argument #1 to 'nameprep' (string expected, got ${luaTypeName(name)})`);
      return undefined;
  }
}

function openSection(ctx: FileContext, name: string, kind: 'host' | 'component', unknownReason: string | undefined, at: SourcePosition): InternalSection {
  const isNew = !ctx.state.sections.has(name);
  const section = getSection(ctx, name);
  if (isNew) {
    section.kind = kind;
    if (ctx.state.spec.level > 0) section.conditional = ctx.state.spec.reason;
    if (unknownReason !== undefined) {
      section.nameUnknown = unknownReason;
      report(
        ctx.state,
        'unknown-value',
        at,
        `The name of this ${kind === 'host' ? 'VirtualHost' : 'Component'} depends on the runtime (${unknownReason}); ` +
          `privacy-lint reads its settings as section ${name}`,
      );
    }
  }
  // An array of exactly one on the first declaration: push() on an empty array reserves 16.
  if (section.declarations.length === 0) section.declarations = [at];
  else section.declarations.push(at);
  ctx.section = name;
  return section;
}

/**
 * `Component(name)` and `VirtualHost(name)` take one argument and return a function for the
 * module name or options (0.12 core/configmanager.lua:145-208, 13.0 :260-323): in
 * `Component("conference.example.org", "muc")` Lua drops "muc", and the section stays an
 * external component (component_module = "component", mod_component), not a MUC.
 */
function warnExtraArguments(ctx: FileContext, what: 'Component' | 'VirtualHost', name: string, info: CallInfo): void {
  const extra = info.argExprs[1];
  if (!extra) return;
  const nameText = info.argExprs[0] ? sourceText(ctx, info.argExprs[0]) : JSON.stringify(name);
  const extraText = sourceText(ctx, extra);
  const meant = what === 'Component' ? `Component ${nameText} ${extraText}` : `VirtualHost ${nameText} ${extraText}`;
  const effect =
    what === 'Component' && extra.type === 'StringLiteral'
      ? `so "${name}" is an external component (mod_component), not a ${extraText} component`
      : `so the options it holds are not set`;
  report(
    ctx.state,
    'config-warning',
    pos(ctx, extra),
    `${what}() takes one argument: Prosody ignores ${extraText} here, ${effect}; the module or options go in a second call, ${meant}`,
    meant,
  );
}

/** `VirtualHost "name"` (0.12 core/configmanager.lua:145-173, 13.0 :260-288). */
export function virtualHost(ctx: FileContext, args: Multi, info: CallInfo): Multi {
  const resolved = sectionName(ctx, 'Host', firstValue(args, info.at), info.argExprs[0], info.at);
  if (!resolved) return { values: [], rest: unknown('a failed VirtualHost declaration', info.at) };
  const existing = ctx.state.sections.get(resolved.name);
  const existingModule = existing?.options.get('component_module')?.value;
  if (existing && existingModule && existingModule.type !== 'nil') {
    const kindText =
      existingModule.type === 'string'
        ? ({ component: 'external', muc: 'MUC' }[existingModule.value] ?? existingModule.value)
        : 'unknown';
    runtimeError(
      ctx.state,
      info.at,
      `Host "${resolved.name}" clashes with previously defined ${kindText} Component "${resolved.name}", for services use a sub-domain like conference.${resolved.name}`,
    );
    return { values: [], rest: unknown('a failed VirtualHost declaration', info.at) };
  }
  openSection(ctx, resolved.name, 'host', resolved.unknownReason, info.at);
  warnExtraArguments(ctx, 'VirtualHost', resolved.name, info);
  // "Needs at least one setting to logically exist" (configmanager.lua:159-160).
  writeOption(ctx, 'defined', bool(true, info.at), info.at, { assignment: false, section: resolved.name });
  return { values: [{ type: 'function', fn: { type: 'host-options', host: resolved.name, ctx, declaredAt: info.at }, at: info.at }] };
}

/** Options of the table forms `VirtualHost "x" { ... }` / `Component "x" "m" { ... }`: set(), no duplicate check. */
function setOptionsFromTable(ctx: FileContext, section: string, table: LuaTable, at: SourcePosition): void {
  for (const entry of table.allEntries()) {
    if (entry.key.type === 'string') {
      writeOption(ctx, entry.key.value, entry.value, entry.keyAt, { assignment: false, section });
    } else {
      report(
        ctx.state,
        'config-warning',
        entry.keyAt,
        `This entry is stored under the key ${entry.key.type === 'number' ? formatLuaNumber(entry.key) : String(entry.key.value)}, which is not an option name; write \`name = value\``,
      );
    }
  }
  if (table.unknownEntries.length > 0) {
    report(ctx.state, 'unknown-value', at, `Some options of section "${section}" have names known only at runtime; they are not read`);
  }
}

/** What `VirtualHost "x"` returns, called with `{ ... }`. */
export function hostOptions(fn: Extract<FunctionRef, { type: 'host-options' }>, args: Multi, info: CallInfo): Multi {
  const ctx = fn.ctx;
  ctx.section = '*'; // "Return to global scope"
  const options = firstValue(args, info.at);
  if (options.type === 'string') {
    runtimeError(
      ctx.state,
      info.at,
      `VirtualHost entries do not accept a module name (module '${options.value}' provided for host '${fn.host}')`,
    );
  } else if (options.type === 'table') {
    setOptionsFromTable(ctx, fn.host, options.table, info.at);
  } else if (options.type === 'unknown') {
    report(ctx.state, 'unknown-value', info.at, `The options of VirtualHost "${fn.host}" are known only at runtime (${options.reason})`);
  } else {
    runtimeError(ctx.state, info.at, `Invalid syntax following VirtualHost, expected options but received a ${luaTypeName(options)}`);
  }
  return { values: [] };
}

/** `Component "name"` (0.12 core/configmanager.lua:175-208, 13.0 :290-323). */
export function component(ctx: FileContext, args: Multi, info: CallInfo): Multi {
  const resolved = sectionName(ctx, 'Component', firstValue(args, info.at), info.argExprs[0], info.at);
  if (!resolved) return { values: [], rest: unknown('a failed Component declaration', info.at) };
  const existing = ctx.state.sections.get(resolved.name);
  const defined = existing?.options.get('defined')?.value;
  const module = existing?.options.get('component_module')?.value;
  if (existing && defined && defined.type !== 'nil' && (!module || module.type === 'nil')) {
    runtimeError(
      ctx.state,
      info.at,
      `Component "${resolved.name}" clashes with previously defined VirtualHost "${resolved.name}", for services use a sub-domain like conference.${resolved.name}`,
    );
    return { values: [], rest: unknown('a failed Component declaration', info.at) };
  }
  const section = openSection(ctx, resolved.name, 'component', resolved.unknownReason, info.at);
  section.kind = 'component';
  warnExtraArguments(ctx, 'Component', resolved.name, info);
  writeOption(ctx, 'component_module', str('component', info.at), info.at, { assignment: false, section: resolved.name });
  // "Don't load the global modules by default" – written, but never read by core (0.12.3 and 13.0.1 core/*.lua).
  writeOption(ctx, 'load_global_modules', bool(false, info.at), info.at, { assignment: false, section: resolved.name });
  if (ctx.state.spec.level === 0) section.componentModule = { value: 'component', at: info.at };
  else delete section.componentModule;
  return {
    values: [{ type: 'function', fn: { type: 'component-module', host: resolved.name, ctx, declaredAt: info.at }, at: info.at }],
  };
}

/** handle_config_options of Component: back to global, then pairs() over the table. */
export function componentOptions(ctx: FileContext, host: string, options: Val, info: CallInfo): Multi {
  ctx.section = '*';
  if (options.type === 'table') setOptionsFromTable(ctx, host, options.table, info.at);
  else if (options.type === 'unknown') report(ctx.state, 'unknown-value', info.at, `The options of Component "${host}" are known only at runtime (${options.reason})`);
  else runtimeError(ctx.state, info.at, `bad argument #1 to 'for iterator' (table expected, got ${luaTypeName(options)})`);
  return { values: [] };
}

/** What `Component "x"` returns: a module name, or directly the options table. */
export function componentModule(fn: Extract<FunctionRef, { type: 'component-module' }>, args: Multi, info: CallInfo): Multi {
  const ctx = fn.ctx;
  const module = firstValue(args, info.at);
  const section = getSection(ctx, fn.host);
  if (module.type === 'string') {
    writeOption(ctx, 'component_module', module, fn.declaredAt, { assignment: false, section: fn.host });
    if (ctx.state.spec.level === 0) section.componentModule = { value: module.value, at: module.at };
    return { values: [{ type: 'function', fn: { type: 'component-options', host: fn.host, ctx }, at: info.at }] };
  }
  if (module.type === 'unknown') {
    writeOption(ctx, 'component_module', module, fn.declaredAt, { assignment: false, section: fn.host });
    delete section.componentModule;
    report(ctx.state, 'unknown-value', info.at, `The module of Component "${fn.host}" is known only at runtime (${module.reason})`);
    return { values: [], rest: unknown(module.reason, info.at) };
  }
  return componentOptions(ctx, fn.host, module, info);
}

