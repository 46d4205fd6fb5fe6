import { loadConfig } from '../config/load-config.js';
import type { ResolvedConfig } from '../config/types.js';
import { discover } from '../discover/discover.js';
import { openRoot } from '../files/open-root.js';
import type { Inventory } from '../inventory/inventory.js';
import { capDiagnostics } from './cap-diagnostics.js';
import { readSources } from './read-sources.js';

export interface InventoryOptions {
  cwd: string;
  root: string;
  /** The tool configuration: its `versions` and `sources` shape the inventory; its policy does not. */
  configFile?: string;
}

/**
 * What the configs under `root` make the servers do, without judging it: the stages of lint()
 * before the rules, for commands that describe the server rather than check a policy.
 */
export async function readInventory(options: InventoryOptions): Promise<{ config: ResolvedConfig; inventory: Inventory }> {
  const config = await loadConfig({ cwd: options.cwd, ...(options.configFile !== undefined && { configFile: options.configFile }) });
  const files = openRoot(options.root);
  const inventory = await readSources(discover(files, [], config), files, config);
  inventory.diagnostics = capDiagnostics(inventory.diagnostics);
  return { config, inventory };
}
