import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { repoRoot } from '../helpers/lint-fixture.js';

/**
 * A figure that cannot honour the claim is advice, never an edit. fixtures/fix/borg prunes with
 * `--keep-within 26w` from a nightly cron job, so an archive can outlive any --keep-within by one
 * late run (1 day, borgBounds). Against 14 days the edit says 13d (13 + 1 = 14); against one day
 * no whole number of days fits (0 + 1 > 1 would need --keep-within 0d, which borg refuses).
 */
describe('retention edits only when the figure honours the claim', () => {
  const root = path.join(repoRoot, 'fixtures', 'fix', 'borg');
  it('borg --keep-within against 14d: an edit to 13d', async () => {
    const result = await lint({ cwd: repoRoot, root, paths: [], configFile: path.join(root, 'privacy-lint.config.yaml'), ruleOverrides: [] });
    expect(result.findings.filter((f) => f.ruleId === 'backup-retention').map((f) => f.fix?.text)).toEqual(['13d']);
  });
  it('borg --keep-within against 1d: the suggestion stays advice', async () => {
    const configFile = path.join(repoRoot, 'fixtures', 'fix-limits', 'borg-one-day', 'policy.yaml');
    const result = await lint({ cwd: repoRoot, root, paths: [], configFile, ruleOverrides: [] });
    const findings = result.findings.filter((f) => f.ruleId === 'backup-retention');
    expect(findings.map((f) => [f.severity, f.suggestion, f.fix])).toEqual([['error', 'borg prune --keep-within 1d', undefined]]);
  });
});
