import { describe, expect, it } from 'vitest';
import { loadProsodyConfig } from '../../../src/software/prosody/load-config.js';
import { diagnosticsOf, fixturePath, fixturesRoot, loadFixture, locate, option, value } from './load-fixture.js';
import { RootFiles } from '../../../src/files/root-files.js';

describe('loadProsodyConfig: diagnostics', () => {
  it('reports a syntax error of the main file at its line and column; Prosody refuses', () => {
    const config = loadFixture('parse-error', '0.12');
    expect(config.refusedByServer).toBe(true);
    const second = locate('parse-error', '= "1w"');
    expect(config.diagnostics).toEqual([
      {
        code: 'parse-error',
        message: "Lua syntax error: <expression> expected near '=' (Prosody refuses to start)",
        position: second,
      },
    ]);
    expect(config.files).toEqual([fixturePath('parse-error')]);
    expect([...config.sections.keys()]).toEqual(['*']);
  });

  it('warns about bare names that read as nil where a string was probably meant', () => {
    for (const release of ['0.12', '13.0'] as const) {
      const config = loadFixture('bare-names', release);
      expect(config.refusedByServer).toBe(false);
      expect(value(config, '*', 'archive_store')).toBeNull();
      expect(value(config, '*', 'http_file_share_expires_after')).toBeNull();
      expect(value(config, '*', 'default_storage')).toBeNull();
      const archive2 = locate('bare-names', 'archive2');
      const placeholder = locate('bare-names', '__HTTP_FILE_SHARE_EXPIRES_AFTER__');
      const archive3 = locate('bare-names', 'archive3');
      expect(diagnosticsOf(config)).toEqual([
        {
          code: 'config-warning',
          message: '`archive2` is read as a Lua variable, which is nil here, so the option is unset; quote it ("archive2") if a string was meant',
          position: archive2,
          suggestion: '"archive2"',
        },
        {
          code: 'config-warning',
          message:
            '`__HTTP_FILE_SHARE_EXPIRES_AFTER__` is read as a Lua variable, which is nil here, so the option is unset; quote it ("__HTTP_FILE_SHARE_EXPIRES_AFTER__") if a string was meant',
          position: placeholder,
          suggestion: '"__HTTP_FILE_SHARE_EXPIRES_AFTER__"',
        },
        {
          code: 'config-warning',
          message: '`archive3` is read as a Lua variable, which is nil here; quote it ("archive3") if a string was meant',
          position: archive3,
          suggestion: '"archive3"',
        },
      ]);
    }
  });

  it('warns about an option assigned twice in one file and section, like Prosody; other files and sections are silent', () => {
    const config = loadFixture('duplicates', '0.12');
    expect(diagnosticsOf(config)).toEqual([
      {
        code: 'config-warning',
        message: "Duplicate option 'archive_expires_after' (also set at line 2); the last one wins",
        position: locate('duplicates', 'archive_expires_after', 'etc/prosody/prosody.cfg.lua', 2),
      },
    ]);
    const global = option(config, '*', 'archive_expires_after');
    expect(global.value).toMatchObject({ type: 'string', value: '4w' });
    expect(global.at).toEqual(locate('duplicates', 'archive_expires_after', 'etc/prosody/more.cfg.lua'));
    expect(global.overridden).toEqual([
      locate('duplicates', 'archive_expires_after', 'etc/prosody/prosody.cfg.lua', 1),
      locate('duplicates', 'archive_expires_after', 'etc/prosody/prosody.cfg.lua', 2),
    ]);
    expect(value(config, 'example.org', 'archive_expires_after')).toBe('3w');
  });

  it('reports a Lua runtime error with Lua\'s own message; Prosody refuses', () => {
    const config = loadFixture('runtime-errors', '0.12');
    expect(config.refusedByServer).toBe(true);
    expect(diagnosticsOf(config, 'config-error')).toEqual([
      {
        code: 'config-error',
        message: "Prosody refuses to start: attempt to concatenate a nil value (global 'domain')",
        position: locate('runtime-errors', 'domain'),
      },
    ]);
    expect(value(config, '*', 'certificate')).toEqual({ unknown: "a Lua error: attempt to concatenate a nil value" });
  });

  it('reports a missing main file instead of throwing', () => {
    const missing = `${fixturesRoot}does-not-exist/prosody.cfg.lua`;
    const config = loadProsodyConfig(missing, { files: new RootFiles(fixturesRoot), release: '0.12' });
    expect(config.refusedByServer).toBe(true);
    expect(config.diagnostics).toEqual([
      {
        code: 'include-error',
        message: `The Prosody config file ${missing} does not exist`,
        position: { file: missing, line: 1, column: 1 },
      },
    ]);
  });

  it('reports a RunScript of a missing file, or of a script with a syntax error; Prosody refuses both', () => {
    const missing = loadFixture('runscript-missing', '0.12');
    expect(missing.refusedByServer).toBe(true);
    expect(missing.diagnostics).toEqual([
      {
        code: 'include-error',
        message: 'Prosody refuses to start: cannot open /etc/prosody/missing.lua (RunScript)',
        position: locate('runscript-missing', 'RunScript "'),
      },
    ]);
    const syntax = loadFixture('runscript-syntax', '13.0');
    expect(syntax.refusedByServer).toBe(true);
    expect(syntax.diagnostics).toEqual([
      {
        code: 'parse-error',
        message: "Prosody refuses to start: Lua syntax error: <expression> expected near '=' (in a script run by RunScript)",
        position: locate('runscript-syntax', '= 1', 'etc/prosody/broken.lua'),
      },
    ]);
  });

  it('puts host names through nameprep, and reports a name nameprep refuses', () => {
    const config = loadFixture('hostnames', '0.12');
    expect([...config.sections.keys()]).toEqual(['*', 'strasse.example', 'muc.example']);
    const forbidden = loadFixture('hostname-forbidden', '0.12');
    expect(forbidden.refusedByServer).toBe(true);
    expect(forbidden.diagnostics).toEqual([
      {
        code: 'config-error',
        message: 'Prosody refuses to start: Name of Host "bad\uE000.example" contains forbidden characters',
        position: locate('hostname-forbidden', 'VirtualHost'),
      },
    ]);
  });
});
