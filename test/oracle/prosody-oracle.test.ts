/**
 * Real Prosody as a test oracle for the config loader. Every file named prosody.cfg.lua under
 * fixtures/ (fixtures/oracle/ holds cases written for this test) and every file of
 * ../shared/corpus/prosody is loaded twice: by Prosody's own core/configmanager.lua
 * (test/oracle/dump-prosody-config.lua under lua5.4) and by loadProsodyConfig, with the same
 * root: the directory holding etc/ for a <root>/etc/prosody/prosody.cfg.lua, else the file's own.
 * Both must agree on whether Prosody accepts the config, on the section names and files read,
 * and on every option value privacy-lint claims to know (values it holds as `unknown` are
 * listed, not compared).
 *
 * The dumper runs with an environment holding only PATH (no PROSODY_*, no LUA_INIT), so every
 * ENV_X a config reads is nil; a config Prosody refuses after reading an unset variable may
 * instead get an unknown-value diagnostic from privacy-lint. Configs that read files outside
 * their root (an absolute Include such as /etc/prosody/conf.d/*.cfg.lua) or run programs are
 * not compared: the test names them as skipped, with the path.
 *
 * Needs Debian's prosody (/usr/lib/prosody) and lua5.4: skipped with a message when absent,
 * failing instead when CI is set.
 */
import { readdirSync, existsSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProsodyRelease } from '../../src/config/types.js';
import type { ProsodyConfig } from '../../src/software/prosody/config-model.js';
import { loadProsodyConfig } from '../../src/software/prosody/load-config.js';
import { compareOptions } from './compare-with-prosody.js';
import { dumpWithProsody, oracleUnavailable, type DumpResult } from './run-dumper.js';

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

/** What privacy-lint says that means "Prosody would not load this". */
function refusalEvidence(config: ProsodyConfig): string | undefined {
  if (config.refusedByServer) return 'refusedByServer';
  const diagnostic = config.diagnostics.find((d) =>
    ['parse-error', 'config-error', 'include-error'].includes(d.code),
  );
  return diagnostic && `${diagnostic.code} at ${diagnostic.position.line}:${diagnostic.position.column}`;
}

function unknownEvidence(config: ProsodyConfig): string | undefined {
  const diagnostic = config.diagnostics.find((d) => d.code === 'unknown-value');
  return diagnostic && `unknown-value at ${diagnostic.position.line}:${diagnostic.position.column}`;
}

const fatalDiagnostics = (config: ProsodyConfig): string[] =>
  config.diagnostics
    .filter((d) => ['parse-error', 'config-error', 'include-error'].includes(d.code))
    .map((d) => `${d.code} ${relative(repoRoot, d.position.file)}:${d.position.line}:${d.position.column} ${d.message}`);

const summary = { run: 0, accepted: 0, refused: 0, skipped: [] as string[], agreed: 0, unknown: 0 };

function oracleSuite(label: string, target: Target): void {
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
    const ours = (): ProsodyConfig => (loaded ??= loadProsodyConfig(target.file, { root: target.root, release }));

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
        const evidence = refusalEvidence(config) ?? (unset.length > 0 ? unknownEvidence(config) : undefined);
        expect(
          evidence,
          `Prosody refuses ${name} ("${refusal}") but privacy-lint neither sets refusedByServer nor reports a parse-error/config-error/include-error` +
            (unset.length > 0 ? ' nor an unknown-value' : ''),
        ).toBeDefined();
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

const unavailable = oracleUnavailable();

describe('real Prosody as oracle for loadProsodyConfig', () => {
  if (unavailable) {
    if (process.env.CI) {
      it('finds Prosody and lua5.4', () => {
        throw new Error(`${unavailable}: install them (Debian: apt-get install prosody lua5.4) to run the Prosody oracle in CI`);
      });
    } else {
      it.skip(`SKIPPED: ${unavailable} (install prosody and lua5.4 to compare the loader with real Prosody)`, () => {});
    }
    return;
  }

  describe('fixtures', () => {
    if (fixtureTargets.length === 0) it.skip('no fixtures/**/prosody.cfg.lua yet', () => {});
    for (const target of fixtureTargets) oracleSuite('fixture', target);
  });

  describe('corpus', () => {
    if (corpusTargets.length === 0) {
      it.skip(`SKIPPED: corpus ${corpusDir} absent`, () => {});
    }
    for (const target of corpusTargets) oracleSuite('corpus', target);
  });

  afterAll(() => {
    console.info(
      `Prosody oracle: ${summary.run} config(s) run (${summary.accepted} accepted, ${summary.refused} refused by Prosody), ` +
        `${summary.agreed} option value(s) agreed, ${summary.unknown} unknown to privacy-lint; ` +
        `${summary.skipped.length} not run${summary.skipped.length ? `:\n  ${summary.skipped.join('\n  ')}` : ''}`,
    );
  });
});
