import { availableParallelism } from 'node:os';
import { readToEnd } from './regular-file.js';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

/**
 * Below this many files a worker thread costs more than it saves: starting one takes some 30 ms of
 * the other CPU, reading a small file some 15 µs of system calls (open, read to the end, close).
 */
export const READ_AHEAD_MIN_FILES = 256;

/** Files the worker reads between two messages: few enough that the reader rarely reads them itself meanwhile. */
const BATCH = 32;

/**
 * The worker, as source text: the same string runs from the TypeScript sources under test, from
 * dist/src and from the bundle, where a worker module's file would have three different names.
 * It reads each file with readToEnd, as readListed (regular-file.ts) does, non-blocking and
 * without following a link, and gives up (null: the reader reads it itself) on anything but a whole file
 * within the size limit that is not empty (a FIFO swapped in reads as empty: the reader's fstat
 * refuses it). It skips what the reader has already read itself (`progress`), and a batch more.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { openSync, readSync, closeSync, constants } = require('node:fs');
const { joined, maxSize, port, progress, batch } = workerData;
const paths = joined.split('\\0');
const FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW;
const readToEnd = (${readToEnd.toString()});
let buffer = Buffer.allocUnsafe(64 * 1024);
function read(path) {
  let fd;
  try { fd = openSync(path, FLAGS); } catch { return null; }
  try {
    const read = readToEnd(fd, maxSize, buffer, readSync);
    buffer = read.buffer;
    return read.length === 0 || read.length > maxSize ? null : buffer.toString('utf8', 0, read.length);
  } catch { return null; } finally { closeSync(fd); }
}
for (let next = 0; next < paths.length; ) {
  // Behind the reader: jump a batch ahead of it, since it reads on while this batch is read.
  const reader = Atomics.load(progress, 0);
  const start = reader > next ? reader + batch : next;
  const texts = [];
  for (next = start; next < paths.length && next < start + batch; next++) texts.push(read(paths[next]));
  port.postMessage({ start, texts });
}
port.close();
`;

/**
 * Reads a list of files on a worker thread while the caller goes on with the ones already read:
 * on a machine with a second CPU the system calls of thousands of small job files (about half the
 * time of reading them) then overlap with parsing them. The caller never waits for the worker:
 * a file it has not read yet, or could not read as a plain whole file, the caller reads itself.
 * RootFiles alone uses this, for host paths it has already confined (see RootFiles.readAhead).
 */
export class ReadAhead {
  readonly #index = new Map<string, number>();
  /** By index: the text, null when the worker gave up on it, undefined when not (yet) received. */
  readonly #texts: (string | null | undefined)[] = [];
  #received = 0;
  readonly #port: MessagePort;
  readonly #progress: Int32Array;

  private constructor(keys: string[], port: MessagePort, progress: Int32Array) {
    keys.forEach((key, i) => this.#index.set(key, i));
    this.#port = port;
    this.#progress = progress;
  }

  /**
   * Starts reading `hostPaths` in this order, each taken later by its key (`keys[i]`, the
   * caller's name for it); undefined when there are too few, when this process may use a single
   * CPU (the worker would only take turns with the reader), or when no worker can start.
   */
  static start(keys: string[], hostPaths: string[], maxSize: number): ReadAhead | undefined {
    if (hostPaths.length < READ_AHEAD_MIN_FILES || availableParallelism() < 2) return undefined;
    const { port1, port2 } = new MessageChannel();
    const progress = new Int32Array(new SharedArrayBuffer(4));
    try {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { joined: hostPaths.join('\0'), maxSize, port: port2, progress, batch: BATCH }, transferList: [port2] });
      // The run never waits for it: a worker still reading when the run ends does not keep it alive.
      worker.unref();
      // A worker that fails only reads nothing ahead: every file is then read by the caller.
      worker.on('error', () => undefined);
    } catch {
      port1.close();
      return undefined;
    }
    return new ReadAhead(keys, port1, progress);
  }

  /** The text read ahead for this key, once; undefined when the caller must read it itself. */
  take(key: string): string | undefined {
    const i = this.#index.get(key);
    if (i === undefined) return undefined;
    if (i >= this.#received) this.#drain();
    const text = this.#texts[i];
    if (text === undefined || text === null) {
      // The caller reads it now: the worker need not, nor anything listed before it.
      if (i >= this.#received) Atomics.store(this.#progress, 0, i + 1);
      return undefined;
    }
    this.#texts[i] = undefined;
    return text;
  }

  /** How many files, from the first, the worker has sent so far (for tests: reading never waits). */
  get received(): number {
    this.#drain();
    return this.#received;
  }

  /** Takes in every batch the worker has sent so far, without waiting for more. */
  #drain(): void {
    for (let message = receiveMessageOnPort(this.#port); message !== undefined; message = receiveMessageOnPort(this.#port)) {
      const { start, texts } = message.message as { start: number; texts: (string | null)[] };
      texts.forEach((text, k) => (this.#texts[start + k] = text));
      this.#received = start + texts.length;
    }
  }
}
