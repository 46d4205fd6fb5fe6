/**
 * The second half of `npm run build`: bundles the CLI (src/cli.ts and every package it uses) into
 * dist/bundle/, which bin/privacy-lint.js runs. tsc still type-checks and emits dist/src for the
 * library API (`import … from 'privacy-lint'`); this only makes the command start fast.
 *
 * Why: without a bundle a cold start resolves, reads and compiles about 300 module files (yaml's
 * and commander's many CommonJS files among them), and Node 20 has no compile cache to spare
 * that on the next run (`module.enableCompileCache` is Node >= 22.1). bench/BASELINE.md has the
 * figures.
 *
 * Splitting keeps what the module graph already loads lazily (a reader per kind of config, a
 * reporter per format, cosmiconfig, the subcommands) in chunks of their own, loaded by import()
 * only when used. Every output file sits directly in dist/bundle/, two levels below the package
 * root like dist/src/x.js's parents: profiles.ts finds ../../profiles/ from import.meta.url and
 * tool-info.ts walks up to package.json, from a chunk as from a module of dist/src.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outdir = path.join(repo, 'dist', 'bundle');

// Chunk names carry a content hash: files of an earlier build would stay and be packed.
rmSync(outdir, { recursive: true, force: true });

await build({
  absWorkingDir: repo,
  entryPoints: { 'privacy-lint': 'src/cli.ts' },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  // package.json engines: >= 20.17.
  target: 'node20.17',
  // yaml, commander, cosmiconfig and others are CommonJS: their require() of Node's built-in
  // modules needs a real require in an ES module bundle.
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
  // cosmiconfig loads a TypeScript configuration with the `typescript` package that the user
  // installed (its optional peer dependency): resolved at run time, never bundled.
  external: ['typescript'],
  // With node --enable-source-maps, a stack trace (DEBUG=1) names the source files and lines.
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'inline',
});
