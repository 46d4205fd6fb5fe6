import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitWords } from '../../../src/formats/logrotate/parse-logrotate.js';
import type { ResolvedBlock } from '../../../src/software/logrotate/index.js';
import { tempRoot } from './fixture-root.js';
import { programsMissing } from '../../helpers/require-program.js';

/**
 * Runs logrotate 3.21.0 in debug mode (`logrotate -d -s /dev/null <conf>`: reads the
 * configuration, rotates nothing, writes no state) on a root and returns what it printed.
 * logrotate reads absolute paths as they are, so it runs on a copy of the root in which every
 * `/etc/` and `/var/` in the config files is rewritten to the copy's own directories; the paths
 * it prints are mapped back.
 */
export function logrotateMissing(): string | undefined {
  return programsMissing('logrotate');
}

export interface OracleBlock {
  patterns: string[];
  criterion: string;
  rotations: number;
}

function rewriteTree(dir: string, root: string): void {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) rewriteTree(path, root);
    else writeFileSync(path, readFileSync(path, 'utf8').replace(/(^|[\s"'])\/(etc|var)\//gm, `$1${root}/$2/`));
  }
}

/** Runs logrotate on a rewritten copy of `root`; returns its config errors and printed blocks. */
export function runOracle(source: string): { errors: string[]; blocks: OracleBlock[] } {
  const copy = tempRoot('logrotate-oracle');
  execFileSync('cp', ['-a', `${source}/.`, copy]);
  rewriteTree(join(copy, 'etc'), copy);
  const result = spawnSync('logrotate', ['-d', '-s', '/dev/null', join(copy, 'etc/logrotate.conf')], { encoding: 'utf8' });
  const output = `${result.stdout}${result.stderr}`.split(copy).join('');
  // "error: stat of X failed" = a log file is absent, which is a runtime, not a configuration, matter.
  const errors = output.split('\n').filter((l) => l.startsWith('error:') && !l.includes('stat of') && !l.includes('failed: No such file'));
  const blocks: OracleBlock[] = [];
  const re = /rotating pattern: ([\s\S]*?)\s\s(after 1 days|hourly|weekly|monthly|yearly|\d+ bytes) ?(?:\((\d+) rotations\)|\((no old logs will be kept)\))?/g;
  for (const m of output.matchAll(re)) {
    const crit = m[2] as string;
    blocks.push({
      patterns: splitWords((m[1] as string).replace(/\n/g, ' '), { file: '', line: 1, column: 1 }).map((w) => w.text),
      criterion: crit === 'after 1 days' ? 'daily' : crit.replace(/ bytes$/, ''),
      rotations: m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? 0 : -1,
    });
  }
  return { errors, blocks };
}

export function readerBlocks(blocks: ResolvedBlock[]): OracleBlock[] {
  return blocks.map((b) => {
    const c = b.settings.criterion.value;
    return { patterns: b.patterns, criterion: c.kind === 'size' ? String(c.bytes) : c.kind, rotations: b.settings.rotate.value };
  });
}

