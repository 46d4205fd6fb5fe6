import * as path from 'node:path';
import { parseYaml } from '../../formats/yaml/parse-yaml.js';
import type { SourcePosition } from '../../inventory/evidence.js';
import type { EjabberdEntry, EjabberdValue } from './config-model.js';
import { describeKind, scalarText, toEjabberdValue } from './fast-yaml-value.js';
import { report, type ReaderState } from './reader-state.js';
import { appendAll } from '../../arrays/append-all.js';

/** One target of `include_config_file`, as yconf:validator(include_config_file) accepts it. */
interface Include {
  file: string;
  at: SourcePosition;
  disallow: string[];
  allowOnly: string[];
}

/** The includes named by one `include_config_file` value; invalid forms are reported. */
function includesOf(state: ReaderState, value: EjabberdValue): Include[] {
  const pathOf = (v: EjabberdValue): Include | undefined => {
    const text = v.kind === 'atom' || v.kind === 'string' ? v.value : undefined;
    // yconf prep_path/1 = non_empty(binary()): numbers, lists and '' are refused.
    if (text === undefined || text === '') {
      report(state, 'config-error', v.at, `Invalid value of option include_config_file: expected a file name, got ${describeKind(v)}`);
      return undefined;
    }
    return { file: text, at: v.at, disallow: [], allowOnly: [] };
  };
  if (value.kind === 'list') return value.items.flatMap((v) => pathOf(v) ?? []);
  if (value.kind !== 'map') return pathOf(value) ? [pathOf(value) as Include] : [];
  // Map form {Path: {disallow: [Opt], allow_only: [Opt]}} (yconf.erl validator(include_config_file)).
  const result: Include[] = [];
  for (const entry of value.entries) {
    if (entry.key === '') continue;
    const inc: Include = { file: entry.key, at: entry.keyAt, disallow: [], allowOnly: [] };
    const opts = entry.value;
    if (opts.kind === 'list' && opts.items.length === 0) {
      result.push(inc);
      continue;
    }
    if (opts.kind !== 'map') {
      report(state, 'config-error', opts.at, `Invalid value of option include_config_file: expected a map with disallow/allow_only for ${entry.key}, got ${describeKind(opts)}`);
      continue;
    }
    let ok = true;
    for (const o of opts.entries) {
      if (o.key !== 'disallow' && o.key !== 'allow_only') {
        report(state, 'config-error', o.keyAt, `Invalid value of option include_config_file: Unknown option: ${o.key}`, 'Only disallow and allow_only are accepted');
        ok = false;
        continue;
      }
      const names = o.value.kind === 'list' ? o.value.items.map(scalarText) : o.value.kind === 'map' && o.value.entries.length === 0 ? [] : undefined;
      if (!names || names.some((n) => n === undefined)) {
        report(state, 'config-error', o.value.at, `Invalid value of option include_config_file: ${o.key} must be a list of option names`);
        ok = false;
        continue;
      }
      if (o.key === 'disallow') inc.disallow = names as string[];
      else inc.allowOnly = names as string[];
    }
    if (ok) result.push(inc);
  }
  return result;
}

/**
 * yconf:read_yaml/3 with include_files (yconf src/yconf.erl, used by ejabberd 23.01): reads one
 * file's top-level map and replaces every `include_config_file` entry, in place, by the
 * (filtered) top-level entries of the included files, recursively. `stack` holds the virtual
 * paths being read, for the circular-include check. `includedAt` is where the file was named.
 */
