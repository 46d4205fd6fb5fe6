import type { EffectiveModule, EjabberdConfig, EjabberdOption } from './config-model.js';
import { concatValues } from './group-options.js';

/**
 * The value ejabberd 23.01 gives `name` for `host` (ejabberd_config.erl set_host_config/1 and
 * apply_defaults/4): the host_config value, else the global one; then an append_host_config
 * list/map is appended to it (L2 ++ L1). undefined when the config does not set it (the
 * server default applies; defaults are the interpreter's business). Host names are matched
 * lower-cased.
 */
export function effectiveOption(config: EjabberdConfig, host: string, name: string): EjabberdOption | undefined {
  const h = host.toLowerCase();
  const base = config.hostConfig.get(h)?.get(name) ?? config.global.get(name);
  const appended = config.appendHostConfig.get(h)?.get(name);
  if (!appended) return base;
  if (!base) return appended;
  const merged = concatValues(base.value, appended.value);
  if (!merged) return base; // a scalar in append_host_config: refused (merge_conflict), reported by the loader
  return { name, value: merged, at: base.at, occurrences: [...base.occurrences, ...appended.occurrences] };
}

/**
 * The modules loaded for `host`: the global `modules`, replaced as a whole by a `modules` in
 * host_config (no per-module merge), plus those of append_host_config. When a module is named
 * twice ejabberd refuses to start (gen_mod:validator/1, `unique`; reported by the loader); the
 * first one is kept here.
 */
export function effectiveModules(config: EjabberdConfig, host: string): Map<string, EffectiveModule> {
  const result = new Map<string, EffectiveModule>();
  const option = effectiveOption(config, host, 'modules');
  if (option?.value.kind !== 'map') return result;
  for (const entry of option.value.entries) {
    if (!result.has(entry.key)) result.set(entry.key, { options: entry.value, at: entry.keyAt });
  }
  return result;
}
