import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCaddy } from '../../../src/software/caddy/read-caddy.js';
import { rolledKeepSeconds } from '../../helpers/figure-view.js';
import { RootFiles } from '../../../src/files/root-files.js';

/** Real configs, read at test time from ../shared/corpus/web (never copied into the repo). */
const corpus = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
const webDir = `${corpus}web`;

/** Caddy files of the web corpus, per MANIFEST.tsv (kind `web`, notes naming Caddy). */
function caddyFiles(): string[] {
  return readFileSync(`${corpus}MANIFEST.tsv`, 'utf8')
    .split('\n')
    .map((l) => l.split('\t'))
    .filter((c) => c[0] === 'web' && /caddy/i.test(`${c[1] ?? ''} ${c[6] ?? ''}`))
    .map((c) => c[1] as string);
}

describe('the Caddy files of the web corpus', () => {
  if (!existsSync(webDir)) {
    it.skip(`SKIPPED: corpus ${webDir} is absent`, () => {});
    return;
  }
  const files = caddyFiles();
  it('has Caddy files', () => expect(files.length).toBeGreaterThanOrEqual(2));
  for (const name of files) {
    it(`${name} is read without an exception, every diagnostic positioned in a file read`, () => {
      const r = readCaddy(new RootFiles(webDir), name);
      expect(r.files).toEqual([`${webDir}/${name}`]);
      for (const d of r.diagnostics) {
        expect(r.files).toContain(d.position.file);
        expect(d.position.line).toBeGreaterThanOrEqual(1);
        expect(d.position.column).toBeGreaterThanOrEqual(1);
      }
      expect(r.diagnostics.filter((d) => d.code === 'parse-error' || d.code === 'include-error')).toEqual([]);
      expect(r.practices.some((p) => p.kind === 'log-sink')).toBe(true);
    });
  }

  it('jjj333-p: the global log option sends the default logger to a file rolled by Caddy (90 days by default)', () => {
    const r = readCaddy(new RootFiles(webDir), 'jjj333-p__configs__Caddyfile');
    expect(r.logRetention.map((l) => [l.mechanism, l.patterns[0], rolledKeepSeconds(l.retention)])).toEqual([['caddy-roll', '/var/log/caddy/pain.agency-access.log', 90 * 86400]]);
  });

  it('orthodox-connect: site addresses from {$VAR} are unknown values; snippet headers are read', () => {
    const r = readCaddy(new RootFiles(webDir), 'TheHolyLoch__orthodox-connect__reverse-proxy__Caddyfile');
    expect(r.diagnostics.filter((d) => d.code === 'unknown-value').map((d) => d.message)).toContain('The site address http://{$CHAT_DOMAIN} depends on environment variables (CHAT_DOMAIN)');
  });
});
