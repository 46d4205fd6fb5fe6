import type { Word } from './script-pipelines.js';

/** What a data-producing command dumps and where it writes by itself (`pg_dump -f FILE`). */
export interface Producer {
  what: string;
  databases: string[];
  paths: string[];
  /** A file the producer writes itself, in plain text. */
  ownOutput?: Word;
}

const base = (w: Word | undefined): string => (w ? w.value.replace(/^.*\//, '') : '');

/** Option value: `-f F`, `-fF`, `--file=F`, `--file F`. */
function optionValue(words: Word[], short: string[], long: string[]): Word | undefined {
  for (let i = 1; i < words.length; i++) {
    const w = words[i] as Word;
    for (const s of short) {
      if (w.value === s) return words[i + 1];
      if (w.value.startsWith(s) && !w.value.startsWith('--') && w.value.length > s.length) return { ...w, value: w.value.slice(s.length) };
    }
    for (const l of long) {
      if (w.value === l) return words[i + 1];
      if (w.value.startsWith(`${l}=`)) return { ...w, value: w.value.slice(l.length + 1) };
    }
  }
  return undefined;
}

/** Positional arguments, skipping options and the values of options that take one. */
function positional(words: Word[], withArg: Set<string>): Word[] {
  const out: Word[] = [];
  for (let i = 1; i < words.length; i++) {
    const v = (words[i] as Word).value;
    if (v.startsWith('-')) {
      if (withArg.has(v)) i++;
      continue;
    }
    out.push(words[i] as Word);
  }
  return out;
}

// pg_dump(1) / pg_dumpall(1) options that take a separate argument (PostgreSQL 15).
const PG_ARG = new Set(['-f', '-F', '-h', '-p', '-U', '-d', '-n', '-N', '-t', '-T', '-Z', '-j', '-E', '-S', '-l', '--file', '--format', '--host', '--port', '--username', '--dbname', '--schema', '--table', '--compress', '--jobs', '--encoding', '--role']);
// mysqldump(1) options that take a separate argument (MariaDB 10.11).
const MY_ARG = new Set(['-u', '-p', '-h', '-P', '-S', '-r', '--user', '--host', '--port', '--socket', '--result-file', '--defaults-file', '--defaults-extra-file', '--where', '-w', '--ignore-table']);

const XMPP_DATA = /^\/var\/lib\/(prosody|ejabberd)(\/|$)/;

export function recogniseProducer(words: Word[]): Producer | undefined {
  const name = base(words[0]);
  if (name === 'pg_dump') {
    const db = optionValue(words, ['-d'], ['--dbname']) ?? positional(words, PG_ARG)[0];
    const out = optionValue(words, ['-f'], ['--file']);
    return { what: 'pg_dump', databases: [`postgresql:${db?.value ?? '(default)'}`], paths: [], ...(out && out.value !== '-' ? { ownOutput: out } : {}) };
  }
  if (name === 'pg_dumpall') {
    const out = optionValue(words, ['-f'], ['--file']);
    return { what: 'pg_dumpall', databases: ['postgresql:all'], paths: [], ...(out ? { ownOutput: out } : {}) };
  }
  if (name === 'mysqldump' || name === 'mariadb-dump') {
    const all = words.some((w) => w.value === '-A' || w.value === '--all-databases');
    const dbs = all ? ['mysql:all'] : positional(words, MY_ARG).slice(0, words.some((w) => w.value === '--databases' || w.value === '-B') ? undefined : 1).map((w) => `mysql:${w.value}`);
    const out = optionValue(words, ['-r'], ['--result-file']);
    return { what: name, databases: dbs, paths: [], ...(out ? { ownOutput: out } : {}) };
  }
  if (name === 'sqlite3') {
    const args = positional(words, new Set(['-cmd', '-separator', '-newline', '-nullvalue']));
    const db = args[0];
    const dot = args.slice(1).find((w) => /^\.(dump|backup|save)\b/.test(w.value));
    if (!db || !dot) return undefined;
    const target = /^\.(backup|save)\s+(?:main\s+)?(\S+)/.exec(dot.value);
    return {
      what: `sqlite3 ${dot.value.split(/\s/)[0] as string}`,
      databases: [`sqlite:${db.value}`],
      paths: [db.value],
      ...(target ? { ownOutput: { ...dot, value: target[2] as string } } : {}),
    };
  }
  if (name === 'tar' || name === 'bsdtar') {
    // tar(1): options bundle as `-czf FILE`, or without a dash in the first argument (`czf FILE`);
    // an f in a bundle takes the rest of the bundle or the next word as the archive file.
    const bundles = words.slice(1).map((w, i) => ({ w, i: i + 1 })).filter(({ w, i }) => /^-[A-Za-z]+$/.test(w.value) || (i === 1 && /^[A-Za-z]+$/.test(w.value)));
    const create = words.some((w) => w.value === '--create') || bundles.some(({ w }) => w.value.includes('c'));
    const paths = words.slice(1).filter((w) => XMPP_DATA.test(w.value)).map((w) => w.value.replace(/(.)\/$/, '$1'));
    if (!create || paths.length === 0) return undefined;
    let out = optionValue(words, [], ['--file']);
    for (const { w, i } of bundles) {
      const f = w.value.indexOf('f');
      if (out || f < 0) continue;
      out = f < w.value.length - 1 ? { ...w, value: w.value.slice(f + 1) } : words[i + 1];
    }
    return { what: 'tar', databases: [], paths, ...(out && out.value !== '-' ? { ownOutput: out } : {}) };
  }
  return undefined;
}

/** Does this stage encrypt its input? (gpg(1) -e/-c/--symmetric, age(1), openssl-enc(1)). */
export function encryptingStage(words: Word[]): string | undefined {
  const name = base(words[0]);
  const v = words.slice(1).map((w) => w.value);
  if (name === 'gpg' || name === 'gpg2') {
    // gpg(1): -e/--encrypt, -c/--symmetric; -s/--sign and --store alone do not encrypt.
    if (v.some((a) => a === '--encrypt' || a === '--symmetric' || /^-[a-zA-Z]*[ec][a-zA-Z]*$/.test(a))) return `piped to ${name} ${v.some((a) => a === '--symmetric' || /^-[a-zA-Z]*c/.test(a)) ? '--symmetric' : '--encrypt'}`;
    return undefined;
  }
  if (name === 'age' || name === 'rage') {
    // age(1): -d/--decrypt decrypts; -r/-R/-e/-p/--passphrase encrypt.
    if (v.some((a) => a === '-d' || a === '--decrypt')) return undefined;
    if (v.some((a) => /^(-r|-R|-e|-p|--recipient|--recipients-file|--encrypt|--passphrase)(=|$)/.test(a))) return `piped to ${name}`;
    return undefined;
  }
  if (name === 'openssl') {
    // openssl-enc(1): `openssl enc -CIPHER` or `openssl CIPHER`; -d decrypts; -base64/-a alone only encodes.
    if (v.includes('-d')) return undefined;
    const sub = v[0] ?? '';
    const cipher = sub === 'enc' ? v.slice(1).find((a) => /^-(aes|chacha|camellia|aria|des|bf|cast|sm4|seed)/i.test(a)) : /^(aes|chacha|camellia|aria|des|bf|cast|sm4|seed)/i.test(sub) ? sub : undefined;
    return cipher ? `piped to openssl enc ${cipher}` : undefined;
  }
  return undefined;
}

/** The file an encrypting stage writes by itself (`gpg -o F`, `age -o F`, `openssl -out F`). */
export function encryptorOutput(words: Word[]): Word | undefined {
  const name = base(words[0]);
  if (name === 'openssl') return optionValue(words, [], ['-out']);
  return optionValue(words, ['-o'], ['--output']);
}

// Filters that pass their input through to their output unchanged or compressed (no encryption).
export const PASS_THROUGH = new Set(['gzip', 'pigz', 'bzip2', 'pbzip2', 'xz', 'pxz', 'zstd', 'pzstd', 'lz4', 'lzop', 'cat', 'pv', 'buffer', 'mbuffer', 'base64']);

// Tools another reader handles (the stream goes into their repository).
export const BACKUP_TOOLS = new Set(['restic', 'borg', 'borgmatic', 'duplicity', 'duply', 'autorestic', 'kopia']);

export { base as commandName };
