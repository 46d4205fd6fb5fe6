import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * The example plugins (examples/plugin-*) import `privacy-lint` by name, as their users do; in
 * this repository the name means the build (npm test builds first), not an installed copy.
 */
export default defineConfig({
  test: {
    // Many tests run the published CLI as a process, and the oracle tests start real servers: on a
    // busy CI machine that takes longer than vitest's default 5 s without anything being wrong.
    testTimeout: 30_000,
  },
  resolve: {
    alias: [
      { find: /^privacy-lint\/testing$/, replacement: path.join(here, 'dist/src/testing/index.js') },
      { find: /^privacy-lint$/, replacement: path.join(here, 'dist/src/index.js') },
    ],
  },
});
