import { describe, expect, it } from 'vitest';
import { judgeCsp } from '../../../src/software/nginx/content-security-policy.js';

describe('judgeCsp', () => {
  it("keeps third parties out when script, style and font sources are 'self', 'none', data:, nonces or hashes", () => {
    expect(judgeCsp("default-src 'none'; script-src 'self' 'nonce-abc' 'sha256-xyz'; style-src 'self' 'unsafe-inline'; font-src data:").thirdPartyAllowed).toBe(false);
    expect(judgeCsp("default-src 'self'; img-src https://img.example").thirdPartyAllowed).toBe(false);
  });

  it('falls back to default-src for a missing directive, and says which one lets others in', () => {
    expect(judgeCsp("script-src 'self'; style-src 'self'; default-src https:")).toEqual({ thirdPartyAllowed: true, reason: 'default-src allows https: (for font-src)' });
    expect(judgeCsp("script-src 'self'")).toEqual({
      thirdPartyAllowed: true,
      reason: 'neither style-src nor default-src is set, so styles may come from anywhere; neither font-src nor default-src is set, so fonts may come from anywhere',
    });
    expect(judgeCsp("default-src 'self' *").reason).toBe('default-src allows * (for script-src); default-src allows * (for style-src); default-src allows * (for font-src)');
  });

  it('uses the first of two directives of the same name, as browsers do', () => {
    expect(judgeCsp("default-src 'self'; default-src *").thirdPartyAllowed).toBe(false);
  });

  it('cannot judge a policy built from nginx variables', () => {
    expect(judgeCsp("default-src 'self' $cdn").thirdPartyAllowed).toBe('unknown');
  });
});
