import { readToolFile } from '../files/tool-files.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const toolName = 'privacy-lint';

interface PackageInfo {
  /** The directory of the package's own package.json. */
  dir: string | undefined;
  version: string;
  homepage: string | undefined;
}

let cached: PackageInfo | undefined;

/**
 * The package's own package.json. Found by walking up from this module, since it runs both from
 * src/reporters (tests) and from dist/src/reporters (the built CLI).
 */
function packageInfo(): PackageInfo {
  if (cached !== undefined) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const info = infoIn(dir);
    if (info !== undefined) return (cached = info);
    const parent = path.dirname(dir);
    if (parent === dir) return (cached = { dir: undefined, version: '0.0.0-unknown', homepage: undefined });
    dir = parent;
  }
}

export function toolVersion(): string {
  return packageInfo().version;
}

/** Where privacy-lint is installed, so a report can name its built-in profiles without the machine's path. */
export function toolDirectory(): string | undefined {
  return packageInfo().dir;
}

/** package.json `homepage`, from which rule documentation URLs are derived (none when unset). */
export function toolHomepage(): string | undefined {
  return packageInfo().homepage;
}

function infoIn(dir: string): PackageInfo | undefined {
  let text: string;
  try {
    text = readToolFile(path.join(dir, 'package.json'));
  } catch {
    return undefined;
  }
  try {
    const pkg: unknown = JSON.parse(text);
    if (typeof pkg !== 'object' || pkg === null) return undefined;
    const { name, version, homepage } = pkg as { name?: unknown; version?: unknown; homepage?: unknown };
    // Another package.json on the way up (a monorepo, node_modules) is not ours.
    if (name !== toolName || typeof version !== 'string') return undefined;
    return { dir, version, homepage: typeof homepage === 'string' && homepage !== '' ? homepage : undefined };
  } catch {
    return undefined;
  }
}
