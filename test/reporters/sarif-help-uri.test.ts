/**
 * The published CLI's SARIF report links every built-in rule to its documentation page, so a
 * code-scanning alert has a "learn more" that works: the URL is derived from package.json's
 * `homepage`, and the page it names must exist in the repository.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const homepage = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { homepage: string }).homepage;

describe('SARIF helpUri of the published CLI', () => {
  it('points every built-in rule at its page under the homepage, and the page exists', () => {
    const run = spawnSync(
      process.execPath,
      [path.join(repoRoot, 'bin', 'privacy-lint.js'), '--root', 'fixtures/demo', '--config', 'fixtures/demo/privacy-lint.config.yaml', '-f', 'sarif'],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(1); // the demo breaks promises on purpose
    const sarif = JSON.parse(run.stdout) as { runs: { tool: { driver: { informationUri?: string; rules: { id: string; helpUri?: string }[] } } }[] };
    const driver = sarif.runs[0]!.tool.driver;
    expect(driver.informationUri).toBe(homepage);
    const base = homepage.replace(/#.*$/, '').replace(/\/$/, '');
    const builtins = driver.rules.filter((r) => !r.id.includes('/'));
    expect(builtins.length).toBeGreaterThan(20);
    for (const rule of builtins) {
      expect(rule.helpUri, rule.id).toBe(`${base}/blob/HEAD/docs/rules/${rule.id}.md`);
      expect(existsSync(path.join(repoRoot, 'docs', 'rules', `${rule.id}.md`)), rule.id).toBe(true);
    }
  });
});
