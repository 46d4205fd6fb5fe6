// Benchmark child: load one Prosody config with privacy-lint's loader (the built dist/), and
// report the time spent inside loadProsodyConfig and this process's peak RSS, so bench/run.js
// measures the loader apart from the CLI. Run `npm run build` first.
// Usage: node bench/load-prosody.js <config-file> <root> [release]
// Prints one JSON line: {"ok":true,"sections":N,"refused":false,"diagnostics":N,"ms":..,"maxRssKiB":..}
import { performance } from 'node:perf_hooks';

const [file, root, release = '0.12'] = process.argv.slice(2);
if (!file || !root) {
  console.error('usage: node bench/load-prosody.js <config-file> <root> [release]');
  process.exit(2);
}
const { loadProsodyConfig } = await import(
  new URL('../dist/src/software/prosody/load-config.js', import.meta.url).href
);
const { RootFiles } = await import(new URL('../dist/src/files/root-files.js', import.meta.url).href);
// The loader reads through the file layer made from --root (src/files), not a root string.
const files = new RootFiles(root);
const started = performance.now();
const config = await loadProsodyConfig(file, { files, release });
const ms = performance.now() - started;
console.log(
  JSON.stringify({
    ok: true,
    sections: config.sections.size,
    refused: config.refusedByServer,
    diagnostics: config.diagnostics.length,
    ms: Math.round(ms * 10) / 10,
    // resourceUsage().maxRSS is in KiB (getrusage ru_maxrss on Linux).
    maxRssKiB: process.resourceUsage().maxRSS,
  }),
);
