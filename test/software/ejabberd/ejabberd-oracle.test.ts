/**
 * Oracle: the reader's accept/refuse verdict on each fixture compared with the real ejabberd
 * 23.01 (Debian bookworm), started in the foreground on a throwaway copy of the fixture (see
 * run-ejabberd.ts for how, and how it is stopped). Runs only as root on a machine with
 * Debian's ejabberd installed; skipped with a message otherwise, failing under CI=true.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEjabberdConfig } from '../../../src/software/ejabberd/load-config.js';
import { parseEjabberdTimeout } from '../../../src/software/ejabberd/timeout.js';
import { fixturePath, fixturesRoot } from './load-fixture.js';
import { requireOracle } from '../../helpers/require-program.js';
import { ejabberdUnavailable, listening, runEjabberd, startEpmd, type EjabberdRun, type OwnEpmd } from './run-ejabberd.js';
import { RootFiles } from '../../../src/files/root-files.js';

/** accepted, or the refusal ejabberd prints and the words of ours that say the same. */
type Expectation = { accepted: true } | { accepted: false; ejabberdSays: string; weSay: string };

const cases: Record<string, Expectation> = {
  realistic: { accepted: true },
  includes: { accepted: true },
  'per-host': { accepted: true },
  duplicates: { accepted: false, ejabberdSays: 'Duplicated option: loglevel', weSay: 'Duplicated option: loglevel' },
  'per-host-errors': {
    accepted: false,
    ejabberdSays: "Invalid value of option host_config->'example.org': Option 'loglevel' is not allowed in this context",
    weSay: "Invalid value of option host_config->'example.org': Option 'loglevel' is not allowed in this context",
  },
  'no-hosts': { accepted: false, ejabberdSays: 'Missing required option: hosts', weSay: 'Missing required option: hosts' },
  'include-errors': {
    accepted: false,
    ejabberdSays: "Failed to read YAML file '/etc/ejabberd/missing.yml': no such file or directory",
    weSay: "Failed to read YAML file '/etc/ejabberd/missing.yml': no such file or directory",
  },
  'macro-errors': {
    accepted: false,
    ejabberdSays: "Invalid value of option define_macro: String 'lower_case' doesn't match regular expression: ^[A-Z_0-9]+$",
    weSay: "Invalid value of option define_macro: String 'lower_case' doesn't match regular expression: ^[A-Z_0-9]+$",
  },
  'invalid-yaml': {
    accepted: false,
    ejabberdSays: "Failed to read YAML file '/etc/ejabberd/ejabberd.yml': Syntax error on line 3 at position 16: did not find expected alphabetic or numeric character",
    weSay: 'did not find expected alphabetic or numeric character',
  },
  // Not compared: `macros` uses made-up option names (ejabberd refuses "Unknown option"), which
  // the reader does not validate.
};

describe('ejabberd 23.01 oracle', () => {
  if (!requireOracle(ejabberdUnavailable(), ['ejabberd'])) return;
  const runs = new Map<string, EjabberdRun>();
  let epmd: OwnEpmd | undefined;
  beforeAll(async () => {
    epmd = await startEpmd();
    const port = epmd.port;
    const names = [...Object.keys(cases), 'durations'];
    const results = await Promise.all(names.map((n) => runEjabberd(join(fixturesRoot, n), port)));
    names.forEach((n, i) => runs.set(n, results[i] as EjabberdRun));
  }, 180_000);
  afterAll(async () => {
    await epmd?.stop();
  });

  for (const [name, expected] of Object.entries(cases)) {
    it(`${name}: ${expected.accepted ? 'starts' : 'is refused'}, as the reader says`, () => {
      const run = runs.get(name);
      const ours = loadEjabberdConfig(fixturePath(name), { files: new RootFiles(join(fixturesRoot, name)) });
      expect(run?.started, run?.output.slice(-2000)).toBe(expected.accepted);
      if (expected.accepted) expect(run?.registeredWithOwnEpmd, 'the node registered with the epmd the oracle started').toBe(true);
      expect(ours.refusedByServer).toBe(!expected.accepted);
      if (!expected.accepted) {
        expect(run?.refusal).toBe(expected.ejabberdSays);
        expect(ours.diagnostics.some((d) => d.message.includes(expected.weSay))).toBe(true);
      }
    });
  }

  it('ran every fixture through ejabberd: each started or printed its refusal', () => {
    expect(runs.size).toBe(Object.keys(cases).length + 1);
    for (const [name, run] of runs) expect({ name, answered: run.started || run.refusal !== undefined }, run.output.slice(-2000)).toEqual({ name, answered: true });
  });

  it('durations: ejabberd refuses "1 week" with the error parseEjabberdTimeout gives', () => {
    const run = runs.get('durations');
    const ours = loadEjabberdConfig(fixturePath('durations'), { files: new RootFiles(join(fixturesRoot, 'durations')) });
    const value = ours.global.get('registration_timeout')?.value;
    const parsed = value ? parseEjabberdTimeout(value, 'second') : undefined;
    expect(run?.started).toBe(false);
    expect(parsed?.ok).toBe(false);
    expect(run?.refusal).toBe(`Invalid value of option registration_timeout: ${parsed && !parsed.ok ? parsed.error : '?'}`);
  });

  // Last: the nodes have stopped, so the epmd they registered with can go.
  it('stops the epmd it started, by its pid, and leaves nothing on its port', async () => {
    const own = epmd as OwnEpmd;
    expect(await listening(own.port), 'the nodes registered with this epmd').toBe(true);
    expect(await own.stop()).toEqual({ code: null, signal: 'SIGTERM' });
    expect(existsSync(`/proc/${own.pid}`), `epmd ${own.pid} is still there`).toBe(false);
    // Any epmd a node might have started itself would listen on this port too (ERL_EPMD_PORT).
    expect(await listening(own.port)).toBe(false);
  });
});
