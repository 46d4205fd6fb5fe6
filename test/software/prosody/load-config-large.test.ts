import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProsodyConfig } from '../../../src/software/prosody/load-config.js';
import { value } from './load-fixture.js';
import { RootFiles } from '../../../src/files/root-files.js';

/**
 * Configs large enough (over 128 KB) to be parsed and evaluated a part at a time
 * (src/formats/lua/lua-statement-stream.ts): what a user sees must not depend on that.
 */
const root = mkdtempSync(join(tmpdir(), 'privacy-lint-large-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const HOSTS = 3000; // 4 lines and about 75 characters each: about 225 KB

/** Lines of `count` hosts; host i starts at line `firstLine + 4 * i`. */
function hostLines(count: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(`VirtualHost "H${i}.example"`, '  archive_expires_after = "1w"', '  modules_enabled = { "mam" }', '');
  return lines;
}

let cases = 0;
function write(lines: string[], files: Record<string, string[]> = {}): string {
  const dir = join(root, `case${++cases}`, 'etc', 'prosody');
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content.join('\n'));
  const main = join(dir, 'prosody.cfg.lua');
  writeFileSync(main, lines.join('\n'));
  return main;
}

function load(main: string) {
  return loadProsodyConfig(main, { files: new RootFiles(join(main, '..', '..', '..')), release: '0.12' });
}

describe('loadProsodyConfig on a large config', () => {
  it('reads every section, with positions in the whole file', () => {
    const main = write(['storage = "internal"', ...hostLines(HOSTS), '  archive_expires_after = "2w"']);
    const config = load(main);
    expect(config.refusedByServer).toBe(false);
    expect(config.sections.size).toBe(HOSTS + 1);
    const last = config.sections.get(`h${HOSTS - 1}.example`);
    expect(last?.declarations).toEqual([{ file: main, line: 2 + 4 * (HOSTS - 1), column: 1 }]);
    const lastArchive = last?.options.get('archive_expires_after');
    expect(lastArchive?.at).toEqual({ file: main, line: 2 + 4 * HOSTS, column: 3 });
    expect(lastArchive?.overridden).toEqual([{ file: main, line: 3 + 4 * (HOSTS - 1), column: 3 }]);
    expect(value(config, `h${HOSTS - 1}.example`, 'modules_enabled')).toEqual(['mam']);
    expect(config.diagnostics).toEqual([
      {
        code: 'config-warning',
        message: `Duplicate option 'archive_expires_after' (also set at line ${3 + 4 * (HOSTS - 1)}); the last one wins`,
        position: { file: main, line: 2 + 4 * HOSTS, column: 3 },
      },
    ]);
  });

  it('evaluates nothing of a file with a syntax error near its end, as Prosody runs none of it', () => {
    const main = write(['storage = "internal"', 'storage = "sql"', ...hostLines(HOSTS), 'broken = {']);
    const config = load(main);
    expect(config.refusedByServer).toBe(true);
    expect([...config.sections.keys()]).toEqual(['*']);
    expect(config.diagnostics).toEqual([
      {
        code: 'parse-error',
        message: "Lua syntax error: '}' expected near '<eof>' (Prosody refuses to start)",
        position: { file: main, line: 3 + 4 * HOSTS, column: 11 },
      },
    ]);
  });

  it('reads what follows a return that may run as conditional, across the whole file', () => {
    const main = write(['if ENV_SKIP then return end', ...hostLines(HOSTS)]);
    const config = load(main);
    expect(config.sections.size).toBe(HOSTS + 1);
    expect(value(config, `h${HOSTS - 1}.example`, 'archive_expires_after')).toEqual({
      unknown: 'set only when the `return` inside the block at line 1 is not reached, which depends on the runtime',
    });
  });

  it('stops at a top-level return but still refuses a syntax error after it', () => {
    const stops = load(write([...hostLines(10), 'do return end', ...hostLines(HOSTS)]));
    expect(stops.sections.size).toBe(11);
    expect(stops.refusedByServer).toBe(false);

    const refused = load(write([...hostLines(10), 'do return end', ...hostLines(HOSTS), 'x = = 1']));
    expect(refused.refusedByServer).toBe(true);
    expect([...refused.sections.keys()]).toEqual(['*']);
    expect(refused.diagnostics.map((d) => [d.code, d.position.line])).toEqual([['parse-error', 42 + 4 * HOSTS]]);
  });

  it('reads a large included file the same way, and a syntax error in it refuses the whole config', () => {
    const main = write(['storage = "sql"', 'Include "hosts.cfg.lua"', 'VirtualHost "after.example"'], { 'hosts.cfg.lua': hostLines(HOSTS) });
    const config = load(main);
    expect(config.files).toHaveLength(2);
    expect(config.sections.size).toBe(HOSTS + 2);
    expect(value(config, 'h0.example', 'archive_expires_after')).toBe('1w');

    const broken = write(['storage = "sql"', 'storage = "internal"', 'Include "hosts.cfg.lua"'], { 'hosts.cfg.lua': [...hostLines(HOSTS), 'end'] });
    const refused = load(broken);
    expect(refused.refusedByServer).toBe(true);
    // The main file is read (with its duplicate warning); the included file contributes only its parse error.
    expect(refused.diagnostics.map((d) => d.code)).toEqual(['config-warning', 'parse-error']);
    expect(refused.sections.size).toBe(1);
  });
});
