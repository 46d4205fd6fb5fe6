import type { NginxStatement } from '../../formats/nginx/nginx-syntax.js';
import type { SourcePosition, Tri } from '../../inventory/evidence.js';
import { isClientAddressVariable, variablesIn } from './client-address-variables.js';
import { maxOf } from '../../arrays/extremes.js';

/**
 * Which user-defined variables hold a client address: `map` (ngx_http_map_module), `set`
 * (ngx_http_rewrite_module), `geo`, `split_clients`, `perl_set`/`js_set`/`set_by_lua*`.
 * A map on an address counts as anonymising when every value is a constant or keeps only the
 * part of a regex match before something the regex still requires (the usual
 * anonymising map `~(?P<ip>\d+\.\d+\.\d+)\.  $ip.0;`); a value that is the address itself, or a capture that runs
 * to the end of the match, copies it.
 */

/** Variables holding the address of the connection's peer (ngx_http_variables.c, ngx_http_realip_module.c). */
const PEER_ADDRESS = new Set(['remote_addr', 'binary_remote_addr', 'realip_remote_addr']);

export interface VariableTaint {
  carries: Tri;
  /** Human-readable: how the variable gets (or loses) the address. */
  why: string;
  at?: SourcePosition;
  /** True for a map that turns an address into a truncated one. */
  anonymises?: boolean;
}

export interface StringTaint {
  carries: Tri;
  carriers: VariableTaint[];
  anonymised: VariableTaint[];
}

interface Definition {
  kind: 'map' | 'set' | 'geo' | 'split_clients' | 'code';
  statement: NginxStatement;
}

export class AddressTaint {
  private readonly definitions = new Map<string, Definition[]>();
  private readonly memo = new Map<string, VariableTaint>();
  private readonly visiting = new Set<string>();
  /** Log formats are shared by many servers: each string is judged once. */
  private readonly strings = new Map<string, StringTaint>();

  /**
   * Collects definitions from the whole (include-expanded) tree. With `peerIsProxy`, the
   * connection's own address ($remote_addr, ...) is a local reverse proxy's, not the client's.
   */
  constructor(statements: NginxStatement[], private readonly peerIsProxy = false) {
    this.collect(statements);
  }

  private collect(statements: NginxStatement[]): void {
    for (const s of statements) {
      const kind = definitionKind(s);
      const target = kind ? targetOf(s, kind) : undefined;
      if (kind && target) {
        const list = this.definitions.get(target) ?? [];
        list.push({ kind, statement: s });
        this.definitions.set(target, list);
      }
      // map/geo/split_clients bodies are key-value lists, not directives.
      if (s.block && kind !== 'map' && kind !== 'geo' && kind !== 'split_clients') this.collect(s.block);
    }
  }

  /** Whether `$name` holds a client address, and why. */
  of(name: string): VariableTaint {
    const key = name.toLowerCase();
    if (this.peerIsProxy && PEER_ADDRESS.has(key)) return { carries: false, why: `$${key} is the local proxy's address` };
    if (isClientAddressVariable(key)) return { carries: true, why: `$${key} is the client address` };
    const memo = this.memo.get(key);
    if (memo) return memo;
    const defs = this.definitions.get(key);
    if (!defs || this.visiting.has(key)) return { carries: false, why: `$${key} is not a client address` };
    this.visiting.add(key);
    let result: VariableTaint = { carries: false, why: `$${key} is not a client address` };
    for (const def of defs) {
      const one = this.definition(key, def);
      if (one.carries === true || (one.carries === 'unknown' && result.carries === false) || (one.anonymises && result.carries === false)) result = one;
      if (result.carries === true) break;
    }
    this.visiting.delete(key);
    this.memo.set(key, result);
    return result;
  }

  /** Whether a string (a log format, a map source) contains a client address. */
  stringCarries(text: string): StringTaint {
    const known = this.strings.get(text);
    if (known) return known;
    const result = this.computeStringCarries(text);
    this.strings.set(text, result);
    return result;
  }

  private computeStringCarries(text: string): StringTaint {
    const carriers: VariableTaint[] = [];
    const anonymised: VariableTaint[] = [];
    let carries: Tri = false;
    for (const v of new Set(variablesIn(text))) {
      const t = this.of(v);
      if (t.carries === true) {
        carries = true;
        carriers.push(t);
      } else if (t.carries === 'unknown') {
        if (carries === false) carries = 'unknown';
        carriers.push(t);
      } else if (t.anonymises) anonymised.push(t);
    }
    return { carries, carriers, anonymised };
  }

  private definition(name: string, def: Definition): VariableTaint {
    const s = def.statement;
    const at = { file: s.file, line: s.line, column: s.column };
    switch (def.kind) {
      case 'code':
        return { carries: 'unknown', why: `$${name} is computed by code (${s.name} at line ${s.line})`, at };
      case 'geo':
      case 'split_clients':
        return { carries: false, why: `$${name} is a ${s.name} value, not the address`, at };
      case 'set': {
        const value = s.args[1]?.value ?? '';
        const inner = this.stringCarries(value);
        if (inner.carries === false) return { carries: false, why: `set $${name} "${value}" holds no address`, at };
        return { carries: inner.carries, why: `set $${name} "${value}" (line ${s.line}) copies ${describe(inner.carriers)}`, at };
      }
      case 'map':
        return this.map(name, s, at);
    }
  }

