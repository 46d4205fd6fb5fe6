import { describe, expect, it } from 'vitest';
import { diagnosticsOf, loadFixture, locate, option, value } from './load-fixture.js';

describe('loadProsodyConfig: what differs between 0.12 and 13.0', () => {
  describe('reading an option back (`b = a`)', () => {
    it('0.12 reads nil: options cannot be read back', () => {
      const config = loadFixture('read-back', '0.12');
      expect(value(config, '*', 'b')).toBeNull();
      expect(value(config, 'example.org', 'from_global')).toBeNull();
      expect(value(config, 'example.org', 'd')).toBeNull();
      expect(diagnosticsOf(config).map((d) => [d.message, d.position])).toEqual([
        [
          '`a` is nil here (Prosody 0.12 cannot read options back), so the option is unset; use a local variable to share a value',
          { ...locate('read-back', 'b = a'), column: locate('read-back', 'b = a').column + 4 },
        ],
        [
          '`a` is nil here (Prosody 0.12 cannot read options back), so the option is unset; use a local variable to share a value',
          { ...locate('read-back', 'from_global = a'), column: locate('read-back', 'from_global = a').column + 14 },
        ],
        [
          '`c` is nil here (Prosody 0.12 cannot read options back), so the option is unset; use a local variable to share a value',
          { ...locate('read-back', 'd = c'), column: locate('read-back', 'd = c').column + 4 },
        ],
      ]);
    });

    it('13.0 reads an option already set in the current section only', () => {
      const config = loadFixture('read-back', '13.0');
      expect(value(config, '*', 'b')).toBe(5);
      expect(value(config, 'example.org', 'd')).toBe('host value');
      // The global `a` is not visible from the host section.
      expect(value(config, 'example.org', 'from_global')).toBeNull();
      expect(diagnosticsOf(config).map((d) => d.message)).toEqual([
        '`a` is nil here (Prosody 13.0 reads back only options already set in the current section), so the option is unset; use a local variable to share a value',
      ]);
    });
  });

  describe('table.insert(modules_enabled, "mam")', () => {
    it('0.12 refuses: the option reads as nil', () => {
      const config = loadFixture('table-insert', '0.12');
      expect(config.refusedByServer).toBe(true);
      expect(diagnosticsOf(config)).toEqual([
        {
          code: 'config-error',
          message:
            "Prosody refuses to start: bad argument #1 to 'insert' (table expected, got nil): Prosody 0.12 cannot read options back; list the module in modules_enabled",
          position: locate('table-insert', 'table.insert'),
        },
      ]);
    });

    it('13.0 silently ignores it: the option is unchanged', () => {
      const config = loadFixture('table-insert', '13.0');
      expect(config.refusedByServer).toBe(false);
      expect(value(config, '*', 'modules_enabled')).toEqual(['roster']);
      expect(diagnosticsOf(config)).toEqual([
        {
          code: 'config-warning',
          message: 'direct usage of the Lua API is deprecated - replace `table` with `Lua.table`',
          position: locate('table-insert', 'table.insert'),
          suggestion: 'Lua.table',
        },
        {
          code: 'config-warning',
          message:
            "table.insert on option 'modules_enabled' is silently ignored by Prosody 13.0 (the value goes into a proxy object, the option is unchanged); use modules_enabled:append{ ... }",
          position: locate('table-insert', 'table.insert'),
          suggestion: 'modules_enabled:append{ "mam" }',
        },
      ]);
    });
  });

  it('both releases: a list built in a local, shared by reference with the option', () => {
    for (const release of ['0.12', '13.0'] as const) {
      const config = loadFixture('local-list', release);
      expect(value(config, '*', 'modules_enabled')).toEqual(['disco', 'roster', 'mam', 'carbons', 'csi_simple']);
      expect(config.refusedByServer).toBe(false);
    }
  });

  describe('13.0 option proxies: :append{...}, (...) and the call form', () => {
    it('13.0 appends to the option', () => {
      const config = loadFixture('option-proxy', '13.0');
      expect(config.diagnostics).toEqual([]);
      expect(value(config, '*', 'modules_enabled')).toEqual(['roster', 'mam', 'carbons', 'csi_simple']);
      const items = option(config, '*', 'modules_enabled').value;
      expect(items.type === 'table' && items.items[1]?.at).toEqual(locate('option-proxy', '"mam"'));
    });

    it('0.12 refuses: the option reads as nil', () => {
      const config = loadFixture('option-proxy', '0.12');
      expect(config.refusedByServer).toBe(true);
      expect(diagnosticsOf(config, 'config-error').map((d) => [d.message, d.position.line])).toEqual([
        [
          "Prosody refuses to start: attempt to index a nil value (global 'modules_enabled'): Prosody 0.12 cannot read options back; `:append` needs Prosody 13.0, so list the values in the assignment",
          3,
        ],
        [
          "Prosody refuses to start: attempt to call a nil value (global 'modules_enabled'): Prosody 0.12 cannot read options back; the call form `modules_enabled { ... }` needs Prosody 13.0",
          4,
        ],
      ]);
    });
  });

  describe('assigning to a field of an option (`log.debug = ...`)', () => {
    it('0.12 refuses: `log` is Prosody\'s logger function there', () => {
      const config = loadFixture('option-field', '0.12');
      expect(config.refusedByServer).toBe(true);
      expect(diagnosticsOf(config)).toEqual([
        {
          code: 'config-error',
          message: "Prosody refuses to start: attempt to index a function value (global 'log')",
          position: locate('option-field', 'log.debug'),
        },
      ]);
    });

    it('13.0 ignores it (the field lands in the proxy object)', () => {
      const config = loadFixture('option-field', '13.0');
      expect(config.refusedByServer).toBe(false);
      expect(value(config, '*', 'log')).toEqual({ info: '/var/log/prosody/prosody.log' });
      expect(diagnosticsOf(config).map((d) => [d.code, d.position])).toEqual([['config-warning', locate('option-field', 'log.debug')]]);
    });
  });

  describe('FileLine, Credential', () => {
    it('13.0: values known only at runtime', () => {
      const config = loadFixture('file-functions', '13.0');
      expect(config.diagnostics).toEqual([]);
      expect(value(config, '*', 'component_secret')).toEqual({
        unknown: 'the first line of file "secret.txt", read by FileLine() when Prosody starts',
      });
      expect(value(config, '*', 'turn_secret')).toEqual({
        unknown: 'the credential "turn", read by Credential() from $CREDENTIALS_DIRECTORY when Prosody starts',
      });
    });

    it('0.12 refuses: they do not exist there', () => {
      const config = loadFixture('file-functions', '0.12');
      expect(config.refusedByServer).toBe(true);
      expect(diagnosticsOf(config).map((d) => [d.code, d.message, d.position])).toEqual([
        [
          'config-error',
          "Prosody refuses to start: attempt to call a nil value (global 'FileLine'): FileLine() exists only in Prosody 13.0",
          locate('file-functions', 'FileLine'),
        ],
        [
          'config-error',
          "Prosody refuses to start: attempt to call a nil value (global 'Credential'): Credential() exists only in Prosody 13.0",
          locate('file-functions', 'Credential'),
        ],
      ]);
    });
  });

  it('both releases: RunScript is reported as not evaluated', () => {
    for (const release of ['0.12', '13.0'] as const) {
      const config = loadFixture('runscript', release);
      expect(config.refusedByServer).toBe(false);
      expect(diagnosticsOf(config)).toEqual([
        { code: 'unknown-value', message: 'RunScript runs Lua that privacy-lint does not execute', position: locate('runscript', 'RunScript "') },
      ]);
      expect(value(config, '*', 'after_script')).toBe(true);
    }
  });

  describe('a function declared without `local`', () => {
    it('0.12 refuses calling it: it became an option, and options cannot be read back', () => {
      const config = loadFixture('global-function', '0.12');
      expect(config.refusedByServer).toBe(true);
      expect(value(config, '*', 'days')).toEqual({ function: true });
      expect(diagnosticsOf(config, 'config-error')).toEqual([
        {
          code: 'config-error',
          message:
            "Prosody refuses to start: attempt to call a nil value (global 'days'): `function days` without `local` sets an option, " +
            'and Prosody 0.12 cannot read options back; write `local function days`',
          position: locate('global-function', 'days(7)'),
        },
      ]);
    });

    it('13.0 reads it back from the current section and calls it', () => {
      const config = loadFixture('global-function', '13.0');
      expect(config.refusedByServer).toBe(false);
      expect(value(config, '*', 'archive_expires_after')).toBe(604800);
    });
  });

  describe('Lua globals', () => {
    it('0.12 reads them silently; their runtime values stay unknown', () => {
      const config = loadFixture('lua-globals', '0.12');
      expect(config.diagnostics).toEqual([]);
      expect(value(config, '*', 'lua_version')).toBe('Lua 5.4');
      expect(value(config, '*', 'data_dir')).toEqual({ unknown: 'the Lua global prosody.paths.data' });
      expect(value(config, '*', 'home')).toEqual({ unknown: 'environment variable HOME' });
      expect(value(config, '*', 'from_env')).toEqual({ unknown: 'environment variable HOME' });
      expect(value(config, '*', 'plugin_dir')).toEqual({
        unknown: "Prosody's installation path CFG_PLUGINDIR, set by the prosody launcher",
      });
    });

    it('13.0 warns that direct use of the Lua API is deprecated', () => {
      const config = loadFixture('lua-globals', '13.0');
      expect(diagnosticsOf(config).map((d) => [d.message, d.position])).toEqual([
        ['direct usage of the Lua API is deprecated - replace `_VERSION` with `Lua._VERSION`', locate('lua-globals', '_VERSION')],
        ['direct usage of the Lua API is deprecated - replace `prosody` with `Lua.prosody`', locate('lua-globals', 'prosody.paths')],
        ['direct usage of the Lua API is deprecated - replace `os` with `Lua.os`', locate('lua-globals', 'os.getenv')],
        ['direct usage of the Lua API is deprecated - replace `CFG_PLUGINDIR` with `Lua.CFG_PLUGINDIR`', locate('lua-globals', 'CFG_PLUGINDIR')],
      ]);
    });
  });
});
