import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { findProgram, programsMissing } from '../helpers/require-program.js';

/** Debian's prosody package (0.12.3): a lua5.4 script, so the spawned pid is Prosody's own. */
const PROSODY_BIN = findProgram('prosody');
const STOP_GRACE_MS = 5_000;
const KILL_WAIT_MS = 2_000;
const OUTPUT_LIMIT = 64 * 1024;

/** Why the real server cannot be started here, or undefined when it can. */
export function prosodyMissing(): string | undefined {
  return programsMissing('prosody');
}

/** A port the kernel just gave out on 127.0.0.1 (a tiny race remains: the caller retries). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no port from the kernel'))));
    });
  });
}

/**
 * Servers not yet stopped. If the test process exits anyway (a hook timed out, the runner tore
 * the worker down), they are killed on the way out rather than left listening.
 */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface RunningProsody {
  pid: number;
  /** Whatever Prosody wrote to stdout/stderr (its own log goes to the configured file). */
  output(): string;
  /** Exit description once it has exited, else undefined. */
  exited(): string | undefined;
  /** SIGTERM to its own pid, SIGKILL after a bounded wait; resolves once it is gone. */
  stop(): Promise<void>;
}

/**
 * Starts `prosody -F --config FILE` in the foreground, as a direct child. The environment holds
 * only PATH (for the lua5.4 shebang): no PROSODY_* or LUA_* from the machine running the test.
 */
export function startProsody(configFile: string, cwd: string): RunningProsody {
  const child = spawn(PROSODY_BIN ?? 'prosody', ['-F', '--config', configFile], {
    cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    if (output.length < OUTPUT_LIMIT) output += chunk.toString('utf8');
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let exit: string | undefined;
  const gone = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = signal ? `killed by ${signal}` : `exited with status ${String(code)}`;
      resolve();
    });
    child.once('error', (error) => {
      exit = `could not start: ${error.message}`;
      resolve();
    });
  });
  if (child.pid === undefined) {
    // Not started (ENOENT, EACCES: reported by the 'error' event above); nothing to stop.
    return { pid: -1, output: () => output, exited: () => exit ?? 'could not start', stop: () => gone };
  }
  const pid = child.pid;
  running.add(child);
  void gone.then(() => running.delete(child));
  return {
    pid,
    output: () => output,
    exited: () => exit,
    stop: () => stopChild(child, gone, () => exit !== undefined),
  };
}

async function stopChild(child: ChildProcess, gone: Promise<void>, hasExited: () => boolean): Promise<void> {
  if (hasExited()) return;
  child.kill('SIGTERM');
  if (await within(gone, STOP_GRACE_MS)) return;
  child.kill('SIGKILL');
  if (!(await within(gone, KILL_WAIT_MS))) throw new Error(`Prosody (pid ${String(child.pid)}) survived SIGKILL`);
}

function within(promise: Promise<void>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    void promise.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Polls `check` every 50 ms until it returns a value, or throws `what` after `timeoutMs`. */
export async function poll<T>(check: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${String(timeoutMs)} ms waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
