import type { ShellWord } from '../../scheduled-jobs/shell-words.js';
import { baseName } from '../../scheduled-jobs/unwrap-command.js';

/** Options of the dump tools that take a value (pg_dump(1), mysqldump(1)), so the value is not a database name. */
const WITH_VALUE = new Set(['-U', '--username', '-h', '--host', '-p', '--port', '-F', '--format', '-f', '--file', '-n', '-t', '-T', '-N', '-Z', '-j', '-u', '--user', '-S', '--socket', '-d', '--dbname']);

/** The databases a dump command writes to stdout (`pg_dump prosody`, `mysqldump --all-databases`), as `engine:name`. */
export function dumpedDatabases(words: ShellWord[]): string[] | undefined {
  const tool = baseName(words[0]);
  const engine = tool === 'pg_dump' || tool === 'pg_dumpall' ? 'postgresql' : tool === 'mysqldump' || tool === 'mariadb-dump' ? 'mysql' : undefined;
  if (!engine) return undefined;
  if (tool === 'pg_dumpall' || words.some((w) => w.value === '--all-databases' || w.value === '-A')) return [`${engine}:all`];
  const names: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const v = (words[i] as ShellWord).value;
    if (v === '-d' || v === '--dbname') names.push(words[i + 1]?.value ?? '');
    if (v.startsWith('--dbname=')) names.push(v.slice('--dbname='.length));
    if (v.startsWith('-')) {
      if (WITH_VALUE.has(v)) i++;
      continue;
    }
    names.push(v);
  }
  return names.filter((n) => n !== '').map((n) => `${engine}:${n}`);
}
