import { posix } from 'node:path';

/**
 * Where an Apache CustomLog/TransferLog/ErrorLog argument writes: a file (relative paths are
 * relative to ServerRoot, httpd ap_server_root_relative), `syslog[:facility]` (ErrorLog only),
 * or a piped program: `|prog`, `||prog` (spawned directly, the 2.4 default) and `|$prog`
 * (through /bin/sh) — https://httpd.apache.org/docs/2.4/logs.html#piped.
 * For known programs the real destination is read from their arguments (anonip 1.1.0 --output, rotatelogs(8), cronolog(1m)).
 */
export interface AnonipOptions {
  /** Bits zeroed at the end of IPv4 addresses (anonip --ipv4mask, default 12). */
  ipv4Mask: number;
  /** Bits zeroed at the end of IPv6 addresses (anonip --ipv6mask, default 84). */
  ipv6Mask: number;
  /** Columns anonip masks (anonip --column, default 1). */
  columns: number[];
}

export interface RotatelogsOptions {
  /** The file template as given (may contain strftime `%` conversions). */
  file: string;
  /** Rotation interval in seconds, when rotation is by time. */
  intervalSeconds?: number;
  /** Rotation size, when rotation is by size (`10M`). */
  size?: string;
  /** `-n N`: a ring of N files that rotatelogs reuses. */
  keepFiles?: number;
}

export interface LogTarget {
  kind: 'file' | 'syslog' | 'pipe';
  /** Absolute path, 'syslog' or 'journal'; undefined when a piped program's output is unknown. */
  destination: string | undefined;
  program?: string;
  anonip?: AnonipOptions;
  rotatelogs?: RotatelogsOptions;
  /** How the destination was found, for descriptions. */
  note: string;
}

/** Splits a command line into words, honouring simple quotes (no expansions). */
export function commandWords(command: string): string[] {
  const out: string[] = [];
  const re = /"((?:\\.|[^"\\])*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(command); m !== null; m = re.exec(command)) out.push(m[1] ?? m[2] ?? (m[3] as string));
  return out;
}

function optionValues(words: string[], short: string, long: string): string[] | undefined {
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (w === short || w === long) {
      const values: string[] = [];
      for (let j = i + 1; j < words.length && !(words[j] as string).startsWith('-'); j++) values.push(words[j] as string);
      return values;
    }
    if (w.startsWith(`${long}=`)) return [w.slice(long.length + 1)];
    if (short.length === 2 && w.startsWith(short) && w.length > 2 && !w.startsWith('--')) return [w.slice(2)];
  }
  return undefined;
}

const absolute = (p: string, serverRoot: string): string => posix.normalize(p.startsWith('/') ? p : posix.join(serverRoot, p));

function anonip(words: string[], serverRoot: string): LogTarget {
  // Anonip 1.1.0 (Debian package anonip; github DigitaleGesellschaft/Anonip anonip.py argparse):
  // -4/--ipv4mask default 12, -6/--ipv6mask default 84, -c/--column default [1], -o/--output FILE
  // (without it anonip writes to its stdout, which httpd leaves on its own stdout: the journal under systemd).
  const num = (vals: string[] | undefined, dflt: number): number => {
    const n = vals?.[0] !== undefined ? Number.parseInt(vals[0], 10) : Number.NaN;
    return Number.isNaN(n) ? dflt : n;
  };
  const columns = (optionValues(words, '-c', '--column') ?? []).map((v) => Number.parseInt(v, 10)).filter((n) => !Number.isNaN(n));
  const output = optionValues(words, '-o', '--output')?.[0];
  return {
    kind: 'pipe',
    program: 'anonip',
    destination: output !== undefined ? absolute(output, serverRoot) : 'journal',
    anonip: { ipv4Mask: num(optionValues(words, '-4', '--ipv4mask'), 12), ipv6Mask: num(optionValues(words, '-6', '--ipv6mask'), 84), columns: columns.length > 0 ? columns : [1] },
    note: output !== undefined ? `anonip writes ${output}` : "anonip has no --output, so it writes to httpd's stdout (the journal under systemd)",
  };
}

