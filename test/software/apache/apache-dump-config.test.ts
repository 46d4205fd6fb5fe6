import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadApacheConfig } from '../../../src/software/apache/load-config.js';
import { filesMissing, findProgram, firstMissing, programsMissing, requireOracle } from '../../helpers/require-program.js';
import { RootFiles } from '../../../src/files/root-files.js';
import type { DirectiveView } from '../../../src/inventory/directive-view.js';
import { readApache } from '../../../src/software/apache/read-apache.js';

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

/** What `apache2 -t -D DUMP_CONFIG` prints for the config at serverRoot/apache2.conf. */
function dumpConfig(serverRoot: string, tmp: string): string {
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
  return run.stdout;
}

/**
 * The directive and section lines of DUMP_CONFIG's output, each with the file and line that the
 * `# In file:` and `#  N:` comments before it name (mod_info's layout).
 */
function* dumpLines(serverRoot: string, tmp: string): Generator<{ raw: string; text: string; file: string; line: number }> {
  let file = '';
  let line = 0;
  for (const raw of dumpConfig(serverRoot, tmp).split('\n')) {
    const text = raw.trim();
    const inFile = /^# In file: (.*)$/.exec(text);
    const lineNo = /^#\s+(\d+):$/.exec(text);
    if (inFile) file = inFile[1] as string;
    else if (lineNo) line = Number(lineNo[1]);
    else if (text !== '' && !text.startsWith('#')) yield { raw, text, file, line };
  }
}

function dumped(serverRoot: string, tmp: string): string[] {
  const out: string[] = [];
  let vhost = 'main';
  for (const { text: t, file, line } of dumpLines(serverRoot, tmp)) {
    if (/^<\/VirtualHost>/i.test(t)) vhost = 'main';
    else if (/^<VirtualHost[\s>]/i.test(t)) vhost = `${file}:${line}`;
    else if (!t.startsWith('<')) {
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

/** httpd's configuration tree as DUMP_CONFIG prints it: `depth file:line name` per directive and section, -C lines left out. */
function dumpedTree(serverRoot: string, tmp: string): string[] {
  const out: string[] = [];
  for (const { raw, text: t, file, line } of dumpLines(serverRoot, tmp)) {
    if (t.startsWith('</') || !file.startsWith('/')) continue;
    // mod_info indents two spaces per nesting level.
    const depth = (raw.length - raw.trimStart().length) / 2;
    out.push(`${depth} ${file}:${line} ${(/^<?([^\s>]+)/.exec(t)?.[1] ?? '').toLowerCase()}`);
  }
  return out;
}

/**
 * Directives httpd runs while it reads the files (EXEC_ON_READ in server/core.c, mod_so.c,
 * mod_macro.c of httpd 2.4) and so keeps out of the tree DUMP_CONFIG prints; privacy-lint's tree
 * keeps them, as a plugin rule may ask which modules are loaded.
 */
const EXEC_ON_READ = new Set(['define', 'undefine', 'serverroot', 'defaultruntimedir', 'loadmodule', 'loadfile', 'use', 'undefmacro']);

function ourTree(root: string): string[] {
  const out: string[] = [];
  // httpd numbers a directive continued with `\` by its last physical line (ap_cfg_getline joins them).
  const lastLine = (file: string, line: number): number => {
    const lines = readFileSync(file, 'utf8').split('\n');
    let last = line;
    while (/\\\s*$/.test(lines[last - 1] ?? '')) last++;
    return last;
  };
  const walk = (views: readonly DirectiveView[], depth: number): void => {
    for (const d of views) {
      if (!EXEC_ON_READ.has(d.name)) out.push(`${depth} ${d.position.file}:${lastLine(d.position.file, d.position.line)} ${d.name}`);
      walk(d.children, depth + 1);
    }
  };
  walk(readApache(new RootFiles(root)).directives?.() ?? [], 0);
  return out;
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

  it('fixtures/apache/sites: the same directive tree', () => {
    const root = join(repo, 'fixtures/apache/sites');
    expect(ourTree(root)).toEqual(dumpedTree(join(root, 'etc/apache2'), join(tmp, 'sites-tree')));
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

  it('the directive tree plugin rules read (ctx.configs.apache) is the one httpd builds, in order and nesting', () => {
    const root = join(tmp, 'debian-tree');
    cpSync('/etc/apache2', join(root, 'etc/apache2'), { recursive: true, verbatimSymlinks: true });
    const theirs = dumpedTree(join(root, 'etc/apache2'), join(tmp, 'debian-tree-run'));
    expect(theirs.length).toBeGreaterThan(50);
    expect(ourTree(root)).toEqual(theirs);
  });
});
