import { main } from '../../src/cli.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  /** The environment the CLI sees (default none: no NO_COLOR, FORCE_COLOR, CI...). */
  env?: Record<string, string>;
  /** Whether stdout is a terminal (default not). */
  isTTY?: boolean;
}

/** Runs the CLI in-process as a user would from `cwd` (not a terminal, no environment), capturing its output. */
export async function runCli(args: string[], cwd: string, options: CliRunOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'privacy-lint', ...args], {
    stdout: { write: (text: string) => (stdout += text), isTTY: options.isTTY ?? false },
    stderr: { write: (text: string) => (stderr += text) },
    cwd,
    env: options.env ?? {},
  });
  return { code, stdout, stderr };
}
