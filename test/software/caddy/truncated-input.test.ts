import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCaddyfile } from '../../../src/formats/caddyfile/parse-caddyfile.js';
import type { SoftwareReading } from '../../../src/inventory/log-retention.js';
import { interpretCaddyfile } from '../../../src/software/caddy/read-caddy.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

describe('interpretCaddyfile on every truncation of a fixture', () => {
  const text = readFileSync(join(repo, 'fixtures/caddy/sites/etc/caddy/Caddyfile'), 'utf8');
  it('never throws; judges every site it could read', () => {
    for (let cut = 0; cut <= text.length; cut++) {
      const source = text.slice(0, cut);
      const parsed = parseCaddyfile('/c', { read: (p) => (p === '/c' ? source : undefined), list: () => undefined, host: (p) => p });
      const reading: SoftwareReading = { files: parsed.files, searched: [], diagnostics: [...parsed.diagnostics], practices: [], logRetention: [] };
      interpretCaddyfile(parsed, reading);
      expect(reading.practices.filter((p) => p.kind === 'website-resources')).toHaveLength(parsed.sites.length);
    }
  });
});