  private map(name: string, s: NginxStatement, at: SourcePosition): VariableTaint {
    const source = s.args[0]?.value ?? '';
    const sourceTaint = this.stringCarries(source);
    const label = `map ${source} $${name} (line ${s.line})`;
    let truncates = false;
    for (const entry of s.block ?? []) {
      if (entry.name === 'hostnames' || entry.name === 'volatile') continue;
      const value = entry.args[0]?.value ?? '';
      const regex = entry.name.startsWith('~') ? entry.name.replace(/^~\*?/, '') : undefined;
      const groups = regex !== undefined ? captureGroups(regex) : undefined;
      // Variables in the value other than the key's own named captures.
      const named = new Set(groups?.filter((g) => g.name !== undefined).map((g) => (g.name as string).toLowerCase()));
      const own = variablesIn(value).filter((v) => !named.has(v));
      const inner = this.stringCarries(own.map((v) => `$${v}`).join(' '));
      if (inner.carries !== false) {
        return { carries: inner.carries, why: `${label} sets "${value}" for ${entry.name}: it copies ${describe(inner.carriers)}`, at: { file: entry.file, line: entry.line, column: entry.column } };
      }
      if (regex === undefined || groups === undefined || sourceTaint.carries === false) continue;
      const used = referencedGroups(value, groups);
      if (used.length === 0) continue;
      const last = maxOf(used.map((g) => g.close));
      const rest = regex.slice(last + 1);
      if (/^\$?$/.test(rest)) {
        return {
          carries: sourceTaint.carries,
          why: `${label} keeps the whole address: "${value}" for ${entry.name} captures up to the end of the match`,
          at: { file: entry.file, line: entry.line, column: entry.column },
        };
      }
      truncates = true;
    }
    // No `default` means the empty string: no address.
    if (sourceTaint.carries !== false && truncates) {
      return { carries: false, anonymises: true, why: `${label} truncates the address (every value is a constant or a shortened match)`, at };
    }
    if (sourceTaint.carries !== false) return { carries: false, anonymises: true, why: `${label} maps the address to constants`, at };
    return { carries: false, why: `${label} holds no address`, at };
  }
}

function describe(carriers: VariableTaint[]): string {
  return carriers.map((c) => c.why).join('; ');
}

function definitionKind(s: NginxStatement): Definition['kind'] | undefined {
  switch (s.name) {
    case 'map':
      return s.block ? 'map' : undefined;
    case 'set':
      return 'set';
    case 'geo':
      return s.block ? 'geo' : undefined;
    case 'split_clients':
      return s.block ? 'split_clients' : undefined;
    case 'perl_set':
    case 'js_set':
    case 'set_by_lua':
    case 'set_by_lua_block':
    case 'set_by_lua_file':
      return 'code';
    default:
      return undefined;
  }
}

/** The variable a definition sets: `map src $x`, `geo [src] $x`, `set $x v`, `perl_set $x ...`. */
function targetOf(s: NginxStatement, kind: Definition['kind']): string | undefined {
  const word = kind === 'map' || kind === 'split_clients' ? s.args[1] : kind === 'geo' ? s.args[s.args.length - 1] : s.args[0];
  const m = /^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(word?.value ?? '');
  return m?.[1]?.toLowerCase();
}

interface Group {
  number: number;
  name?: string;
  /** Index of the `)` closing the group. */
  close: number;
}

/** Capture groups of a PCRE pattern with where each closes; escapes and classes skipped. */
function captureGroups(regex: string): Group[] {
  const groups: Group[] = [];
  const stack: (Group | undefined)[] = [];
  let count = 0;
  for (let i = 0; i < regex.length; i++) {
    const c = regex[i];
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      i++;
      if (regex[i] === '^') i++;
      if (regex[i] === ']') i++;
      while (i < regex.length && regex[i] !== ']') {
        if (regex[i] === '\\') i++;
        i++;
      }
    } else if (c === '(') {
      if (regex[i + 1] !== '?') {
        stack.push({ number: ++count, close: -1 });
      } else {
        const m = /^\(\?(?:P?<([A-Za-z_]\w*)>|'([A-Za-z_]\w*)')/.exec(regex.slice(i));
        if (m) stack.push({ number: ++count, name: m[1] ?? m[2], close: -1 });
        else stack.push(undefined);
      }
    } else if (c === ')') {
      const g = stack.pop();
      if (g) {
        g.close = i;
        groups.push(g);
      }
    }
  }
  return groups;
}

/** Groups a map value refers to: `$1`..`$9`, `${1}`, `$name`. */
function referencedGroups(value: string, groups: Group[]): Group[] {
  const used: Group[] = [];
  const re = /\$(?:\{(\w+)\}|(\d)|([A-Za-z_]\w*))/g;
  for (let m = re.exec(value); m !== null; m = re.exec(value)) {
    const ref = m[1] ?? m[2] ?? m[3] ?? '';
    const g = /^\d+$/.test(ref) ? groups.find((x) => x.number === Number(ref)) : groups.find((x) => x.name?.toLowerCase() === ref.toLowerCase());
    if (g) used.push(g);
  }
  return used;
}
