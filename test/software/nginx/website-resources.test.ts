import { describe, expect, it } from 'vitest';
import type { PracticeOf } from '../../../src/inventory/practice.js';
import { locate, practices, readFixture } from './fixture.js';

function site(name: string): PracticeOf<'website-resources'> {
  const found = practices(readFixture('csp'), 'website-resources').find((p) => p.subject.name === `server ${name}`);
  if (!found) throw new Error(`no website-resources practice for ${name}`);
  return found;
}

describe('nginx website resources (Content-Security-Policy)', () => {
  it('gives one practice per server that serves pages (not redirect-only or XMPP-only servers)', () => {
    const names = practices(readFixture('csp'), 'website-resources').map((p) => p.subject.name);
    expect(names).toEqual(['server strict.example', 'server dropped.example', 'server cdn.example', 'server explicit.example', 'server variable.example']);
  });

  it("accepts a policy inherited from http that limits default-src to 'self'", () => {
    const strict = site('strict.example');
    expect(strict.thirdPartyAllowed).toBe(false);
    expect(strict.contentSecurityPolicy).toBe("default-src 'self'");
    expect(strict.evidence[0]).toMatchObject(locate('csp', 'add_header Content-Security-Policy'));
    expect(strict.suggestion).toBeUndefined();
  });

  it('sees that a location with its own add_header drops the inherited policy', () => {
    const dropped = site('dropped.example');
    expect(dropped.thirdPartyAllowed).toBe(true);
    expect(dropped.description).toBe(
      'nginx server dropped.example lets pages load scripts, styles or fonts from other sites: the add_header at line 21 replaces the inherited headers, so pages under location /app get no Content-Security-Policy',
    );
    expect(dropped.evidence[0]).toMatchObject(locate('csp', 'add_header X-Frame-Options'));
    expect(dropped.suggestion).toBe(`add_header Content-Security-Policy "default-src 'self'" always;`);
  });

  it('reports the foreign source a policy allows', () => {
    const cdn = site('cdn.example');
    expect(cdn.thirdPartyAllowed).toBe(true);
    expect(cdn.description).toContain('script-src allows https://cdn.example.net');
    expect(cdn.description).not.toContain('img-src');
  });

  it("accepts explicit script/style/font sources with 'unsafe-inline' and data:", () => {
    expect(site('explicit.example').thirdPartyAllowed).toBe(false);
  });

  it('cannot tell when the policy comes from a variable', () => {
    const variable = site('variable.example');
    expect(variable.thirdPartyAllowed).toBe('unknown');
    expect(variable.description).toBe('nginx server variable.example: the policy takes $csp from the server at run time (for scripts, styles and fonts)');
  });

  it('says a server without any header sends no policy', () => {
    const plain = practices(readFixture('default-log'), 'website-resources');
    expect(plain.map((p) => [p.subject.name, p.thirdPartyAllowed, p.description])).toEqual([
      ['server plain.example', true, 'nginx server plain.example lets pages load scripts, styles or fonts from other sites: server plain.example sends no Content-Security-Policy'],
    ]);
  });
});
