import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseApache } from '../../../src/formats/apache/parse-apache.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

describe('parseApache on every truncation of a fixture', () => {
  const text = readFileSync(join(repo, 'fixtures/apache/sites/etc/apache2/apache2.conf'), 'utf8') + readFileSync(join(repo, 'fixtures/apache/sites/etc/apache2/sites-enabled/30-chat.conf'), 'utf8');
  it('never throws, and positions every diagnostic inside the text', () => {
    const lines = text.split('\n').length;
    for (let cut = 0; cut <= text.length; cut++) {
      const parsed = parseApache(text.slice(0, cut), '/f');
      for (const d of parsed.diagnostics) {
        expect(d.position.line).toBeGreaterThanOrEqual(1);
        expect(d.position.line).toBeLessThanOrEqual(lines);
        expect(d.position.column).toBeGreaterThanOrEqual(1);
      }
    }
  });
});
