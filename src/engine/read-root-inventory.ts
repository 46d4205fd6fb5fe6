import { DEFAULT_PROSODY_RELEASE } from '../config/config-settings.js';
import type { ResolvedConfig } from '../config/types.js';
import { discover } from '../discover/discover.js';
import { openRoot } from '../files/open-root.js';
import type { Inventory } from '../inventory/inventory.js';
import { readSources } from './read-sources.js';

/**
 * The inventory of the server under `root` as `lint` reads it without a configuration: standard
 * locations, and the defaults of the releases lint assumes when `versions:` is unset. For the
 * commands that describe a server rather than judge a policy (init, provider-file).
 */
export async function readRootInventory(root: string, policyFile: string): Promise<{ inventory: Inventory; config: ResolvedConfig }> {
  const files = openRoot(root);
  const config: ResolvedConfig = {
    configFile: undefined,
    policyFile,
    usedDefaultProfile: false,
    claims: new Map(),
    versions: { prosody: DEFAULT_PROSODY_RELEASE },
    ruleSeverities: new Map(),
    sources: {},
    plugins: [],
    strictRetention: false,
  };
  return { inventory: await readSources(discover(files, [], config), files, config), config };
}
