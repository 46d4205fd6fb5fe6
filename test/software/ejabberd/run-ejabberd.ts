import { spawn, spawnSync, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { findProgram, firstMissing, programsMissing } from '../../helpers/require-program.js';

/**
 * Starts Debian's ejabberd 23.01 in the foreground on a fixture, the way the oracle test needs:
 *
 *   T=$(mktemp -d /tmp/ejoracle.XXXX); mkdir $T/conf $T/spool $T/logs
 *   copy <fixture>/etc/ejabberd/* to $T/conf and <fixture>/var/lib/ejabberd/* to $T/spool,
 *   rewrite /etc/ejabberd/ → $T/conf/ and /var/lib/ejabberd → $T/spool in the YAML files
 *   (and the fixtures' 15xxx listener ports to free ones),
 *   printf 'CONTRIB_MODULES_CONF_DIR=%s\nINET_DIST_INTERFACE=127.0.0.1\n' $T/conf/modules.d \
 *     > $T/conf/ejabberdctl.cfg
 *   chown -R ejabberd $T; cd $T
 *   ERL_EPMD_PORT=$P setsid runuser -u ejabberd -- ejabberdctl --config-dir $T/conf \
 *     --config $T/conf/ejabberd.yml --spool $T/spool --logs $T/logs \
 *     --node oracle<pid><n>@localhost foreground
 *
 * then waits (bounded) for "is started" or a "[critical]" line on stdout and stops it by
 * killing its own process group (the setsid'd child's pid). The service is never used: own
 * node name, own spool (mnesia) and log dirs; fixtures meant to start listen on 127.0.0.1 only.
 * Needs root (runuser to the ejabberd user, which ejabberdctl insists on).
 *
 * An Erlang node registers with an epmd, starting one (`epmd -daemon`, on every interface,
 * left running) when none answers. So the oracle starts its own first (startEpmd: a direct
 * child, known pid, loopback only, on a free port that ERL_EPMD_PORT hands to the nodes),
 * and stops that pid afterwards; an epmd someone else runs is never touched. The node's own
 * distribution port is bound to loopback too (INET_DIST_INTERFACE).
 */

export function ejabberdUnavailable(): string | undefined {
  const notRoot = typeof process.getuid === 'function' && process.getuid() === 0 ? undefined : 'not running as root (needed to run ejabberd as its own user)';
  return firstMissing(programsMissing('ejabberdctl', 'epmd', 'runuser'), notRoot);
}

/** An epmd the oracle started and owns. */
export interface OwnEpmd {
  pid: number;
  port: number;
  /** SIGTERM to its pid; resolves with how it ended once it has. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Whether something accepts TCP connections on 127.0.0.1:port right now. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Starts `epmd -address 127.0.0.1 -port P` in the foreground and waits until it answers. */
export async function startEpmd(): Promise<OwnEpmd> {
  const port = await freePort();
  const child: ChildProcess = spawn(findProgram('epmd') ?? 'epmd', ['-address', '127.0.0.1', '-port', String(port)], { stdio: 'ignore' });
  const pid = child.pid;
  if (pid === undefined) throw new Error('epmd did not start');
  epmds.add(child);
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  // Bounded wait for its socket (each try is one connect; epmd answers within milliseconds).
  for (let tries = 0; !(await listening(port)); tries += 1) {
    if (child.exitCode !== null || tries > 200) throw new Error(`epmd on port ${port} did not come up`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return {
    pid,
    port,
    stop: async () => {
      child.kill('SIGTERM');
      const how = await ended;
      epmds.delete(child);
      return how;
    },
  };
}

export interface EjabberdRun {
  started: boolean;
  /** For a started node: whether the oracle's own epmd (`epmd -port P -names`) listed it. */
  registeredWithOwnEpmd?: boolean;
  /** The reason after "Failed to start ejabberd application: ", with temp paths mapped back. */
  refusal?: string;
  output: string;
}

let counter = 0;

/** Process groups and epmds started here and not yet stopped: killed if the test worker exits early. */
const running = new Set<number>();
const epmds = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of epmds) child.kill('SIGKILL');
  for (const pgid of running) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** A TCP port free on 127.0.0.1 right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Points the copy's paths into the temp dir, and moves the fixtures' listener ports (15xxx)
 * to free ones, so two test runs at once do not collide.
 */
async function rewriteCopy(dir: string, tmp: string, ports: Map<string, number>): Promise<void> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isDirectory()) await rewriteCopy(p, tmp, ports);
    else if (/\.ya?ml$/.test(name) && st.isFile()) {
      let text = readFileSync(p, 'utf8').replaceAll('/var/lib/ejabberd', `${tmp}/spool`).replaceAll('/etc/ejabberd/', `${tmp}/conf/`);
      for (const m of text.matchAll(/\b15\d{3}\b/g)) if (!ports.has(m[0])) ports.set(m[0], await freePort());
      text = text.replace(/\b15\d{3}\b/g, (port) => String(ports.get(port) ?? port));
      writeFileSync(p, text);
    }
  }
}

