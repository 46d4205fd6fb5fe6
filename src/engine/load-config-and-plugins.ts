import { loadConfig } from '../config/load-config.js';
import type { ResolvedConfig } from '../config/types.js';
import type { LintOptions } from './lint-options.js';
import { loadPlugins, type LoadedPlugins } from './load-plugins.js';

/** The configuration, with the claims of its plugins and of --plugin; and those plugins' rules. */
export async function loadConfigAndPlugins(
  options: Pick<LintOptions, 'cwd' | 'ruleOverrides' | 'configFile' | 'policyFile' | 'plugins' | 'pluginObjects'>,
): Promise<{ config: ResolvedConfig; plugins: LoadedPlugins }> {
  let plugins: LoadedPlugins = { names: [], rules: [], claims: [] };
  const config = await loadConfig({
    cwd: options.cwd,
    ruleOverrides: options.ruleOverrides,
    ...(options.configFile ? { configFile: options.configFile } : {}),
    ...(options.policyFile ? { policyFile: options.policyFile } : {}),
    ...(options.plugins ? { plugins: options.plugins } : {}),
    loadPlugins: async (specifiers, base) => {
      plugins = await loadPlugins([...specifiers, ...(options.pluginObjects ?? [])], base);
      return plugins.claims;
    },
  });
  return { config, plugins };
}
