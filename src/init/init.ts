import path from 'node:path';
import { DEFAULT_PROSODY_RELEASE } from '../config/config-settings.js';
import { readProfile } from '../config/load-config.js';
import { ProblemList } from '../config/problem-list.js';
import { DEFAULT_PROFILE } from '../config/profiles.js';
import { UsageError, type ClaimName, type DeclaredClaim } from '../config/types.js';
import { readInventory, unconfigured } from '../engine/read-inventory.js';
import { builtinRules } from '../engine/rule-registry.js';
import { createToolFile } from '../files/tool-files.js';
import { probeClaims } from './probe-claims.js';
import { renderInitConfig } from './render-init-config.js';

/** The file `init` writes: the first name cosmiconfig's search finds for a YAML configuration. */
export const INIT_FILE = 'privacy-lint.config.yaml';

export interface InitOptions {
  /** Where the configuration is written. */
  cwd: string;
  /** --root, absolute. */
  root: string;
  /** --force: replace an existing configuration. */
  force?: boolean;
}

export interface InitResult {
  file: string;
  text: string;
  declared: number;
  leftOut: number;
  /** True when no server configuration was found and the file extends `recommended`. */
  extendsRecommended: boolean;
}

/**
 * `privacy-lint init`: reads the server under --root as `lint` does (standard locations, the
 * release defaults lint assumes without `versions:`) and writes its practices back as a policy.
 */
export async function init(options: InitOptions): Promise<InitResult> {
  const file = path.join(options.cwd, INIT_FILE);
  const base = unconfigured(file);
  const inventory = await readInventory(options.root, base);
  const decisions = probeClaims(builtinRules(), inventory, base);
  const profile = await readProfile(DEFAULT_PROFILE, options.cwd, new ProblemList());
  const readProsody = inventory.sources.some((s) => s.kind === 'prosody' && s.status !== 'missing');
  const text = renderInitConfig(decisions, {
    root: options.root,
    file,
    sources: inventory.sources,
    recommended: profile?.claims ?? new Map<ClaimName, DeclaredClaim>(),
    ...(readProsody && { prosodyRelease: DEFAULT_PROSODY_RELEASE }),
  });
  try {
    createToolFile(file, text, options.force === true);
  } catch (error) {
    if ((error as { code?: string }).code === 'EEXIST') throw new UsageError(`${INIT_FILE} already exists in ${options.cwd}; use --force to replace it`);
    throw new UsageError(`cannot write ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  // The same test renderInitConfig makes: nothing read, or nothing that shows a claim.
  const extendsRecommended = !inventory.sources.some((s) => s.status !== 'missing') || decisions.every((d) => d.value === undefined);
  return {
    file,
    text,
    declared: extendsRecommended ? 0 : decisions.filter((d) => d.value !== undefined).length,
    leftOut: extendsRecommended ? 0 : decisions.filter((d) => d.value === undefined).length,
    extendsRecommended,
  };
}
