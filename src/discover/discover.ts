import path from 'node:path';
import { UsageError } from '../config/types.js';
import type { RootFiles } from '../files/root-files.js';
import { toolPathKind } from '../files/tool-files.js';
import type { ResolvedConfig } from '../config/types.js';
import type { Search, SourceKind } from '../inventory/inventory.js';
import { STANDARD_LOCATIONS, VERSIONED_EJABBERD } from './standard-locations.js';
import { KIND_NAMES, recogniseKind, splitKindPrefix } from './recognise-kind.js';
import { TAKES_MAIN_FILE, placeRefusal } from './read-places.js';
import { readToolFile } from '../files/tool-files.js';
import { detectDistribution, type Distribution } from './distribution.js';

export interface DiscoveredSource {
  kind: SourceKind;
  /** Absolute path of the main config file. */
  file: string;
}

export interface Discovery {
  sources: DiscoveredSource[];
  searches: Search[];
  /** Which system the tree is: the cron daemon read follows it (detected when left out). */
  distribution?: Distribution;
}

/**
 * Which main config files to read: explicit `sources` from the configuration, paths from the
 * command line (files by name, directories searched like a root), else the standard locations
 * under --root. Included files are found later by each reader.
 */
export function discover(files: RootFiles, paths: string[], config: ResolvedConfig): Discovery {
  const root = files.host('/');
  // A config named by its place under the root counts when its entry exists and is not a
  // directory: a link leaving the root, a FIFO or an unreadable file is then reported by its
  // reader instead of silently not found. Elsewhere, the path the user named is taken as is.
  const isConfigFile = (host: string): boolean => {
    const systemPath = files.system(host);
    if (systemPath === undefined) return toolPathKind(host) === 'file';
    return files.exists(systemPath) && files.kind(systemPath) !== 'directory';
  };
  const sources: DiscoveredSource[] = [];
  const searches: Search[] = [];
  const add = (kind: SourceKind, file: string): void => {
    if (!sources.some((s) => s.kind === kind && s.file === file)) sources.push({ kind, file });
  };

  // A main file is read as the software's main file; the files of the other kinds are read
  // by their readers at their places under --root, so they must lie there.
  const name = (kind: SourceKind, file: string, label: string): void => {
    const refusal = placeRefusal(files, kind, file);
    if (refusal !== undefined) throw new UsageError(`${label}: ${refusal}`);
    if (TAKES_MAIN_FILE.has(kind)) add(kind, file);
  };

  for (const [kind, named] of Object.entries(config.sources) as [SourceKind, string[]][]) {
    for (const file of named) {
      if (toolPathKind(file) === undefined) throw new UsageError(`sources.${kind}: ${file} does not exist`);
      name(kind, file, `sources.${kind}`);
    }
    searches.push({ kind, paths: named, found: named.length > 0 });
  }

  const bases = paths.length > 0 ? paths : [root];
  for (const base of bases) {
    const prefixed = toolPathKind(base) === undefined ? splitKindPrefix(base) : undefined;
    if (prefixed !== undefined) {
      if (toolPathKind(prefixed.path) !== 'file') throw new UsageError(`${base}: ${prefixed.path} is not a file`);
      name(prefixed.kind, prefixed.path, base);
      continue;
    }
    if (toolPathKind(base) === 'file') {
      const kind = recogniseKind(files.system(base) ?? base, textOf(files, base));
      if (!kind) {
        throw new UsageError(
          `${base}: privacy-lint cannot tell what kind of configuration this is from its place or its content; ` +
            `name it as KIND:PATH (e.g. nginx:${base}); kinds: ${KIND_NAMES.join(', ')}`,
        );
      }
      name(kind, base, base);
      continue;
    }
    for (const [kind, standard] of Object.entries(STANDARD_LOCATIONS) as [SourceKind, string[]][]) {
      if (config.sources[kind]) continue;
      const locations = kind === 'ejabberd' && base === root ? [...standard, ...versionedEjabberd(files)] : standard;
      const tried = base === root ? locations : [...locations, path.basename(locations[0] ?? '')];
      const found = tried.map((l) => path.join(base, l)).filter(isConfigFile);
      for (const file of found) add(kind, file);
      // Relative to --root as the user thinks of them ("etc/prosody/prosody.cfg.lua").
      const shown = base === root ? tried : tried.map((l) => path.join(base, l));
      searches.push({ kind, paths: shown, found: found.length > 0 });
    }
  }
  return { sources, searches, distribution: detectDistribution(files) };
}

/** The text of a file named on the command line (under --root or not), to recognise its kind. */
function textOf(files: RootFiles, host: string): string | undefined {
  const systemPath = files.system(host);
  if (systemPath !== undefined) return files.read(systemPath);
  try {
    return readToolFile(host);
  } catch {
    return undefined;
  }
}

/** `opt/ejabberd-<version>/conf/ejabberd.yml` of each versioned install under /opt. */
function versionedEjabberd(files: RootFiles): string[] {
  return (files.list('/opt') ?? []).filter((name) => VERSIONED_EJABBERD.test(name)).map((name) => `opt/${name}/conf/ejabberd.yml`);
}
