import { describe, expect, it } from 'vitest';
import { diagnosticsOf, fixturePath, loadFixture, locate, option, value } from './load-fixture.js';

const MAIN = 'etc/prosody/speculative.cfg.lua';
const at = (needle: string, nth = 1) => locate('speculative', needle, MAIN, nth);

describe('loadProsodyConfig: code that runs only under runtime conditions', () => {
  for (const release of ['0.12', '13.0'] as const) {
    describe(`Prosody ${release}`, () => {
      const config = loadFixture('speculative', release, MAIN);

      it('makes an option set in an undecidable if branch unknown, with the condition as reason', () => {
        expect(value(config, '*', 'storage')).toEqual({
          unknown: 'set only when `ENV_USE_SQL` (line 5) is true, which depends on the runtime',
        });
        expect(option(config, '*', 'storage').at).toEqual(at('storage = "sql"'));
        expect(option(config, '*', 'storage').overridden).toEqual([at('storage')]);
      });

      it('evaluates only the taken branch of a decidable if', () => {
        expect(value(config, '*', 'decided')).toBe('taken');
        expect(option(config, '*', 'decided').overridden).toEqual([]);
      });

      it('treats every branch of an if/elseif/else chain as conditional', () => {
        expect(value(config, '*', 'branch')).toEqual({
          unknown: 'set only when `ENV_B` (line 11) is false, which depends on the runtime',
        });
        expect(option(config, '*', 'branch').overridden).toEqual([at('branch'), at('branch', 2)]);
      });

      it('adds an unknown item for a conditional append, instead of making the whole list unknown', () => {
        expect(value(config, '*', 'extra_modules')).toEqual([
          'carbons',
          { unknown: '"cloud_notify" added only when `ENV_PUSH` (line 17) is true, which depends on the runtime' },
        ]);
      });

      it('treats loop bodies as conditional and skips loops that cannot run', () => {
        expect(value(config, '*', 'looped')).toEqual({
          unknown: 'set only inside the `for` loop at line 21, whose iterations depend on the runtime',
        });
        expect(config.sections.get('*')?.options.has('never_numeric')).toBe(false);
        expect(config.sections.get('*')?.options.has('never_while')).toBe(false);
      });

      it('marks options set by a config-defined function as unknown and reports the call', () => {
        expect(value(config, '*', 'default_storage')).toEqual({
          unknown: 'set only inside function `set_store` (called at line 29), whose body privacy-lint does not follow exactly',
        });
        expect(diagnosticsOf(config, 'unknown-value')).toContainEqual({
          code: 'unknown-value',
          message:
            '`set_store("sql")` runs a function defined in the config; privacy-lint does not follow its body exactly, so options it sets are marked unknown',
          position: at('set_store("sql")'),
        });
      });

      it('reports a call in an expression too when the function sets options', () => {
        expect(value(config, '*', 'archive_store')).toEqual({
          unknown: 'set only inside function `storage_for` (called at line 42), whose body privacy-lint does not follow exactly',
        });
        expect(diagnosticsOf(config, 'unknown-value').map((d) => d.position)).toContainEqual(at('storage_for("archive2")'));
      });

      it('still reads an Include inside a conditional branch, speculatively', () => {
        expect(config.files).toContain(fixturePath('speculative', 'etc/prosody/extra.cfg.lua'));
        expect(value(config, '*', 'extra_setting')).toEqual({
          unknown: 'set only when `ENV_EXTRA` (line 30) is true, which depends on the runtime',
        });
      });

      it('declares a host from a conditional VirtualHost, and says the section after it is uncertain', () => {
        expect(value(config, 'conditional.example', 'defined')).toEqual({
          unknown: 'set only when `ENV_HOST` (line 34) is true, which depends on the runtime',
        });
        expect(value(config, '*', 'after_conditional_host')).toBe(true);
        expect(diagnosticsOf(config, 'unknown-value')).toContainEqual({
          code: 'unknown-value',
          message:
            'A VirtualHost or Component here runs only when `ENV_HOST` (line 34) is true, which depends on the runtime, so the section ' +
            'that later settings go to depends on the runtime; privacy-lint reads them as part of the global section',
          position: at('if ENV_HOST'),
        });
      });

      it('after a return that may run, later settings are conditional', () => {
        expect(value(config, '*', 'after_maybe_return')).toEqual({
          unknown: 'set only when the `return` inside the block at line 36 is not reached, which depends on the runtime',
        });
      });

      it('never calls a possible failure a refusal', () => {
        expect(config.refusedByServer).toBe(false);
        expect(diagnosticsOf(config).filter((d) => d.code === 'config-error' || d.code === 'include-error')).toEqual([]);
      });
    });
  }

  it('13.0: a conditional :append adds an unknown item to the option', () => {
    const config = loadFixture('speculative', '13.0', MAIN);
    expect(value(config, '*', 'modules_enabled')).toEqual([
      'roster',
      { unknown: '"turn_external" added only when `ENV_TURN` (line 31) is true, which depends on the runtime' },
    ]);
  });

  it('0.12: a conditional :append is a possible refusal, reported as a warning', () => {
    const config = loadFixture('speculative', '0.12', MAIN);
    expect(value(config, '*', 'modules_enabled')).toEqual(['roster']);
    expect(diagnosticsOf(config, 'config-warning')).toEqual([
      {
        code: 'config-warning',
        message:
          "Prosody would refuse to start if this runs (it runs only when `ENV_TURN` (line 31) is true, which depends on the runtime): " +
          "attempt to index a nil value (global 'modules_enabled'): Prosody 0.12 cannot read options back; `:append` needs Prosody 13.0, so list the values in the assignment",
        position: at('modules_enabled:append'),
      },
    ]);
  });
});

describe('loadProsodyConfig: a top-level return', () => {
  it('stops reading the file there', () => {
    const config = loadFixture('return-top', '0.12');
    expect(value(config, '*', 'before_return')).toBe(true);
    expect(config.sections.get('*')?.options.has('after_return')).toBe(false);
    expect(config.diagnostics).toEqual([]);
  });
});
