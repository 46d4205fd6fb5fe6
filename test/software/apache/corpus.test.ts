import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readApache } from '../../../src/software/apache/read-apache.js';
import { RootFiles } from '../../../src/files/root-files.js';

/** Real configs, read at test time from ../shared/corpus/web (never copied into the repo). */
const corpus = fileURLToPath(new URL('../../../../shared/corpus/', import.meta.url));
const webDir = `${corpus}web`;

/** Apache files of the web corpus, per MANIFEST.tsv (kind `web`, notes starting "Apache"). */
function apacheFiles(): string[] {
  return readFileSync(`${corpus}MANIFEST.tsv`, 'utf8')
    .split('\n')
    .map((l) => l.split('\t'))
    .filter((c) => c[0] === 'web' && /^Apache\b/.test(c[6] ?? ''))
    .map((c) => c[1] as string);
}

describe('the Apache files of the web corpus', () => {
  if (!existsSync(webDir)) {
    it.skip(`SKIPPED: corpus ${webDir} is absent`, () => {});
    return;
  }
  const files = apacheFiles();
  it('has Apache files', () => expect(files.length).toBeGreaterThanOrEqual(2));
  for (const name of files) {
    it(`${name} is read without an exception, every diagnostic positioned in a file read`, () => {
      const r = readApache(new RootFiles(webDir), name);
      expect(r.files).toContain(`${webDir}/${name}`);
      for (const d of r.diagnostics) {
        expect(r.files).toContain(d.position.file);
        expect(d.position.line).toBeGreaterThanOrEqual(1);
        expect(d.position.column).toBeGreaterThanOrEqual(1);
      }
      expect(r.practices.filter((p) => p.kind === 'website-resources').length).toBeGreaterThan(0);
    });
  }

  it('the debalance vhost logs %h with its own LogFormat to ssl_access.log (APACHE_LOG_DIR assumed)', () => {
    const name = 'debalance__meet.debalance.de__etc__apache2__sites-available__xmpp.debalance.de.conf';
    const r = readApache(new RootFiles(webDir), name);
    expect(r.practices.find((p) => p.kind === 'ip-address' && p.destination === '/var/log/apache2/ssl_access.log')).toMatchObject({ certainty: true });
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ code: 'unknown-value', message: "${APACHE_LOG_DIR} is set by /etc/apache2/envvars, which is not under --root; assuming Debian's /var/log/apache2" }));
  });
});
