import { describe, expect, it } from 'vitest';
import { effectiveOption } from '../../../src/software/prosody/effective-option.js';
import { loadFixture, locate } from './load-fixture.js';

describe('effectiveOption', () => {
  const config = loadFixture('effective', '0.12');
  const global = locate('effective', 'archive_expires_after');

  it('returns the section\'s own value', () => {
    const found = effectiveOption(config, 'own.example', 'archive_expires_after');
    expect(found?.from).toBe('section');
    expect(found?.option.value).toMatchObject({ type: 'string', value: '2w' });
  });

  it('falls back to the global value (Prosody\'s host_mt)', () => {
    const found = effectiveOption(config, 'inherits.example', 'archive_expires_after');
    expect(found?.from).toBe('global');
    expect(found?.option.at).toEqual(global);
  });

  it('falls back to the global value when the section sets nil', () => {
    const found = effectiveOption(config, 'nil.example', 'archive_expires_after');
    expect(found?.from).toBe('global');
    expect(found?.option.value).toMatchObject({ type: 'string', value: '1w' });
  });

  it('returns an assignment to nil when no section has a value', () => {
    expect(effectiveOption(config, 'nil.example', 'host_nil')).toMatchObject({ from: 'section', option: { value: { type: 'nil' } } });
    expect(effectiveOption(config, 'inherits.example', 'unset_everywhere')).toMatchObject({ from: 'global', option: { value: { type: 'nil' } } });
    expect(effectiveOption(config, 'inherits.example', 'never_mentioned')).toBeUndefined();
  });

  it('for the global section, and for an undeclared host, only the global value counts', () => {
    expect(effectiveOption(config, '*', 'archive_expires_after')).toMatchObject({ from: 'section', option: { at: global } });
    expect(effectiveOption(config, '*', 'host_nil')).toBeUndefined();
    expect(effectiveOption(config, 'undeclared.example', 'archive_expires_after')).toMatchObject({ from: 'global', option: { at: global } });
  });

  it('finds a host by its nameprep\'d name', () => {
    expect(effectiveOption(config, 'OWN.example', 'archive_expires_after')?.from).toBe('section');
  });
});
