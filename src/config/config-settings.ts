import path from 'node:path';
import type { SourceKind } from '../inventory/inventory.js';
import { isPlainMapping, valueAt, type LocatedTree, type TreePath } from './located-tree.js';
import { unknownKey } from './policy.js';
import { describeValue, type ProblemList } from './problem-list.js';
import { listProfiles } from './profiles.js';
import type { ProsodyRelease, SeveritySetting, Versions } from './types.js';
import { KIND_NAMES, NAMEABLE_KINDS } from '../discover/recognise-kind.js';
import { OTHER_SOFTWARE, RELEASE_TEXT, type OtherSoftware } from './software-releases.js';

/**
 * The top-level keys of a privacy-lint configuration (POLICY.md "Where it lives"), checked
 * one by one. The policy itself is only located here; policy.ts reads it.
 */

/** A configuration document and where the configuration sits in it ([] or ['privacy-lint']). */
export interface ConfigDocument {
  tree: LocatedTree;
  base: TreePath;
}

export type PolicyReference =
  | { kind: 'none' }
  /** `policy:` holds the claims; `at` is the policy key's path in the tree. */
  | { kind: 'inline'; at: TreePath }
  /** `policy: path/to/policy.yaml`, resolved against the configuration's folder. */
  | { kind: 'file'; file: string; at: TreePath };

export interface ConfigSettings {
  extends: { name: string; at: TreePath } | undefined;
  policy: PolicyReference;
  versions: Versions;
  rules: Map<string, SeveritySetting>;
  sources: Partial<Record<SourceKind, string[]>>;
  plugins: string[];
  strictRetention: boolean;
}

export const CONFIG_KEYS = ['extends', 'versions', 'policy', 'rules', 'sources', 'plugins', 'strictRetention'] as const;

/** Releases whose defaults the tool knows, oldest first. Unset means the newest. */
export const PROSODY_RELEASES: readonly ProsodyRelease[] = ['0.12', '13.0'];
export const DEFAULT_PROSODY_RELEASE: ProsodyRelease = '13.0';

// Every software privacy-lint reads can be named under `sources:` (recognise-kind.ts); the
// backup tools' names share the kind `backup`.
export const SOURCE_KINDS = KIND_NAMES;

/** Every software privacy-lint reads has a key under `versions:` (POLICY.md). */
export const VERSION_KEYS: readonly string[] = ['prosody', 'ejabberd', ...OTHER_SOFTWARE];

export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'info', 'off'];

export function isSeveritySetting(s: string): s is SeveritySetting {
  return (SEVERITY_SETTINGS as readonly string[]).includes(s);
}

/** "0.12", "0.12.3" → "0.12"; "13", "13.0", "13.0.1" → "13.0"; anything else undefined. */
export function normaliseProsodyRelease(text: string): ProsodyRelease | undefined {
  const trimmed = text.trim();
  if (/^0\.12(\.\d+)?$/.test(trimmed)) return '0.12';
  if (/^13(\.0(\.\d+)?)?$/.test(trimmed)) return '13.0';
  return undefined;
}

export function readConfigSettings(doc: ConfigDocument, problems: ProblemList): ConfigSettings {
  const { tree, base } = doc;
  const settings: ConfigSettings = {
    extends: undefined,
    policy: { kind: 'none' },
    versions: { prosody: DEFAULT_PROSODY_RELEASE },
    rules: new Map(),
    sources: {},
    plugins: [],
    strictRetention: false,
  };
  const root = valueAt(tree, base);
  // An empty file is a configuration with no settings; the loader then says what is missing.
  if (root === null || root === undefined) return settings;
  if (!isPlainMapping(root)) {
    problems.add(tree, base, `${describeValue(root)} is not allowed; expected a mapping of settings (${CONFIG_KEYS.join(', ')})`);
    return settings;
  }
  const directory = path.dirname(tree.file);
  for (const [key, value] of Object.entries(root)) {
    const at = [...base, key];
    switch (key) {
      case 'extends':
        settings.extends = readExtends(tree, at, value, problems);
        break;
      case 'versions':
        readVersions(tree, at, value, problems, settings.versions);
        break;
      case 'policy':
        settings.policy = readPolicyReference(tree, at, value, directory, problems);
        break;
      case 'rules':
        readRules(tree, at, value, problems, settings.rules);
        break;
      case 'sources':
        settings.sources = readSources(tree, at, value, directory, problems);
        break;
      case 'plugins':
        settings.plugins = readPlugins(tree, at, value, directory, problems);
        break;
      case 'strictRetention':
        if (typeof value === 'boolean') settings.strictRetention = value;
        else problems.add(tree, at, `${describeValue(value)} is not allowed; expected true or false`);
        break;
      default:
        problems.add(tree, at, unknownKey(key, CONFIG_KEYS));
    }
  }
  return settings;
}

function readExtends(tree: LocatedTree, at: TreePath, value: unknown, problems: ProblemList): ConfigSettings['extends'] {
  const available = listProfiles();
  if (typeof value === 'string' && available.includes(value)) return { name: value, at };
  problems.add(tree, at, `${describeValue(value)} is not a built-in profile; available: ${available.join(', ')}`);
  return undefined;
}

