// privacy-lint benchmark: cold start of the CLI, and loading a huge Prosody config compared with
// Prosody's own loader. Run `npm run bench` (= npm run build && node bench/run.js).
// Options: --quick  fewer runs, 10,000 instead of 100,000 VirtualHosts and 2,000 instead of 20,000
//                   nginx server blocks (smoke check).
//          --only=cold|prosody|jobs|nginx|ejabberd|system  one measurement (the others read "not measured").
// Prints a markdown table, the aims and whether each is met. Exit status 0 unless a
// measurement could not run (missing build, lua5.4 or Prosody, a child that crashed).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateEjabberdTree } from './ejabberd-tree.js';
import { generateNginxTree } from './nginx-tree.js';
import { generateSystemTree } from './system-tree.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const quick = process.argv.includes('--quick');
const coldRuns = quick ? 3 : 10;
const loadRuns = quick ? 2 : 3;
const hostCount = quick ? 10_000 : 100_000;
const nginxServers = quick ? 2_000 : 20_000;
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const wants = (measurement) => only === undefined || only === measurement;
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
const PROSODY_SOURCE_DIR = '/usr/lib/prosody';
const GNU_TIME = '/usr/bin/time';
// e2e aims from issue 13: ≤ 2× Prosody at 100,000 hosts (≤ 4× at 10,000, where start-up dominates), ≤ 400 MB.
// ≤ 1.5× the demo for a whole system tree (issue 13); the ejabberd row has no aim (information).
const AIMS = { coldRatio: 2, loadRatio: 3, peakMB: 500, e2eRatio: quick ? 4 : 2, e2ePeakMB: 400, jobsMs: 1000, nginxRatio: 1, systemRatio: 1.5 };
const ejabberdHosts = 10_000;

