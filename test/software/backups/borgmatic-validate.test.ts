import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readBorgmatic } from '../../../src/software/backups/borgmatic/read-borgmatic.js';
import { programsMissing, requireOracle } from '../../helpers/require-program.js';
import { RootFiles } from '../../../src/files/root-files.js';

/**
 * borgmatic itself validates each fixture (apt package `borgmatic`). borgmatic < 1.8 knows only
 * the sectioned format (`validate-borgmatic-config`); 1.8+ has `borgmatic config validate`.
 */
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const fixtures = join(repo, 'fixtures/backups/borgmatic');
const version = (() => {
  const r = spawnSync('borgmatic', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
})();
const [major = 0, minor = 0] = (version ?? '0.0').split('.').map(Number);
const flatKnown = major > 1 || (major === 1 && minor >= 8);

function validate(file: string): { ok: boolean; output: string } {
  // unit-env's config takes ${PROSODY_DATA} from the unit's Environment=; borgmatic resolves it when validating.
  const options = { encoding: 'utf8' as const, env: { ...process.env, PROSODY_DATA: '/var/lib/prosody' } };
  const r = flatKnown
    ? spawnSync('borgmatic', ['config', 'validate', '-c', file], options)
    : spawnSync('validate-borgmatic-config', ['-c', file], options);
  const output = `${r.stdout}${r.stderr}`;
  return { ok: r.status === 0 && !/Error parsing configuration file/.test(output), output };
}

/**
 * Why borgmatic refuses a file: text its error must contain and the line it names, and the words
 * of the reader's diagnostic on that line. A YAML error is reported by PyYAML ("did not find
 * expected ',' or ']' in "<file>", line 3"); a schema error (1.8+) names the option.
 */
interface Refusal {
  borgmaticSays: string;
  line: number;
  weSay: string;
}

const cases: Array<{ file: string; sectioned: boolean; valid: boolean; refusal?: Refusal }> = [
  { file: 'e1-flat/etc/borgmatic/config.yaml', sectioned: false, valid: true },
  { file: 'e3-no-keep/etc/borgmatic/config.yaml', sectioned: false, valid: true },
  { file: 'actions/etc/borgmatic/config.yaml', sectioned: false, valid: true },
  { file: 'e2-sectioned/etc/borgmatic.d/prosody.yaml', sectioned: true, valid: true },
  { file: 'debian-trap/etc/borgmatic.d/prosody.yaml', sectioned: true, valid: true },
  { file: 'unit-env/etc/borgmatic/config.yaml', sectioned: true, valid: true },
  { file: 'prefixes/etc/borgmatic.d/same.yaml', sectioned: true, valid: true },
  { file: 'prefixes/etc/borgmatic.d/differ.yaml', sectioned: true, valid: true },
  { file: 'bad-input/etc/borgmatic/config.yaml', sectioned: false, valid: false, refusal: { borgmaticSays: 'keep_dayly', line: 5, weSay: 'unknown option "keep_dayly"' } },
  {
    file: 'bad-input/etc/borgmatic.d/broken.yaml',
    sectioned: true,
    valid: false,
    refusal: { borgmaticSays: "while parsing a flow sequence\n  in \"<file>\", line 2, column 25\ndid not find expected ',' or ']'\n  in \"<file>\", line 3", line: 3, weSay: 'Flow sequence in block collection must be sufficiently indented and end with a ]' },
  },
];

describe('borgmatic validates the fixtures', () => {
  if (!requireOracle(version === undefined ? (programsMissing('borgmatic') ?? 'borgmatic --version failed') : undefined, ['borgmatic'])) return;
  for (const c of cases) {
    const runnable = c.sectioned || flatKnown;
    it.skipIf(!runnable)(`${c.file} is ${c.valid ? 'valid' : 'refused'} (skipped when borgmatic ${version ?? '(none)'} predates the flat format of 1.8)`, () => {
      const file = join(fixtures, c.file);
      const r = validate(file);
      expect(r.ok, r.output).toBe(c.valid);
      if (c.refusal === undefined) return;
      // The reason borgmatic gives is the reader's too, on the same line.
      expect(r.output.split(file).join('<file>')).toContain(c.refusal.borgmaticSays);
      const root = join(fixtures, c.file.slice(0, c.file.indexOf('/etc/')));
      const ours = readBorgmatic(new RootFiles(root), []).diagnostics.filter((d) => d.position.file === file);
      expect(ours.find((d) => d.position.line === c.refusal?.line && d.message.includes(c.refusal.weSay)), ours.map((d) => `${d.position.line}: ${d.message}`).join('\n')).toBeDefined();
    }, 60_000); // borgmatic (Python) starts slowly on a loaded machine
  }

  it(`borgmatic ${version ?? '(none)'}'s own generated sample config reads with no unknown option`, () => {
    const root = mkdtempSync(join(tmpdir(), 'borgmatic-sample-'));
    const target = join(root, 'etc/borgmatic/config.yaml');
    const args = flatKnown ? ['config', 'generate', '-d', target] : ['-d', target];
    execFileSync(flatKnown ? 'borgmatic' : 'generate-borgmatic-config', args, { stdio: 'pipe' });
    expect(readFileSync(target, 'utf8')).toContain('repositories');
    const reading = readBorgmatic(new RootFiles(root), []);
    expect(reading.diagnostics.filter((d) => d.message.includes('unknown option'))).toEqual([]);
    expect(reading.practices).toHaveLength(1);
  }, 60_000);
});
