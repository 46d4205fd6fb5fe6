import * as path from 'node:path';
import type { SourcePosition } from '../../inventory/evidence.js';
import type { EjabberdConfig, EjabberdEntry, EjabberdValue } from './config-model.js';
import { describeKind, scalarText } from './fast-yaml-value.js';
import { checkNestedDuplicates, groupOptions } from './group-options.js';
import { readHostConfig } from './host-config.js';
import { readListeners } from './listeners.js';
import { readYamlFile } from './read-yaml-file.js';
import { report, type ReaderState, where } from './reader-state.js';
import { replaceMacros } from './replace-macros.js';
import { virtualDir } from '../../discover/root-path.js';
import type { RootFiles } from '../../files/root-files.js';
import { appendAll } from '../../arrays/append-all.js';
import { ejabberdLogLocation } from './installation.js';

export interface EjabberdLoadOptions {
  /** The served system's files under --root; nothing outside it is read. */
  files: RootFiles;
  /**
   * ejabberd's spool dir on the served system (its working directory, where relative includes
   * resolve). Default `/var/lib/ejabberd` (Debian's SPOOL_DIR, ejabberdctl 23.01). A leading
   * slash is optional: it is always a path on the served system, mapped under `root`.
   */
  spoolDir?: string;
  /**
   * CONTRIB_MODULES_CONF_DIR on the served system, whose *.yml/*.yaml files ejabberd loads after
   * the main file (ext_mod:modules_configs/0). Default `/etc/ejabberd/modules.d`, as Debian sets
   * it in /etc/default/ejabberd and /etc/ejabberd/ejabberdctl.cfg.
   */
  contribConfDir?: string;
}

/**
 * ext_mod:modules_configs/0 (ejabberd 23.01 src/ext_mod.erl:440-446): `*.{yml,yaml}` in the
 * contrib config dir, one file per base name. ejabberd's order is that of
 * proplists:get_keys/1 (unspecified); they are taken sorted by name here so results are stable.
 */
function contribFiles(state: ReaderState, dir: string): string[] {
  const names = state.rootFiles.list(dir) ?? [];
  const byBase = new Map<string, string>();
  for (const name of names.filter((n) => /\.ya?ml$/.test(n)).sort()) {
    const base = name.replace(/\.ya?ml$/, '');
    if (!byBase.has(base)) byBase.set(base, name);
  }
  return [...byBase.values()].map((n) => path.posix.join(dir, n));
}

/** Checks one `modules` map: each module once, each module's options a map without repeated keys. */
function checkModules(state: ReaderState, value: EjabberdValue, context: string): void {
  if (value.kind === 'list' && value.items.length === 0) return;
  if (value.kind !== 'map') {
    report(state, 'config-error', value.at, `Invalid value of option modules${context}: Expected map, got ${describeKind(value)} instead`);
    return;
  }
  const seen = new Map<string, EjabberdEntry>();
  for (const entry of value.entries) {
    const earlier = seen.get(entry.key);
    if (earlier) {
      // gen_mod:validator/1 (23.01 src/gen_mod.erl:459-478) checks modules with [unique].
      report(state, 'config-error', entry.keyAt, `Invalid value of option modules${context}: Duplicated option: ${entry.key} (also at ${where(earlier.keyAt, entry.keyAt)}); ejabberd refuses to start`, 'Name each module once; merge their options');
    } else seen.set(entry.key, entry);
    const opts = entry.value;
    if (opts.kind === 'list' && opts.items.length === 0) continue;
    if (opts.kind !== 'map') {
      report(state, 'config-error', opts.at, `Invalid value of option modules->${entry.key}: Expected map, got ${describeKind(opts)} instead`, `Write ${entry.key}: {} for a module without options`);
      continue;
    }
    // Module options are validated by econf:options with `unique` (gen_mod.erl:494-498).
    checkNestedDuplicates(state, opts, ` of ${entry.key}${context}`, true);
  }
}

/** append_host_config's modules are added to the host's modules: a module already there is named twice. */
function checkAppendedModules(state: ReaderState, host: string, base: EjabberdValue | undefined, appended: EjabberdValue): void {
  if (appended.kind !== 'map') return;
  const seen = new Map<string, SourcePosition>();
  if (base?.kind === 'map') for (const e of base.entries) if (!seen.has(e.key)) seen.set(e.key, e.keyAt);
  for (const entry of appended.entries) {
    const earlier = seen.get(entry.key);
    if (earlier) {
      // Verified on Debian's ejabberd 23.01; the message is yconf's (p1_yconf 1.0.15 src/yconf.erl): "Invalid value of option modules: Duplicated option: mod_mam".
      report(
        state,
        'config-error',
        entry.keyAt,
        `Invalid value of option modules: Duplicated option: ${entry.key}: append_host_config adds it for ${host}, which already loads it (at ${where(earlier, entry.keyAt)}); ejabberd refuses to start`,
        `To change ${entry.key}'s options for ${host}, restate the whole modules map under host_config`,
      );
    } else seen.set(entry.key, entry.keyAt);
  }
}

/**
 * Reads an ejabberd YAML config as ejabberd 23.01 loads it (ejabberd_config:read_file/2 →
 * read_yaml_files/2 → yconf:parse/3, then validate/1 and set_host_config/1).
 * The main file and each modules.d file are parsed separately (each with its includes and its
 * own macros), their options concatenated, duplicate options grouped, then the per-host views
 * built. Never throws on bad input: problems become positioned diagnostics.
 */
