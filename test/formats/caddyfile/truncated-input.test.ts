import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCaddyfile } from '../../../src/formats/caddyfile/parse-caddyfile.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

describe('parseCaddyfile on every truncation of a fixture', () => {
  const text = readFileSync(join(repo, 'fixtures/caddy/sites/etc/caddy/Caddyfile'), 'utf8') + 'x {\n\trespond <<EOF\n\thi\n\tEOF 200\n}\n';
  it('never throws, and positions every diagnostic inside the text', () => {
    const lines = text.split('\n').length;
    for (let cut = 0; cut <= text.length; cut++) {
      const source = text.slice(0, cut);
      const parsed = parseCaddyfile('/c', { read: (p) => (p === '/c' ? source : undefined), list: () => undefined, host: (p) => p });
      for (const d of parsed.diagnostics) {
        expect(d.position.line).toBeGreaterThanOrEqual(1);
        expect(d.position.line).toBeLessThanOrEqual(lines);
        expect(d.position.column).toBeGreaterThanOrEqual(1);
      }
    }
  });
});
