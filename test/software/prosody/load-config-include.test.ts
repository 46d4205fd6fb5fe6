import { describe, expect, it } from 'vitest';
import type { SourcePosition } from '../../../src/inventory/evidence.js';
import { diagnosticsOf, fixturePath, loadFixture, locate, option, value } from './load-fixture.js';

const after = (p: SourcePosition, columns: number): SourcePosition => ({ ...p, column: p.column + columns });

describe('loadProsodyConfig: a wildcard Include of thousands of `*`', () => {
  // The fuzzer's hang (2026-12-03, duplicate-range on include-absolute): as a RegExp, Prosody's
  // glob_to_pattern of 2,000 `*` backtracked for minutes on each name. `*` runs match what one
  // `*` matches (util/paths.lua: `.*` each), so abs.cfg.lua is read.
  it('reads the file the glob matches', async () => {
    const { cp, mkdtemp, readFile, rm, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { loadProsodyConfig } = await import('../../../src/software/prosody/load-config.js');
    const { RootFiles } = await import('../../../src/files/root-files.js');
    const root = await mkdtemp(path.join(tmpdir(), 'privacy-lint-stars-'));
    try {
      await cp(fixturePath('include-absolute').replace(/\/etc\/prosody\/prosody\.cfg\.lua$/, ''), root, { recursive: true });
      const main = path.join(root, 'etc/prosody/prosody.cfg.lua');
      await writeFile(main, (await readFile(main, 'utf8')).replace('extra/*.lua', `extra/${'*'.repeat(2000)}.lua`));
      const config = loadProsodyConfig(main, { files: new RootFiles(root), release: '13.0' });
      expect(config.files).toContain(path.join(root, 'etc/prosody/extra/abs.cfg.lua'));
      expect(config.diagnostics.filter((d) => d.code === 'include-error')).toEqual([]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('loadProsodyConfig: Include', () => {
  describe('Debian layout: Include "conf.d/*.cfg.lua" after a VirtualHost', () => {
    const config = loadFixture('include-debian', '0.12');

    it('reads the main file, then matching files in name order, skipping dotfiles and non-matches', () => {
      expect(config.files).toEqual([
        fixturePath('include-debian'),
        fixturePath('include-debian', 'etc/prosody/conf.d/a.cfg.lua'),
        fixturePath('include-debian', 'etc/prosody/conf.d/b.cfg.lua'),
        fixturePath('include-debian', 'etc/prosody/sub/one.cfg.lua'),
      ]);
      expect(config.sections.get('*')?.options.has('hidden')).toBe(false);
      expect(config.refusedByServer).toBe(false);
    });

    it('starts each included file in the global section, whatever section the Include was in', () => {
      expect(value(config, '*', 'from_a')).toBe('global');
      expect(value(config, '*', 'from_b')).toBe('global too');
      expect(value(config, 'a.example', 'from_a_host')).toBe(true);
      expect(option(config, '*', 'from_a').at).toEqual(locate('include-debian', 'from_a', 'etc/prosody/conf.d/a.cfg.lua'));
    });

    it('continues the including file in its own section after the Include; the included file is global', () => {
      expect(value(config, 'localhost', 'after_include')).toBe('still localhost');
      expect(value(config, '*', 'from_sub')).toBe(1);
    });

    it('gives each file fresh locals', () => {
      expect(value(config, '*', 'seen_secret')).toBeNull();
      expect(diagnosticsOf(config)).toEqual([
        {
          code: 'config-warning',
          message: '`secret` is read as a Lua variable, which is nil here, so the option is unset; quote it ("secret") if a string was meant',
          position: after(locate('include-debian', '= secret', 'etc/prosody/conf.d/a.cfg.lua'), 2),
          suggestion: '"secret"',
        },
      ]);
    });
  });

  it('resolves absolute Include paths under --root, also with a wildcard', () => {
    const config = loadFixture('include-absolute', '13.0');
    expect(config.diagnostics).toEqual([]);
    expect(value(config, '*', 'from_absolute')).toBe(true);
    expect(config.files).toEqual([
      fixturePath('include-absolute'),
      fixturePath('include-absolute', 'etc/prosody/extra/abs.cfg.lua'),
      fixturePath('include-absolute', 'etc/prosody/extra/abs.cfg.lua'),
    ]);
  });

  it('warns when files of one wildcard set an option differently: their order is the filesystem\'s', () => {
    const config = loadFixture('include-glob-conflict', '0.12', 'etc/prosody/order-dependent.cfg.lua');
    expect(value(config, '*', 'archive_expires_after')).toBe('1y');
    expect(diagnosticsOf(config)).toEqual([
      {
        code: 'config-warning',
        message:
          "Option 'archive_expires_after' of the global section is also set in 10-first.cfg.lua (line 1) with another value; " +
          'both files come from Include "conf.d/*.cfg.lua", which Prosody reads in directory order (not sorted), so which ' +
          'value wins depends on the filesystem (privacy-lint assumes name order)',
        position: locate('include-glob-conflict', 'archive_expires_after', 'etc/prosody/conf.d/20-second.cfg.lua'),
      },
    ]);
  });

  it('reports a missing file as an include error that stops Prosody, and reads on', () => {
    const config = loadFixture('include-missing', '0.12');
    expect(config.refusedByServer).toBe(true);
    expect(diagnosticsOf(config)).toEqual([
      {
        code: 'include-error',
        message: `Prosody refuses to start: Error loading included /etc/prosody/missing.cfg.lua: No such file or directory (looked for ${fixturePath('include-missing', 'etc/prosody/missing.cfg.lua')})`,
        position: locate('include-missing', 'Include "missing'),
      },
    ]);
    expect(value(config, '*', 'after')).toBe(2);
  });

  it('accepts a wildcard matching nothing, but not a missing wildcard directory', () => {
    expect(loadFixture('include-debian', '13.0').diagnostics.filter((d) => d.code === 'include-error')).toEqual([]);
    const config = loadFixture('include-glob-missing-dir', '0.12');
    expect(config.refusedByServer).toBe(true);
    expect(diagnosticsOf(config, 'include-error')).toEqual([
      {
        code: 'include-error',
        message: `Prosody refuses to start: cannot open /etc/prosody/conf.d: No such file or directory (Include "conf.d/*.cfg.lua", looked in ${fixturePath('include-glob-missing-dir', 'etc/prosody/conf.d')})`,
        position: locate('include-glob-missing-dir', 'Include "'),
      },
    ]);
  });

  it('stops at an Include cycle without hanging', () => {
    const config = loadFixture('include-cycle', '0.12');
    expect(config.refusedByServer).toBe(true);
    expect(value(config, '*', 'from_other')).toBe(true);
    expect(diagnosticsOf(config)).toEqual([
      {
        code: 'include-error',
        message:
          'Prosody refuses to start: Include cycle (etc/prosody/prosody.cfg.lua → etc/prosody/other.cfg.lua → etc/prosody/prosody.cfg.lua): ' +
          'Prosody would include these files until it runs out of stack',
        position: locate('include-cycle', 'Include', 'etc/prosody/other.cfg.lua'),
      },
    ]);
  });

  it('never reads outside --root: `..` stops at the root, as it stops at / on the served system', () => {
    const config = loadFixture('include-escape', '0.12');
    expect(config.files).toEqual([fixturePath('include-escape')]);
    // /etc/prosody/../../../../outside.cfg.lua is /outside.cfg.lua, which the tree does not hold.
    expect(config.refusedByServer).toBe(true);
    expect(diagnosticsOf(config)).toEqual([
      {
        code: 'include-error',
        message: expect.stringMatching(/^Prosody refuses to start: Error loading included \/etc\/prosody\/\.\.\/\.\.\/\.\.\/\.\.\/outside\.cfg\.lua: No such file or directory \(looked for .*include-escape\/outside\.cfg\.lua\)$/) as unknown,
        position: locate('include-escape', 'Include "'),
      },
    ]);
    expect(value(config, '*', 'kept')).toBe(true);
  });

  it('reports a parse error in an included file and still reads the other files', () => {
    const config = loadFixture('include-parse-error', '13.0');
    expect(config.refusedByServer).toBe(true);
    expect(diagnosticsOf(config)).toEqual([
      {
        code: 'parse-error',
        message: "Lua syntax error: '}' expected near '\"carbons\"' (Prosody refuses to start)",
        position: locate('include-parse-error', '"carbons"', 'etc/prosody/broken.cfg.lua'),
      },
    ]);
    expect(config.sections.get('*')?.options.has('good')).toBe(false);
    expect(value(config, '*', 'from_fine')).toBe(true);
    expect(value(config, '*', 'main_after')).toBe(true);
    expect(config.files).toContain(fixturePath('include-parse-error', 'etc/prosody/broken.cfg.lua'));
  });
});
