import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../config/types.js';
import type { ResolvedConfig } from '../config/types.js';
import type { Search, SourceKind } from '../inventory/inventory.js';
import { STANDARD_LOCATIONS, kindOfFile } from './standard-locations.js';

export interface DiscoveredSource {
  kind: SourceKind;
  /** Absolute path of the main config file. */
  file: string;
}

export interface Discovery {
  sources: DiscoveredSource[];
  searches: Search[];
}

/**
 * Which main config files to read: explicit `sources` from the configuration, paths from the
 * command line (files by name, directories searched like a root), else the standard locations
 * under --root. Included files are found later by each reader.
 */
export function discover(root: string, paths: string[], config: ResolvedConfig): Discovery {
  const sources: DiscoveredSource[] = [];
  const searches: Search[] = [];
  const add = (kind: SourceKind, file: string): void => {
    if (!sources.some((s) => s.kind === kind && s.file === file)) sources.push({ kind, file });
  };

  for (const [kind, files] of Object.entries(config.sources) as [SourceKind, string[]][]) {
    for (const file of files) {
      if (!existsSync(file)) throw new UsageError(`sources.${kind}: ${file} does not exist`);
      add(kind, file);
    }
    searches.push({ kind, paths: files, found: files.length > 0 });
  }

  const bases = paths.length > 0 ? paths : [root];
  for (const base of bases) {
    if (statSync(base).isFile()) {
      const kind = kindOfFile(path.basename(base));
      if (!kind) throw new UsageError(`${base}: privacy-lint cannot tell what kind of configuration this is (known: Prosody *.cfg.lua, ejabberd *.yml)`);
      add(kind, base);
      continue;
    }
    for (const [kind, locations] of Object.entries(STANDARD_LOCATIONS) as [SourceKind, string[]][]) {
      if (config.sources[kind]) continue;
      const tried = base === root ? locations : [...locations, path.basename(locations[0] ?? '')];
      const found = tried.map((l) => path.join(base, l)).filter((f) => existsSync(f) && statSync(f).isFile());
      for (const file of found) add(kind, file);
      // Relative to --root as the user thinks of them ("etc/prosody/prosody.cfg.lua").
      const shown = base === root ? tried : tried.map((l) => path.join(base, l));
      searches.push({ kind, paths: shown, found: found.length > 0 });
    }
  }
  return { sources, searches };
}
