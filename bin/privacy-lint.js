#!/usr/bin/env node
// The published executable: everything lives in the built CLI.
import module from 'node:module';

// Node >= 22.1 can cache compiled modules between runs, which most of a cold start is spent on
// (bench/BASELINE.md); on older Node this is a no-op.
module.enableCompileCache?.();

const { main } = await import('../dist/src/cli.js');
process.exitCode = await main(process.argv);
