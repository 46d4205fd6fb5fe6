import { describe, expect, it } from 'vitest';
import { compileGlob } from '../../src/discover/glob-match.js';

describe('compileGlob on patterns from configs', () => {
  it('matches as fnmatch does within one path component', () => {
    const match = compileGlob('/var/log/apache2/*.log');
    expect(match.ok && match.test('/var/log/apache2/access.log')).toBe(true);
    expect(match.ok && match.test('/var/log/apache2/sub/access.log')).toBe(false);
  });

  it('refuses a pattern longer than any path (PATH_MAX 4096) with a reason, instead of compiling it', () => {
    // A fuzzer's huge-line input turned a logrotate path into a 1.5 MB pattern whose RegExp V8
    // refused on first use, in the middle of the reader.
    const match = compileGlob(`/var/log/*${'A'.repeat(1_500_000)}*.log`);
    expect(match.ok).toBe(false);
    expect(match.ok ? '' : match.reason).toMatch(/is 1,500,015 characters long, longer than any path \(4096\)$/);
  });

  it('keeps a pattern of exactly 4096 characters', () => {
    expect(compileGlob(`/${'a'.repeat(4094)}*`).ok).toBe(true);
  });
});

describe('compileGlob on patterns with several `*` in one component', () => {
  // picomatch's RegExp of ten `*?` took 51 s to refuse one name; such patterns are matched
  // component by component (the work is the product of the lengths). What they match is what
  // fnmatch(3) and picomatch match.
  it('matches as fnmatch does: `*?*?*?` is at least three characters, a leading `.` only by a literal one', () => {
    const match = compileGlob('/etc/x/*?*?*?.lua');
    const test = (path: string): boolean => match.ok && match.test(path);
    expect(test('/etc/x/abc.lua')).toBe(true);
    expect(test('/etc/x/ab.lua')).toBe(false);
    expect(test('/etc/x/.abc.lua')).toBe(false);
    expect(test('/etc/x/sub/abc.lua')).toBe(false);
  });

  it('answers for patterns a RegExp backtracks on for minutes', () => {
    const manyPairs = compileGlob(`/etc/x/${'*?'.repeat(1000)}.lua`);
    expect(manyPairs.ok && manyPairs.test(`/etc/x/${'a'.repeat(255)}`)).toBe(false);
    expect(manyPairs.ok && manyPairs.test(`/etc/x/${'a'.repeat(1000)}.lua`)).toBe(true);
    const manyLetters = compileGlob(`/etc/x/${'*a'.repeat(30)}b`);
    expect(manyLetters.ok && manyLetters.test(`/etc/x/${'a'.repeat(255)}`)).toBe(false);
    expect(manyLetters.ok && manyLetters.test(`/etc/x/${'a'.repeat(30)}b`)).toBe(true);
  });

  it('matches what picomatch matches, on 20,000 small random patterns and names', async () => {
    const { default: picomatch } = await import('picomatch');
    const options = { dot: false, noextglob: true, nobrace: true, noglobstar: true, nonegate: true, posix: true };
    const patternParts = ['a', 'b', '.', '*', '*', '?', '[ab]', '[!a]', '/', '\\*', '[[:alpha:]]', ']', '['];
    const nameParts = ['a', 'b', '.', '/', '*', ']'];
    let seed = 3;
    const below = (n: number): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    const differ: string[] = [];
    let severalStars = 0;
    for (let k = 0; k < 20_000; k++) {
      let pattern = '';
      for (let i = 2 + below(7); i > 0; i--) pattern += patternParts[below(patternParts.length)] as string;
      const ours = compileGlob(pattern);
      if (!ours.ok) continue;
      if (/\*[^/]*\*/.test(pattern.replace(/\\\*/g, ''))) severalStars++;
      const reference = picomatch(pattern, options);
      for (let j = 0; j < 20; j++) {
        let name = '';
        for (let i = below(7); i > 0; i--) name += nameParts[below(nameParts.length)] as string;
        if (ours.test(name) !== reference(name)) differ.push(`${pattern} ${name}`);
      }
    }
    expect(differ).toEqual([]);
    // The component matcher was exercised, not only picomatch.
    expect(severalStars).toBeGreaterThan(1000);
  });
});
