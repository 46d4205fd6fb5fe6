import os from 'node:os';
import path from 'node:path';
import { checkToolFile, readToolFile, toolDirectoryAccess, toolPathExists } from '../files/tool-files.js';
import type { CosmiconfigResult } from 'cosmiconfig';
import { CLAIMS, type ClaimSpec } from './claims.js';
import { collectProviderClaims, isProviderFile } from './provider-file.js';
import { DEFAULT_PROSODY_RELEASE, readConfigSettings, type ConfigDocument } from './config-settings.js';
import {
  describeFsError,
  displayPath,
  isPlainMapping,
  parseYamlTree,
  plainTree,
  readYamlTree,
  type LocatedTree,
  type TreePath,
} from './located-tree.js';
import { BUILTIN_CATALOGUE, collectPolicy, policyCatalogue, type PolicyCatalogue } from './policy.js';
import { ProblemList } from './problem-list.js';
import { DEFAULT_PROFILE, profilePath } from './profiles.js';
import { parseRuleOverride } from './rule-overrides.js';
import { UsageError, type ClaimName, type DeclaredClaim, type ResolvedConfig, type SeveritySetting } from './types.js';

/**
 * Finds, reads and checks the tool configuration and the declared policy (POLICY.md
 * "Where it lives"), merges the `extends` profile, and applies command-line overrides.
 *
 * Discovery is cosmiconfig's, with the search places POLICY.md lists. cosmiconfig 9 searches
 * only the start folder unless told otherwise ('none' is its default strategy; 'project' stops
 * at the first package.json, 'global' runs to the home folder and then reads a per-user
 * ~/.config/privacy-lint/ that would make CI and an admin's shell disagree). So this module
 * walks up itself, asking cosmiconfig one folder at a time: from the working folder up to and
 * including the nearest folder that holds `.git` (the repository root), else the home folder
 * when the working folder is inside it, else the filesystem root. The first folder holding any
 * search place wins; within a folder the order below decides.
 *
 * YAML and JSON files (also `.privacy-lintrc` and package.json) are parsed here with the
 * `yaml` package so every key keeps its line and column; cosmiconfig loads JS and TS modules,
 * whose values have no positions (line 1, column 1 of the file).
 */

export const MODULE_NAME = 'privacy-lint';

export const SEARCH_PLACES: readonly string[] = [
  `${MODULE_NAME}.config.yaml`,
  `${MODULE_NAME}.config.yml`,
  `${MODULE_NAME}.config.json`,
  `${MODULE_NAME}.config.js`,
  `${MODULE_NAME}.config.mjs`,
  `${MODULE_NAME}.config.cjs`,
  `${MODULE_NAME}.config.ts`,
  `.${MODULE_NAME}rc`,
  `.${MODULE_NAME}rc.yaml`,
  `.${MODULE_NAME}rc.yml`,
  `.${MODULE_NAME}rc.json`,
  // Last: a dedicated file in the same folder is more specific than a key in package.json.
  'package.json',
];

export interface LoadConfigOptions {
  /** Where the search starts and what relative command-line paths are relative to. */
  cwd: string;
  /** `--config FILE`: load this file instead of searching. */
  configFile?: string;
  /** `--policy FILE`: a YAML/JSON file holding the policy; replaces the configuration's `policy`. */
  policyFile?: string;
  /** `--rule ID=SEVERITY` flags, applied after the configuration's `rules`. */
  ruleOverrides?: string[];
  /** `--plugin` flags (absolute paths or package names), loaded after the configuration's `plugins`. */
  plugins?: string[];
  /**
   * Loads the plugins (the engine's business) and returns the claims they declare, so that the
   * policy can use them. Package names resolve from `base`: the configuration's folder, else cwd.
   */
  loadPlugins?: (specifiers: string[], base: string) => Promise<readonly ClaimSpec[]>;
}

