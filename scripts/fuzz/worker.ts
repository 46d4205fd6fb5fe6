import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
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
  /** Heap in use after the input, MB: an input that makes it grow far is a memory outlier. */
  heapMB: number;
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
    const outcome: Outcome = { problem, heapMB: Math.round(process.memoryUsage().heapUsed / 1e6) };
    parentPort?.postMessage(outcome);
  })();
});
