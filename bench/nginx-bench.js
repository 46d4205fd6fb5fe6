// nginx benchmark: privacy-lint's nginx reader against `nginx -t` on the same generated tree of
// 20,000 server blocks (100 files in sites-enabled, each with 200 servers: a page location, a
// BOSH proxy location, some with their own access_log or Content-Security-Policy).
// Run `npm run build && node bench/nginx-bench.js [--quick] [--record]`.
//   --quick   2,000 servers, fewer runs (smoke check)
//   --record  append the table to bench/BASELINE.md under a new heading
// Both sides are child processes timed here (wall time, median of 3 after one warm-up) with peak
// RSS from GNU time (/usr/bin/time %M). nginx runs with a temp prefix (-p), -e stderr and a temp
// pid file; every log path in the tree points into the temp dir, so nothing outside it is touched.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateNginxTree } from './nginx-tree.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const quick = process.argv.includes('--quick');
const record = process.argv.includes('--record');
const servers = quick ? 2_000 : 20_000;
const files = 100;
const runs = quick ? 1 : 3;
const GNU_TIME = '/usr/bin/time';
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
const AIMS = { ratio: 1, peakMB: 500 };

function timed(command, args) {
  const timeFile = join(tmpdir(), `privacy-lint-nginx-bench-${process.pid}`);
  const started = process.hrtime.bigint();
  const run = spawnSync(GNU_TIME, ['-f', '%e %M', '-o', timeFile, command, ...args], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const last = existsSync(timeFile) ? (readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '') : '';
  rmSync(timeFile, { force: true });
  return { ms, status: run.status, stdout: run.stdout, stderr: run.stderr, peakKiB: Number(last.split(' ')[1]) || undefined };
}

function repeat(label, command, args) {
  const results = [];
  for (let i = 0; i <= runs; i += 1) {
    const run = timed(command, args);
    if (run.status !== 0) {
      console.error(`${label} failed (exit ${run.status}):\n${run.stderr.trim().split('\n').slice(-5).join('\n')}`);
      process.exit(1);
    }
    if (i > 0) results.push(run);
  }
  return results;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const fmtMB = (kib) => (kib === undefined ? 'n/a' : `${((kib * 1024) / 1e6).toFixed(0)} MB`);

if (!existsSync(join(repoRoot, 'dist/src/software/nginx/read-nginx.js'))) {
  console.error('dist/src/software/nginx/read-nginx.js is missing: run `npm run build` first');
  process.exit(1);
}
if (!NGINX || !existsSync(GNU_TIME)) {
  console.error(`needs nginx (apt-get install -y nginx) and GNU time (apt-get install -y time): ${NGINX ? '' : 'nginx missing '}${existsSync(GNU_TIME) ? '' : '/usr/bin/time missing'}`);
  process.exit(1);
}

const temp = mkdtempSync(join(tmpdir(), 'nginx-bench-'));
try {
  const tree = generateNginxTree(temp, servers, files);
  const ours = repeat('readNginx', process.execPath, [join(repoRoot, 'bench/nginx-read.js'), tree.root]);
  const report = JSON.parse(ours[0].stdout.trim());
  const nginxArgs = ['-t', '-q', '-c', tree.conf, '-p', `${temp}/`, '-e', 'stderr', '-g', `pid ${temp}/nginx.pid;`];
  const theirs = repeat('nginx -t', NGINX, nginxArgs);
  const oursMs = median(ours.map((r) => r.ms));
  const theirsMs = median(theirs.map((r) => r.ms));
  const insideMs = median(ours.map((r) => JSON.parse(r.stdout.trim()).ms));
  const oursPeak = Math.max(...ours.map((r) => r.peakKiB ?? 0));
  const theirsPeak = Math.max(...theirs.map((r) => r.peakKiB ?? 0));
  const ratio = oursMs / theirsMs;
  const nginxVersion = spawnSync(NGINX, ['-v'], { encoding: 'utf8' }).stderr.trim().replace('nginx version: ', '');
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).stdout.trim();
  const table = [
    `Recorded ${new Date().toISOString().slice(0, 10)} on commit ${commit}; ${servers.toLocaleString('en')} server blocks in ${files} files (${(tree.bytes / 1e6).toFixed(1)} MB); ${report.files} files read, ${report.practices} practices.`,
    `Machine: ${cpus().length} CPUs, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${nginxVersion}; peak memory from GNU time %M; median of ${runs} after one warm-up.`,
    '',
    '| Measurement | privacy-lint | nginx -t | Ratio | Aim | Met |',
    '|---|---|---|---|---|---|',
    `| Read ${servers.toLocaleString('en')} server blocks, process wall time | ${fmtMs(oursMs)} | ${fmtMs(theirsMs)} | ${ratio.toFixed(2)}× | ≤ ${AIMS.ratio}× | ${ratio <= AIMS.ratio ? 'yes' : 'NO'} |`,
    `| Time inside readNginx | ${fmtMs(insideMs)} |  |  | (info) |  |`,
    `| Peak memory | ${fmtMB(oursPeak)} | ${fmtMB(theirsPeak)} |  | < ${AIMS.peakMB} MB | ${(oursPeak * 1024) / 1e6 < AIMS.peakMB ? 'yes' : 'NO'} |`,
  ].join('\n');
  console.log(table);
  if (record) appendFileSync(join(repoRoot, 'bench/BASELINE.md'), `\n## nginx reader vs nginx -t (bench/nginx-bench.js)\n\n${table}\n`);
} finally {
  rmSync(temp, { recursive: true, force: true });
}
