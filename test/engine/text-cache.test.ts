import { describe, expect, it } from 'vitest';
import { TextCache } from '../../src/arrays/text-cache.js';

describe('TextCache', () => {
  it('keeps results by text until its entry count is reached, then starts again', () => {
    const cache = new TextCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect([cache.get('a'), cache.get('b')]).toEqual([1, 2]);
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([undefined, undefined, 3]);
  });

  it('holds at most its budget of characters, so megabyte texts of earlier runs are let go', () => {
    const cache = new TextCache<number>(100, 10);
    cache.set('x'.repeat(6), 1);
    cache.set('y'.repeat(6), 2); // 12 > 10: the first is dropped
    expect([cache.get('x'.repeat(6)), cache.get('y'.repeat(6))]).toEqual([undefined, 2]);
    cache.set('z'.repeat(11), 3); // beyond the whole budget: not kept
    expect(cache.get('z'.repeat(11))).toBeUndefined();
  });

  it('counts the text an entry holds when it is not the key', () => {
    const cache = new TextCache<string>(100, 10);
    cache.set('/a', 'script text', 11);
    expect(cache.get('/a')).toBeUndefined();
    cache.set('/b', 'short', 5);
    expect(cache.get('/b')).toBe('short');
  });
});
