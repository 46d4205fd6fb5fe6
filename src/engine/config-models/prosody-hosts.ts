import type { SourcePosition } from '../../inventory/evidence.js';
import type { LuaValue, ProsodyConfig } from '../../software/prosody/config-model.js';
import { PROSODY_DEFAULTS } from '../../software/prosody/defaults.js';
import { effectiveOption } from '../../software/prosody/effective-option.js';
import { moduleSet } from '../../software/prosody/module-set.js';
import type { HostView, OptionView, PlainValue } from '../config-models.js';

/**
 * Every VirtualHost and Component of a Prosody config after Include and inheritance: the modules
 * Prosody loads there (module-set.ts, modulemanager's rules) and options as config.get reads them
 * (effective-option.ts). A default is given only where privacy-lint has read it (defaults.ts).
 */
export function prosodyHosts(config: ProsodyConfig): HostView[] {
  const hosts: HostView[] = [];
  for (const section of config.sections.values()) {
    if (section.kind === 'global') continue;
    const position = section.declarations[0] ?? { file: config.mainFile, line: 1, column: 1 };
    const set = moduleSet(config, section.name);
    const modules = set.loaded().map((name) => ({ name, position: set.evidence(name)[0] ?? position }));
    hosts.push({
      name: section.name,
      kind: section.kind,
      position,
      modules,
      option: (name) => optionOf(config, section.name, name, position),
    });
  }
  return hosts;
}

function optionOf(config: ProsodyConfig, section: string, name: string, hostAt: SourcePosition): OptionView | undefined {
  const effective = effectiveOption(config, section, name);
  if (effective && effective.option.value.type !== 'nil') {
    const { value, unknown } = plainLua(effective.option.value);
    return { value, position: effective.option.at, isDefault: false, ...(unknown === undefined ? {} : { unknown }) };
  }
  const known = (PROSODY_DEFAULTS as Record<string, { value: unknown } | undefined>)[name];
  if (known === undefined) return undefined;
  return { value: known.value as PlainValue, position: effective?.option.at ?? hostAt, isDefault: true };
}

/** A Lua value as plain data: a list for a table with only an array part, else an object. */
function plainLua(value: LuaValue): { value: PlainValue | undefined; unknown?: string } {
  switch (value.type) {
    case 'nil':
      return { value: null };
    case 'boolean':
    case 'number':
    case 'string':
      return { value: value.value };
    case 'function':
      return { value: undefined, unknown: 'a function' };
    case 'unknown':
      return { value: undefined, unknown: value.reason };
    case 'table': {
      const items = value.items.map((item) => plainLua(item).value ?? null);
      if (value.fields.size === 0) return { value: items };
      const object: Record<string, PlainValue> = {};
      items.forEach((item, index) => (object[String(index + 1)] = item));
      for (const [key, field] of value.fields) object[key] = plainLua(field).value ?? null;
      return { value: object };
    }
  }
}