export async function loadConfig(options: LoadConfigOptions): Promise<ResolvedConfig> {
  const cwd = path.resolve(options.cwd);
  const problems = new ProblemList();

  const overrides = new Map<string, SeveritySetting>();
  for (const flag of options.ruleOverrides ?? []) {
    try {
      const { id, severity } = parseRuleOverride(flag);
      overrides.set(id, severity);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      problems.addLine(error.message);
    }
  }

  const doc = await findConfig(cwd, options.configFile);
  const settings = doc ? readConfigSettings(doc, problems) : undefined;

  // Plugins come first: their claims are policy keys like the built-in ones.
  const plugins = [...(settings?.plugins ?? []), ...(options.plugins ?? [])];
  const pluginClaims = options.loadPlugins ? await options.loadPlugins(plugins, doc ? path.dirname(doc.tree.file) : cwd) : [];
  const catalogue = pluginClaims.length === 0 ? BUILTIN_CATALOGUE : policyCatalogue([...CLAIMS, ...pluginClaims]);

  // The user's own claims: --policy, else the configuration's `policy` (inline or a file).
  let user: PolicyRead | undefined;
  if (options.policyFile !== undefined) {
    user = await readPolicyFile(path.resolve(cwd, options.policyFile), cwd, problems, undefined, catalogue);
  } else if (doc && settings?.policy.kind === 'inline') {
    user = { file: doc.tree.file, claims: collectPolicy(doc.tree, 'policy', settings.policy.at, problems, catalogue), tree: doc.tree, at: settings.policy.at };
  } else if (doc && settings?.policy.kind === 'file') {
    user = await readPolicyFile(settings.policy.file, cwd, problems, { tree: doc.tree, at: settings.policy.at }, catalogue);
  } else if (doc && !declaresPolicyOrExtends(doc)) {
    problems.addLine(`${describeDocument(doc)}: declares no policy; add \`policy:\` or \`extends: ${DEFAULT_PROFILE}\``);
  }

  const usedDefaultProfile = !doc && options.policyFile === undefined;
  const profileName = usedDefaultProfile ? DEFAULT_PROFILE : settings?.extends?.name;
  const profile = profileName === undefined ? undefined : await readProfile(profileName, cwd, problems);

  const claims = mergeClaims(catalogue, profile?.claims, user?.claims);
  if (claims.size === 0 && problems.size === 0) {
    // Only reachable with an empty user policy and no profile: nothing would be checked.
    const message = `declares no claims; declare at least one (see docs/policy.md) or add \`extends: ${DEFAULT_PROFILE}\``;
    if (user?.tree) problems.add(user.tree, user.at, message);
    else problems.addLine(`${displayPath(user?.file ?? cwd, cwd)}: ${message}`);
  }
  problems.throwIfAny();

  const policyFile = user?.file ?? profile?.file;
  // Unreachable: either the user's policy, a profile, or a problem thrown above.
  if (policyFile === undefined) throw new Error('loadConfig: no policy source');

  const ruleSeverities = new Map(settings?.rules);
  for (const [id, severity] of overrides) ruleSeverities.set(id, severity);

  return {
    configFile: doc?.tree.file,
    policyFile,
    usedDefaultProfile,
    claims,
    versions: settings?.versions ?? { prosody: DEFAULT_PROSODY_RELEASE },
    ruleSeverities,
    sources: settings?.sources ?? {},
    plugins,
    strictRetention: settings?.strictRetention ?? false,
    ...(user?.providerFile && { providerFile: user.file }),
  };
}

interface PolicyRead {
  file: string;
  claims: Map<ClaimName, DeclaredClaim>;
  /** Where the policy mapping is, for messages about it as a whole. */
  tree?: LocatedTree;
  at: TreePath;
  /** Read from an XMPP Providers provider file (--policy xmpp-provider-v2.json). */
  providerFile?: boolean;
}