const failures = [];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Wall time of one child process in ms, measured here; peak RSS (KiB) from GNU time when present. */
function timed(command, args, { withTime = false } = {}) {
  const useTime = withTime && existsSync(GNU_TIME);
  const timeFile = useTime ? join(tmpdir(), `privacy-lint-bench-time-${process.pid}`) : undefined;
  const [cmd, argv] = useTime
    ? [GNU_TIME, ['-f', '%e %M', '-o', timeFile, command, ...args]]
    : [command, args];
  const started = process.hrtime.bigint();
  const run = spawnSync(cmd, argv, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  let peakKiB;
  if (timeFile && existsSync(timeFile)) {
    // GNU time writes "Command exited with non-zero status N" before the format line on failure.
    const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
    peakKiB = Number(last.split(' ')[1]) || undefined;
    rmSync(timeFile, { force: true });
  }
  return { ms, status: run.status, signal: run.signal, error: run.error, stdout: run.stdout, stderr: run.stderr, peakKiB };
}

function describeFailure(label, run) {
  const why = run.error ? run.error.message : run.signal ? `signal ${run.signal}` : `exit status ${run.status}`;
  return `${label}: ${why}${run.stderr ? `\n${run.stderr.trim().split('\n').slice(-5).join('\n')}` : ''}`;
}

/** N timed runs after one untimed warm-up (so the file cache is equally warm for both sides). */
function repeat(label, runs, command, args, { okStatuses = [0], withTime = false } = {}) {
  const results = [];
  for (let i = 0; i <= runs; i += 1) {
    const run = timed(command, args, { withTime });
    if (run.error || !okStatuses.includes(run.status)) {
      failures.push(describeFailure(label, run));
      return undefined;
    }
    if (i > 0) results.push(run);
  }
  return results;
}

const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const fmtMB = (kib) => (kib === undefined ? 'n/a' : `${((kib * 1024) / 1e6).toFixed(0)} MB`);
const verdict = (met) => (met === undefined ? 'not measured' : met ? 'yes' : 'NO');

// --- (a) cold start -----------------------------------------------------------------------------
const cli = join(repoRoot, 'bin', 'privacy-lint.js');
const demoArgs = [
  cli, '--root', 'fixtures/demo', '--config', 'fixtures/demo/privacy-lint.config.yaml', '--format', 'json',
];
let cold;
if (!wants('cold')) {
  // skipped by --only
} else if (!existsSync(join(repoRoot, 'dist', 'bundle', 'privacy-lint.mjs'))) {
  // bin/privacy-lint.js runs the bundle that `npm run build` makes (scripts/bundle-cli.ts).
  failures.push('cold start: dist/bundle/privacy-lint.mjs missing, run `npm run build` first');
} else if (!existsSync(join(repoRoot, 'fixtures', 'demo'))) {
  failures.push('cold start: fixtures/demo missing');
} else {
  // Exit status 1 only means findings; 2 (usage error) or a crash is a failed measurement.
  const lint = repeat('privacy-lint cold start', coldRuns, process.execPath, demoArgs, { okStatuses: [0, 1] });
  const bare = repeat('node -e 0', coldRuns, process.execPath, ['-e', '0']);
  if (lint && bare) {
    cold = { lint: median(lint.map((r) => r.ms)), bare: median(bare.map((r) => r.ms)) };
    cold.ratio = cold.lint / cold.bare;
  }
}

// --- (b) huge config ----------------------------------------------------------------------------
const workDir = mkdtempSync(join(tmpdir(), 'privacy-lint-bench-'));
const configDir = join(workDir, 'etc', 'prosody');
const configFile = join(configDir, 'prosody.cfg.lua');
mkdirSync(configDir, { recursive: true });
// The shape of issue 13: every host sets its archive period, every tenth also loads muc_mam.
const lines = ['admins = { "admin@h0.example" }', 'modules_enabled = { "roster", "saslauth", "tls", "mam" }', ''];
for (let i = 0; i < hostCount; i += 1) {
  lines.push(`VirtualHost "h${i}.example"`, '  archive_expires_after = "1w"');
  if (i % 10 === 0) lines.push('  modules_enabled = { "muc_mam" }');
  lines.push('');
}
writeFileSync(configFile, lines.join('\n'));
const configBytes = Buffer.byteLength(lines.join('\n'));

let load;
const loaderJs = join(repoRoot, 'dist', 'src', 'software', 'prosody', 'load-config.js');
if (!wants('prosody')) {
  // skipped by --only
} else if (!existsSync(loaderJs)) {
  failures.push('huge config: dist/src/software/prosody/load-config.js missing, run `npm run build` first');
} else if (!existsSync(join(PROSODY_SOURCE_DIR, 'core', 'configmanager.lua'))) {
  failures.push(`huge config: Prosody not found in ${PROSODY_SOURCE_DIR} (apt-get install prosody lua5.4)`);
} else {
  const ours = repeat('privacy-lint loading the huge config', loadRuns, process.execPath,
    [join(repoRoot, 'bench', 'load-prosody.js'), configFile, workDir, '0.12'], { withTime: true });
  const theirs = repeat('Prosody loading the huge config', loadRuns, 'lua5.4',
    [join(repoRoot, 'bench', 'load-with-prosody.lua'), PROSODY_SOURCE_DIR, configFile], { withTime: true });
  if (ours && theirs) {
    const child = ours.map((r) => JSON.parse(r.stdout));
    const lua = theirs.map((r) => JSON.parse(r.stdout));
    if (child.some((c) => c.refused || c.sections !== hostCount + 1)) {
      failures.push(`huge config: privacy-lint did not read it as Prosody does (${JSON.stringify(child[0])})`);
    }
    load = {
      lint: median(ours.map((r) => r.ms)),
      prosody: median(theirs.map((r) => r.ms)),
      lintInside: median(child.map((c) => c.ms)),
      prosodyInside: median(lua.map((c) => c.ms)),
      // GNU time's %M, else what the child measured itself.
      lintPeakKiB: Math.max(...ours.map((r, i) => r.peakKiB ?? child[i].maxRssKiB)),
      prosodyPeakKiB: theirs.every((r) => r.peakKiB) ? Math.max(...theirs.map((r) => r.peakKiB)) : undefined,
    };
    load.ratio = load.lint / load.prosody;
  }
}
// --- (c) the whole CLI on the same config, as a user runs it ------------------------------------
// A whole process from start to exit: discovery, loading, interpretation, rules, JSON report.
let e2e;
if (load) {
  const policyFile = join(workDir, 'policy.yaml');
  writeFileSync(policyFile, 'policy:\n  messageArchive:\n    retention: 21d\n');
  const runs = repeat('privacy-lint CLI on the huge config', loadRuns, process.execPath,
    [cli, '--root', workDir, '--config', policyFile, '--format', 'json', '-o', join(workDir, 'report.json')],
    { okStatuses: [0, 1], withTime: true });
  if (runs) {
    e2e = { ms: median(runs.map((r) => r.ms)), peakKiB: runs.every((r) => r.peakKiB) ? runs.reduce((m, r) => Math.max(m, r.peakKiB), 0) : undefined };
    e2e.ratio = e2e.ms / load.prosody;
  }
}
// --- (d) the whole CLI on 10,000 scheduled jobs (issue 14: "10,000 jobs take under a second") -----
// 5,000 cron.d files cleaning an upload directory, 5,000 enabled timers whose services run one borg
// script; the same shape as test/scale/many-jobs.test.ts.
let jobsRun;
const jobCount = 10_000;
if (wants('jobs') && existsSync(join(repoRoot, 'dist', 'src', 'cli.js'))) {
  const jobsRoot = join(workDir, 'jobs');
  for (const dir of ['etc/cron.d', 'etc/systemd/system/timers.target.wants', 'usr/local/bin']) mkdirSync(join(jobsRoot, dir), { recursive: true });
  writeFileSync(join(jobsRoot, 'usr/local/bin/backup.sh'), '#!/bin/sh\nexport BORG_REPO=/srv/borg\nborg create ::x /etc\n');
  for (let i = 0; i < jobCount / 2; i += 1) {
    writeFileSync(join(jobsRoot, `etc/cron.d/job${i}`), `${i % 60} 3 * * * root find /srv/uploads -mtime +${(i % 30) + 1} -delete\n`);
    const at = `${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00`;
    writeFileSync(join(jobsRoot, `etc/systemd/system/b${i}.timer`), `[Timer]\nOnCalendar=*-*-* ${at}\n`);
    writeFileSync(join(jobsRoot, `etc/systemd/system/b${i}.service`), '[Service]\nExecStart=/usr/local/bin/backup.sh\n');
    writeFileSync(join(jobsRoot, `etc/systemd/system/timers.target.wants/b${i}.timer`), '');
  }
  const policyFile = join(workDir, 'jobs-policy.yaml');
  writeFileSync(policyFile, 'policy:\n  backups:\n    encrypted: true\n');
  const runs = repeat('privacy-lint CLI on 10,000 jobs', loadRuns, process.execPath,
    [cli, '--root', jobsRoot, '--config', policyFile, '--format', 'json', '-o', join(workDir, 'jobs-report.json')],
    { okStatuses: [0, 1], withTime: true });
  if (runs) jobsRun = { ms: median(runs.map((r) => r.ms)), peakKiB: runs.every((r) => r.peakKiB) ? runs.reduce((m, r) => Math.max(m, r.peakKiB), 0) : undefined };
}
// --- (e) the whole CLI on 20,000 nginx server blocks vs `nginx -t` on the same tree --------------
// The tree of bench/nginx-bench.js (which times the reader alone); nginx runs with a temp prefix,
// -e stderr and a temp pid file, so it writes nothing outside the work directory.
let nginxRun;
if (!wants('nginx')) {
  // skipped by --only
} else if (!NGINX || !existsSync(join(repoRoot, 'dist', 'src', 'cli.js'))) {
  failures.push(`nginx: ${NGINX ? 'dist/src/cli.js missing, run `npm run build` first' : 'nginx not installed (apt-get install nginx)'}`);
} else {
  const nginxDir = join(workDir, 'nginx');
  const tree = generateNginxTree(nginxDir, nginxServers, 100);
  const policyFile = join(workDir, 'nginx-policy.yaml');
  writeFileSync(policyFile, 'policy:\n  ipAddresses:\n    stored: never\n  website:\n    thirdPartyResources: false\n');
  const ours = repeat(`privacy-lint CLI on ${nginxServers} nginx server blocks`, loadRuns, process.execPath,
    [cli, '--root', tree.root, '--config', policyFile, '--format', 'json', '-o', join(workDir, 'nginx-report.json')],
    { okStatuses: [0, 1], withTime: true });
  const theirs = repeat('nginx -t', loadRuns, NGINX,
    ['-t', '-q', '-c', tree.conf, '-p', `${nginxDir}/`, '-e', 'stderr', '-g', `pid ${nginxDir}/nginx.pid;`], { withTime: true });
  if (ours && theirs) {
    nginxRun = {
      ms: median(ours.map((r) => r.ms)),
      nginx: median(theirs.map((r) => r.ms)),
      peakKiB: ours.every((r) => r.peakKiB) ? ours.reduce((m, r) => Math.max(m, r.peakKiB), 0) : undefined,
      nginxPeakKiB: theirs.every((r) => r.peakKiB) ? theirs.reduce((m, r) => Math.max(m, r.peakKiB), 0) : undefined,
    };
    nginxRun.ratio = nginxRun.ms / nginxRun.nginx;
  }
}
// --- (f) the whole CLI on ejabberd with 10,000 hosts, each with a host_config -------------------
// No ejabberd command checks a config without starting the server (and its listeners), so the
// floor is parsing the same YAML with the library the reader uses, as a whole process too.
let ejabberdRun;
if (wants('ejabberd') && existsSync(join(repoRoot, 'dist', 'src', 'cli.js'))) {
  const tree = generateEjabberdTree(workDir, ejabberdHosts);
  const policyFile = join(workDir, 'ejabberd-policy.yaml');
  writeFileSync(policyFile, 'policy:\n  messageArchive:\n    retention: 21d\n');
  const ours = repeat(`privacy-lint CLI on ejabberd with ${ejabberdHosts} hosts`, loadRuns, process.execPath,
    [cli, '--root', tree.root, '--config', policyFile, '--format', 'json', '-o', join(workDir, 'ejabberd-report.json')],
    { okStatuses: [0, 1], withTime: true });
  const floor = repeat('YAML parse of the same ejabberd.yml', loadRuns, process.execPath,
    [join(repoRoot, 'bench', 'parse-yaml.js'), tree.file], { withTime: true });
  if (ours && floor) {
    ejabberdRun = { ms: median(ours.map((r) => r.ms)), floor: median(floor.map((r) => r.ms)), peakKiB: ours.reduce((m, r) => Math.max(m, r.peakKiB ?? 0), 0) || undefined };
    ejabberdRun.ratio = ejabberdRun.ms / ejabberdRun.floor;
  }
}
// --- (g) the whole CLI on a whole system tree (every reader on) vs the demo ------------------------
let systemRun;
if (wants('system') && existsSync(join(repoRoot, 'dist', 'src', 'cli.js'))) {
  const tree = generateSystemTree(repoRoot, workDir);
  const ours = repeat('privacy-lint CLI on the system tree', loadRuns, process.execPath,
    [cli, '--root', tree.root, '--config', tree.policy, '--format', 'json', '-o', join(workDir, 'system-report.json')],
    { okStatuses: [0, 1], withTime: true });
  const demo = repeat('privacy-lint CLI on the demo', loadRuns, process.execPath,
    [...demoArgs, '-o', join(workDir, 'demo-report.json')], { okStatuses: [0, 1], withTime: true });
  if (ours && demo) {
    systemRun = { ms: median(ours.map((r) => r.ms)), demo: median(demo.map((r) => r.ms)), peakKiB: ours.reduce((m, r) => Math.max(m, r.peakKiB ?? 0), 0) || undefined };
    systemRun.ratio = systemRun.ms / systemRun.demo;
  }
}
rmSync(workDir, { recursive: true, force: true });

// --- report -------------------------------------------------------------------------------------
const prosodyVersion = existsSync(join(PROSODY_SOURCE_DIR, 'prosody.version'))
  ? readFileSync(join(PROSODY_SOURCE_DIR, 'prosody.version'), 'utf8').trim()
  : 'not installed';
const hosts = hostCount.toLocaleString('en-US');
const rows = [
  ['Measurement', 'privacy-lint', 'Baseline', 'Ratio', 'Aim', 'Met'],
  [
    `Cold start, demo (median of ${coldRuns})`,
    cold ? fmtMs(cold.lint) : 'n/a',
    cold ? `node -e 0: ${fmtMs(cold.bare)}` : 'n/a',
    cold ? `${cold.ratio.toFixed(2)}×` : 'n/a',
    `≤ ${AIMS.coldRatio}×`,
    verdict(cold && cold.ratio <= AIMS.coldRatio),
  ],
  [
    `Load ${hosts} VirtualHosts, process wall time (median of ${loadRuns})`,
    load ? fmtMs(load.lint) : 'n/a',
    load ? `Prosody ${prosodyVersion} configmanager: ${fmtMs(load.prosody)}` : 'n/a',
    load ? `${load.ratio.toFixed(2)}×` : 'n/a',
    `≤ ${AIMS.loadRatio}×`,
    verdict(load && load.ratio <= AIMS.loadRatio),
  ],
  [
    `Load ${hosts} VirtualHosts, time inside the loader`,
    load ? fmtMs(load.lintInside) : 'n/a',
    load ? `Prosody (CPU): ${fmtMs(load.prosodyInside)}` : 'n/a',
    load ? `${(load.lintInside / load.prosodyInside).toFixed(2)}×` : 'n/a',
    '(info)',
    '',
  ],
  [
    `Peak memory loading ${hosts} VirtualHosts (max of ${loadRuns})`,
    load ? fmtMB(load.lintPeakKiB) : 'n/a',
    load ? `Prosody: ${fmtMB(load.prosodyPeakKiB)}` : 'n/a',
    '',
    `< ${AIMS.peakMB} MB`,
    verdict(load && (load.lintPeakKiB * 1024) / 1e6 < AIMS.peakMB),
  ],
  [
    `Lint ${hosts} VirtualHosts end to end: the CLI, JSON report (median of ${loadRuns})`,
    e2e ? fmtMs(e2e.ms) : 'n/a',
    load ? `Prosody ${prosodyVersion} configmanager: ${fmtMs(load.prosody)}` : 'n/a',
    e2e ? `${e2e.ratio.toFixed(2)}×` : 'n/a',
    `≤ ${AIMS.e2eRatio}×`,
    verdict(e2e && e2e.ratio <= AIMS.e2eRatio),
  ],
  [
    `Peak memory of the CLI on ${hosts} VirtualHosts`,
    e2e ? fmtMB(e2e.peakKiB) : 'n/a',
    '',
    '',
    `< ${AIMS.e2ePeakMB} MB`,
    verdict(e2e && e2e.peakKiB !== undefined && (e2e.peakKiB * 1024) / 1e6 < AIMS.e2ePeakMB),
  ],
  [
    `Lint ${jobCount.toLocaleString('en-US')} scheduled jobs end to end (5,000 cron.d files, 5,000 timers): the CLI, JSON report (median of ${loadRuns})`,
    jobsRun ? fmtMs(jobsRun.ms) : 'n/a',
    jobsRun ? `peak ${fmtMB(jobsRun.peakKiB)}` : '',
    '',
    `< ${AIMS.jobsMs / 1000} s`,
    verdict(jobsRun && jobsRun.ms < AIMS.jobsMs),
  ],
  [
    `Lint ${nginxServers.toLocaleString('en-US')} nginx server blocks in 100 files end to end: the CLI, JSON report (median of ${loadRuns}; peak)`,
    nginxRun ? `${fmtMs(nginxRun.ms)}; ${fmtMB(nginxRun.peakKiB)}` : 'n/a',
    nginxRun ? `nginx -t: ${fmtMs(nginxRun.nginx)}; ${fmtMB(nginxRun.nginxPeakKiB)}` : 'n/a',
    nginxRun ? `${nginxRun.ratio.toFixed(2)}×` : 'n/a',
    `≤ ${AIMS.nginxRatio}×`,
    verdict(nginxRun && nginxRun.ratio <= AIMS.nginxRatio),
  ],
  [
    `Lint ejabberd with ${ejabberdHosts.toLocaleString('en-US')} hosts, a host_config each, end to end: the CLI, JSON report (median of ${loadRuns}; peak)`,
    ejabberdRun ? `${fmtMs(ejabberdRun.ms)}; ${fmtMB(ejabberdRun.peakKiB)}` : 'n/a',
    ejabberdRun ? `YAML parse alone (node + yaml): ${fmtMs(ejabberdRun.floor)}` : 'n/a',
    ejabberdRun ? `${ejabberdRun.ratio.toFixed(2)}×` : 'n/a',
    '(info)',
    '',
  ],
  [
    `Lint a whole system tree (the demo with ejabberd, Apache, Caddy, restic, jobs, journald drop-ins laid over it) end to end (median of ${loadRuns}; peak)`,
    systemRun ? `${fmtMs(systemRun.ms)}; ${fmtMB(systemRun.peakKiB)}` : 'n/a',
    systemRun ? `the demo: ${fmtMs(systemRun.demo)}` : 'n/a',
    systemRun ? `${systemRun.ratio.toFixed(2)}×` : 'n/a',
    `≤ ${AIMS.systemRatio}×`,
    verdict(systemRun && systemRun.ratio <= AIMS.systemRatio),
  ],
];
const table = rows.map((r) => `| ${r.join(' | ')} |`);
table.splice(1, 0, `|${rows[0].map(() => '---').join('|')}|`);

console.log(`# privacy-lint benchmark${quick ? ' (--quick)' : ''}\n`);
console.log(
  `Machine: ${cpus().length} CPU(s) (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ` +
    `Node ${process.version}, Prosody ${prosodyVersion}; generated config ${(configBytes / 1e6).toFixed(1)} MB, ` +
    `peak memory from ${existsSync(GNU_TIME) ? 'GNU time %M' : 'process.resourceUsage().maxRSS'}.\n`,
);
console.log(table.join('\n'));
console.log(
  `\nAims: cold start ≤ ${AIMS.coldRatio}× bare node; huge config ≤ ${AIMS.loadRatio}× Prosody's own loader; ` +
    `peak memory < ${AIMS.peakMB} MB.`,
);
if (failures.length > 0) {
  console.log(`\nNot measured:\n${failures.map((f) => `- ${f}`).join('\n')}`);
  process.exitCode = 1;
}
