import { describe, expect, it } from 'vitest';
import { moduleSet } from '../../../src/software/prosody/module-set.js';
import { loadFixture, locate } from './load-fixture.js';

describe('moduleSet', () => {
  const config = loadFixture('modules', '0.12');
  const config13 = loadFixture('modules', '13.0');

  it('auto-loads offline and the other core modules; 0.12 also posix, 13.0 not', () => {
    const plain = moduleSet(config, 'plain.example');
    expect(plain.loaded()).toEqual(['posix', 'presence', 'message', 'iq', 'offline', 'c2s', 's2s_auth_certs', 'mam', 'carbons', 'saslauth']);
    expect(plain.has('offline')).toBe(true);
    expect(plain.has('posix')).toBe(true);
    expect(moduleSet(config13, 'plain.example').has('posix')).toBe(false);
    expect(plain.unknown).toEqual([]);
  });

  it('applies the global modules_disabled, also to auto-loaded modules', () => {
    expect(moduleSet(config, 'plain.example').has('s2s')).toBe(false);
    expect(moduleSet(config, 'plain.example').evidence('s2s')).toEqual([locate('modules', '"s2s"')]);
  });

  it('adds a host\'s modules_enabled to the global set, and applies its modules_disabled', () => {
    const extra = moduleSet(config, 'extra.example');
    expect(extra.has('http_file_share')).toBe(true);
    expect(extra.has('mam')).toBe(true);
    expect(extra.has('offline')).toBe(false);
    expect(extra.evidence('offline')).toEqual([locate('modules', '"offline"')]);
    expect(extra.evidence('mam')).toEqual([locate('modules', '"mam"')]);
  });

  it('lets a host re-enable a module the global section disabled', () => {
    expect(moduleSet(config, 'reenable.example').has('s2s')).toBe(true);
  });

  it('drops vcard when vcard_legacy is loaded too', () => {
    const extra = moduleSet(config, 'extra.example');
    expect(extra.has('vcard')).toBe(false);
    expect(extra.has('vcard_legacy')).toBe(true);
  });

  it('gives a component only the inheritable global modules, plus its own and its component module', () => {
    const muc = moduleSet(config, 'conference.example');
    expect(muc.loaded()).toEqual(['muc', 'iq', 'saslauth', 'muc_mam']);
    expect(muc.has('mam')).toBe(false); // global mam is not inherited by a MUC component
    expect(muc.has('offline')).toBe(false);
    expect(muc.has('carbons')).toBe(false);
    expect(muc.evidence('muc')).toEqual([locate('modules', '"muc"')]);
    expect(muc.evidence('mam')).toEqual([]);
    const external = moduleSet(config, 'external.example');
    expect(external.has('component')).toBe(true);
    expect(external.has('iq')).toBe(true);
  });

  it('treats a component list that is the global table itself as not set (Prosody compares by identity)', () => {
    expect(moduleSet(config, 'identity.example').has('mam')).toBe(false);
    expect(moduleSet(config, 'copy.example').has('mam')).toBe(true);
  });

  it('answers unknown for modules not listed literally when a list has a runtime entry', () => {
    const host = moduleSet(config, 'unknown-list.example');
    expect(host.has('pep')).toBe(true);
    expect(host.has('mam')).toBe(true);
    expect(host.has('bosh')).toBe('unknown');
    expect(host.unknown).toEqual([
      {
        reason: 'an entry of modules_enabled of unknown-list.example: environment variable EXTRA_MODULE',
        at: locate('modules', 'ENV_EXTRA_MODULE'),
      },
    ]);
    expect(host.loaded()).not.toContain('bosh');
  });

  it('answers unknown even for enabled modules when a modules_disabled list has a runtime entry', () => {
    const host = moduleSet(config, 'unknown-disabled.example');
    expect(host.has('mam')).toBe('unknown');
    expect(host.has('offline')).toBe('unknown');
    expect(host.has('bosh')).toBe(false);
    expect(host.loaded()).toEqual([]);
  });

  it('for the global section: auto-loaded plus global modules_enabled minus global modules_disabled', () => {
    expect(moduleSet(config13, '*').loaded()).toEqual(['presence', 'message', 'iq', 'offline', 'c2s', 's2s_auth_certs', 'mam', 'carbons', 'saslauth']);
  });

  it('13.0: a conditional :append makes the appended module unknown, listed ones stay loaded', () => {
    const speculative = loadFixture('speculative', '13.0', 'etc/prosody/speculative.cfg.lua');
    const global = moduleSet(speculative, '*');
    expect(global.has('roster')).toBe(true);
    expect(global.has('turn_external')).toBe('unknown');
    // The conditional entry names its module: only that one is in doubt, not every module.
    expect(global.has('mam')).toBe(false);
    expect(global.unknown).toEqual([]);
    expect(global.evidence('turn_external').map((p) => p.line)).toEqual([32]);
  });
});
