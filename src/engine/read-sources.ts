import type { ResolvedConfig } from '../config/types.js';
import type { Discovery } from '../discover/discover.js';
import type { Inventory, SourceFile } from '../inventory/inventory.js';
import { loadProsodyConfig } from '../software/prosody/load-config.js';
import { interpretProsody } from '../software/prosody/interpret.js';

/**
 * Reads every discovered source with its format's reader and interprets it into practices.
 * A file that cannot be parsed is a source with status 'error' and a parse-error diagnostic;
 * the other files are still read.
 */
export function readSources(discovery: Discovery, root: string, config: ResolvedConfig): Inventory {
  const inventory: Inventory = { sources: [], searches: discovery.searches, practices: [], diagnostics: [] };
  for (const source of discovery.sources) {
    if (source.kind !== 'prosody') continue;
    const loaded = loadProsodyConfig(source.file, { root, release: config.versions.prosody });
    inventory.diagnostics.push(...loaded.diagnostics);
    for (const file of loaded.files) {
      if (inventory.sources.some((s) => s.file === file)) continue;
      const broken = loaded.diagnostics.some((d) => d.code === 'parse-error' && d.position.file === file);
      const entry: SourceFile = { file, kind: 'prosody', status: broken ? 'error' : 'ok' };
      inventory.sources.push(entry);
    }
    const interpretation = interpretProsody(loaded, config.versions.prosody);
    inventory.practices.push(...interpretation.practices);
    inventory.diagnostics.push(...interpretation.diagnostics);
  }
  return inventory;
}
