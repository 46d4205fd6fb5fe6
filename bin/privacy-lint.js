#!/usr/bin/env node
// The published executable: the CLI bundled by `npm run build` (scripts/bundle-cli.ts), one file
// and its lazily loaded chunks instead of about 300 modules to resolve and compile at each start.
import module from 'node:module';

// Node >= 22.1 can cache compiled modules between runs, which most of a cold start is spent on
// (bench/BASELINE.md); on older Node this is a no-op.
module.enableCompileCache?.();

const { main } = await import('../dist/bundle/privacy-lint.mjs');
process.exitCode = await main(process.argv);

// Once the report is out, what a natural exit still waits for is V8 finishing the garbage
// collection the run started and freeing its heap: 20-40 ms after 10,000 jobs, for nothing.
// So end now, unless something else is pending: output not yet taken by a pipe, or a plugin's
// timer, socket or request (stdout and stderr themselves are pipes or terminals).
setImmediate(() => {
  const pending = process.getActiveResourcesInfo().filter((resource) => resource !== 'PipeWrap' && resource !== 'TTYWrap');
  if (pending.length === 0 && process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit();
});
