
import { wildcardMatch } from '../../discover/wildcard-match.js';

/**
 * Path handling of Prosody's `Include` (0.12 core/configmanager.lua:210-248, 13.0 :325-362)
 * and util/paths.lua, applied to "virtual" paths (the paths Prosody would see on the served
 * system) that are then mapped under --root on this machine.
 */

/** config_file:gsub("[^/]+$", ""): the directory of a config file, with its trailing slash. */
export function configDirOf(virtualFile: string): string {
  return virtualFile.slice(0, virtualFile.lastIndexOf('/') + 1);
}

/** util/paths.lua:8-25 resolve_relative_path (POSIX branch). */
export function resolveRelativePath(parentPath: string, file: string): string {
  const parent = parentPath.replace(/\/+$/, '');
  const p = file.replace(/^\.\/+/, '');
  if (!p.startsWith('/')) return `${parent}/${p}`;
  return p;
}

/** A wildcard Include: the argument contains `*` or `?` (configmanager.lua:212). */
export function isGlobInclude(file: string): boolean {
  return /[*?]/.test(file);
}

/**
 * Splits a wildcard Include into its directory (resolved like Prosody does) and the glob of its
 * last path component (configmanager.lua:217-224). undefined when the argument ends in `/`
 * (Prosody then fails with an arithmetic error on nil).
 */
export function splitGlobInclude(includingVirtualFile: string, file: string): { dir: string; glob: string } | undefined {
  // The last component, found by index: a pattern such as /([^/]+)$/ backtracks quadratically on
  // a long argument with a slash after it.
  const slash = file.lastIndexOf('/');
  const glob = file.slice(slash + 1);
  if (glob === '') return undefined;
  const dirPart = file.slice(0, Math.max(slash, 0));
  const configPath = configDirOf(includingVirtualFile);
  const dir = dirPart.length > 0 ? resolveRelativePath(configPath, dirPart) : configPath;
  return { dir, glob };
}

/**
 * util/paths.lua:28-38 glob_to_pattern: `*` → `.*`, `?` → `.` (one byte), everything else
 * literal, anchored. Matching is done on the name's bytes, as Lua does, by wildcardMatch (as a
 * RegExp, a glob of thousands of `*` backtracked for minutes: a fuzzer's hang).
 */
export function globMatcher(glob: string): (name: string) => boolean {
  const bytes = Buffer.from(glob, 'utf8').toString('latin1');
  return (name) => wildcardMatch(bytes, Buffer.from(name, 'utf8').toString('latin1'));
}

/**
 * Names in a directory that a wildcard Include would read: not starting with `.`, matching the
 * glob (configmanager.lua:226-230). Prosody takes them in lfs.dir() order, which is the
 * filesystem's and not sorted; privacy-lint sorts them by name (bytes) so results are stable.
 */
export function listGlobMatches(names: string[], glob: string): string[] {
  const matches = globMatcher(glob);
  return names
    .filter((name) => !name.startsWith('.') && matches(name))
    .sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
}
