import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { checkInput } from './check-input.js';

/** One fuzz input: the file of a scratch tree to overwrite, its mutated bytes, and its original bytes. */
export interface Job {
  root: string;
  file: string;
  content: Uint8Array;
  original: Uint8Array;
  /** The configuration for a tree without its own (`extends: recommended`). */
  fallbackConfig: string;
}

export interface Outcome {
  problem: string | undefined;
  /**
   * Heap still in use after the input, MB, once garbage is collected: an input that leaves it
   * large is a memory outlier. Without the collection, garbage V8 had not yet swept counted too,
   * and ordinary megabyte inputs read as 1.5 GB.
   */
  heapMB: number;
}

// `gc` is not exposed to a worker unless V8 is told to: the flag is process-wide, so set it here
// and take the function from a fresh context that sees it.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const heapLimitBytes = ((workerData as { heapLimitMB?: number } | undefined)?.heapLimitMB ?? 1500) * 1e6;

/** Heap in use, collected first only when it looks over the limit (a full collection per input would halve the rate). */
function heapInUse(): number {
  if (process.memoryUsage().heapUsed > heapLimitBytes) collectGarbage();
  return process.memoryUsage().heapUsed;
}

parentPort?.on('message', (job: Job) => {
  void (async () => {
    const target = path.join(job.root, job.file);
    writeFileSync(target, job.content);
    let problem: string | undefined;
    try {
      problem = await checkInput(job.root, job.fallbackConfig);
    } catch (error) {
      problem = `check threw: ${String(error)}`;
    } finally {
      writeFileSync(target, job.original);
    }
    const outcome: Outcome = { problem, heapMB: Math.round(heapInUse() / 1e6) };
    parentPort?.postMessage(outcome);
  })();
});
