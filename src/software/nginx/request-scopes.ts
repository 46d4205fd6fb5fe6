import type { NginxStatement } from '../../formats/nginx/nginx-syntax.js';

/**
 * The configuration levels a request (or stream/mail session) is handled at: http → server →
 * location (nestable) → if / limit_except; stream → server; mail → server (nginx 1.22.1 docs: each directive's Context).
 * Directives such as access_log, error_log and add_header are merged down these levels.
 */

export type Protocol = 'http' | 'stream' | 'mail';

export interface RequestScope {
  protocol: Protocol;
  kind: 'http' | 'stream' | 'mail' | 'server' | 'location' | 'if' | 'limit_except';
  statement: NginxStatement;
  parent?: RequestScope;
  /** The enclosing (or own) server block. */
  server?: RequestScope;
  /** The directives written directly at this level. */
  directives: NginxStatement[];
}

const CHILD_KINDS: Record<string, readonly RequestScope['kind'][]> = {
  http: ['server'],
  stream: ['server'],
  mail: ['server'],
  server: ['location', 'if'],
  location: ['location', 'if', 'limit_except'],
  if: [],
  limit_except: [],
};

/** Every scope under the top-level http, stream and mail blocks, parents before children. */
export function requestScopes(main: NginxStatement[]): RequestScope[] {
  const scopes: RequestScope[] = [];
  for (const s of main) {
    if ((s.name === 'http' || s.name === 'stream' || s.name === 'mail') && s.block) {
      walk({ protocol: s.name, kind: s.name, statement: s, directives: s.block }, scopes);
    }
  }
  return scopes;
}

function walk(scope: RequestScope, scopes: RequestScope[]): void {
  scopes.push(scope);
  const allowed = CHILD_KINDS[scope.kind] ?? [];
  for (const s of scope.directives) {
    const kind = s.name as RequestScope['kind'];
    if (!s.block || !allowed.includes(kind)) continue;
    const child: RequestScope = { protocol: scope.protocol, kind, statement: s, parent: scope, directives: s.block };
    child.server = kind === 'server' ? child : scope.server;
    walk(child, scopes);
  }
}

/** The directives named `name` that apply at a scope: its own, else the nearest level above. */
export function inherited(scope: RequestScope, name: string): { statements: NginxStatement[]; from?: RequestScope } {
  for (let s: RequestScope | undefined = scope; s; s = s.parent) {
    const own = ownDirectives(s, name);
    if (own.length > 0) return { statements: own, from: s };
  }
  return { statements: [] };
}

const NONE: NginxStatement[] = [];
const byName = new WeakMap<RequestScope, Map<string, NginxStatement[]>>();

/** The directives named `name` written at this level (indexed once per scope: an http block can hold 20,000 servers). */
export function ownDirectives(scope: RequestScope, name: string): NginxStatement[] {
  const directives = scope.directives;
  if (directives.length < 32) {
    let found: NginxStatement[] | undefined;
    for (const d of directives) if (d.name === name) (found ??= []).push(d);
    return found ?? NONE;
  }
  let index = byName.get(scope);
  if (!index) {
    index = new Map();
    for (const d of scope.directives) {
      const list = index.get(d.name);
      if (list) list.push(d);
      else index.set(d.name, [d]);
    }
    byName.set(scope, index);
  }
  return index.get(name) ?? NONE;
}

/** `server example.org` / `location /http-bind (server example.org)`, for messages. */
export function scopeLabel(scope: RequestScope): string {
  if (scope.kind === 'http' || scope.kind === 'stream' || scope.kind === 'mail') return `${scope.kind} block`;
  const server = scope.server ? serverName(scope.server) : '';
  if (scope.kind === 'server') return `${scope.protocol === 'http' ? '' : `${scope.protocol} `}server ${server}`;
  const words = scope.statement.args.map((a) => a.value).join(' ');
  return `${scope.kind} ${words} (server ${server})`;
}

/** The first server_name, or the first listen address for stream/mail servers. */
export function serverName(server: RequestScope): string {
  const name = server.directives.find((d) => d.name === 'server_name')?.args[0]?.value;
  if (name !== undefined && name !== '' && name !== '_') return name;
  const listen = server.directives.find((d) => d.name === 'listen')?.args[0]?.value;
  if (name === '_') return `_ (${listen ? `listen ${listen}, ` : ''}line ${server.statement.line})`;
  return listen !== undefined ? `listening on ${listen} (line ${server.statement.line})` : `at line ${server.statement.line}`;
}

/**
 * Whether requests are handled at this scope. An http block without any server block (its
 * servers are in files that were not found) stands in for them, so that its logs are still judged.
 */
export function handlesRequests(scope: RequestScope, scopes: RequestScope[]): boolean {
  if (scope.kind === 'stream' || scope.kind === 'mail') return false;
  if (scope.kind === 'http') return !scopes.some((s) => s.parent === scope);
  return true;
}
