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

describe('editDistance (optimal string alignment)', () => {
  it('counts insertions, deletions, substitutions and adjacent transpositions', () => {
    // The textbook pair: k→s, e→i, +g.
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('ab', 'ba')).toBe(1);
    // OSA, not Damerau: "ca" → "abc" needs 3, since a transposed pair is not edited again.
    expect(editDistance('ca', 'abc')).toBe(3);
    expect(editDistance('archive_expire_after', 'archive_expires_after')).toBe(1);
  });

  it('with a limit, gives the distance when within it and a number above it otherwise', () => {
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
    expect(editDistance('kitten', 'sitting', 2)).toBeGreaterThan(2);
    expect(editDistance('abcdefgh', 'zyxwvuts', 1)).toBeGreaterThan(1);
    expect(editDistance('a'.repeat(2000), 'b'.repeat(2000), 2)).toBeGreaterThan(2);
  });
});
