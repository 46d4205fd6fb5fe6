import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lint } from '../../src/engine/lint.js';
import type { ClaimResult, Finding, LintResult } from '../../src/engine/types.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Lints a fixture root tree (fixtures/<dir>) with its own privacy-lint.config.yaml, as the CLI would. */
export async function lintFixture(dir: string, ruleOverrides: string[] = []): Promise<LintResult> {
  const root = path.join(repoRoot, 'fixtures', dir);
  return lint({ cwd: repoRoot, root, paths: [], configFile: path.join(root, 'privacy-lint.config.yaml'), ruleOverrides });
}

export function claimOf(result: LintResult, claim: string): ClaimResult {
  const found = result.claims.find((c) => c.claim === claim);
  if (!found) throw new Error(`claim ${claim} not in the result`);
  return found;
}

/** Findings of one rule, as `file:line:column severity message` relative to the fixture's etc/prosody. */
export function findingsOf(result: LintResult, ruleId: string): Finding[] {
  return result.findings.filter((f) => f.ruleId === ruleId);
}

/** A finding's place relative to the fixture root, e.g. `etc/prosody/prosody.cfg.lua:7:2`. */
export function placeOf(result: LintResult, finding: Finding): string {
  return `${path.relative(result.root, finding.file)}:${finding.line}:${finding.column}`;
}
