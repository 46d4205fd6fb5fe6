import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadApacheConfig } from '../../../src/software/apache/load-config.js';
import { filesMissing, findProgram, firstMissing, programsMissing, requireOracle } from '../../helpers/require-program.js';
import { RootFiles } from '../../../src/files/root-files.js';

/**
 * httpd's own resolved configuration as the oracle for the loader: mod_info's DUMP_CONFIG
 * (`apache2 -t -D DUMP_CONFIG -C 'LoadModule info_module …'`, Apache 2.4 mod_info) prints every
 * directive after Include, <IfModule>/<IfDefine> evaluation, with `# In file:` and line. The
 * log-related directives we read must be the same, at the same file:line, in the same server.
 */
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const apache2 = findProgram('apache2');
const MOD_INFO = '/usr/lib/apache2/modules/mod_info.so';
const WATCHED = new Set(['customlog', 'transferlog', 'errorlog', 'errorlogformat', 'logformat', 'header', 'hostnamelookups', 'loglevel']);

function dumped(serverRoot: string, tmp: string): string[] {
  mkdirSync(join(tmp, 'logs/sites'), { recursive: true });
  const run = spawnSync(
    apache2 as string,
    ['-t', '-D', 'DUMP_CONFIG', '-d', serverRoot, '-f', join(serverRoot, 'apache2.conf'), '-C', `LoadModule info_module ${MOD_INFO}`, '-C', `DefaultRuntimeDir ${tmp}`, '-C', `PidFile ${tmp}/pid`, '-C', 'ServerName localhost'],
    {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', APACHE_LOG_DIR: join(tmp, 'logs'), APACHE_RUN_DIR: tmp, APACHE_LOCK_DIR: tmp, APACHE_PID_FILE: `${tmp}/pid`, APACHE_RUN_USER: 'www-data', APACHE_RUN_GROUP: 'www-data' },
      encoding: 'utf8',
    },
  );
  if (run.status !== 0) throw new Error(`apache2 -t -D DUMP_CONFIG failed: ${run.stderr}`);
  const out: string[] = [];
  let file = '';
  let line = 0;
  let vhost = 'main';
  for (const raw of run.stdout.split('\n')) {
    const t = raw.trim();
    const inFile = /^# In file: (.*)$/.exec(t);
    const lineNo = /^#\s+(\d+):$/.exec(t);
    if (inFile) file = inFile[1] as string;
    else if (lineNo) line = Number(lineNo[1]);
    else if (/^<\/VirtualHost>/i.test(t)) vhost = 'main';
    else if (/^<VirtualHost[\s>]/i.test(t)) vhost = `${file}:${line}`;
    else if (t !== '' && !t.startsWith('<') && !t.startsWith('#')) {
      const name = (t.split(/\s/)[0] as string).toLowerCase();
      if (WATCHED.has(name)) out.push(`${file}:${line} ${name} in ${vhost}`);
    }
  }
  return out.sort();
}

function ours(root: string): string[] {
  const config = loadApacheConfig(new RootFiles(root));
  return config.servers
    .flatMap((s) => s.uses.filter((u) => WATCHED.has(u.name)).map((u) => `${u.at.file}:${u.endLine ?? u.at.line} ${u.name} in ${s.kind === 'main' ? 'main' : `${s.at.file}:${s.at.line}`}`))
    .sort();
}

describe('apache2 DUMP_CONFIG and loadApacheConfig read the same log directives', () => {
  if (!requireOracle(firstMissing(programsMissing('apache2'), filesMissing(MOD_INFO)), ['apache2'])) return;
  const tmp = mkdtempSync(join(tmpdir(), 'privacy-lint-apache-dump-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('fixtures/apache/sites', () => {
    const root = join(repo, 'fixtures/apache/sites');
    const theirs = dumped(join(root, 'etc/apache2'), join(tmp, 'sites'));
    expect(theirs.length).toBeGreaterThan(10);
    expect(ours(root)).toEqual(theirs);
  });

});

describe("apache2 DUMP_CONFIG and loadApacheConfig on Debian's installed /etc/apache2", () => {
  if (!requireOracle(firstMissing(programsMissing('apache2'), filesMissing(MOD_INFO, '/etc/apache2/apache2.conf')), ['apache2'])) return;
  const tmp = mkdtempSync(join(tmpdir(), 'privacy-lint-apache-dump-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('reads the same log directives (copied into a temp root)', () => {
    const root = join(tmp, 'debian');
    cpSync('/etc/apache2', join(root, 'etc/apache2'), { recursive: true, verbatimSymlinks: true });
    const theirs = dumped(join(root, 'etc/apache2'), join(tmp, 'debian-run'));
    expect(theirs.length).toBeGreaterThan(5);
    expect(ours(root)).toEqual(theirs);
  });
});
