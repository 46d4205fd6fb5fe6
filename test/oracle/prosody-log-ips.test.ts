/**
 * Truth test for rule ip-address-storage (DESIGN.md "Truth"): the rule says a Prosody log sink
 * that takes debug holds the IP of every connection ("New connection …", Prosody 0.12
 * net/server_epoll.lua:773) while at info stock Prosody logs no client IP. For two configs, this
 * starts the real Prosody on loopback, opens one XMPP stream to it, stops it, and looks in its
 * log; then lints the same config file and checks the rule agrees with what the server wrote.
 *
 * The client connects FROM 127.0.0.2 TO the server on 127.0.0.1 (both loopback: Linux routes all
 * of 127.0.0.0/8 to lo). Prosody's info log names its own listening address ("Activated service
 * 'c2s' on [127.0.0.1]:PORT", core/portmanager.lua:158-159), so with the client on the same
 * address "no 127.0.0.1 in the info log" could never hold; a distinct client address tells the
 * client's IP apart from the server's.
 *
 * Readiness is read from the log, not probed by connecting: a probe would itself be a logged
 * connection. The "Activated service 'c2s'" line is at info, so both sinks have it.
 *
 * Needs Debian's prosody (on PATH): skipped with a message when absent, failing instead when CI
 * is set (test/helpers/require-program.ts). Loopback only, one connection per config, every server stopped by its own pid.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import type { LintResult } from '../../src/engine/types.js';
import { claimOf, findingsOf } from '../helpers/lint-fixture.js';
import { openXmppStream, type StreamExchange } from './open-xmpp-stream.js';
import { requireOracle } from '../helpers/require-program.js';
import { freeLoopbackPort, poll, prosodyMissing, startProsody } from './prosody-server.js';

const TEMPLATES = fileURLToPath(new URL('../../fixtures/oracle-server/prosody-log-ips/', import.meta.url));
const SERVER_IP = '127.0.0.1';
const CLIENT_IP = '127.0.0.2';
const DOMAIN = 'oracle.localhost';
const READY_TIMEOUT_MS = 15_000;
const LOGGED_TIMEOUT_MS = 3_000;
const PIDFILE_TIMEOUT_MS = 5_000;
/** A port taken between freeLoopbackPort and Prosody's bind: try once more with another. */
const START_ATTEMPTS = 2;
/**
 * One config's run takes about half a second; this bounds its failure modes: ready 15 s + pidfile
 * 5 s + stream 5+2 s + logged 3 s + stop 5+2 s (prosody-server.ts), so runServer's own `finally`
 * has stopped the server before vitest gives up on the hook.
 */
const RUN_TIMEOUT_MS = 40_000;

interface Case {
  name: string;
  template: string;
  log: string;
  expectedVerdict: 'violated' | 'verified';
}

const CASES: Case[] = [
  { name: '(a) a sink taking debug', template: 'debug-sink.cfg.lua.in', log: 'debug.log', expectedVerdict: 'violated' },
  { name: '(b) log = { info = FILE }', template: 'info-file.cfg.lua.in', log: 'info.log', expectedVerdict: 'verified' },
];

interface Run {
  dir: string;
  configFile: string;
  port: number;
  pid: number;
  pidFromPidfile: string;
  exchange: StreamExchange;
  log: string;
  lines: string[];
  stdout: string;
  lint: LintResult;
}

const readIfExists = (file: string): string => (existsSync(file) ? readFileSync(file, 'utf8') : '');

/** Writes the config for `port` and runs Prosody until it has logged one stream's connect and disconnect. */
async function runServer(c: Case, dir: string): Promise<Omit<Run, 'lint' | 'lines'>> {
  const configFile = join(dir, 'etc', 'prosody', 'prosody.cfg.lua');
  const logFile = join(dir, 'log', c.log);
  const template = readFileSync(join(TEMPLATES, c.template), 'utf8');
  let lastFailure = '';
  for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
    const port = await freeLoopbackPort();
    writeFileSync(configFile, template.replaceAll('{{DIR}}', dir).replaceAll('{{C2S_PORT}}', String(port)));
    rmSync(logFile, { force: true });
    const server = startProsody(configFile, dir);
    try {
      // core/portmanager.lua:158-159 logs at info either the bound addresses or "no ports".
      const activated = await poll(
        () => server.exited() ?? /Activated service 'c2s' on (.*)$/m.exec(readIfExists(logFile))?.[1],
        READY_TIMEOUT_MS,
        () => `Prosody to listen on ${SERVER_IP}:${String(port)} (log ${logFile}; stdout: ${server.output()})`,
      );
      if (activated !== `[${SERVER_IP}]:${String(port)}`) {
        const exit = server.exited();
        lastFailure = `attempt ${String(attempt)}: Prosody ${exit ?? `activated c2s on ${activated}`}\n${readIfExists(logFile)}${server.output()}`;
        continue;
      }
      // mod_posix writes the pidfile when it loads (modules/mod_posix.lua:53-85, 123), and global
      // modules load in set order (core/modulemanager.lua:108), so maybe after c2s is listening.
      const pidfile = join(dir, 'data', 'prosody.pid');
      const pidFromPidfile = await poll(
        () => readIfExists(pidfile).trim() || undefined,
        PIDFILE_TIMEOUT_MS,
        () => `Prosody to write its pid to ${pidfile}`,
      );
      const exchange = await openXmppStream(SERVER_IP, port, CLIENT_IP, DOMAIN);
      // mod_c2s logs "Client disconnected" at info (modules/mod_c2s.lua:398): the whole
      // connection is in the log before the server is stopped.
      await poll(
        () => (readIfExists(logFile).includes('Client disconnected') ? true : undefined),
        LOGGED_TIMEOUT_MS,
        () => `Prosody to log the end of the connection (log: ${readIfExists(logFile)})`,
      );
      await server.stop();
      return { dir, configFile, port, pid: server.pid, pidFromPidfile, exchange, log: readIfExists(logFile), stdout: server.output() };
    } finally {
      await server.stop();
    }
  }
  throw new Error(`Prosody did not listen on a free port after ${String(START_ATTEMPTS)} attempts:\n${lastFailure}`);
}