function rotatelogs(words: string[], serverRoot: string): LogTarget {
  // rotatelogs(8), httpd 2.4 support/rotatelogs.c: options, then logfile, then rotationtime
  // (seconds) or filesize with B/K/M/G, then an optional UTC offset.
  let keepFiles: number | undefined;
  const rest: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const w = words[i] as string;
    if (w === '-n') keepFiles = Number.parseInt(words[++i] ?? '', 10);
    else if (w === '-L' || w === '-p') i++;
    else if (/^-[lfDtvec]+$/.test(w)) continue;
    else rest.push(w);
  }
  const file = rest[0];
  if (file === undefined) return { kind: 'pipe', program: 'rotatelogs', destination: undefined, note: 'rotatelogs without a log file' };
  const spec = rest[1] ?? '';
  const options: RotatelogsOptions = { file: absolute(file, serverRoot) };
  if (/^\d+$/.test(spec)) options.intervalSeconds = Number(spec);
  else if (/^\d+[BKMG]$/i.test(spec)) options.size = spec;
  if (keepFiles !== undefined && !Number.isNaN(keepFiles)) options.keepFiles = keepFiles;
  return { kind: 'pipe', program: 'rotatelogs', destination: options.file, rotatelogs: options, note: `rotatelogs writes ${options.file}` };
}

/** Interpreters whose first non-option argument is the script that really reads the lines. */
const INTERPRETERS = /^(python[0-9.]*|perl|ruby|node|nodejs|php[0-9.]*)$/;
const SHELLS = /^(sh|bash|dash|ash|zsh)$/;

/**
 * The words of the program that reads the piped lines, past what only starts it: `exec`,
 * `env [-i] [VAR=value]...`, an interpreter with its options (`/usr/bin/python3 -u
 * /opt/anonip.py --output FILE` is anonip), and `sh -c 'command'`. A pipe is never a file
 * named `|python3`: the script decides where the lines go.
 */
export function programWords(words: string[], depth = 0): string[] {
  let rest = words;
  for (;;) {
    const name = posix.basename(rest[0] ?? '');
    if (name === 'exec') rest = rest.slice(1);
    else if (name === 'env') {
      let i = 1;
      while (i < rest.length && ((rest[i] as string).startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(rest[i] as string))) i++;
      rest = rest.slice(i);
    } else if (INTERPRETERS.test(name)) {
      let i = 1;
      while (i < rest.length && (rest[i] as string).startsWith('-')) i++;
      if (i >= rest.length) return rest;
      rest = rest.slice(i);
    } else if (SHELLS.test(name) && depth < 4) {
      const c = rest.indexOf('-c');
      return c > 0 && rest[c + 1] !== undefined ? programWords(commandWords((rest[c + 1] as string).replace(/^exec\s+/, '')), depth + 1) : rest;
    } else return rest;
  }
}

export function logTarget(raw: string, serverRoot: string): LogTarget {
  if (/^syslog(:|$)/i.test(raw)) return { kind: 'syslog', destination: 'syslog', note: 'httpd sends it to syslog' };
  if (!raw.startsWith('|')) {
    const destination = absolute(raw, serverRoot);
    return { kind: 'file', destination, note: raw.startsWith('/') ? `file ${destination}` : `file ${raw}, relative to ServerRoot ${serverRoot}` };
  }
  const command = raw.replace(/^\|\|?\$?/, '').trim();
  const words = programWords(commandWords(command));
  const program = posix.basename(words[0] ?? '');
  if (program === 'anonip' || program === 'anonip.py') return anonip(words, serverRoot);
  if (program === 'rotatelogs') return rotatelogs(words, serverRoot);
  if (program === 'cronolog' && words[1] !== undefined) {
    const target = words[words.length - 1] as string;
    return { kind: 'pipe', program, destination: absolute(target, serverRoot), note: `cronolog writes ${target}` };
  }
  if (program === 'logger') return { kind: 'pipe', program, destination: 'syslog', note: 'logger sends each line to syslog' };
  if (program === 'tee' && words[1] !== undefined) {
    return { kind: 'pipe', program, destination: absolute(words.filter((w) => !w.startsWith('-'))[1] ?? words[1], serverRoot), note: `tee writes ${words[1]}` };
  }
  return { kind: 'pipe', program, destination: undefined, note: `the piped program ${program || command} decides where the lines go` };
}
