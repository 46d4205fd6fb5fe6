import { DEFAULT_PROSODY_RELEASE } from '../config/config-settings.js';
import type { ResolvedConfig } from '../config/types.js';
import { discover } from '../discover/discover.js';
import { openRoot } from '../files/open-root.js';
import type { Inventory } from '../inventory/inventory.js';
import { capDiagnostics } from './cap-diagnostics.js';
import { readSources } from './read-sources.js';

/**
 * What the configs under `root` make the servers do, without judging it: the stages of lint()
 * before the rules, for the commands that describe the server rather than check a policy
 * (describe, init, provider-file). The configuration's `versions` and `sources` shape the
 * inventory; its policy does not.
 */
export async function readInventory(root: string, config: ResolvedConfig): Promise<Inventory> {
  const files = openRoot(root);
  const inventory = await readSources(discover(files, [], config), files, config);
  // As in lint(): a broken file can yield thousands of diagnostics.
  inventory.diagnostics = capDiagnostics(inventory.diagnostics);
  return inventory;
}

/**
 * The configuration lint assumes when there is none: standard locations only, and the defaults
 * of the releases lint assumes when `versions:` is unset. For init, which writes the
 * configuration, and provider-file, which reads what the configs guarantee whatever was promised.
 */
export function unconfigured(policyFile: string): ResolvedConfig {
  return {
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
}
