/**
 * Every real-world Prosody config in ../shared/corpus/prosody goes through the whole pipeline
 * (read, interpret, judge against the recommended profile) without an exception, and every
 * finding it yields has a position. The corpus is read at test time from beside the repository;
 * in a clone without it (a user's own), the test is skipped and says so.
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
import { repoRoot } from '../helpers/lint-fixture.js';

const corpus = path.join(repoRoot, '..', 'shared', 'corpus', 'prosody');
const files = existsSync(corpus) ? readdirSync(corpus).sort() : [];

describe.skipIf(files.length === 0)(`the Prosody corpus (${corpus})`, () => {
  for (const release of ['0.12', '13.0'] as ProsodyRelease[]) {
    describe(`as Prosody ${release}`, () => {
      for (const name of files) {
        it(`${name}: judged without an exception, every finding positioned`, async () => {
          const file = path.join(corpus, name);
          const config = await loadConfig({ cwd: repoRoot, policyFile: profilePath('recommended') });
          config.versions.prosody = release;
          const inventory = await readSources({ sources: [{ kind: 'prosody', file }], searches: [] }, path.dirname(file), config);
          const { claims, findings } = runRules(builtinRules(), inventory, config);
          expect(claims.length).toBe(config.claims.size);
          for (const finding of findings) {
            expect(finding.file, finding.message).toMatch(/^\//);
            expect(finding.line, finding.message).toBeGreaterThanOrEqual(1);
            expect(finding.column, finding.message).toBeGreaterThanOrEqual(1);
            expect(finding.message.length).toBeGreaterThan(0);
          }
        });
      }
    });
  }
});

it.runIf(files.length === 0)('skips the corpus test: ../shared/corpus/prosody is not beside this clone', () => {
  console.warn(`corpus test skipped: ${corpus} does not exist (it exists only in the project's workspace)`);
});

const ejabberdCorpus = path.join(repoRoot, '..', 'shared', 'corpus', 'ejabberd');
const ejabberdFiles = existsSync(ejabberdCorpus) ? readdirSync(ejabberdCorpus).sort() : [];

describe.skipIf(ejabberdFiles.length === 0)(`the ejabberd corpus (${ejabberdCorpus})`, () => {
  for (const name of ejabberdFiles) {
    it(`${name}: judged without an exception, every finding positioned`, async () => {
      const file = path.join(ejabberdCorpus, name);
      const config = await loadConfig({ cwd: repoRoot, policyFile: profilePath('recommended') });
      const inventory = await readSources({ sources: [{ kind: 'ejabberd', file }], searches: [] }, path.dirname(file), config);
      const { claims, findings } = runRules(builtinRules(), inventory, config);
      expect(claims.length).toBe(config.claims.size);
      for (const finding of findings) {
        expect(finding.file, finding.message).toMatch(/^\//);
        expect(finding.line, finding.message).toBeGreaterThanOrEqual(1);
        expect(finding.column, finding.message).toBeGreaterThanOrEqual(1);
      }
    });
  }
});