export async function runEjabberd(fixtureRoot: string, epmdPort: number, timeoutMs = 60_000): Promise<EjabberdRun> {
  const tmp = mkdtempSync('/tmp/ejoracle.');
  chmodSync(tmp, 0o755);
  for (const d of ['conf', 'spool', 'logs']) mkdirSync(join(tmp, d));
  cpSync(join(fixtureRoot, 'etc/ejabberd'), join(tmp, 'conf'), { recursive: true, verbatimSymlinks: true });
  if (existsSync(join(fixtureRoot, 'var/lib/ejabberd'))) cpSync(join(fixtureRoot, 'var/lib/ejabberd'), join(tmp, 'spool'), { recursive: true });
  await rewriteCopy(join(tmp, 'conf'), tmp, new Map());
  writeFileSync(join(tmp, 'conf/ejabberdctl.cfg'), `CONTRIB_MODULES_CONF_DIR=${tmp}/conf/modules.d\nINET_DIST_INTERFACE=127.0.0.1\n`);
  execFileSync('chown', ['-R', 'ejabberd', tmp]);
  counter += 1;
  const node = `oracle${process.pid}n${counter}@localhost`;
  const child = spawn(
    'runuser',
    ['-u', 'ejabberd', '--', findProgram('ejabberdctl') ?? 'ejabberdctl', '--config-dir', `${tmp}/conf`, '--config', `${tmp}/conf/ejabberd.yml`, '--spool', `${tmp}/spool`, '--logs', `${tmp}/logs`, '--node', node, 'foreground'],
    { cwd: tmp, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ERL_EPMD_PORT: String(epmdPort) } },
  );
  if (child.pid !== undefined) running.add(child.pid);
  let output = '';
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      if (/ is started in the node |\[critical\]/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
  const started = / is started in the node /.test(output);
  // Ask the oracle's epmd for the node while it runs: proof it registered there, not with an
  // epmd of its own starting.
  const names = started ? spawnSync(findProgram('epmd') ?? 'epmd', ['-port', String(epmdPort), '-names'], { encoding: 'utf8' }).stdout : '';
  // Stop it: its own process group (detached: the child leads a new group).
  const pid = child.pid;
  if (pid !== undefined && child.exitCode === null) {
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      // already gone
    }
    const stopped = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 10_000))]);
    if (!stopped) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  if (pid !== undefined) running.delete(pid);
  rmSync(tmp, { recursive: true, force: true });
  const back = (s: string): string => s.replaceAll(`${tmp}/conf/`, '/etc/ejabberd/').replaceAll(`${tmp}/spool`, '/var/lib/ejabberd');
  const critical = /\[critical\] Failed to start ejabberd application: (?:Configuration error: )?(.*)/.exec(output);
  const run: EjabberdRun = { started, output: back(output) };
  if (started) run.registeredWithOwnEpmd = names.split('\n').some((l) => l.startsWith(`name ${node.slice(0, node.indexOf('@'))} at port `));
  if (critical?.[1] !== undefined) run.refusal = back(critical[1].trim());
  return run;
}
