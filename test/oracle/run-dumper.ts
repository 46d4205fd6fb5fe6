import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { programsMissing } from '../helpers/require-program.js';
import type { Json } from './lua-value-json.js';

/** Debian's Prosody (package prosody 0.12.3); the oracle needs its core/configmanager.lua. */
export const PROSODY_SOURCE_DIR = '/usr/lib/prosody';
export const LUA = 'lua5.4';
export const DUMPER = fileURLToPath(new URL('./dump-prosody-config.lua', import.meta.url));
const TIMEOUT_MS = 20_000;

export type DumpResult = (
  | {
      ok: true;
      /** Files Prosody read, in the order it finished them (an included file before its includer). */
      files: string[];
      warnings: string[];
      sections: Record<string, Record<string, Json>>;
    }
  | { ok: false; error: string }
  | { ok: false; skipped: string }
) & {
  prosodyVersion: string;
  /** Environment variables the config read that were unset (the oracle passes only PATH). */
  unsetEnv: string[];
};

/** Why the oracle cannot run here, or undefined when lua5.4 and Prosody are both present. */
export function oracleUnavailable(): string | undefined {
  if (!existsSync(`${PROSODY_SOURCE_DIR}/core/configmanager.lua`)) {
    return `Prosody not found (${PROSODY_SOURCE_DIR}/core/configmanager.lua)`;
  }
  return programsMissing(LUA);
}

/**
 * Runs Prosody's own config loader on `configFile`, allowed to read only under `root`.
 * The environment is emptied except PATH: no PROSODY_*, no LUA_INIT/LUA_PATH, and every
 * `ENV_X` in a config reads as nil (0.12 core/configmanager.lua:128-130 → os.getenv), so the
 * result does not depend on the machine running the test.
 */
export function dumpWithProsody(configFile: string, root: string): DumpResult {
  const run = spawnSync(LUA, [DUMPER, PROSODY_SOURCE_DIR, configFile, '--root', root], {
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw new Error(`${LUA} ${DUMPER} ${configFile}: ${run.error.message}`);
  if (run.status !== 0) {
    throw new Error(`${LUA} ${DUMPER} ${configFile} exited ${String(run.status)}: ${run.stderr}`);
  }
  return JSON.parse(run.stdout) as DumpResult;
}