function readVersions(
  tree: LocatedTree,
  at: TreePath,
  value: unknown,
  problems: ProblemList,
  versions: ConfigSettings['versions'],
): void {
  if (!isPlainMapping(value)) {
    problems.add(tree, at, `${describeValue(value)} is not allowed; expected a mapping with the keys ${VERSION_KEYS.join(', ')}`);
    return;
  }
  for (const [software, release] of Object.entries(value)) {
    const releaseAt = [...at, software];
    // YAML reads `prosody: 0.12` as a number and `23.10` as 23.1: take the text as written.
    const text =
      typeof release === 'string' ? release : typeof release === 'number' ? (tree.sourceText(releaseAt) ?? String(release)) : undefined;
    if (software === 'prosody') {
      const normalised = text === undefined ? undefined : normaliseProsodyRelease(text);
      if (normalised) versions.prosody = normalised;
      else {
        problems.add(
          tree,
          releaseAt,
          `${text === undefined ? describeValue(release) : JSON.stringify(text)} is not a supported Prosody release; ` +
            `expected one of ${PROSODY_RELEASES.join(', ')} (patch releases such as 0.12.3 or 13.0.1 are accepted)`,
        );
      }
    } else if (software === 'ejabberd') {
      // Kept for the ejabberd interpreter; which releases it knows is its business.
      if (text !== undefined && text.trim() !== '') versions.ejabberd = text.trim();
      else problems.add(tree, releaseAt, `${describeValue(release)} is not allowed; expected a release such as "23.01"`);
    } else if ((OTHER_SOFTWARE as string[]).includes(software)) {
      const trimmed = text?.trim();
      if (trimmed !== undefined && RELEASE_TEXT.test(trimmed)) versions[software as OtherSoftware] = trimmed;
      else problems.add(tree, releaseAt, `${text === undefined ? describeValue(release) : JSON.stringify(text)} is not allowed; expected a release such as "1.22.1"`);
    } else {
      problems.add(tree, releaseAt, unknownKey(software, VERSION_KEYS));
    }
  }
}

function readPolicyReference(
  tree: LocatedTree,
  at: TreePath,
  value: unknown,
  directory: string,
  problems: ProblemList,
): PolicyReference {
  if (isPlainMapping(value)) return { kind: 'inline', at };
  if (typeof value === 'string' && value.trim() !== '') return { kind: 'file', file: path.resolve(directory, value.trim()), at };
  const expected = 'expected a mapping of claims, or the path of a YAML/JSON policy file';
  problems.add(tree, at, value === null || value === undefined ? `has no value; ${expected}` : `${describeValue(value)} is not allowed; ${expected}`);
  return { kind: 'none' };
}

function readRules(
  tree: LocatedTree,
  at: TreePath,
  value: unknown,
  problems: ProblemList,
  rules: Map<string, SeveritySetting>,
): void {
  if (!isPlainMapping(value)) {
    problems.add(tree, at, `${describeValue(value)} is not allowed; expected a mapping of rule id to ${SEVERITY_SETTINGS.join(' | ')}`);
    return;
  }
  // Rule ids are the engine's to check: plugins add rules this module does not know.
  for (const [id, severity] of Object.entries(value)) {
    if (typeof severity === 'string' && isSeveritySetting(severity)) rules.set(id, severity);
    else problems.add(tree, [...at, id], `${describeValue(severity)} is not allowed; expected one of ${SEVERITY_SETTINGS.join(', ')}`);
  }
}

function readSources(
  tree: LocatedTree,
  at: TreePath,
  value: unknown,
  directory: string,
  problems: ProblemList,
): ConfigSettings['sources'] {
  const sources: ConfigSettings['sources'] = {};
  if (!isPlainMapping(value)) {
    problems.add(tree, at, `${describeValue(value)} is not allowed; expected a mapping of kind (${SOURCE_KINDS.join(', ')}) to a path or a list of paths`);
    return sources;
  }
  for (const [kind, paths] of Object.entries(value)) {
    const kindAt = [...at, kind];
    const sourceKind = NAMEABLE_KINDS[kind];
    if (sourceKind === undefined) {
      problems.add(tree, kindAt, `unknown source kind; known kinds: ${SOURCE_KINDS.join(', ')}`);
      continue;
    }
    const list = readPathList(tree, kindAt, paths, problems, 'a path or a list of paths');
    sources[sourceKind] = [...(sources[sourceKind] ?? []), ...list.map((p) => path.resolve(directory, p))];
  }
  return sources;
}

function readPlugins(tree: LocatedTree, at: TreePath, value: unknown, directory: string, problems: ProblemList): string[] {
  if (!Array.isArray(value)) {
    problems.add(tree, at, `${describeValue(value)} is not allowed; expected a list of module names or ./relative paths`);
    return [];
  }
  // Only ./ and ../ are paths (relative to this configuration); a bare name is a package
  // that Node resolves, an absolute path stays as it is.
  return readPathList(tree, at, value, problems, 'a module name or a path').map((specifier) =>
    /^\.\.?[\\/]/.test(specifier) ? path.resolve(directory, specifier) : specifier,
  );
}

/** A string or a list of strings; each empty or non-string item is a problem at its position. */
function readPathList(tree: LocatedTree, at: TreePath, value: unknown, problems: ProblemList, what: string): string[] {
  if (typeof value === 'string' && value.trim() !== '') return [value.trim()];
  if (!Array.isArray(value)) {
    problems.add(tree, at, `${describeValue(value)} is not allowed; expected ${what}`);
    return [];
  }
  const list: string[] = [];
  value.forEach((item: unknown, index) => {
    if (typeof item === 'string' && item.trim() !== '') list.push(item.trim());
    else problems.add(tree, [...at, index], `${describeValue(item)} is not allowed; expected ${what}`);
  });
  return list;
}
