import { APACHE_MAIN_FILES, compiledServerRoot } from './main-files.js';
import { posix } from 'node:path';
import { type ApacheNode, type ApacheWord, parseApache } from '../../formats/apache/parse-apache.js';
import type { Diagnostic } from '../../inventory/diagnostic.js';
import type { SourcePosition } from '../../inventory/evidence.js';
import type { RootFiles } from '../../files/root-files.js';
import { DEBIAN_ENVVARS_DEFAULTS, type EnvValue, readEnvvars } from './envvars.js';
import { BadGlobError } from '../../discover/glob-match.js';
import { expandInclude, hasWildcard } from './include-paths.js';
import { appendAll } from '../../arrays/append-all.js';

/**
 * Reads an Apache httpd 2.4 configuration the way httpd does at start-up: Define/UnDefine,
 * `${VAR}` (Defines first, then the environment, which on Debian is /etc/apache2/envvars),
 * Include/IncludeOptional in place, <IfModule>/<IfDefine> evaluated, and every directive kept
 * with the server (main or <VirtualHost>) it belongs to. Nothing outside root is read.
 */
export interface ResolvedWord {
  value: string;
  at: SourcePosition;
  /** How `${VAR}`s in it were resolved, for evidence notes. */
  notes: string[];
}

export interface ApacheUse {
  /** Lower-cased directive name. */
  name: string;
  args: ResolvedWord[];
  at: SourcePosition;
  /** Last physical line when continued with `\`. */
  endLine?: number;
  /** Enclosing <Directory>, <Location>... when not at server level, e.g. `<Location /x>`. */
  container?: string;
}

export interface ApacheServer {
  kind: 'main' | 'vhost';
  /** `<VirtualHost *:443>` or `main server`. */
  label: string;
  at: SourcePosition;
  names: string[];
  uses: ApacheUse[];
  /** A virtual host's addresses (`<VirtualHost 127.0.0.1:8080 [::1]:8080>`). */
  addresses?: ResolvedWord[];
}

/** A directive or section as httpd acts on it, for the directive tree plugin rules read (ctx.configs.apache). */
export interface ApacheTreeNode {
  /** Lower-cased, as for ApacheUse. */
  name: string;
  args: ResolvedWord[];
  at: SourcePosition;
  /** A section's directives (<VirtualHost>, <Directory>, ...). */
  children?: ApacheTreeNode[];
}

export interface ApacheConfig {
  servers: ApacheServer[];
  /**
   * Every directive in file order with sections nested: Include/IncludeOptional replaced by the
   * files' directives, <IfModule>/<IfDefine> replaced by their contents when they hold and left
   * out when not (other <If...> sections are read as holding), <Macro> bodies left out.
   */
  tree: ApacheTreeNode[];
  files: string[];
  searched: string[];
  diagnostics: Diagnostic[];
  serverRoot: string;
  /** The host path of the file that sets a Debian variable, or undefined when assumed. */
  envvarsFile?: string;
}

/**
 * Modules compiled into Debian's apache2 binary (`apache2 -l`, apache2 2.4.71-1~deb12u1):
 * core.c mod_so.c mod_watchdog.c http_core.c mod_log_config.c mod_logio.c mod_version.c mod_unixd.c.
 */
const STATIC_MODULES = ['core', 'so', 'watchdog', 'http', 'http_core', 'log_config', 'logio', 'version', 'unixd'];

/** `mod_ssl.c` and `ssl_module` both name module "ssl" (ap_find_linked_module / module identifier). */
function moduleKey(name: string): string {
  return name.replace(/^mod_/, '').replace(/\.c$/, '').replace(/_module$/, '').toLowerCase();
}

const MAX_DEPTH = 64;

