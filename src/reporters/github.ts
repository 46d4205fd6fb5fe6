import type { Severity } from '../config/types.js';
import type { LintResult } from '../engine/types.js';
import { ciPath, withoutDirectory } from './relative-path.js';
import type { ReportContext } from './report-context.js';
import { toolName } from './tool-info.js';

const command: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * GitHub Actions workflow commands, one annotation per finding:
 * `::error file=…,line=…,col=…,title=…::message`, with paths relative to the workspace
 * (GITHUB_WORKSPACE, else the working directory) so GitHub places them on the pull request.
 * The CLI appends the Markdown report to GITHUB_STEP_SUMMARY as well.
 */
export function formatGithub(result: LintResult, context: ReportContext): string {
  const workspace = context.env.GITHUB_WORKSPACE || context.cwd;
  const lines = result.findings.map((f) => {
    const properties = [
      `file=${escapeProperty(ciPath(f.file, workspace))}`,
      `line=${f.line}`,
      `col=${f.column}`,
      `title=${escapeProperty(`${toolName}: ${f.ruleId}`)}`,
    ].join(',');
    const message = withoutDirectory(f.message, workspace);
    const text = f.suggestion === undefined ? message : `${message}\nChange: ${f.suggestion}`;
    return `::${command[f.severity]} ${properties}::${escapeData(text)}`;
  });
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** The escaping of @actions/core (toolkit packages/core/src/command.ts) and the runner's unescaping. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