/** The configuration document, or undefined when the search finds none. */
async function findConfig(cwd: string, configFile: string | undefined): Promise<ConfigDocument | undefined> {
  const trees = new Map<string, LocatedTree>();
  const loadPositioned = (filepath: string, content: string): unknown => {
    const tree = parseYamlTree(filepath, displayPath(filepath, cwd), content);
    trees.set(filepath, tree);
    // undefined, not null: cosmiconfig skips a null result and searches on, but a file
    // holding only comments is still the user's configuration (it then declares nothing).
    return tree.value ?? undefined;
  };
  if (configFile !== undefined && /\.(ya?ml|json)$/.test(configFile) && path.basename(configFile) !== 'package.json') {
    // A named YAML/JSON file needs no discovery: read it directly and spare every run the
    // cost of loading cosmiconfig (cold start is measured in bench/).
    const file = path.resolve(cwd, configFile);
    const content = await withUsageErrors(file, cwd, () => Promise.resolve(readToolFile(file)), '--config ');
    loadPositioned(file, content);
    const tree = trees.get(file);
    if (tree) return { tree, base: [] };
  }
  const { cosmiconfig } = await import('./cosmiconfig-module.js');
  const explorer = cosmiconfig(MODULE_NAME, {
    searchPlaces: [...SEARCH_PLACES],
    searchStrategy: 'none',
    ignoreEmptySearchPlaces: false,
    cache: false,
    // Any other extension given to --config is read as YAML too.
    loaders: { '.yaml': loadPositioned, '.yml': loadPositioned, '.json': loadPositioned, noExt: loadPositioned, default: loadPositioned },
  });

  let result: CosmiconfigResult;
  if (configFile !== undefined) {
    const file = path.resolve(cwd, configFile);
    result = await withUsageErrors(file, cwd, () => {
      // A FIFO or device named by --config would block cosmiconfig's read forever.
      checkToolFile(file);
      return explorer.load(file);
    }, '--config ');
    if (result === null) {
      throw new UsageError(`--config ${displayPath(file, cwd)}: has no "${MODULE_NAME}" key`);
    }
  } else {
    result = null;
    for (const directory of searchDirectories(cwd)) {
      refuseForeignScript(directory, cwd);
      result = await withUsageErrors(directory, cwd, () => explorer.search(directory), '');
      if (result !== null) break;
    }
    if (result === null) return undefined;
  }

  const file = result.filepath;
  const tree = trees.get(file);
  if (tree) return { tree, base: path.basename(file) === 'package.json' ? [MODULE_NAME] : [] };
  return { tree: plainTree(file, displayPath(file, cwd), result.config as unknown), base: [] };
}

/** cosmiconfig and module loading throw plain errors; the user sees them as UsageErrors. */
async function withUsageErrors<T>(target: string, cwd: string, load: () => Promise<T>, flag: string): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const failed = (error as { filepath?: unknown } | undefined)?.filepath;
    const file = typeof failed === 'string' ? failed : target;
    const reason = code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES' ? describeFsError(error) : `cannot be loaded: ${describeFsError(error)}`;
    throw new UsageError(`${flag}${displayPath(file, cwd)}: ${reason}`);
  }
}

/**
 * From `start` up to the repository root, else the home folder, else the filesystem root; but
 * never into a folder that others may write to (/tmp, a shared upload folder): a file planted
 * there must not become the policy, or code run by a tool that usually runs as root.
 */
function* searchDirectories(start: string): Generator<string> {
  const home = os.homedir();
  let directory = start;
  for (;;) {
    if (writableByOthers(directory)) return;
    yield directory;
    if (toolPathExists(path.join(directory, '.git')) || directory === home) return;
    const parent = path.dirname(directory);
    if (parent === directory) return;
    directory = parent;
  }
}

/**
 * Writable by others than its owner: any user (o+w, sticky or not), or a group that is not the
 * caller's own (a user-private group with umask 002 makes every folder of its user g+w).
 */
function writableByOthers(directory: string): boolean {
  const access = toolDirectoryAccess(directory);
  if (!access) return true;
  if ((access.mode & 0o002) !== 0) return true;
  return (access.mode & 0o020) !== 0 && access.gid !== 0 && access.gid !== process.getgid?.();
}

/**
 * A JavaScript or TypeScript configuration is code: found by the search, it runs only from a
 * folder owned by the caller or by root. Another user's script is refused, not skipped (skipping
 * would silently judge against another policy); naming it with --config trusts it.
 */
