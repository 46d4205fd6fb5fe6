import { describe, expect, it } from 'vitest';
import { nearestKey } from '../../src/config/nearest-key.js';

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
