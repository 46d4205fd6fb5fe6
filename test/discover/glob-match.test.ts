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