export function loadEjabberdConfig(mainFile: string, options: EjabberdLoadOptions): EjabberdConfig {
  const main = path.resolve(mainFile);
  const state: ReaderState = {
    rootFiles: options.files,
    spoolDir: virtualDir(options.spoolDir ?? '/var/lib/ejabberd'),
    diagnostics: [],
    files: [],
    macros: new Map(),
  };
  const entries: EjabberdEntry[] = [];
  const mainVirtual = options.files.system(main);
  if (mainVirtual === undefined) {
    report(state, 'include-error', { file: main, line: 1, column: 1 }, `The config file ${main} is outside --root`);
  } else {
    // ejabberd_config:read_file/2: only .yml/.yaml are YAML; anything else goes to the legacy
    // Erlang-term reader (ejabberd_old_config), which this reader does not handle.
    if (!/\.ya?ml$/.test(main)) {
      report(state, 'config-warning', { file: main, line: 1, column: 1 }, `ejabberd reads ${path.basename(main)} as a legacy Erlang-term config (not .yml/.yaml); it is read as YAML here`);
    }
    appendAll(entries, replaceMacros(state, readYamlFile(state, mainVirtual, []), mainVirtual));
  }
  for (const file of contribFiles(state, virtualDir(options.contribConfDir ?? '/etc/ejabberd/modules.d'))) {
    appendAll(entries, replaceMacros(state, readYamlFile(state, file, []), file));
  }

  // pre_validate/1 then validate/1: hosts is required; repeated options are grouped.
  const global = groupOptions(state, entries, '');
  const hosts: EjabberdConfig['hosts'] = [];
  const hostsOption = global.get('hosts');
  if (!hostsOption) {
    if (!state.diagnostics.some((d) => d.code === 'parse-error' || d.code === 'include-error')) {
      report(state, 'config-error', { file: main, line: 1, column: 1 }, 'Missing required option: hosts', 'Add hosts: [your.domain]');
    }
  } else if (hostsOption.value.kind !== 'list' || hostsOption.value.items.length === 0) {
    report(state, 'config-error', hostsOption.value.at, `Invalid value of option hosts: expected a non-empty list of domains, got ${describeKind(hostsOption.value)}`);
  } else {
    // Looked up by name: searching the list for each host was quadratic (10,000 hosts: 50 million comparisons).
    const byName = new Map<string, (typeof hosts)[number]>();
    for (const item of hostsOption.value.items) {
      const name = scalarText(item);
      if (name === undefined) {
        report(state, 'config-error', item.at, `Invalid value of option hosts: expected a domain, got ${describeKind(item)}`);
        continue;
      }
      // econf:domain/0 prepares the name (lower-cased); the list is checked with [unique].
      const lower = name.toLowerCase();
      const earlier = byName.get(lower);
      if (earlier) report(state, 'config-error', item.at, `Invalid value of option hosts: Duplicated value: ${name} (also at ${where(earlier.at, item.at)})`);
      else {
        const host = { name: lower, at: item.at };
        hosts.push(host);
        byName.set(lower, host);
      }
    }
  }
  const hostSet = new Set(hosts.map((h) => h.name));

  for (const opt of global.values()) {
    if (opt.name === 'modules') checkModules(state, opt.value, '');
    else if (!['listen', 'host_config', 'append_host_config', 'hosts'].includes(opt.name)) {
      checkNestedDuplicates(state, opt.value, ` in option ${opt.name}`, false);
    }
  }
  const hostConfig = readHostConfig(state, global.get('host_config'), hostSet);
  const appendHostConfig = readHostConfig(state, global.get('append_host_config'), hostSet);
  for (const [host, opts] of hostConfig) {
    const modules = opts.get('modules');
    if (modules) checkModules(state, modules.value, ` for ${host}`);
  }
  for (const [host, opts] of appendHostConfig) {
    for (const opt of opts.values()) {
      if (opt.value.kind !== 'list' && opt.value.kind !== 'map') {
        // ejabberd_config:set_host_config/1 merge_conflict (23.01 src/ejabberd_config.erl:368-374).
        report(
          state,
          'config-error',
          opt.at,
          `Cannot merge value of option '${opt.name}' defined in append_host_config for virtual host ${host}: only options of type list or map are allowed in append_host_config`,
          'Specify the option in host_config',
        );
        continue;
      }
      if (opt.name === 'modules') {
        checkModules(state, opt.value, ` in append_host_config for ${host}`);
        const base = hostConfig.get(host)?.get('modules') ?? global.get('modules');
        checkAppendedModules(state, host, base?.value, opt.value);
      }
    }
  }
  const listeners = readListeners(state, global.get('listen'));
  const refused = state.diagnostics.some((d) => d.code === 'parse-error' || d.code === 'include-error' || d.code === 'config-error');
  const log = ejabberdLogLocation(options.files, mainVirtual);
  if (log.at !== undefined && !state.files.includes(log.at.file)) state.files.push(log.at.file);
  return {
    mainFile: main,
    files: state.files,
    global,
    hosts,
    hostConfig,
    appendHostConfig,
    listeners,
    macros: state.macros,
    diagnostics: state.diagnostics,
    refusedByServer: refused,
    log,
  };
}
