/* eslint-disable @typescript-eslint/no-unnecessary-condition -- this module checks what plugins export: they are JavaScript, so the types say what a plugin should send, not what it does */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CLAIMS, type ClaimSpec } from '../config/claims.js';
import { UsageError } from '../config/types.js';
import { readToolFile } from '../files/tool-files.js';
import { defineRule } from './define-rule.js';
import type { Plugin, PluginClaim } from './plugin.js';
import type { Rule } from './types.js';

/** The plugins of one run, checked: rules namespaced, claims as catalogue entries. */
export interface LoadedPlugins {
  names: string[];
  rules: Rule[];
  claims: ClaimSpec[];
}

const PLUGIN_NAME = /^[a-z0-9][a-z0-9-]*$/;
const RULE_ID = /^[a-z0-9][a-z0-9-]*$/;
/** A policy key is a leaf (`cookies`) or one group and a member (`groupchat.publicLogs`). */
const CLAIM_NAME = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)?$/;
const SEVERITIES = ['error', 'warning', 'info'];
const TS_EXTENSIONS = new Set(['.ts', '.mts', '.cts']);

/**
 * Loads plugin modules (docs/plugins.md), or checks plugin objects: package names are resolved from `base` (the
 * configuration's folder, else the working folder), paths are absolute; ESM and CommonJS are
 * imported, TypeScript is transpiled the way cosmiconfig loads a `.ts` configuration. Every
 * problem is a UsageError naming the plugin and what is wrong; the cause (with its stack) is kept
 * for DEBUG=1.
 */
export async function loadPlugins(specifiers: readonly (string | Plugin)[], base: string): Promise<LoadedPlugins> {
  const loaded: LoadedPlugins = { names: [], rules: [], claims: [] };
  const owners = new Map<string, string>();
  for (const spec of CLAIMS) owners.set(spec.name, 'privacy-lint');
  // The same module named in the configuration and with --plugin is loaded once.
  for (const entry of [...new Set(specifiers)]) {
    // Plugins given as objects (RuleTester, programs using the API) are checked like loaded ones.
    const specifier = typeof entry === 'string' ? entry : `given as an object (${String((entry as { name?: unknown })?.name)})`;
    const exported = typeof entry === 'string' ? await importPlugin(entry, base) : entry;
    const plugin = checkShape(exported, specifier);
    if (loaded.names.includes(plugin.name)) throw new UsageError(`plugin ${plugin.name} (${specifier}): another plugin has the same name`);
    loaded.names.push(plugin.name);
    for (const [name, claim] of Object.entries(plugin.claims ?? {})) {
      loaded.claims.push(claimSpecOf(plugin.name, name, claim, owners));
      owners.set(name, plugin.name);
    }
    const ids = new Set<string>();
    for (const [index, rule] of plugin.rules.entries()) {
      const namespaced = checkRule(plugin.name, rule, index, owners);
      if (ids.has(namespaced.meta.id)) throw new UsageError(`plugin ${plugin.name}: rule id ${namespaced.meta.id} is declared twice`);
      ids.add(namespaced.meta.id);
      loaded.rules.push(namespaced);
    }
  }
  return loaded;
}

