// Benchmark child: read one nginx tree with privacy-lint's nginx reader (the built dist/) and
// report the time spent inside readNginx and this process's peak RSS. Run `npm run build` first.
// Usage: node bench/nginx-read.js <root>
// Prints one JSON line: {"ok":true,"files":N,"practices":N,"diagnostics":N,"ms":..,"maxRssKiB":..}
import { performance } from 'node:perf_hooks';

const [root] = process.argv.slice(2);
if (!root) {
  console.error('usage: node bench/nginx-read.js <root>');
  process.exit(2);
}
const { readNginx } = await import(new URL('../dist/src/software/nginx/read-nginx.js', import.meta.url).href);
const { openRoot } = await import(new URL('../dist/src/files/open-root.js', import.meta.url).href);
const started = performance.now();
// readNginx reads through the file-access layer (src/files/), opened on the root as lint() does.
const reading = readNginx(openRoot(root));
const ms = performance.now() - started;
console.log(
  JSON.stringify({
    ok: true,
    files: reading.files.length,
    practices: reading.practices.length,
    diagnostics: reading.diagnostics.length,
    ms: Math.round(ms * 10) / 10,
    maxRssKiB: process.resourceUsage().maxRSS,
  }),
);
