#!/usr/bin/env node
// The published executable: the CLI bundled by `npm run build` (scripts/bundle-cli.ts), one file
// and its lazily loaded chunks instead of about 300 modules to resolve and compile at each start.
import module from 'node:module';

// Node >= 22.1 can cache compiled modules between runs, which most of a cold start is spent on
// (bench/BASELINE.md); on older Node this is a no-op.
module.enableCompileCache?.();

const { main } = await import('../dist/bundle/privacy-lint.mjs');
process.exitCode = await main(process.argv);
