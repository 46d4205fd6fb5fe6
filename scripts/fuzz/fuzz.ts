/**
 * `npm run fuzz -- [--inputs N] [--seed S] [--workers W] [--time-limit MS] [--duration S] [--record]`
 *
 * Mutates the config files of every fixture tree (byte and token mutations, truncation, deep
 * nesting, huge lines, binary, splices of another format) and runs the whole pipeline on each
 * input in a worker thread, with a time limit per input. Crashes, hangs and memory outliers are
 * minimised and saved under fixtures/fuzz/, whose cases the test suite runs
 * (test/hostile/fuzz-regressions.test.ts). `--record` appends the run to docs/fuzzing.md;
 * `--duration SECONDS` (or Ctrl-C) ends the run early with the same summary.
 */
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { MUTATION_NAMES, MUTATIONS } from './mutate.js';
import { Random } from './random.js';
import { readSeed, seedTrees, type SeedTree } from './seeds.js';
import type { Job, Outcome } from './worker.js';

const here = path.dirname(fileURLToPath(import.meta.url));
// Compiled to dist/scripts/fuzz/: the repository is three levels up.
const repoRoot = path.resolve(here, '..', '..', '..');

const { values } = parseArgs({
  options: {
    inputs: { type: 'string', default: '1000' },
    seed: { type: 'string', default: String(Date.now() % 2 ** 31) },
    workers: { type: 'string', default: String(Math.max(1, Math.min(4, os.availableParallelism() - 1))) },
    // Generous: a loaded CI machine is slow, and a hang is an input that never ends.
    'time-limit': { type: 'string', default: '60000' },
    duration: { type: 'string', default: '0' },
    'heap-limit': { type: 'string', default: '1500' },
    save: { type: 'string', default: path.join(repoRoot, 'fixtures', 'fuzz') },
    record: { type: 'boolean', default: false },
  },
});
const inputs = Number(values.inputs);
const seed = Number(values.seed);
const timeLimit = Number(values['time-limit']);
const heapLimit = Number(values['heap-limit']);
/** Stop issuing inputs after this many seconds (0: no limit), or on SIGINT/SIGTERM; the run still minimises, saves and records. */
const duration = Number(values.duration);
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => (stopping = true));

type Kind = 'crash' | 'hang' | 'memory';
interface Find {
  kind: Kind;
  problem: string;
  tree: SeedTree;
  file: string;
  mutation: string;
  content: Buffer;
}

/** A worker thread with its own scratch copy of every seed tree (inputs overwrite files in place). */
class Runner {
  readonly scratch: string;
  #worker: Worker;

  constructor(trees: SeedTree[]) {
    this.scratch = mkdtempSync(path.join(existsTmpfs() ? '/dev/shm' : os.tmpdir(), 'privacy-lint-fuzz-'));
    writeFileSync(path.join(this.scratch, 'fallback.config.yaml'), 'extends: recommended\n');
    for (const tree of trees) cpSync(path.join(repoRoot, tree.dir), path.join(this.scratch, tree.dir), { recursive: true, verbatimSymlinks: true });
    this.#worker = Runner.#spawn();
  }

  static #spawn(): Worker {
    const worker = new Worker(path.join(here, 'worker.js'), { resourceLimits: { maxOldGenerationSizeMb: heapLimit * 2 }, workerData: { heapLimitMB: heapLimit } });
    worker.unref();
    return worker;
  }

  /** Runs one input; `undefined` problem means it passed. */
  async run(tree: SeedTree, file: string, content: Buffer, original: Buffer): Promise<{ kind: Kind; problem: string } | undefined> {
    const root = path.join(this.scratch, tree.dir);
    const job: Job = { root, file, content, original, fallbackConfig: path.join(this.scratch, 'fallback.config.yaml') };
    const outcome = await new Promise<Outcome | 'timeout' | { error: string }>((resolve) => {
      const timer = setTimeout(() => resolve('timeout'), timeLimit);
      const done = (value: Outcome | { error: string }): void => {
        clearTimeout(timer);
        this.#worker.off('message', onMessage);
        this.#worker.off('error', onError);
        resolve(value);
      };
      const onMessage = (o: Outcome): void => done(o);
      const onError = (e: Error): void => done({ error: `worker died: ${e.message.split('\n')[0] ?? ''}` });
      this.#worker.on('message', onMessage);
      this.#worker.on('error', onError);
      this.#worker.postMessage(job);
    });
    if (outcome === 'timeout' || 'error' in outcome) {
      await this.#worker.terminate();
      writeFileSync(path.join(root, file), original);
      this.#worker = Runner.#spawn();
      return outcome === 'timeout' ? { kind: 'hang', problem: `no result within ${timeLimit} ms` } : { kind: 'crash', problem: outcome.error };
    }
    if (outcome.problem !== undefined) return { kind: 'crash', problem: outcome.problem };
    if (outcome.heapMB > heapLimit) {
      await this.#worker.terminate();
      this.#worker = Runner.#spawn();
      return { kind: 'memory', problem: `heap at ${outcome.heapMB} MB after the input` };
    }
    return undefined;
  }

  async close(): Promise<void> {
    await this.#worker.terminate();
    rmSync(this.scratch, { recursive: true, force: true });
  }
}

function existsTmpfs(): boolean {
  try {
    mkdirSync('/dev/shm', { recursive: true });
    return os.platform() === 'linux';
  } catch {
    return false;
  }
}

