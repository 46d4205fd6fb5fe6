import type { EjabberdConfig, EjabberdValue } from '../../software/ejabberd/config-model.js';
import { effectiveModules, effectiveOption } from '../../software/ejabberd/effective-option.js';
import type { HostView, ModuleView, OptionView, PlainValue } from '../config-models.js';

/**
 * Every host of an ejabberd config with host_config and append_host_config applied
 * (effective-option.ts): its modules, each with its options as written, and its options.
 * ejabberd's defaults live in its option validators; they are not given here (isDefault is false).
 */
export function ejabberdHosts(config: EjabberdConfig): HostView[] {
  return config.hosts.map((host) => {
    const modules: ModuleView[] = [...effectiveModules(config, host.name)].map(([name, module]) => ({
      name,
      position: module.at,
      option: (option: string): OptionView | undefined => {
        if (module.options.kind !== 'map') return undefined;
        const entry = [...module.options.entries].reverse().find((e) => e.key === option);
        return entry === undefined ? undefined : { value: plainYaml(entry.value), position: entry.keyAt, isDefault: false };
      },
    }));
    return {
      name: host.name,
      kind: 'host' as const,
      position: host.at,
      modules,
      option: (name: string): OptionView | undefined => {
        const option = effectiveOption(config, host.name, name);
        return option === undefined ? undefined : { value: plainYaml(option.value), position: option.at, isDefault: false };
      },
    };
  });
}

/** fast_yaml's typing as plain data: the atoms true and false are booleans, maps objects (the last duplicate wins). */
function plainYaml(value: EjabberdValue): PlainValue {
  switch (value.kind) {
    case 'atom':
      return value.value === 'true' ? true : value.value === 'false' ? false : value.value;
    case 'string':
    case 'int':
    case 'float':
      return value.value;
    case 'list':
      return value.items.map(plainYaml);
    case 'map': {
      const object: Record<string, PlainValue> = {};
      for (const entry of value.entries) object[entry.key] = plainYaml(entry.value);
      return object;
    }
  }
}
