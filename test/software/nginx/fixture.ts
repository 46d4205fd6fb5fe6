import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourcePosition } from '../../../src/inventory/evidence.js';
import type { Practice, PracticeKind, PracticeOf } from '../../../src/inventory/practice.js';
import type { SoftwareReading } from '../../../src/inventory/log-retention.js';
import { readNginx } from '../../../src/software/nginx/read-nginx.js';
import { RootFiles } from '../../../src/files/root-files.js';

export const fixturesRoot = fileURLToPath(new URL('../../../fixtures/nginx/', import.meta.url));

export function fixtureRoot(caseName: string): string {
  return join(fixturesRoot, caseName);
}

export function fixturePath(caseName: string, file = 'etc/nginx/nginx.conf'): string {
  return join(fixturesRoot, caseName, file);
}

export function readFixture(caseName: string, mainFile?: string): SoftwareReading {
  return readNginx(new RootFiles(fixtureRoot(caseName)), mainFile);
}

/** The position of the nth occurrence of `needle` in a fixture file (comment lines skipped). */
export function locate(caseName: string, needle: string, file = 'etc/nginx/nginx.conf', nth = 1): SourcePosition {
  const path = fixturePath(caseName, file);
  const lines = readFileSync(path, 'utf8').split('\n');
  let seen = 0;
  for (const [i, line] of lines.entries()) {
    if (line.trimStart().startsWith('#')) continue;
    for (let col = line.indexOf(needle); col >= 0; col = line.indexOf(needle, col + 1)) {
      if (++seen === nth) return { file: path, line: i + 1, column: col + 1 };
    }
  }
  throw new Error(`${needle} not found ${nth} time(s) in ${path}`);
}

export function practices<K extends PracticeKind>(reading: SoftwareReading, kind: K): PracticeOf<K>[] {
  return reading.practices.filter((p: Practice): p is PracticeOf<K> => p.kind === kind);
}

export function sink(reading: SoftwareReading, destination: string, errorLog = false): PracticeOf<'log-sink'> {
  const found = practices(reading, 'log-sink').filter((p) => p.destination === destination && p.description.startsWith(errorLog ? 'nginx error log' : 'nginx access log'));
  if (found.length !== 1) throw new Error(`${found.length} ${errorLog ? 'error' : 'access'} log sinks for ${destination}`);
  return found[0] as PracticeOf<'log-sink'>;
}

export function where(p: { evidence: SourcePosition[] }): SourcePosition[] {
  return p.evidence.map(({ file, line, column }) => ({ file, line, column }));
}
