import { describe, expect, it } from 'vitest';
import { editDistance, nearestKey } from '../../src/config/nearest-key.js';

describe('nearestKey', () => {
  const keys = ['stored', 'retention', 'ipAddresses', 'messageArchive', 'extends', 'rules'];

  it('finds the key a typo meant', () => {
    expect(nearestKey('ipAdresses', keys)).toBe('ipAddresses');
    expect(nearestKey('retension', keys)).toBe('retention');
    expect(nearestKey('retnetion', keys)).toBe('retention'); // transposition
    expect(nearestKey('extend', keys)).toBe('extends');
    expect(nearestKey('rule', keys)).toBe('rules');
  });

  it('ignores case', () => {
    expect(nearestKey('IPADDRESSES', keys)).toBe('ipAddresses');
    expect(nearestKey('messagearchive', keys)).toBe('messageArchive');
  });

  it('suggests nothing when no key is close', () => {
    expect(nearestKey('cookies', keys)).toBeUndefined();
    expect(nearestKey('x', keys)).toBeUndefined();
    expect(nearestKey('store', [])).toBeUndefined();
  });

  it('prefers the closest of several candidates', () => {
    expect(nearestKey('stord', ['stored', 'store'])).toBe('stored');
    expect(nearestKey('storex', ['stored', 'store'])).toBe('stored');
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent transpositions', () => {
    // One dropped "s": archive_expires_after has 21 letters, archive_expire_after 20.
    expect(editDistance('archive_expires_after', 'archive_expire_after')).toBe(1);
    // "ab" → "ba" is one transposition, not two substitutions.
    expect(editDistance('ab', 'ba')).toBe(1);
    // Six letters, none in common: six substitutions.
    expect(editDistance('abcdef', 'uvwxyz')).toBe(6);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('with a limit, gives the distance when within it and limit + 1 when beyond', () => {
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
    expect(editDistance('archive_expires_after', 'archive_expire_after', 2)).toBe(1);
    // "ab_cd" → "ba_dc": two transpositions, each reaching back two rows, exactly at the limit.
    expect(editDistance('ab_cd', 'ba_dc', 2)).toBe(2);
    expect(editDistance('ab_cd', 'ba_dc', 1)).toBe(2);
  });
});
