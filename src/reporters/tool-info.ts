import { readToolFile } from '../files/tool-files.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const toolName = 'privacy-lint';

let cachedVersion: string | undefined;

/**
 * The version from the package's own package.json. Found by walking up from this module, since
 * it runs both from src/reporters (tests) and from dist/src/reporters (the built CLI).
 */
export function toolVersion(): string {
  if (cachedVersion !== undefined) return cachedVersion;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const version = versionIn(path.join(dir, 'package.json'));
    if (version !== undefined) return (cachedVersion = version);
    const parent = path.dirname(dir);
    if (parent === dir) return (cachedVersion = '0.0.0-unknown');
    dir = parent;
  }
}

function versionIn(file: string): string | undefined {
  let text: string;
  try {
    text = readToolFile(file);
  } catch {
    return undefined;
  }
  try {
    const pkg: unknown = JSON.parse(text);
    if (typeof pkg !== 'object' || pkg === null) return undefined;
    const { name, version } = pkg as { name?: unknown; version?: unknown };
    // Another package.json on the way up (a monorepo, node_modules) is not ours.
    return name === toolName && typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}
