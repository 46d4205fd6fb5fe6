/**
 * Real Prosody as a test oracle for the config loader. Every file named prosody.cfg.lua under
 * fixtures/ (fixtures/oracle/ holds cases written for this test) and every file of
 * ../shared/corpus/prosody is loaded twice: by Prosody's own core/configmanager.lua
 * (test/oracle/dump-prosody-config.lua under lua5.4) and by loadProsodyConfig, with the same
 * root: the directory holding etc/ for a <root>/etc/prosody/prosody.cfg.lua, else the file's own.
 * Both must agree on whether Prosody accepts the config, on why it refuses one (its error text
 * and line), on the section names and files read, and on every option value privacy-lint claims
 * to know (values it holds as `unknown` are listed, not compared). The last test checks how many
 * configs really went through Prosody, so the suite cannot pass by comparing nothing.
 *
 * The dumper runs with an environment holding only PATH (no PROSODY_*, no LUA_INIT), so every
 * ENV_X a config reads is nil; a config Prosody refuses after reading an unset variable may
 * instead get an unknown-value diagnostic from privacy-lint. Configs that read files outside
 * their root (an absolute Include such as /etc/prosody/conf.d/*.cfg.lua) or run programs are
 * not compared: the test names them as skipped, with the path.
 *
 * Needs Debian's prosody (/usr/lib/prosody) and lua5.4: skipped with a message when absent,
 * failing instead when CI is set (test/helpers/require-program.ts).
 */
import { readdirSync, existsSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProsodyRelease } from '../../src/config/types.js';
import type { ProsodyConfig } from '../../src/software/prosody/config-model.js';
import { loadProsodyConfig } from '../../src/software/prosody/load-config.js';
import { requireOracle } from '../helpers/require-program.js';
import { compareOptions, diagnosticForRefusal, readRefusal } from './compare-with-prosody.js';
import { UNKNOWN, luaValueToJson } from './lua-value-json.js';
import { dumpWithProsody, oracleUnavailable, type DumpResult } from './run-dumper.js';
import { RootFiles } from '../../src/files/root-files.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixturesDir = join(repoRoot, 'fixtures');
const corpusDir = join(repoRoot, '..', 'shared', 'corpus', 'prosody');

interface Target {
  file: string;
  /** --root for both loaders: nothing outside it is read. */
  root: string;
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? walk(path) : entry.isFile() ? [path] : [];
    });
}

/** A tree `<root>/etc/prosody/prosody.cfg.lua` has root `<root>`; any other config its own dir. */
function rootOf(file: string): string {
  const marker = `${sep}etc${sep}prosody${sep}`;
  const at = file.lastIndexOf(marker);
  return at >= 0 && !file.slice(at + marker.length).includes(sep) ? file.slice(0, at) : dirname(file);
}

const fixtureTargets: Target[] = walk(fixturesDir)
  .filter((file) => basename(file) === 'prosody.cfg.lua')
  .map((file) => ({ file, root: rootOf(file) }));

/**
 * Fixtures the oracle cannot run faithfully, and why (the dumper's sandbox stops a config that
 * reads outside its root, since the result would depend on this machine's files). Every other
 * fixture must go through Prosody.
 */
const FIXTURES_NOT_RUN: Record<string, string> = {
  // The fuzzer's saved case made from include-absolute: the same absolute Include first.
  'fixtures/fuzz/hang-9a5f8f3dca/etc/prosody/prosody.cfg.lua': 'io.open reads /etc/prosody/extra/abs.cfg.lua, outside',
  'fixtures/prosody-loader/include-absolute/etc/prosody/prosody.cfg.lua': 'io.open reads /etc/prosody/extra/abs.cfg.lua, outside',
  'fixtures/prosody-loader/include-escape/etc/prosody/prosody.cfg.lua': 'io.open reads',
};

const corpusTargets: Target[] = existsSync(corpusDir)
  ? readdirSync(corpusDir)
      .sort()
      .map((name) => join(corpusDir, name))
      .filter((file) => statSync(file).isFile())
      .map((file) => ({ file, root: corpusDir }))
  : [];

function releaseOf(prosodyVersion: string): ProsodyRelease {
  if (prosodyVersion.startsWith('0.12.')) return '0.12';
  if (/^13\.0(\.|$)/.test(prosodyVersion)) return '13.0';
  throw new Error(`the oracle does not know which release Prosody ${prosodyVersion} is`);
}

function unknownEvidence(config: ProsodyConfig): string | undefined {
  const diagnostic = config.diagnostics.find((d) => d.code === 'unknown-value');
  return diagnostic && `unknown-value at ${diagnostic.position.line}:${diagnostic.position.column}`;
}

