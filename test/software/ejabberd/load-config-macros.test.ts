import { describe, expect, it } from 'vitest';
import { diagnosticsOf, loadFixture, locate, plain } from './load-fixture.js';

describe('define_macro (yconf:replace_macros/2)', () => {
  const config = loadFixture('macros');

  it('replaces a scalar equal to a macro name by the macro value of any type, nested macros expanded', () => {
    expect(config.hosts.map((h) => h.name)).toEqual(['example.org', 'chat.example.org']);
    // The first host came from DOMAIN inside HOSTS_LIST: its value is written at DOMAIN's definition.
    expect(config.hosts[0]?.at).toEqual(locate('macros', '"example.org"'));
    const hosts = config.global.get('hosts')?.value;
    expect(hosts?.at).toEqual(locate('macros', '- DOMAIN'));
    expect(hosts?.via).toEqual([{ name: 'HOSTS_LIST', usedAt: locate('macros', 'HOSTS_LIST', undefined, 2), definedAt: locate('macros', '- DOMAIN') }]);
    expect(plain(config.global.get('modules')?.value)).toEqual([['mod_mam', [['default', 'always'], ['assume_mam_usage', 'true']]]]);
  });

  it('replaces @NAME@ inside double-quoted strings, also inside macro values, but not in plain scalars', () => {
    expect(plain(config.global.get('motd_text')?.value)).toBe('Hello from example.org');
    const quoted = config.global.get('quoted_text')?.value;
    expect(plain(quoted)).toBe('Welcome to example.org');
    expect(quoted?.at).toEqual(locate('macros', '"Welcome to @DOMAIN@"'));
    expect(quoted?.via?.[0]).toEqual({ name: 'DOMAIN', usedAt: locate('macros', '"Welcome to @DOMAIN@"'), definedAt: locate('macros', '"example.org"') });
    // fast_yaml makes plain scalars atoms, and yconf replaces @NAME@ only in binaries.
    expect(plain(config.global.get('plain_text')?.value)).toBe('see-@DOMAIN@-here');
  });

  it('leaves unknown names and keys alone, without a diagnostic', () => {
    expect(plain(config.global.get('not_a_macro')?.value)).toBe('UNDEFINED_NAME');
    expect(plain(config.global.get('DOMAIN')?.value)).toBe('key-is-not-replaced');
    expect(config.diagnostics).toEqual([]);
    expect(config.macros.get('DOMAIN')?.at).toEqual(locate('macros', 'DOMAIN:'));
  });

  it('refuses bad names, duplicates and cycles', () => {
    const bad = loadFixture('macro-errors');
    expect(bad.refusedByServer).toBe(true);
    expect(diagnosticsOf(bad, 'config-error').map((d) => [d.message, d.position])).toEqual([
      ["Invalid value of option define_macro: String 'lower_case' doesn't match regular expression: ^[A-Z_0-9]+$", locate('macro-errors', 'lower_case')],
      ['Duplicated macro: LOOP_A (first defined at line 3, column 3)', locate('macro-errors', 'LOOP_A', undefined, 3)],
      ['Circularly defined macro: LOOP_A', locate('macro-errors', 'LOOP_A')],
    ]);
  });
});
