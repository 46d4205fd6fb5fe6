import type { Identifier } from 'luaparse';
import type { SourcePosition } from '../../inventory/evidence.js';
import { pos, report, type FileContext, type Scope } from './eval-state.js';
import { globalReason, isKnownGlobal } from './lua-globals.js';
import { rawOption } from './option-store.js';
import { unknown, type EnvFunctionName, type Val } from './runtime-value.js';

/** Pre-seeded env fields (0.12 core/configmanager.lua:123-126, 13.0 :204-211 adds the FileContents/FileLine/FileLines/Credential ones). */
const ENV_FUNCTIONS: Record<string, EnvFunctionName> = {
  VirtualHost: 'VirtualHost',
  Host: 'VirtualHost',
  host: 'VirtualHost',
  Component: 'Component',
  component: 'Component',
  Include: 'Include',
  include: 'Include',
  RunScript: 'RunScript',
};
const ENV_FUNCTIONS_13: Record<string, EnvFunctionName> = {
  FileContents: 'FileContents',
  FileLine: 'FileLine',
  FileLines: 'FileLines',
  Credential: 'Credential',
};

/** The raw env field `name` of this file's env, if there is one (raw fields win over __index). */
export function envField(ctx: FileContext, name: string, at: SourcePosition): Val | undefined {
  const rebound = ctx.envFields.get(name);
  if (rebound) return rebound;
  if (!isEnvFieldName(ctx, name)) return undefined;
  const fn = ENV_FUNCTIONS[name] ?? (ctx.state.release === '13.0' ? ENV_FUNCTIONS_13[name] : undefined);
  if (fn) return { type: 'function', fn: { type: 'env', name: fn, ctx }, at };
  // rawset(env, "__currenthost", ...) makes the current section readable (0.12 :144).
  if (name === '__currenthost') return { type: 'string', value: ctx.section, at };
  return undefined;
}

const ENV_FIELD_NAMES = new Set([...Object.keys(ENV_FUNCTIONS), '__currenthost']);
const ENV_FIELD_NAMES_13 = new Set(Object.keys(ENV_FUNCTIONS_13));

export function isEnvFieldName(ctx: FileContext, name: string): boolean {
  return ENV_FIELD_NAMES.has(name) || (ctx.state.release === '13.0' && ENV_FIELD_NAMES_13.has(name));
}

/**
 * Reads a bare name as the config's env does: a local, else a raw env field, else __index:
 * 0.12 core/configmanager.lua:127-132 (ENV_* → os.getenv, else rawget(_G, k): options can NOT
 * be read back); 13.0 :212-247 (ENV_*, `Lua` → _G, an option already set in the current
 * section — a table one as a proxy object — else _G[k] with a deprecation warning).
 */
export function readName(ctx: FileContext, scope: Scope, id: Identifier): Val {
  const name = id.name;
  const at = pos(ctx, id);
  const local = scope.lookup(name);
  if (local) return local.value;
  const field = envField(ctx, name, at);
  if (field) return field;
  if (name.startsWith('ENV_')) return unknown(`environment variable ${name.slice(4)}`, at);
  const release = ctx.state.release;
  if (release === '13.0') {
    if (name === 'Lua') return { type: 'global', path: '', at };
    const option = rawOption(ctx, ctx.section, name);
    if (option && option.value.type !== 'nil') {
      if (option.value.type === 'table' || option.value.type === 'proxy') {
        return { type: 'proxy', section: ctx.section, option: name, at };
      }
      return option.value;
    }
  }
  if (isKnownGlobal(name)) {
    if (release === '13.0') {
      report(
        ctx.state,
        'config-warning',
        at,
        `direct usage of the Lua API is deprecated - replace \`${name}\` with \`Lua.${name}\``,
        `Lua.${name}`,
      );
    }
    if (name.startsWith('CFG_')) return unknown(globalReason(name), at);
    // Debian runs Prosody under lua5.4 (/usr/bin/prosody shebang).
    if (name === '_VERSION') return { type: 'string', value: 'Lua 5.4', at };
    return { type: 'global', path: name, at };
  }
  return { type: 'nil', at, undefinedName: name };
}

/** True when `name` is an option set in any section so far (to explain why reading it gives nil). */
function isOptionName(ctx: FileContext, name: string): boolean {
  for (const section of ctx.state.sections.values()) if (section.options.has(name)) return true;
  return false;
}

/** Why reading option `name` back gives nil in this release, or undefined when it is not an option. */
export function optionReadBackHint(ctx: FileContext, name: string): string | undefined {
  if (!isOptionName(ctx, name)) return undefined;
  return ctx.state.release === '0.12'
    ? 'Prosody 0.12 cannot read options back'
    : 'Prosody 13.0 reads back only options already set in the current section';
}

/**
 * Warns about a bare name that reads as nil (`archive_store = archive2`, template placeholders
 * `= __HTTP_FILE_SHARE_EXPIRES_AFTER__`): Prosody silently stores nil.
 */
export function warnNilName(ctx: FileContext, name: string, at: SourcePosition, forOption: boolean): void {
  const hint = optionReadBackHint(ctx, name);
  const unset = forOption ? ', so the option is unset' : '';
  if (hint) {
    report(ctx.state, 'config-warning', at, `\`${name}\` is nil here (${hint})${unset}; use a local variable to share a value`);
    return;
  }
  report(
    ctx.state,
    'config-warning',
    at,
    `\`${name}\` is read as a Lua variable, which is nil here${unset}; quote it ("${name}") if a string was meant`,
    `"${name}"`,
  );
}
