import { listToolDirectory, toolPathExists } from '../files/tool-files.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Built-in profiles (POLICY.md "Profiles"): YAML policy files in the package's `profiles/`
 * folder, one per name (`recommended.yaml` is `extends: recommended`). Adding a file adds a
 * profile.
 *
 * This module runs from src/config/ (vitest, from source) and from dist/src/config/ (the
 * built package), so the folder is two or three levels up; the first that holds the
 * recommended profile wins.
 */

const CANDIDATES = ['../../profiles/', '../../../profiles/'];

export const DEFAULT_PROFILE = 'recommended';

let cachedDirectory: string | undefined;

export function profilesDirectory(): string {
  if (cachedDirectory !== undefined) return cachedDirectory;
  for (const candidate of CANDIDATES) {
    const directory = fileURLToPath(new URL(candidate, import.meta.url));
    if (toolPathExists(path.join(directory, `${DEFAULT_PROFILE}.yaml`))) {
      cachedDirectory = directory;
      return directory;
    }
  }
  // Only a broken installation gets here: the package always ships profiles/.
  throw new Error(`privacy-lint: built-in profiles not found (looked in ${CANDIDATES.join(', ')} from ${import.meta.url})`);
}

/** The names of the built-in profiles, sorted. */
export function listProfiles(): string[] {
  return listToolDirectory(profilesDirectory())
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => name.slice(0, -'.yaml'.length))
    .sort();
}

/** Absolute path of a built-in profile, or undefined when there is none by that name. */
export function profilePath(name: string): string | undefined {
  // Only names from the listing, so `extends: ../../etc/x` cannot reach outside the folder.
  return listProfiles().includes(name) ? path.join(profilesDirectory(), `${name}.yaml`) : undefined;
}
