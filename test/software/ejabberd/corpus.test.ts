import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadEjabberdConfig } from '../../../src/software/ejabberd/load-config.js';
import { RootFiles } from '../../../src/files/root-files.js';

/** Real configs, read at test time from ../shared/corpus/ejabberd (never copied into the repo). */
const corpusDir = fileURLToPath(new URL('../../../../shared/corpus/ejabberd/', import.meta.url));

/**
 * The corpus files that must give a parse error: two Jinja templates, and one whose masked
 * password `***""` libyaml scans as an invalid alias (MANIFEST.tsv says "NOT valid YAML").
 */
const expectedParseErrors = [
  'moebiuseye__ejabberd-formula__ejabberd__ejabberd.yml',
  'rroemhild__docker-ejabberd__conf__ejabberd.yml.tpl',
  'wunderf1tz__wunderfitzig.net__ejabberd.yml',
];

describe('the ejabberd corpus', () => {
  if (!existsSync(corpusDir)) {
    it.skip(`SKIPPED: corpus ${corpusDir} is absent`, () => {});
    return;
  }
  const files = readdirSync(corpusDir).sort();

  it('has files', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  const parseErrors: string[] = [];
  for (const name of files) {
    it(`${name} loads without an exception, every diagnostic positioned`, () => {
      const file = join(corpusDir, name);
      const config = loadEjabberdConfig(file, { files: new RootFiles(corpusDir)});
      for (const d of config.diagnostics) {
        expect(config.files).toContain(d.position.file);
        expect(d.position.line).toBeGreaterThanOrEqual(1);
        expect(d.position.column).toBeGreaterThanOrEqual(1);
      }
      if (config.diagnostics.some((d) => d.code === 'parse-error')) parseErrors.push(name);
      if (!expectedParseErrors.includes(name)) expect(config.global.size).toBeGreaterThan(0);
    });
  }

  it('gives parse errors for exactly the templates and the invalid-YAML file', () => {
    expect(parseErrors.sort()).toEqual(expectedParseErrors.filter((f) => files.includes(f)));
  });
});
