import { existsSync } from 'node:fs';
import path from 'node:path';
import { Chalk } from 'chalk';
import { UsageError } from '../../src/config/types.js';
import { lint } from '../../src/engine/lint.js';
import { loadReporter } from '../../src/reporters/index.js';

/** The reporters every input goes through: the terminal's, the contract's, and CI's. */
const FORMATS = ['stylish', 'json', 'sarif'] as const;

/**
 * Runs the whole pipeline on a config tree as the CLI would, and says what is wrong with the
 * outcome, or undefined when nothing is: a throw other than a usage error (exit 2 with a
 * message), a finding without a position or a message, an "internal error", a reporter that
 * throws, JSON that does not parse, or raw control characters reaching the terminal report.
 */
export async function checkInput(root: string, fallbackConfig?: string): Promise<string | undefined> {
  // The tree's own configuration, else the given one (naming a file spares the search, which
  // is most of the time of a run on a small tree), else the search.
  const own = path.join(root, 'privacy-lint.config.yaml');
  const configFile = existsSync(own) ? own : fallbackConfig;
  let result;
  try {
    result = await lint({ cwd: root, root, paths: [], ruleOverrides: [], ...(configFile !== undefined && { configFile }) });
  } catch (error) {
    if (error instanceof UsageError) return undefined;
    return `lint threw: ${describe(error)}`;
  }
  for (const f of [...result.findings, ...(result.suppressed ?? [])]) {
    if (typeof f.file !== 'string' || f.file === '' || !(f.line >= 1) || !(f.column >= 1)) return `finding without a position: ${f.ruleId} ${JSON.stringify([f.file, f.line, f.column])}`;
    if (typeof f.message !== 'string' || f.message.trim() === '') return `finding without a message: ${f.ruleId}`;
    if (/internal error/i.test(f.message)) return `internal error in a finding: ${f.message.slice(0, 200)}`;
  }
  const context = { cwd: root, chalk: new Chalk({ level: 0 }), env: {} };
  for (const format of FORMATS) {
    let text: string;
    try {
      text = await (await loadReporter(format, root))(result, context);
    } catch (error) {
      return `reporter ${format} threw: ${describe(error)}`;
    }
    if (format !== 'stylish') {
      try {
        JSON.parse(text);
      } catch (error) {
        return `reporter ${format} wrote invalid JSON: ${describe(error)}`;
      }
    } else if (/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(text)) {
      return 'raw control characters in the stylish report';
    }
  }
  return undefined;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const frame = error.stack?.split('\n').find((line) => line.includes('/src/')) ?? '';
  return `${error.message.split('\n')[0]?.slice(0, 300) ?? ''} ${frame.trim()}`;
}
