import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/**
 * A root from `{ 'etc/x': 'text' }`, built at test time (git keeps neither FIFOs nor absolute
 * links portably): `-> target` makes a symlink, `fifo` a FIFO, `sparse N` a sparse file of N
 * bytes. Removed after each test.
 */
export function specialTree(files: Record<string, string>, prefix = 'privacy-lint-tree-'): string {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  roots.push(root);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    if (content.startsWith('-> ')) symlinkSync(content.slice(3), file);
    else if (content === 'fifo') execFileSync('mkfifo', [file]);
    else if (content.startsWith('sparse ')) {
      writeFileSync(file, '');
      truncateSync(file, Number(content.slice('sparse '.length)));
    } else writeFileSync(file, content);
  }
  return root;
}
