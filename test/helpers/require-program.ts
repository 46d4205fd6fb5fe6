import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { it } from 'vitest';

/**
 * The one guard for tests that need a real program as an oracle, or a file an installed Debian
 * package ships (/etc/nginx/nginx.conf, /usr/lib/prosody/...). Without it a test is skipped
 * with a message locally, but under CI=true it fails: CI installs every package (.ci/run), so an
 * absent oracle there is a broken CI, never a reason to pass.
 */

/** CI=true (or any value but "", "0", "false"), as CI services set it. */
export function underCi(): boolean {
  const ci = process.env['CI'];
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The absolute path of `program` found on PATH (the way a shell would), or undefined. Looking
 * it up on PATH (not at a fixed /usr/sbin/...) is what lets a run with PATH stripped show that
 * the guard fails under CI.
 */
export function findProgram(program: string): string | undefined {
  if (isAbsolute(program)) return isExecutableFile(program) ? program : undefined;
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, program);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/** Why these programs cannot be run ("nginx not found on PATH"), or undefined when all can. */
export function programsMissing(...programs: string[]): string | undefined {
  const absent = programs.filter((p) => findProgram(p) === undefined);
  return absent.length > 0 ? `${absent.join(', ')} not found on PATH` : undefined;
}

/** Why these installed files are unusable ("/etc/nginx/nginx.conf is absent"), or undefined. */
export function filesMissing(...files: string[]): string | undefined {
  const absent = files.filter((f) => !existsSync(f));
  return absent.length > 0 ? `${absent.join(', ')} ${absent.length > 1 ? 'are' : 'is'} absent` : undefined;
}

/** The first reason given, or undefined when none is. */
export function firstMissing(...reasons: (string | undefined)[]): string | undefined {
  return reasons.find((r) => r !== undefined);
}

const installHint = (packages: string[]): string => `apt-get install ${packages.join(' ')}`;

/**
 * Call while collecting a describe block. `missing` is why the oracle cannot run (undefined:
 * it can). Returns true when the block should go on; otherwise registers one test, skipped
 * with the reason locally, failing with it under CI, and returns false (the caller returns).
 */
export function requireOracle(missing: string | undefined, packages: string[]): boolean {
  if (missing === undefined) return true;
  const message = `${missing} (Debian: ${installHint(packages)})`;
  if (underCi()) {
    it(`needs ${packages.join(', ')} (CI installs it)`, () => {
      throw new Error(`${message}: under CI=true a missing oracle fails instead of skipping`);
    });
  } else {
    it.skip(`SKIPPED: ${message}`, () => {});
  }
  return false;
}

