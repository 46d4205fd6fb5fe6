import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { SoftwareReading } from '../../../src/inventory/log-retention.js';
import { readNginx } from '../../../src/software/nginx/read-nginx.js';
import { RootFiles } from '../../../src/files/root-files.js';

/**
 * Every nginx file of the real-config corpus (../shared/corpus/web, read at test time, never
 * copied into the repo) goes through the reader without an exception. A site file is placed in
 * an http block, as sites-enabled files are; a main file (with its own http block) is nginx.conf.
 */
const corpus = fileURLToPath(new URL('../../../../shared/corpus/web/', import.meta.url));
const files = existsSync(corpus) ? readdirSync(corpus).filter((f) => /nginx/i.test(f)).sort() : [];
const temp = mkdtempSync(join(tmpdir(), 'nginx-corpus-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function readCorpusFile(name: string): { reading: SoftwareReading; conf: string } {
  const text = readFileSync(join(corpus, name), 'utf8');
  const root = join(temp, name);
  mkdirSync(join(root, 'etc/nginx'), { recursive: true });
  const conf = join(root, 'etc/nginx/corpus.conf');
  writeFileSync(conf, text);
  const main = /^\s*http\s*\{/m.test(text) ? 'include corpus.conf;\n' : 'events {}\nhttp {\n    include corpus.conf;\n}\n';
  writeFileSync(join(root, 'etc/nginx/nginx.conf'), main);
  return { reading: readNginx(new RootFiles(root)), conf };
}

describe('the nginx corpus', () => {
  if (files.length === 0) {
    it.skip(`SKIPPED: ${corpus} is absent (the shared corpus is not checked out next to the repo)`, () => {});
    return;
  }

  it.each(files)('reads %s without an exception, every position inside the files read', (name) => {
    const { reading, conf } = readCorpusFile(name);
    expect(reading.files).toContain(conf);
    const lines = new Map(reading.files.map((f) => [f, readFileSync(f, 'utf8').split('\n').length]));
    for (const d of reading.diagnostics) {
      expect(lines.has(d.position.file)).toBe(true);
      expect(d.position.line).toBeLessThanOrEqual(lines.get(d.position.file) ?? 0);
    }
    for (const p of reading.practices) for (const e of p.evidence) expect(lines.has(e.file)).toBe(true);
  });

  it('sees that a format writing 0.0.0.0 instead of $remote_addr holds no address (DanWin mail-hosting)', () => {
    const name = files.find((f) => f.startsWith('DanWin__'));
    if (!name) return;
    const { reading } = readCorpusFile(name);
    const access = reading.practices.find((p) => p.kind === 'log-sink' && p.destination === '/var/log/nginx/access.log');
    expect(access).toMatchObject({ carriesIpAddresses: false });
    const error = reading.practices.find((p) => p.kind === 'log-sink' && p.destination === '/var/log/nginx/error.log');
    expect(error).toMatchObject({ carriesIpAddresses: true, minLevel: 'notice' });
  });
});
