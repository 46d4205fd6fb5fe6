/**
 * Files that include each other level after level: 60 files each including the 60 of the next
 * level, three levels deep, are 60 × 60 × 60 = 216,000 inclusions of 180 small files. Each
 * server would follow them all; privacy-lint parses each file once, follows at most
 * MAX_INCLUSIONS inclusions, and refuses the rest at the include line, so the run ends and the
 * claims that depend on what was not read are unverified, never verified by omission.
 * A crash test, not a timed one: vitest's generous timeout only bounds a hang.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { MAX_INCLUSIONS } from '../../src/files/root-files.js';

const N = 60;
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'privacy-lint-fan-'));
  made.push(root);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  writeFileSync(path.join(root, 'policy.yaml'), 'ipAddresses:\n  stored: never\n');
  return root;
}

/** main → l1/a0..a59 → l2/b0..b59 → l3/c0..c59, each level naming the next through `include(dir)`. */
function levels(dir: string, main: string, mainText: string, include: (level: string) => string, leaf: string): Record<string, string> {
  const files: Record<string, string> = { [`${dir}/${main}`]: mainText };
  for (let i = 0; i < N; i++) {
    files[`${dir}/l1/a${i}`] = include('l2');
    files[`${dir}/l2/b${i}`] = include('l3');
    files[`${dir}/l3/c${i}`] = leaf;
  }
  return files;
}

const shapes: Record<string, Record<string, string>> = {
  prosody: levels('etc/prosody', 'prosody.cfg.lua', 'Include "/etc/prosody/l1/*"\n', (l) => `Include "/etc/prosody/${l}/*"\n`, 'log = { info = "/var/log/prosody/prosody.log" }\n'),
  apache: levels('etc/apache2', 'apache2.conf', 'Include /etc/apache2/l1/*\n', (l) => `Include /etc/apache2/${l}/*\n`, 'LogLevel warn\n'),
  caddy: levels('etc/caddy', 'Caddyfile', 'import /etc/caddy/l1/*\n', (l) => `import /etc/caddy/${l}/*\n`, '# nothing\n'),
  logrotate: levels('etc', 'logrotate.conf', 'include /etc/l1\n', (l) => `include /etc/${l}\n`, 'weekly\n'),
  ejabberd: Object.fromEntries(
    Object.entries(
      levels(
        'etc/ejabberd',
        'ejabberd.yml',
        `hosts: [example.org]\ninclude_config_file:\n${Array.from({ length: N }, (_, i) => `  - /etc/ejabberd/l1/a${i}\n`).join('')}`,
        (l) => `include_config_file:\n${Array.from({ length: N }, (_, i) => `  - /etc/ejabberd/${l}/${l === 'l2' ? 'b' : 'c'}${i}\n`).join('')}`,
        'loglevel: info\n',
      ),
    ),
  ),
};

describe('files that include each other level after level', () => {
  for (const [software, files] of Object.entries(shapes)) {
    it(`${software}: the run ends, the inclusions past the limit are refused at their line, and nothing is verified by omission`, { timeout: 240_000 }, async () => {
      const root = tree(files);
      const result = await lint({ cwd: root, root, paths: [], policyFile: path.join(root, 'policy.yaml'), ruleOverrides: [] });
      const refused = result.findings.filter((f) => f.ruleId === 'include-error' && f.message.includes(`${MAX_INCLUSIONS.toLocaleString('en-US')} inclusions`));
      expect(refused.length).toBeGreaterThan(0);
      // Refused where each include is written: in the level-2 files naming the level-3 files
      // (line 1; ejabberd: the list item that names the file), and, once the budget is spent,
      // in the files above them too.
      expect(refused.some((f) => /\/l2\/b\d+$/.test(f.file))).toBe(true);
      for (const f of refused) {
        if (software === 'ejabberd') expect(f.line).toBeGreaterThanOrEqual(2);
        else expect(f.line).toBe(1);
      }
      const claim = result.claims.find((c) => c.claim === 'ipAddresses.stored')!;
      expect(claim.verdict).not.toBe('verified');
    });
  }
});

describe('a file included many times', () => {
  it('is parsed once: its syntax error is reported once, not once per inclusion', async () => {
    const root = tree({
      'etc/apache2/apache2.conf': 'Include /etc/apache2/broken.conf\nInclude /etc/apache2/broken.conf\nInclude /etc/apache2/broken.conf\n',
      'etc/apache2/broken.conf': '<VirtualHost *:80>\nLogLevel warn\n',
    });
    const result = await lint({ cwd: root, root, paths: [], policyFile: path.join(root, 'policy.yaml'), ruleOverrides: [] });
    const errors = result.findings.filter((f) => f.ruleId === 'parse-error' && f.file.endsWith('broken.conf'));
    expect(errors).toHaveLength(1);
  });
});