async function importPlugin(specifier: string, base: string): Promise<unknown> {
  try {
    const file = path.isAbsolute(specifier) ? specifier : resolvePackage(specifier, base);
    if (file !== undefined && TS_EXTENSIONS.has(path.extname(file))) {
      const { defaultLoaders } = await import('../config/cosmiconfig-module.js');
      return await defaultLoaders['.ts'](file, readToolFile(file));
    }
    const module = (await import(file === undefined ? specifier : pathToFileURL(file).href)) as { default?: unknown };
    return module.default ?? module;
  } catch (error) {
    const code = (error as { code?: unknown } | undefined)?.code;
    const missing = !path.isAbsolute(specifier) && (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND');
    const message = missing ? `no package ${specifier} is installed where ${base} can find it (npm install it there)` : error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UsageError(`plugin ${specifier} could not be loaded: ${message}`, { cause: error });
  }
}

/** A package as the configuration's folder sees it; undefined leaves it to import() (ESM-only exports). */
function resolvePackage(name: string, base: string): string | undefined {
  try {
    return createRequire(path.join(base, 'noop.js')).resolve(name);
  } catch {
    return undefined;
  }
}

function checkShape(exported: unknown, specifier: string): Plugin {
  const plugin = exported as Partial<Plugin> | undefined;
  const expected = 'expected a default export definePlugin({ name, claims, rules })';
  if (typeof plugin !== 'object' || plugin === null) throw new UsageError(`plugin ${specifier}: exports ${describe(exported)}; ${expected}`);
  if (typeof plugin.name !== 'string' || !PLUGIN_NAME.test(plugin.name)) {
    throw new UsageError(`plugin ${specifier}: name ${describe(plugin.name)} is not allowed; expected lower-case letters, digits and hyphens (${expected})`);
  }
  if (!Array.isArray(plugin.rules)) throw new UsageError(`plugin ${plugin.name}: rules is ${describe(plugin.rules)}; expected a list of rules`);
  if (plugin.claims !== undefined && (typeof plugin.claims !== 'object' || plugin.claims === null || Array.isArray(plugin.claims))) {
    throw new UsageError(`plugin ${plugin.name}: claims is ${describe(plugin.claims)}; expected a mapping of claim name to { type, description }`);
  }
  return plugin as Plugin;
}

function claimSpecOf(pluginName: string, name: string, claim: PluginClaim, owners: Map<string, string>): ClaimSpec {
  const where = `plugin ${pluginName}: claim ${name}`;
  if (!CLAIM_NAME.test(name)) throw new UsageError(`${where}: not allowed; a claim is a key (cookies) or a group and a key (groupchat.publicLogs)`);
  const owner = owners.get(name) ?? clashingGroup(name, owners);
  if (owner !== undefined) throw new UsageError(`${where}: clashes with a claim of ${owner === 'privacy-lint' ? 'privacy-lint itself' : `plugin ${owner}`}`);
  const description = typeof claim?.description === 'string' ? claim.description : '';
  if (description === '') throw new UsageError(`${where}: needs a description (the promise, in one line)`);
  switch (claim.type) {
    case 'boolean': {
      const least = claim.leastInvasive ?? false;
      return { name, type: 'boolean', description, byInvasiveness: [least, !least] };
    }
    case 'duration':
      return { name, type: 'duration', description };
    case 'enum': {
      const values = claim.values as unknown;
      if (!Array.isArray(values) || values.length === 0 || !values.every((v) => typeof v === 'string' && v !== '')) {
        throw new UsageError(`${where}: an enum claim needs values, a list of strings from least to most invasive`);
      }
      return { name, type: 'enum', description, values, byInvasiveness: values };
    }
    default:
      throw new UsageError(`${where}: type ${describe((claim as { type?: unknown })?.type)} is not allowed; expected boolean, duration or enum`);
  }
}

/** A leaf named like an existing group (`backups`), or a member under an existing leaf (`passwords.x`). */
function clashingGroup(name: string, owners: Map<string, string>): string | undefined {
  const [group] = name.split('.');
  for (const [existing, owner] of owners) {
    const [existingGroup] = existing.split('.');
    if (name.includes('.') !== existing.includes('.') && group === existingGroup) return owner;
  }
  return undefined;
}

function checkRule(pluginName: string, value: unknown, index: number, owners: Map<string, string>): Rule {
  const rule = value as { meta?: Partial<Rule['meta']>; check?: unknown } | undefined;
  const meta = rule?.meta;
  const id = typeof meta?.id === 'string' ? meta.id.replace(new RegExp(`^${pluginName}/`), '') : undefined;
  const where = `plugin ${pluginName}: rule ${id ?? `#${index + 1}`}`;
  if (id === undefined || !RULE_ID.test(id)) throw new UsageError(`${where}: meta.id ${describe(meta?.id)} is not allowed; expected lower-case letters, digits and hyphens`);
  if (typeof rule?.check !== 'function') throw new UsageError(`${where}: check is ${describe(rule?.check)}; expected a function check(context)`);
  if (typeof meta?.description !== 'string' || meta.description === '') throw new UsageError(`${where}: meta.description is missing; one sentence, shown by privacy-lint rules`);
  if (!Array.isArray(meta.claims) || !meta.claims.every((c) => typeof c === 'string')) {
    throw new UsageError(`${where}: meta.claims is ${describe(meta.claims)}; expected a list of claim names`);
  }
  for (const claim of meta.claims) {
    if (!owners.has(claim)) throw new UsageError(`${where}: judges claim ${claim}, which neither privacy-lint nor a plugin loaded before declares`);
  }
  if (meta.defaultSeverity !== undefined && !SEVERITIES.includes(meta.defaultSeverity)) {
    throw new UsageError(`${where}: meta.defaultSeverity ${describe(meta.defaultSeverity)} is not allowed; expected ${SEVERITIES.join(', ')}`);
  }
  const checked = defineRule({
    meta: { ...meta, id, claims: meta.claims, description: meta.description },
    check: rule.check as Rule['check'],
  });
  // eslint-disable-next-line @typescript-eslint/unbound-method -- a rule's check is a plain function (defineRule's shape), called without `this`
  return { meta: { ...checked.meta, id: `${pluginName}/${id}` }, check: checked.check };
}

function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') return 'an object';
  return JSON.stringify(value);
}