export function readYamlFile(state: ReaderState, virtualPath: string, stack: string[], includedAt?: SourcePosition): EjabberdEntry[] {
  const disk = { disk: state.rootFiles.host(virtualPath) };
  const mainPos = (file: string): SourcePosition => includedAt ?? { file, line: 1, column: 1 };
  if (stack.includes(virtualPath) || stack.length > 64) {
    // yconf format_error({bad_yaml, circular_include, Path}).
    report(state, 'include-error', mainPos(disk.disk), `Circularly included YAML file: ${virtualPath}`, 'ejabberd refuses to start; remove the include that leads back to this file');
    return [];
  }
  const over = includedAt ? state.rootFiles.include(virtualPath) : undefined;
  if (over) {
    state.rootFiles.reported(over);
    report(state, 'include-error', includedAt ?? mainPos(disk.disk), `Not reading ${virtualPath}: ${over.reason}`);
    return [];
  }
  const loaded = state.rootFiles.load(virtualPath);
  if (!loaded.ok) {
    const problem = loaded.problem;
    state.rootFiles.reported(problem);
    if (problem.kind === 'outside-root') {
      report(state, 'include-error', mainPos(virtualPath), `Not reading ${virtualPath}: ${problem.reason}`);
      return [];
    }
    const why = problem.kind === 'absent' ? 'no such file or directory' : problem.kind === 'directory' ? 'illegal operation on a directory' : problem.reason;
    report(state, 'include-error', mainPos(disk.disk), `Failed to read YAML file '${virtualPath}': ${why}`, 'ejabberd refuses to start when a configuration file cannot be read');
    return [];
  }
  const source = loaded.text;
  state.files.push(disk.disk);
  // Parsed and decoded once per run however often it is included; its errors are reported once.
  let first = false as boolean; // set inside the parse callback
  const { parsed, top: decoded, diagnostics } = state.rootFiles.parsed(loaded, `ejabberd-yaml ${disk.disk}`, () => {
    first = true;
    const yaml = parseYaml(disk.disk, source, { libyamlAnchors: true, firstErrorOnly: true });
    const found: typeof state.diagnostics = [];
    const value = yaml.errors.length > 0 || !yaml.root ? undefined : toEjabberdValue(yaml.root, found);
    return { parsed: yaml, top: value, diagnostics: found };
  });
  if (first) appendAll(state.diagnostics, parsed.errors, parsed.warnings, diagnostics);
  if (decoded === undefined) return [];
  // fast_yaml decode_from_file: a document whose top level is not a map is refused by
  // yconf's options validator ("Expected map").
  const top = decoded;
  if (top.kind !== 'map') {
    // An empty flow `{}`/`[]` decodes as [] in Erlang: an empty option list.
    if (top.kind === 'list' && top.items.length === 0) return [];
    report(state, 'config-error', top.at, `Expected map, got ${describeKind(top)} instead: an ejabberd config file is a map of options`);
    return [];
  }
  const result: EjabberdEntry[] = [];
  for (const entry of top.entries) {
    if (entry.key !== 'include_config_file') {
      result.push(entry);
      continue;
    }
    for (const inc of includesOf(state, entry.value)) {
      let target = inc.file;
      if (!path.posix.isAbsolute(target)) {
        // yconf prep_path/1 joins a relative path with file:get_cwd(); ejabberdctl does
        // `cd "$SPOOL_DIR"` before starting (ejabberdctl.template 23.01), so that is the spool dir.
        target = path.posix.join(state.spoolDir, target);
        report(
          state,
          'config-warning',
          inc.at,
          `Relative include '${inc.file}': ejabberd resolves it against its working directory, the spool dir ${state.spoolDir}, and reads ${target} (the documentation says relative to the config file, but yconf:prep_path/1 uses the current directory)`,
          `Write the absolute path`,
        );
      }
      const included = readYamlFile(state, path.posix.normalize(target), [...stack, virtualPath], inc.at);
      for (const opt of included) {
        // yconf:read_include_files/3: allow_only wins over disallow; dropping is silent in ejabberd.
        const dropped = inc.allowOnly.length > 0 ? !inc.allowOnly.includes(opt.key) : inc.disallow.includes(opt.key);
        if (dropped) {
          const why = inc.allowOnly.length > 0 ? `it is not in allow_only` : `it is in disallow`;
          report(state, 'config-warning', opt.keyAt, `ejabberd silently ignores option '${opt.key}' from this included file: ${why} at ${inc.at.file}:${inc.at.line}:${inc.at.column}`);
          continue;
        }
        result.push(opt);
      }
    }
  }
  return result;
}