export function loadApacheConfig(files: RootFiles, mainFile?: string): ApacheConfig {
  const candidates = mainFile !== undefined ? [mainFile] : APACHE_MAIN_FILES;
  const config: ApacheConfig = { servers: [], tree: [], files: [], searched: candidates.map((c) => c.replace(/^\/+/, '')), diagnostics: [], serverRoot: '/etc/apache2' };
  const main = candidates.map((c) => posix.normalize(`/${c}`)).find((c) => files.read(c) !== undefined);
  if (main === undefined) return config;
  config.serverRoot = compiledServerRoot(main);

  const env = new Map<string, EnvValue>();
  const envvarsPath = posix.join(config.serverRoot, 'envvars');
  // Only Debian's packaging has envvars (sourced by apache2ctl and apache2.service).
  const debian = main === '/etc/apache2/apache2.conf';
  const envText = debian ? files.read(envvarsPath) : undefined;
  if (envText !== undefined) {
    config.envvarsFile = files.host(envvarsPath);
    config.files.push(config.envvarsFile);
    for (const [k, v] of readEnvvars(envText, config.envvarsFile)) env.set(k, v);
  } else if (debian) config.searched.push(envvarsPath.slice(1));

  const defines = new Map<string, string | undefined>();
  const modules = new Set(STATIC_MODULES);
  const mainServer: ApacheServer = { kind: 'main', label: 'main server', at: { file: files.host(main), line: 1, column: 1 }, names: [], uses: [] };
  config.servers.push(mainServer);
  const reading: string[] = [];
  const warnedVars = new Set<string>();

  const resolveWord = (w: ApacheWord): ResolvedWord => {
    const notes: string[] = [];
    const value = w.value.replace(/\$\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => {
      if (defines.has(name)) return defines.get(name) ?? '';
      const e = env.get(name);
      if (e !== undefined) {
        notes.push(`\${${name}} = ${e.value} (${posix.basename(e.at.file)} line ${e.at.line})`);
        return e.value;
      }
      const assumed = DEBIAN_ENVVARS_DEFAULTS[name];
      if (assumed !== undefined) {
        notes.push(`\${${name}} assumed ${assumed} (Debian's /etc/apache2/envvars; not found under --root)`);
        if (!warnedVars.has(name)) {
          warnedVars.add(name);
          config.diagnostics.push({
            code: 'unknown-value',
            message: `\${${name}} is set by /etc/apache2/envvars, which is not under --root; assuming Debian's ${assumed}`,
            position: w.at,
          });
        }
        return assumed;
      }
      // httpd: AH00111 "Config variable ${X} is not defined", the text is kept as is.
      config.diagnostics.push({ code: 'unknown-value', message: `Config variable \${${name}} is not defined (httpd keeps the text as is)`, position: w.at });
      return whole;
    });
    return { value, at: w.at, notes };
  };

  const includeFile = (path: string, server: ApacheServer, container: string | undefined, from: SourcePosition | undefined, into: ApacheTreeNode[]): void => {
    const real = files.resolve(path) ?? path;
    if (reading.includes(real)) {
      config.diagnostics.push({ code: 'include-error', message: `Include cycle: ${path} is already being read`, position: from ?? mainServer.at });
      return;
    }
    if (reading.length >= MAX_DEPTH) {
      config.diagnostics.push({ code: 'include-error', message: `Includes nested more than ${MAX_DEPTH} levels deep at ${path}`, position: from ?? mainServer.at });
      return;
    }
    const over = from ? files.include(path) : undefined;
    if (over) {
      files.reported(over);
      config.diagnostics.push({ code: 'include-error', message: `Include ${path} is ${over.reason}`, position: from ?? mainServer.at });
      return;
    }
    const loaded = files.load(path);
    if (!loaded.ok) {
      if (loaded.problem.kind === 'absent' || loaded.problem.kind === 'directory') return;
      files.reported(loaded.problem);
      config.diagnostics.push({ code: 'include-error', message: `Include ${path} is not read: ${loaded.problem.reason}`, position: from ?? mainServer.at });
      return;
    }
    const text = loaded.text;
    const host = files.host(path);
    if (!config.files.includes(host)) config.files.push(host);
    // Parsed once per run however often it is included; its syntax errors are reported once.
    let first = false as boolean; // set inside the parse callback
    const parsed = files.parsed(loaded, 'apache', () => {
      first = true;
      return parseApache(text, host);
    });
    if (first) appendAll(config.diagnostics, parsed.diagnostics);
    reading.push(real);
    walk(parsed.nodes, server, container, into);
    reading.pop();
  };

  const walk = (nodes: ApacheNode[], server: ApacheServer, container: string | undefined, into: ApacheTreeNode[]): void => {
    for (const node of nodes) {
      const args = node.args.map(resolveWord);
      const first = args[0]?.value ?? '';
      const lname = node.name.toLowerCase();
      if (node.kind === 'section') {
        if (lname === 'ifmodule' || lname === 'ifdefine') {
          const negate = first.startsWith('!');
          const subject = negate ? first.slice(1) : first;
          const holds = lname === 'ifmodule' ? modules.has(moduleKey(subject)) : defines.has(subject);
          if (holds !== negate) walk(node.children, server, container, into);
        } else if (['ifversion', 'iffile', 'ifdirective', 'ifsection'].includes(lname)) {
          // Not evaluated: read as if the condition held (the usual case in shipped configs).
          walk(node.children, server, container, into);
        } else if (lname === 'virtualhost') {
          if (server.kind === 'vhost' || container !== undefined) {
            config.diagnostics.push({ code: 'config-error', message: '<VirtualHost> cannot occur within another section', position: node.at });
            continue;
          }
          const vhost: ApacheServer = { kind: 'vhost', label: `<VirtualHost ${args.map((a) => a.value).join(' ')}>`, at: node.at, names: [], uses: [], addresses: args };
          config.servers.push(vhost);
          walk(node.children, vhost, undefined, section(lname, args, node.at, into));
        } else if (lname === 'macro') {
          // mod_macro bodies are templates expanded by `Use`; not expanded here.
          continue;
        } else {
          walk(node.children, server, container ?? `<${node.name}${args.length > 0 ? ' ' + args.map((a) => a.value).join(' ') : ''}>`, section(lname, args, node.at, into));
        }
        continue;
      }
      // Include is replaced by what it reads; every other directive is in the tree as written.
      if (lname !== 'include' && lname !== 'includeoptional') into.push({ name: lname, args, at: node.at });
      switch (lname) {
        case 'define':
          if (first !== '') defines.set(first, args[1]?.value);
          break;
        case 'undefine':
          defines.delete(first);
          break;
        case 'loadmodule':
          if (first !== '') modules.add(moduleKey(first));
          break;
        case 'serverroot':
          if (first !== '') config.serverRoot = posix.normalize(first);
          break;
        case 'servername':
        case 'serveralias':
          appendAll(server.names, args.map((a) => a.value));
          break;
        case 'include':
        case 'includeoptional': {
          if (args[0] === undefined) break;
          const optional = lname === 'includeoptional';
          const target = posix.normalize(first.startsWith('/') ? first : posix.join(config.serverRoot, first));
          let matches: string[];
          try {
            matches = expandInclude(files, target);
          } catch (error) {
            if (!(error instanceof BadGlobError)) throw error;
            config.diagnostics.push({ code: 'include-error', message: `Include ${first} is not read: ${error.reason}`, position: args[0].at });
            break;
          }
          if (matches.length === 0 && !optional) {
            config.diagnostics.push({
              code: 'include-error',
              message: hasWildcard(target)
                ? `Include ${first}: no files match the wildcard pattern ${target} under --root (httpd refuses to start)`
                : `Include ${first}: ${target} does not exist under --root`,
              position: args[0].at,
              suggestion: 'Use IncludeOptional if the files may be absent',
            });
          }
          for (const m of matches) includeFile(m, server, container, args[0].at, into);
          break;
        }
        case 'use':
          // mod_macro: the macro body is not expanded here, so what it configures is not judged.
          config.diagnostics.push({ code: 'unknown-value', message: `Use ${first}: mod_macro expansions are not read; logs or headers the macro sets are not judged`, position: node.at });
          break;
        default:
          server.uses.push({ name: lname, args, at: node.at, ...(node.endLine !== node.at.line ? { endLine: node.endLine } : {}), ...(container !== undefined ? { container } : {}) });
      }
    }
  };

  includeFile(main, mainServer, undefined, undefined, config.tree);
  return config;
}

/** Adds a section to the tree; returns the list its directives go into. */
function section(name: string, args: ResolvedWord[], at: SourcePosition, into: ApacheTreeNode[]): ApacheTreeNode[] {
  const children: ApacheTreeNode[] = [];
  into.push({ name, args, at, children });
  return children;
}
