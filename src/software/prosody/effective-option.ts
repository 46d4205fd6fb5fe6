import type { EffectiveOption, ProsodyConfig, ProsodySection } from './config-model.js';

function findSection(config: ProsodyConfig, name: string): ProsodySection | undefined {
  return config.sections.get(name) ?? config.sections.get(name.toLowerCase());
}

/**
 * The value Prosody's config.get(host, name) returns: the section's own value, else the global
 * one (host_mt.__index, 0.12 core/configmanager.lua:36-37, 13.0 :41-42). A nil own value does not
 * hide the global one (nil is absent in a Lua table). An unknown section reads the global
 * section (config_mt, 0.12 :32). For section '*' only the global value counts.
 *
 * When neither has a non-nil value, the option set to nil is returned (own first), so callers can
 * point at the assignment; undefined when the option appears nowhere.
 */
export function effectiveOption(config: ProsodyConfig, section: string, name: string): EffectiveOption | undefined {
  const global = config.sections.get('*')?.options.get(name);
  const own = section === '*' ? undefined : findSection(config, section)?.options.get(name);
  if (section === '*') return global ? { option: global, from: 'section' } : undefined;
  if (own && own.value.type !== 'nil') return { option: own, from: 'section' };
  if (global && global.value.type !== 'nil') return { option: global, from: 'global' };
  if (own) return { option: own, from: 'section' };
  if (global) return { option: global, from: 'global' };
  return undefined;
}
