import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../config/types.js';
import type { Reporter } from './report-context.js';
import { reportSafeResult } from './report-safe-result.js';

export type { Reporter, ReportContext } from './report-context.js';

/**
 * Built-in reporters by `--format` name, each imported only when chosen: start-up time is
 * spent on what runs (XML builders, hashing), not on every reporter.
 */
const builtin = new Map<string, () => Promise<Reporter>>([
  ['stylish', async () => (await import('./stylish.js')).formatStylish],
  ['json', async () => (await import('./json.js')).formatJson],
  ['sarif', async () => (await import('./sarif.js')).formatSarif],
  ['junit', async () => (await import('./junit.js')).formatJunit],
  ['checkstyle', async () => (await import('./checkstyle.js')).formatCheckstyle],
  ['github', async () => (await import('./github.js')).formatGithub],
  ['gitlab', async () => (await import('./gitlab.js')).formatGitlab],
  ['markdown', async () => (await import('./markdown.js')).formatMarkdown],
  ['html', async () => (await import('./html/html-report.js')).formatHtml],
]);

export const reporterNames: readonly string[] = [...builtin.keys()];

/**
 * The reporter for a `--format` value: a built-in name, a path (`./my-reporter.js`), or a package
 * name resolved from `cwd` (ESLint's custom formatters: a module whose default export takes the
 * result and returns a string, or a promise of one). Whatever it is, it receives the result
 * neutralised (report-safe-result.ts). What cannot be loaded is a usage error (exit 2).
 */
export async function loadReporter(name: string, cwd: string): Promise<Reporter> {
  const load = builtin.get(name);
  const reporter = load !== undefined ? await load() : await loadCustom(name, cwd);
  return async (result, context) => {
    const text: unknown = await reporter(reportSafeResult(result), context);
    if (typeof text !== 'string') throw new UsageError(`reporter "${name}" returned ${typeof text}, not a string`);
    return text;
  };
}

function isPath(name: string): boolean {
  return name.startsWith('.') || path.isAbsolute(name) || name.includes('\\') || (name.includes('/') && !name.startsWith('@'));
}

async function loadCustom(name: string, cwd: string): Promise<Reporter> {
  const unknown = (): UsageError =>
    new UsageError(`unknown format "${name}"; available formats: ${reporterNames.join(', ')}, or a reporter module (./file.js or a package name)`);
  let url: string;
  if (isPath(name)) {
    url = pathToFileURL(path.resolve(cwd, name)).href;
  } else {
    try {
      // Resolved from the user's directory, as ESLint resolves formatter packages, not from ours.
      url = pathToFileURL(createRequire(path.join(cwd, 'noop.js')).resolve(name)).href;
    } catch {
      throw unknown();
    }
  }
  let loaded: unknown;
  try {
    loaded = await import(url);
  } catch (error) {
    if (!isPath(name)) throw unknown();
    throw new UsageError(`reporter ${name} could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
  }
  const exported = (loaded as { default?: unknown }).default;
  if (typeof exported !== 'function') throw new UsageError(`reporter ${name} has no default export function (result, context) => string`);
  return exported as Reporter;
}
