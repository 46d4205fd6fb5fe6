/**
 * Every real-world Prosody and ejabberd config in ../shared/corpus goes through the whole
 * pipeline (read, interpret, judge against the recommended profile) without an exception, and
 * every finding it yields has a position. The corpus is read at test time from beside the
 * repository; in a clone without it (a user's own), the test is skipped and says so.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { profilePath } from '../../src/config/profiles.js';
import type { ProsodyRelease } from '../../src/config/types.js';
import { readSources } from '../../src/engine/read-sources.js';
import { builtinRules } from '../../src/engine/rule-registry.js';
import { runRules } from '../../src/engine/run-rules.js';
import type { SourceKind } from '../../src/inventory/inventory.js';
import { repoRoot } from '../helpers/lint-fixture.js';
import { RootFiles } from '../../src/files/root-files.js';

const corpusDir = (kind: string): string => path.join(repoRoot, '..', 'shared', 'corpus', kind);
const filesOf = (kind: string): string[] => (existsSync(corpusDir(kind)) ? readdirSync(corpusDir(kind)).sort() : []);

/** Judges one corpus file as `kind` and checks what a user would rely on: a claim each, every finding positioned. */
async function judgeWithoutException(kind: SourceKind, file: string, release?: ProsodyRelease): Promise<void> {
  const config = await loadConfig({ cwd: repoRoot, policyFile: profilePath('recommended') });
  if (release) config.versions.prosody = release;
  const inventory = await readSources({ sources: [{ kind, file }], searches: [] }, new RootFiles(path.dirname(file)), config);
  const { claims, findings } = runRules(builtinRules(), inventory, config);
  expect(claims.length).toBe(config.claims.size);
  for (const finding of findings) {
    expect(finding.file, finding.message).toMatch(/^\//);
    expect(finding.line, finding.message).toBeGreaterThanOrEqual(1);
    expect(finding.column, finding.message).toBeGreaterThanOrEqual(1);
    expect(finding.message.length).toBeGreaterThan(0);
  }
}

const prosodyFiles = filesOf('prosody');
describe.skipIf(prosodyFiles.length === 0)(`the Prosody corpus (${corpusDir('prosody')})`, () => {
  for (const release of ['0.12', '13.0'] as ProsodyRelease[]) {
    describe(`as Prosody ${release}`, () => {
      for (const name of prosodyFiles) {
        it(`${name}: judged without an exception, every finding positioned`, () =>
          judgeWithoutException('prosody', path.join(corpusDir('prosody'), name), release));
      }
    });
  }
});

const ejabberdFiles = filesOf('ejabberd');
describe.skipIf(ejabberdFiles.length === 0)(`the ejabberd corpus (${corpusDir('ejabberd')})`, () => {
  for (const name of ejabberdFiles) {
    it(`${name}: judged without an exception, every finding positioned`, () =>
      judgeWithoutException('ejabberd', path.join(corpusDir('ejabberd'), name)));
  }
});

it.runIf(prosodyFiles.length === 0)('skips the corpus test: ../shared/corpus is not beside this clone', () => {
  console.warn(`corpus test skipped: ${corpusDir('prosody')} does not exist (it exists only in the project's workspace)`);
});
