import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/lint-fixture.js';

/** Every .ts module under a directory, as paths relative to the repository. */
function modules(directory: string): string[] {
  return readdirSync(path.join(repoRoot, directory), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => path.join(directory, name).split(path.sep).join('/'));
}

// `import … from 'fs'`, `export … from 'node:fs/promises'`, `import('fs')`, `require("node:fs")`.
const FS_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"](?:node:)?fs(?:\/promises)?['"]/m;

describe('the file-access layer', () => {
  it('is the only module of src/ and rules/ that imports node:fs', () => {
    const outside = [...modules('src'), ...modules('rules')].filter((file) => !file.startsWith('src/files/'));
    expect(outside.length).toBeGreaterThan(100);
    expect(outside.filter((file) => FS_IMPORT.test(readFileSync(path.join(repoRoot, file), 'utf8')))).toEqual([]);
  });

  it('recognises every form of the import it forbids', () => {
    for (const line of [
      "import { readFileSync } from 'node:fs';",
      'import * as fs from "fs";',
      "import { readFile } from 'fs/promises';",
      "export { statSync } from 'node:fs';",
      "const fs = await import('node:fs');",
      "const fs = require('fs');",
      "import 'node:fs';",
    ]) {
      expect(FS_IMPORT.test(line), line).toBe(true);
    }
    expect(FS_IMPORT.test("import { x } from './fs-tools.js';")).toBe(false);
  });
});