function refuseForeignScript(directory: string, cwd: string): void {
  const owner = toolDirectoryAccess(directory)?.uid;
  if (owner === undefined || owner === 0 || owner === process.getuid?.()) return;
  const script = SEARCH_PLACES.find((name) => SCRIPT_EXTENSIONS.has(path.extname(name)) && toolPathExists(path.join(directory, name)));
  if (script === undefined) return;
  throw new UsageError(
    `${displayPath(path.join(directory, script), cwd)}: a JavaScript configuration is code, and its folder belongs to another user (uid ${owner}): ` +
      `privacy-lint does not run it; name it with --config to trust it, or use a YAML configuration`,
  );
}

function declaresPolicyOrExtends(doc: ConfigDocument): boolean {
  let root: unknown = doc.tree.value;
  for (const step of doc.base) root = isPlainMapping(root) ? root[step] : undefined;
  return isPlainMapping(root) && (Object.hasOwn(root, 'policy') || Object.hasOwn(root, 'extends'));
}

function describeDocument(doc: ConfigDocument): string {
  return doc.base.length > 0 ? `${doc.tree.display} ("${doc.base.join('.')}" key)` : doc.tree.display;
}

const SCRIPT_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts']);

/**
 * A file that holds only the policy. A file with a top-level `policy:` key is accepted too
 * (the claims are under it), but then it may hold nothing else: `extends`, `rules` and the
 * other settings belong in the configuration, and silently ignoring them would mislead.
 */
async function readPolicyFile(
  file: string,
  cwd: string,
  problems: ProblemList,
  referrer: { tree: LocatedTree; at: TreePath } | undefined,
  catalogue: PolicyCatalogue,
): Promise<PolicyRead> {
  const empty: PolicyRead = { file, claims: new Map(), at: [] };
  const where = (message: string): void => {
    if (referrer) problems.add(referrer.tree, referrer.at, `${displayPath(file, cwd)}: ${message}`);
    else problems.addLine(`--policy ${displayPath(file, cwd)}: ${message}`);
  };
  if (SCRIPT_EXTENSIONS.has(path.extname(file))) {
    where('a policy file is YAML or JSON, not a script');
    return empty;
  }
  if (!toolPathExists(file)) {
    where('file not found');
    return empty;
  }
  let tree: LocatedTree;
  try {
    tree = await readYamlTree(file, cwd);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    problems.addLine(error.message);
    return empty;
  }
  if (isProviderFile(tree.value)) {
    return { file, claims: collectProviderClaims(tree, problems), tree, at: [], providerFile: true };
  }
  let at: TreePath = [];
  if (isPlainMapping(tree.value) && Object.hasOwn(tree.value, 'policy')) {
    at = ['policy'];
    for (const key of Object.keys(tree.value)) {
      if (key !== 'policy') {
        problems.add(tree, [key], 'a policy file holds only the policy; move this key to the privacy-lint configuration');
      }
    }
  }
  return { file, claims: collectPolicy(tree, 'policy', at, problems, catalogue), tree, at };
}

export async function readProfile(
  name: string,
  cwd: string,
  problems: ProblemList,
): Promise<{ file: string; claims: Map<ClaimName, DeclaredClaim> } | undefined> {
  const file = profilePath(name);
  // config-settings checked the name against the same listing; this is a broken installation.
  if (file === undefined) throw new Error(`loadConfig: built-in profile ${name} is missing`);
  const tree = await readYamlTree(file, cwd);
  return { file, claims: collectPolicy(tree, 'profile', [], problems) };
}

/** Profile claims overridden claim by claim by the user's, in catalogue order. */
function mergeClaims(
  catalogue: PolicyCatalogue,
  profile: Map<ClaimName, DeclaredClaim> | undefined,
  user: Map<ClaimName, DeclaredClaim> | undefined,
): Map<ClaimName, DeclaredClaim> {
  const merged = new Map<ClaimName, DeclaredClaim>();
  for (const spec of catalogue.specs) {
    const claim = user?.get(spec.name) ?? profile?.get(spec.name);
    if (claim) merged.set(spec.name, claim);
  }
  return merged;
}
