import type { Random } from './random.js';

/**
 * The mutations a fuzz input is made with. Each takes the seed file's bytes and returns new
 * bytes; `donor` is another seed file, for splicing one format into another.
 */
export type Mutation = (input: Buffer, random: Random, donor: Buffer) => Buffer;

/** Values that break parsers and evaluators: limits, quotes, escapes, paths out of the root. */
const TOKENS = [
  '', '-1', '0', '99999999999999999999999', '1e309', 'NaN', '"', "'", '`', '\\', '{', '}', '[', ']', '(', ')', '<', '>', ';',
  '${X}', '%{X}', '{$X}', '@X@', '$(x)', '*', '**', '[z-a]', '?', '/dev/null', '/dev/zero', '../../../../../../etc/passwd',
  'include', 'Include', 'import', 'include_config_file', 'RunScript', 'true', 'false', 'nil', '~', '&a', '*a', '!!binary',
  '\u0000', '\u001b[2J', '\u001b]0;title\u0007', '\r', '\n', '\u2028', '\ufeff', 'é', '🔥',
];

const OPENERS = ['{', '[', '(', '<IfModule x>\n', 'a: \n  ', '- ', '{ x = ', 'server {\n', 'if true then\n'];

const range = (input: Buffer, random: Random): [number, number] => {
  const start = random.below(input.length + 1);
  const end = Math.min(input.length, start + 1 + random.below(Math.max(1, Math.min(256, input.length - start))));
  return [start, end];
};

const at = (input: Buffer, position: number, inserted: Buffer): Buffer =>
  Buffer.concat([input.subarray(0, position), inserted, input.subarray(position)]);

export const MUTATIONS: Record<string, Mutation> = {
  'flip-bytes': (input, random) => {
    const out = Buffer.from(input);
    const count = 1 + random.below(8);
    for (let i = 0; i < count && out.length > 0; i++) out[random.below(out.length)] = random.below(256);
    return out;
  },
  'insert-bytes': (input, random) => at(input, random.below(input.length + 1), Buffer.from(Array.from({ length: 1 + random.below(16) }, () => random.below(256)))),
  'delete-range': (input, random) => {
    const [start, end] = range(input, random);
    return Buffer.concat([input.subarray(0, start), input.subarray(end)]);
  },
  'duplicate-range': (input, random) => {
    const [start, end] = range(input, random);
    const copies = 1 + random.below(random.below(2) === 0 ? 4 : 2000);
    return at(input, end, Buffer.concat(Array.from({ length: copies }, () => input.subarray(start, end))));
  },
  'repeat-line': (input, random) => {
    const lines = input.toString('latin1').split('\n');
    const line = random.below(lines.length);
    const copies = 1 + random.below(random.below(2) === 0 ? 10 : 20000);
    lines.splice(line, 0, ...Array.from({ length: copies }, () => lines[line] ?? ''));
    return Buffer.from(lines.join('\n'), 'latin1');
  },
  truncate: (input, random) => input.subarray(0, random.below(input.length + 1)),
  nesting: (input, random) => {
    const opener = random.pick(OPENERS);
    const depth = 1 + random.below(random.below(2) === 0 ? 100 : 100_000);
    return at(input, random.below(input.length + 1), Buffer.from(opener.repeat(depth)));
  },
  'huge-line': (input, random) => at(input, random.below(input.length + 1), Buffer.from('A'.repeat(1000 + random.below(2_000_000)))),
  binary: (_input, random) => Buffer.from(Array.from({ length: 1 + random.below(4096) }, () => random.below(256))),
  splice: (input, random, donor) => {
    const [start, end] = range(donor, random);
    return at(input, random.below(input.length + 1), donor.subarray(start, end));
  },
  'replace-token': (input, random) => {
    const text = input.toString('utf8');
    const tokens = text.split(/(\s+)/);
    const words = tokens.map((t, i) => (/\S/.test(t) ? i : -1)).filter((i) => i >= 0);
    if (words.length === 0) return Buffer.from(random.pick(TOKENS));
    const count = 1 + random.below(4);
    for (let i = 0; i < count; i++) tokens[random.pick(words)] = random.pick(TOKENS);
    return Buffer.from(tokens.join(''));
  },
};

export const MUTATION_NAMES = Object.keys(MUTATIONS);
