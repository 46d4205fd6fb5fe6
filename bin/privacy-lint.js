#!/usr/bin/env node
// The published executable: everything lives in the built CLI.
import { main } from '../dist/src/cli.js';

process.exitCode = await main(process.argv);
