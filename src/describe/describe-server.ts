import { loadConfig } from '../config/load-config.js';
import { readInventory } from '../engine/read-inventory.js';
import { describeMarkdown, LANGUAGES, type Language } from './describe.js';
import { statementsOf } from './statements.js';

export interface DescribeOptions {
  cwd: string;
  root: string;
  /** The tool configuration: its `versions` and `sources` shape the inventory; its policy does not. */
  configFile?: string;
  language: Language;
}

/**
 * `privacy-lint describe`: the policy text for the server under `root`, from its configs alone.
 * A declared policy, if the configuration has one, plays no part: the text says what the server
 * does, not what someone promised.
 */
export async function describeServer(options: DescribeOptions): Promise<string> {
  const config = await loadConfig({ cwd: options.cwd, ...(options.configFile !== undefined && { configFile: options.configFile }) });
  const inventory = await readInventory(options.root, config);
  return describeMarkdown(statementsOf(inventory, config), LANGUAGES[options.language], options.root);
}
