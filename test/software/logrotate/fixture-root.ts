import { chmodSync, cpSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const FIXTURES = resolve(import.meta.dirname, '../../../fixtures');

/**
 * A copy of a fixture root in a temp directory, with every file mode 0644: logrotate (run as
 * root) ignores config files writable by group or others, and a checkout's umask is not ours.
 */
export function fixtureRoot(area: string, name: string): string {
  const root = tempRoot(area);
  cpSync(join(FIXTURES, area, name), root, { recursive: true });
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) {
        chmodSync(path, 0o755);
        walk(path);
      } else chmodSync(path, 0o644);
    }
  };
  walk(root);
  return root;
}

/** An empty temp directory to build a root in. */
export function tempRoot(area: string): string {
  return mkdtempSync(join(tmpdir(), `privacy-lint-${area}-`));
}