/** An option privacy-lint holds as unknown because of `name` (e.g. the module a `require` loads). */
function unknownOptionNaming(config: ProsodyConfig, name: string): string | undefined {
  for (const section of config.sections.values()) {
    for (const [option, { value }] of section.options) {
      if (luaValueToJson(value) === UNKNOWN && JSON.stringify(value).includes(name)) return `${section.name}/${option} unknown`;
    }
  }
  return undefined;
}

const fatalDiagnostics = (config: ProsodyConfig): string[] =>
  config.diagnostics
    .filter((d) => ['parse-error', 'config-error', 'include-error'].includes(d.code))
    .map((d) => `${d.code} ${relative(repoRoot, d.position.file)}:${d.position.line}:${d.position.column} ${d.message}`);

interface Tally {
  run: number;
  accepted: number;
  refused: number;
  /** "file: why" for each config the dumper would not run. */
  skipped: string[];
  /** Refusals whose reason privacy-lint gives too, at Prosody's place. */
  reasonsCompared: number;
  /** Option values both sides know and agree on. */
  agreed: number;
  unknown: number;
}
const newTally = (): Tally => ({ run: 0, accepted: 0, refused: 0, skipped: [], reasonsCompared: 0, agreed: 0, unknown: 0 });
const tallies = { fixture: newTally(), corpus: newTally() };

function oracleSuite(label: 'fixture' | 'corpus', target: Target): void {
  const summary = tallies[label];
  const name = relative(repoRoot, target.file);
  // Run Prosody while collecting, so a skip can say why in the test's own name.
  let dump: DumpResult;
  try {
    dump = dumpWithProsody(target.file, target.root);
  } catch (error) {
    it(`${label} ${name}: Prosody's loader runs`, () => {
      throw error;
    });
    return;
  }
  if ('skipped' in dump) {
    summary.skipped.push(`${name}: ${dump.skipped}`);
    it.skip(`${label} ${name}: not run, ${dump.skipped} (the oracle compares only configs that read nothing outside their root and run no programs)`, () => {});
    return;
  }
  summary.run += 1;
  const release = releaseOf(dump.prosodyVersion);

  describe(`${label} ${name}`, () => {
    let loaded: ProsodyConfig | undefined;
    const ours = (): ProsodyConfig => (loaded ??= loadProsodyConfig(target.file, { files: new RootFiles(target.root), release }));

    if (!dump.ok) {
      summary.refused += 1;
      const refusal = dump.error;
      // A config that fails after reading unset variables (ENV_X, os.getenv) may only fail in the
      // oracle's empty environment: for it an unknown-value diagnostic (privacy-lint cannot know
      // the variable) is as right an answer as a refusal.
      const unset = dump.unsetEnv;
      const title =
        unset.length > 0
          ? `Prosody ${dump.prosodyVersion} refuses it after reading unset ${unset.join(', ')}, and privacy-lint says so or calls a value unknown`
          : `Prosody ${dump.prosodyVersion} refuses it, and privacy-lint says so`;
      it(title, () => {
        const config = ours();
        // Prosody's reason, at its place, must be privacy-lint's too: a refusal for another
        // reason would be right only by accident.
        const why = readRefusal(refusal, target.root);
        const match = diagnosticForRefusal(why, config);
        // A refusal that depends on this machine (unset variables, or a Lua module `require`d
        // that the oracle's Prosody lacks) may be an unknown value to privacy-lint instead.
        const missingModule = /^module '([^']+)' not found/.exec(why.reason)?.[1];
        if (match === undefined && (unset.length > 0 || missingModule !== undefined)) {
          const unknown = unknownEvidence(config) ?? (missingModule === undefined ? undefined : unknownOptionNaming(config, missingModule));
          expect(unknown, `Prosody refuses ${name} ("${refusal}"), which depends on this machine; privacy-lint gives neither its reason nor an unknown value`).toBeDefined();
          // Compared too: the answer for a machine-dependent refusal is the unknown value.
          summary.reasonsCompared += 1;
          return;
        }
        const place = why.line === undefined ? '' : ` at ${why.fileTail ?? '?'}:${why.line}`;
        expect(match, `Prosody refuses ${name}: "${why.reason}"${place}; privacy-lint says: ${fatalDiagnostics(config).join(' | ') || 'nothing fatal'}`).toBeDefined();
        summary.reasonsCompared += 1;
      });
      return;
    }

    summary.accepted += 1;
    it(`Prosody ${dump.prosodyVersion} accepts it, and privacy-lint does not call it refused`, () => {
      const config = ours();
      expect(
        { refusedByServer: config.refusedByServer, fatalDiagnostics: fatalDiagnostics(config) },
        `Prosody loads ${name}`,
      ).toEqual({ refusedByServer: false, fatalDiagnostics: [] });
    });

    it('has the same sections', () => {
      const config = ours();
      const sections = [...config.sections.values()];
      // A section whose name privacy-lint cannot know (VirtualHost(ENV_DOMAIN or "x")) stands for
      // one Prosody section or more: then Prosody may have names we lack, but not the reverse.
      const unnamed = sections.filter((s) => s.nameUnknown !== undefined).map((s) => s.name);
      const known = sections.filter((s) => s.nameUnknown === undefined && s.conditional === undefined).map((s) => s.name);
      // A section declared under a runtime condition may be absent from Prosody's (empty-environment) run.
      const conditional = sections.filter((s) => s.conditional !== undefined).map((s) => s.name);
      const theirs = Object.keys(dump.sections);
      const difference = {
        onlyInPrivacyLint: known.filter((n) => !theirs.includes(n)).sort(),
        onlyInProsody: unnamed.length > 0 ? [] : theirs.filter((n) => !known.includes(n) && !conditional.includes(n)).sort(),
      };
      if (unnamed.length > 0) console.info(`${name}: sections named at runtime, not compared: ${unnamed.join(', ')}`);
      expect(difference, `sections of ${name}`).toEqual({ onlyInPrivacyLint: [], onlyInProsody: [] });
    });

    it('reads the same files', () => {
      const config = ours();
      expect(dump.files, 'Prosody read no file').toContain(target.file);
      expect([...config.files].sort()).toEqual([...dump.files].sort());
    });

    it('holds the same value for every option it knows', () => {
      const comparison = compareOptions(dump.sections, ours());
      summary.agreed += comparison.agreed;
      summary.unknown += comparison.unknown.length;
      if (comparison.unknown.length > 0) {
        console.info(`${name}: ${comparison.unknown.length} option(s) unknown to privacy-lint, not compared: ${comparison.unknown.join(', ')}`);
      }
      expect(comparison.mismatches, `option values of ${name}`).toEqual([]);
    });
  });
}

