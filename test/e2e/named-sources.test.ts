import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { UsageError } from '../../src/config/types.js';
import type { LintResult } from '../../src/engine/types.js';
import { claimOf, findingsOf, placeOf, repoRoot } from '../helpers/lint-fixture.js';
import { locateInFile } from '../helpers/locate-in-file.js';

/**
 * Paths on the command line and `sources:` in the configuration accept every kind: a file's
 * kind is recognised from where it is, else from what it holds (a YAML file is not ejabberd's
 * because it is YAML), else the user names it as KIND:PATH; what cannot be recognised is a
 * usage error (exit 2) that says so. `versions:` names the release of every software read.
 */
const root = path.join(repoRoot, 'fixtures', 'layouts', 'named');
const configFile = path.join(root, 'privacy-lint.config.yaml');
const run = (paths: string[]): Promise<LintResult> => lint({ cwd: root, root, paths, configFile, ruleOverrides: [] });
const at = (file: string, needle: string): string => {
  const p = locateInFile(path.join(root, file), needle, '#');
  return `${file}:${p.line}:${p.column}`;
};
const places = (result: LintResult): string[] => findingsOf(result, 'ip-address-storage').map((f) => placeOf(result, f));

describe('sources: and versions: in the configuration', () => {
  it('sources.apache names a main file outside /etc: its access log is judged at its line', async () => {
    const result = await run([]);
    expect(claimOf(result, 'ipAddresses.stored').verdict).toBe('violated');
    expect(places(result)).toContain(at('srv/www/main.conf', 'CustomLog'));
  });

  it('versions.caddy is the release Caddy findings are judged for, and they say so', async () => {
    const result = await run([]);
    const caddy = findingsOf(result, 'ip-address-storage').filter((f) => f.file.endsWith('Caddyfile'));
    expect(caddy.length).toBeGreaterThan(0);
    for (const f of caddy) expect(f.message).toContain('; Caddy 2.8,');
  });
});

describe('paths on the command line', () => {
  it('an nginx main file outside /etc/nginx is recognised by its content and read as the main file', async () => {
    const result = await run([path.join(root, 'srv/web/front.conf')]);
    expect(places(result)).toContain(at('srv/web/front.conf', 'access_log'));
  });

  it('KIND:PATH names a file whose place and content do not tell its kind', async () => {
    const result = await run([`caddy:${path.join(root, 'srv/deploy/site')}`]);
    expect(places(result)).toContain(at('srv/deploy/site', 'log {'));
    // The named Caddyfile replaces the standard one.
    expect(places(result).filter((p) => p.startsWith('etc/caddy/'))).toEqual([]);
  });

  it('a YAML file is not ejabberd because it is YAML: exit-2 error saying how to name it', async () => {
    const file = path.join(root, 'srv/deploy/docker-compose.yml');
    await expect(run([file])).rejects.toThrow(UsageError);
    await expect(run([file])).rejects.toThrow(`${file}: privacy-lint cannot tell what kind of configuration this is from its place or its content; name it as KIND:PATH (e.g. nginx:${file})`);
  });

  it('a file of a kind read at its own places is refused where that software would not read it', async () => {
    const file = path.join(root, 'srv/deploy/site');
    await expect(run([`logrotate:${file}`])).rejects.toThrow(
      `logrotate:${file}: srv/deploy/site is not where logrotate reads its files (etc/logrotate.conf, etc/logrotate.d/), so privacy-lint would not read it there`,
    );
  });
});
