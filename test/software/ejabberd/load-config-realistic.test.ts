import { describe, expect, it } from 'vitest';
import { effectiveModules, effectiveOption } from '../../../src/software/ejabberd/effective-option.js';
import { parseEjabberdTimeout } from '../../../src/software/ejabberd/timeout.js';
import { diagnosticsOf, fixturePath, loadFixture, locate, plain } from './load-fixture.js';

describe('a realistic config in the official container style', () => {
  const config = loadFixture('realistic');

  it('is accepted, and reads modules.d/*.yml (not README.modules) after the main file', () => {
    expect(config.diagnostics).toEqual([]);
    expect(config.refusedByServer).toBe(false);
    expect(config.files).toEqual([fixturePath('realistic'), fixturePath('realistic', 'etc/ejabberd/modules.d/mod_last.yml')]);
  });

  it('modules.d files are parsed on their own: their macros apply to them', () => {
    const last = effectiveModules(config, 'example.org').get('mod_last');
    expect(last?.at).toEqual(locate('realistic', 'mod_last', 'etc/ejabberd/modules.d/mod_last.yml'));
    expect(plain(last?.options)).toEqual([['db_type', 'mnesia']]);
    expect(config.macros.get('LAST_DB')?.at).toEqual(locate('realistic', 'LAST_DB', 'etc/ejabberd/modules.d/mod_last.yml'));
  });

  it('reads listeners with ports, addresses, modules, TLS flags and request handlers, positioned', () => {
    expect(config.listeners.map((l) => [l.port?.value, l.ip?.value, l.module?.value, l.tls?.value, l.starttlsRequired?.value])).toEqual([
      [15222, '127.0.0.1', 'ejabberd_c2s', undefined, true],
      [15269, '127.0.0.1', 'ejabberd_s2s_in', undefined, undefined],
      [15443, '127.0.0.1', 'ejabberd_http', true, undefined],
    ]);
    const c2s = config.listeners[0];
    // The port and starttls_required came from macros: positioned at the definitions, via the use.
    expect(c2s?.port?.at).toEqual(locate('realistic', '15222'));
    expect(c2s?.starttlsRequired?.at).toEqual(locate('realistic', 'true'));
    expect(config.listeners[2]?.requestHandlers).toEqual([
      { path: '/admin', module: 'ejabberd_web_admin', at: locate('realistic', '/admin') },
      { path: '/api', module: 'mod_http_api', at: locate('realistic', '/api') },
      { path: '/upload', module: 'mod_http_upload', at: locate('realistic', '/upload:') },
    ]);
    expect(config.listeners[2]?.at).toEqual(locate('realistic', 'port: 15443'));
  });

  it('applies the macros of the main file, including a whole map and an @NAME@ in a string macro', () => {
    const modules = effectiveModules(config, 'example.org');
    expect([...modules.keys()]).toEqual(['mod_disco', 'mod_http_upload', 'mod_mam', 'mod_offline', 'mod_ping', 'mod_last', 'mod_muc']);
    expect(plain(modules.get('mod_mam')?.options)).toEqual([['assume_mam_usage', 'true'], ['default', 'always']]);
    expect(modules.get('mod_mam')?.options.via?.[0]?.usedAt).toEqual(locate('realistic', 'ARCHIVE_OPTIONS', undefined, 2));
    expect(plain(modules.get('mod_http_upload')?.options)).toEqual([
      ['put_url', 'https://upload.example.org:5443/upload/uploads'],
      ['docroot', '/var/lib/ejabberd/upload'],
    ]);
    expect([...effectiveModules(config, 'chat.example.org').keys()]).toEqual(['mod_disco', 'mod_ping']);
    expect(plain(effectiveOption(config, 'chat.example.org', 'auth_password_format')?.value)).toBe('scram');
    expect(effectiveOption(config, 'example.org', 'auth_password_format')).toBeUndefined();
  });

  it('reads nested maps with their numbers as fast_yaml types them', () => {
    expect(plain(config.global.get('shaper_rules')?.value)).toEqual([['max_user_offline_messages', [['5000', 'admin'], ['100', 'all']]]]);
    expect(config.global.get('shaper')?.value.kind).toBe('map');
    expect(diagnosticsOf(config)).toHaveLength(0);
  });
});

describe('durations (yconf:to_timeout/3)', () => {
  const config = loadFixture('durations');
  it('accepts days, refuses weeks with ejabberd 23.01 message', () => {
    const week = config.global.get('registration_timeout');
    expect(week && parseEjabberdTimeout(week.value, 'second')).toEqual({ ok: false, error: 'Unexpected timeout unit:  week' });
    expect(week?.value.at).toEqual(locate('durations', '1 week'));
    const days = config.global.get('auth_cache_life_time');
    expect(days && parseEjabberdTimeout(days.value, 'second')).toEqual({ ok: true, ms: 30 * 86_400_000 });
  });

  it.each([
    [30, 'second', { ok: true, ms: 30_000 }],
    ['5 minutes', 'second', { ok: true, ms: 300_000 }],
    ['2h', 'second', { ok: true, ms: 7_200_000 }],
    ['30d', 'day', { ok: true, ms: 30 * 86_400_000 }],
    ['10 MSecs', 'millisecond', { ok: true, ms: 10 }],
    ['1 min ', 'second', { ok: true, ms: 60_000 }],
    ['infinity', 'second', { ok: true, infinity: true }],
    ['unlimited', 'second', { ok: true, infinity: true }],
    ['infinite', 'second', { ok: true, infinity: true }],
    ['1 month', 'second', { ok: false, error: 'Unexpected timeout unit:  month' }],
    ['2weeks', 'day', { ok: false, error: 'Unexpected timeout unit: weeks' }],
    ['500 ms', 'second', { ok: false, error: 'Timeout must not be shorter than one second' }],
    [0, 'second', { ok: false, error: 'Expected positive integer, got: 0' }],
    ['forever', 'second', { ok: false, error: 'Unexpected value: forever' }],
  ] as const)('%s in %s', (value, unit, expected) => {
    expect(parseEjabberdTimeout(value, unit)).toEqual(expected);
  });

  it('refuses infinity where the option does not allow it', () => {
    expect(parseEjabberdTimeout('infinity', 'second', false).ok).toBe(false);
  });
});

describe('macros across modules.d files', () => {
  it('warns where a modules.d file uses a macro that only the main file defines', () => {
    const config = loadFixture('modules-d-macro');
    const file = 'etc/ejabberd/modules.d/mod_last.yml';
    expect(config.diagnostics.map((d) => [d.code, d.position])).toEqual([['config-warning', locate('modules-d-macro', 'LAST_DB', file)]]);
    expect(config.diagnostics[0]?.message).toContain('ejabberd parses this file on its own');
    expect(plain(effectiveModules(config, 'localhost').get('mod_last')?.options)).toEqual([['db_type', 'LAST_DB']]);
  });
});
