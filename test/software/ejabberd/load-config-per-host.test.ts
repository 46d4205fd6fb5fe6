import { describe, expect, it } from 'vitest';
import { effectiveModules, effectiveOption } from '../../../src/software/ejabberd/effective-option.js';
import { diagnosticsOf, loadFixture, locate, plain } from './load-fixture.js';

describe('host_config and append_host_config (ejabberd_config:set_host_config/1)', () => {
  const config = loadFixture('per-host');

  it('lower-cases hosts and keeps their positions', () => {
    expect(config.hosts).toEqual([
      { name: 'example.org', at: locate('per-host', 'example.org') },
      { name: 'chat.example.org', at: locate('per-host', 'Chat.Example.org') },
      { name: 'third.example.org', at: locate('per-host', 'third.example.org') },
    ]);
    expect(config.diagnostics).toEqual([]);
  });

  it('host_config replaces a global option for its host only', () => {
    expect(plain(effectiveOption(config, 'chat.example.org', 'auth_password_format')?.value)).toBe('scram');
    expect(effectiveOption(config, 'Chat.Example.org', 'auth_password_format')?.at).toEqual(locate('per-host', 'auth_password_format', undefined, 2));
    expect(plain(effectiveOption(config, 'example.org', 'auth_password_format')?.value)).toBe('plain');
    expect(plain(effectiveOption(config, 'third.example.org', 's2s_use_starttls')?.value)).toBe('optional');
    expect(effectiveOption(config, 'example.org', 'no_such_option')).toBeUndefined();
  });

  it('host_config modules replace the global modules entirely; append_host_config adds to them', () => {
    expect([...effectiveModules(config, 'example.org').keys()]).toEqual(['mod_mam', 'mod_disco']);
    expect([...effectiveModules(config, 'chat.example.org').keys()]).toEqual(['mod_ping', 'mod_muc']);
    expect([...effectiveModules(config, 'third.example.org').keys()]).toEqual(['mod_mam', 'mod_disco', 'mod_muc']);
    const mam = effectiveModules(config, 'third.example.org').get('mod_mam');
    expect(mam?.at).toEqual(locate('per-host', 'mod_mam'));
    expect(plain(mam?.options)).toEqual([['default', 'always']]);
    expect(effectiveModules(config, 'third.example.org').get('mod_muc')?.at).toEqual(locate('per-host', 'mod_muc', undefined, 2));
  });
});

describe('per-host errors', () => {
  const config = loadFixture('per-host-errors');

  it('reports what ejabberd 23.01 refuses, at the offending key', () => {
    expect(config.refusedByServer).toBe(true);
    const errors = diagnosticsOf(config, 'config-error');
    const at = (start: string) => errors.find((d) => d.message.startsWith(start))?.position;
    expect(at('Invalid value of option host_config: Unexpected value: unknown.example.org')).toEqual(locate('per-host-errors', 'unknown.example.org'));
    expect(at("Invalid value of option host_config->'example.org': Option 'loglevel' is not allowed")).toEqual(locate('per-host-errors', 'loglevel'));
    expect(at('Invalid value of option modules: Duplicated option: mod_mam')).toEqual(locate('per-host-errors', 'mod_mam', undefined, 2));
    expect(at("Cannot merge value of option 'auth_password_format' defined in append_host_config for virtual host other.example.org")).toEqual(
      locate('per-host-errors', 'auth_password_format', undefined, 2),
    );
    expect(errors).toHaveLength(4);
  });

  it('warns that define_macro inside host_config is ignored', () => {
    const w = diagnosticsOf(config, 'config-warning');
    expect(w.map((d) => d.position)).toEqual([locate('per-host-errors', 'define_macro')]);
    expect(config.hostConfig.get('example.org')?.has('define_macro')).toBe(false);
  });

  it('keeps the first mod_mam for the host whose append duplicated it', () => {
    expect(plain(effectiveModules(config, 'example.org').get('mod_mam')?.options)).toEqual([['default', 'always']]);
  });
});

describe('missing hosts', () => {
  it('is a config error', () => {
    const config = loadFixture('no-hosts');
    expect(diagnosticsOf(config, 'config-error').map((d) => [d.message, d.position.line, d.position.column])).toEqual([['Missing required option: hosts', 1, 1]]);
    expect(config.refusedByServer).toBe(true);
  });
});
