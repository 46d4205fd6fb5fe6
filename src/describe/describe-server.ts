import { readInventory, type InventoryOptions } from '../engine/read-inventory.js';
import { describeMarkdown, LANGUAGES, type Language } from './describe.js';
import { statementsOf } from './statements.js';

/**
 * `privacy-lint describe`: the policy text for the server under `root`, from its configs alone.
 * A declared policy, if the configuration has one, plays no part: the text says what the server
 * does, not what someone promised.
 */
export async function describeServer(options: InventoryOptions & { language: Language }): Promise<string> {
  const { config, inventory } = await readInventory(options);
  return describeMarkdown(statementsOf(inventory, config), LANGUAGES[options.language], options.root);
}