describe('real Prosody as oracle for loadProsodyConfig', () => {
  if (!requireOracle(oracleUnavailable(), ['prosody', 'lua5.4'])) return;

  describe('fixtures', () => {
    for (const target of fixtureTargets) oracleSuite('fixture', target);

    // Runs after the suites above (vitest runs a file's tests in order): by then every
    // comparison has been counted.
    it('ran every fixture through Prosody but the ones documented as not run, and compared their values', () => {
      const t = tallies.fixture;
      const notRun = Object.keys(FIXTURES_NOT_RUN);
      // Counted here, independently of the suites: the prosody.cfg.lua files under fixtures/.
      // Regular files only: a prosody.cfg.lua that is a symlink (the escape fixtures) is not a config of its own.
      const onDisk = readdirSync(fixturesDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name === 'prosody.cfg.lua').length;
      expect(onDisk).toBeGreaterThan(50);
      expect(t.run).toBe(onDisk - notRun.length);
      expect(t.skipped.map((s) => s.slice(0, s.indexOf(': ')))).toEqual(notRun);
      for (const [file, why] of Object.entries(FIXTURES_NOT_RUN)) {
        expect(t.skipped.find((s) => s.startsWith(`${file}: `)), file).toContain(why);
      }
      expect(t.accepted + t.refused).toBe(t.run);
      expect(t.accepted).toBeGreaterThan(0);
      expect(t.reasonsCompared).toBe(t.refused);
      expect(t.agreed).toBeGreaterThan(t.accepted);
    });
  });

  describe('corpus', () => {
    if (corpusTargets.length === 0) {
      it.skip(`SKIPPED: corpus ${corpusDir} absent`, () => {});
      return;
    }
    for (const target of corpusTargets) oracleSuite('corpus', target);

    it('ran every corpus file through Prosody or said why not', () => {
      const t = tallies.corpus;
      expect(t.run + t.skipped.length).toBe(corpusTargets.length);
      expect(t.run).toBeGreaterThan(0);
      expect(t.accepted + t.refused).toBe(t.run);
      expect(t.agreed).toBeGreaterThan(0);
    });
  });

  afterAll(() => {
    for (const [label, t] of Object.entries(tallies)) {
      console.info(
        `Prosody oracle, ${label}: ${t.run} config(s) run (${t.accepted} accepted, ${t.refused} refused by Prosody, ${t.reasonsCompared} with the same reason), ` +
          `${t.agreed} option value(s) agreed, ${t.unknown} unknown to privacy-lint; ` +
          `${t.skipped.length} not run${t.skipped.length ? `:\n  ${t.skipped.join('\n  ')}` : ''}`,
      );
    }
  });
});