/** What identifies one bug: the kind and the message without its numbers and paths. */
const signature = (kind: Kind, problem: string, file = ''): string =>
  `${kind}: ${problem.replace(/\/[^\s:)]+/g, 'PATH').replace(/\d+/g, 'N')}${kind === 'crash' ? '' : ` in ${path.basename(file)}`}`;

/** Removes chunks of lines while the input still fails the same way (ddmin, bounded). */
async function minimise(runner: Runner, find: Find, original: Buffer): Promise<Buffer> {
  const wanted = signature(find.kind, find.problem, find.file);
  let lines = find.content.toString('latin1').split(/(?<=\n)/);
  const started = Date.now();
  let trials = 0;
  const budget = find.kind === 'crash' ? 300 : 3;
  let chunks = 2;
  while (chunks <= lines.length && trials < budget && Date.now() - started < 120_000) {
    const size = Math.ceil(lines.length / chunks);
    let reduced = false;
    for (let start = 0; start < lines.length && trials < budget; start += size) {
      const candidate = [...lines.slice(0, start), ...lines.slice(start + size)];
      trials++;
      const outcome = await runner.run(find.tree, find.file, Buffer.from(candidate.join(''), 'latin1'), original);
      if (outcome && signature(outcome.kind, outcome.problem, find.file) === wanted) {
        lines = candidate;
        chunks = Math.max(chunks - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) chunks *= 2;
  }
  return Buffer.from(lines.join(''), 'latin1');
}

/** Saves the case as a fixture tree: the seed tree with the minimised file. */
function save(find: Find, content: Buffer): string {
  // The seed tree and mutation are part of the name: two runs' hangs in files of the same name are
  // different cases, and one must not overwrite the other.
  const key = `${signature(find.kind, find.problem, find.file)} ${find.tree.dir} ${find.mutation}`;
  const id = `${find.kind}-${createHash('sha256').update(key).digest('hex').slice(0, 10)}`;
  const dir = path.join(values.save, id);
  rmSync(dir, { recursive: true, force: true });
  cpSync(path.join(repoRoot, find.tree.dir), dir, { recursive: true, verbatimSymlinks: true });
  writeFileSync(path.join(dir, find.file), content);
  writeFileSync(path.join(dir, 'fuzz-case.json'), `${JSON.stringify({ kind: find.kind, problem: find.problem, seedTree: find.tree.dir, file: find.file, mutation: find.mutation }, null, 2)}\n`);
  return dir;
}

async function main(): Promise<void> {
  const trees = seedTrees(repoRoot);
  const random = new Random(seed);
  const runners = Array.from({ length: Number(values.workers) }, () => new Runner(trees));
  const perMutation = new Map<string, number>(MUTATION_NAMES.map((m) => [m, 0]));
  const finds = new Map<string, Find>();
  let issued = 0;
  let ran = 0;
  const started = Date.now();
  const lane = async (runner: Runner): Promise<void> => {
    while (issued < inputs && !stopping && (duration === 0 || Date.now() - started < duration * 1000)) {
      issued++;
      const tree = random.pick(trees);
      const file = random.pick(tree.files);
      const mutation = random.pick(MUTATION_NAMES);
      const original = readSeed(repoRoot, tree, file);
      const donorTree = random.pick(trees);
      const donor = readSeed(repoRoot, donorTree, random.pick(donorTree.files));
      const content = (MUTATIONS[mutation] as (typeof MUTATIONS)[string])(original, random, donor);
      const outcome = await runner.run(tree, file, content, original);
      ran++;
      perMutation.set(mutation, (perMutation.get(mutation) ?? 0) + 1);
      if (outcome) {
        const key = signature(outcome.kind, outcome.problem, file);
        if (!finds.has(key)) {
          finds.set(key, { ...outcome, tree, file, mutation, content });
          process.stderr.write(`\nnew ${outcome.kind}: ${outcome.problem} (${tree.dir}/${file}, ${mutation})\n`);
        }
      }
      if (ran % 500 === 0) process.stderr.write(`${ran}/${inputs} inputs, ${finds.size} finds, ${(ran / ((Date.now() - started) / 1000)).toFixed(1)}/s\n`);
    }
  };
  await Promise.all(runners.map(lane));
  const saved: string[] = [];
  for (const find of finds.values()) {
    const original = readSeed(repoRoot, find.tree, find.file);
    const minimal = await minimise(runners[0] as Runner, find, original);
    saved.push(path.relative(repoRoot, save(find, minimal)));
  }
  await Promise.all(runners.map((r) => r.close()));
  const seconds = (Date.now() - started) / 1000;
  const kinds = (kind: Kind): number => [...finds.values()].filter((f) => f.kind === kind).length;
  const summary = {
    inputs: ran,
    seed,
    seconds: Math.round(seconds),
    crashes: kinds('crash'),
    hangs: kinds('hang'),
    memory: kinds('memory'),
    saved,
    perMutation: Object.fromEntries(perMutation),
    seedTrees: trees.length,
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  if (values.record) {
    const line = `| ${new Date().toISOString().slice(0, 10)} | ${ran} | ${seed} | ${summary.seconds} | ${summary.crashes} | ${summary.hangs} | ${summary.memory} | ${saved.join(', ') || '-'} |\n`;
    appendFileSync(path.join(repoRoot, 'docs', 'fuzzing.md'), line);
  }
  process.exitCode = finds.size > 0 ? 1 : 0;
}

await main();