async function lintTree(dir: string, release: string): Promise<LintResult> {
  const configFile = join(dir, 'privacy-lint.config.yaml');
  writeFileSync(configFile, `versions:\n  prosody: "${release}"\npolicy:\n  ipAddresses:\n    stored: never\n`);
  return lint({ cwd: dir, root: dir, paths: [], configFile, ruleOverrides: [] });
}

/** "Hello and welcome to Prosody version 0.12.3" (util/startup.lua:470, info) → the release privacy-lint knows. */
function releaseIn(log: string): string {
  const version = /Prosody version (\S+)/.exec(log)?.[1] ?? '';
  if (version.startsWith('0.12.')) return '0.12';
  if (/^13\.0(\.|$)/.test(version)) return '13.0';
  throw new Error(`this test does not know which release Prosody "${version}" is`);
}

describe('real Prosody: which log holds client IPs, and ip-address-storage agrees', () => {
  if (!requireOracle(prosodyMissing(), ['prosody'])) return;

  describe.each(CASES)('$name', (c) => {
    let run: Run | undefined;
    let dir: string | undefined;
    const done = (): Run => {
      if (!run) throw new Error('the server run failed (see the beforeAll error)');
      return run;
    };

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'privacy-lint-prosody-ips-'));
      mkdirSync(join(dir, 'etc', 'prosody'), { recursive: true });
      mkdirSync(join(dir, 'data'));
      mkdirSync(join(dir, 'log'));
      const server = await runServer(c, dir);
      const lines = server.log.split('\n').filter((l) => l.length > 0);
      run = { ...server, lines, lint: await lintTree(dir, releaseIn(server.log)) };
    }, RUN_TIMEOUT_MS);

    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('Prosody listened on loopback, answered a stream from the client address, and the signalled pid was its own', () => {
      const r = done();
      expect(r.exchange.localAddress).toBe(CLIENT_IP);
      expect(r.exchange.received).toContain('<stream:stream');
      expect(r.pidFromPidfile).toBe(String(r.pid));
      // The positive control for (b): the connection reached the log at info, only without its IP.
      expect(r.lines.some((l) => /\tinfo\tClient connected$/.test(l)), `log:\n${r.log}\nstdout/stderr:\n${r.stdout}`).toBe(true);
    });

    if (c.expectedVerdict === 'violated') {
      it(`its log has the client's IP ${CLIENT_IP} in a "New connection" line`, () => {
        const r = done();
        // net/server_epoll.lua:773: "New connection FD n (client ip, client port, server ip, server port) on server …"
        const newConnection = r.lines.filter((l) => l.includes('New connection'));
        expect(newConnection, r.log).toHaveLength(1);
        expect(newConnection[0]).toContain(`\tdebug\tNew connection FD `);
        expect(newConnection[0]).toContain(`(${CLIENT_IP}, ${String(r.exchange.localPort)}, ${SERVER_IP}, ${String(r.port)})`);
      });
    } else {
      it(`its log has no ${CLIENT_IP} at all, and ${SERVER_IP} only where Prosody names its own listening port`, () => {
        const r = done();
        expect(r.log).not.toContain(CLIENT_IP);
        expect(r.lines.filter((l) => l.includes(SERVER_IP))).toEqual([
          expect.stringMatching(new RegExp(` portmanager\\tinfo\\tActivated service 'c2s' on \\[${SERVER_IP.replaceAll('.', '\\.')}\\]:${String(r.port)}$`)),
        ]);
        expect(r.lines.some((l) => l.includes('\tdebug\t')), 'an info sink got a debug line').toBe(false);
      });
    }

    it(`privacy-lint calls ipAddresses.stored: never ${c.expectedVerdict} on the same config file`, () => {
      const r = done();
      expect(r.lint.sources.map((s) => s.file)).toContain(r.configFile);
      const claim = claimOf(r.lint, 'ipAddresses.stored');
      expect(claim.verdict).toBe(c.expectedVerdict);
      const logLine = readFileSync(r.configFile, 'utf8').split('\n').findIndex((l) => l.startsWith('log = ')) + 1;
      const findings = findingsOf(r.lint, 'ip-address-storage').map((f) => ({ file: f.file, line: f.line, severity: f.severity }));
      if (c.expectedVerdict === 'violated') {
        expect(findings).toEqual([{ file: r.configFile, line: logLine, severity: 'error' }]);
      } else {
        expect(findings).toEqual([]);
        expect(claim.evidence.map((e) => `${e.file}:${String(e.line)}`)).toContain(`${r.configFile}:${String(logLine)}`);
      }
    });
  });
});
