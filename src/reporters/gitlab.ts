import type { Severity } from '../config/types.js';
import type { Finding, LintResult } from '../engine/types.js';
import { fingerprints } from './fingerprint.js';
import { ciPath, withoutDirectory } from './relative-path.js';
import type { ReportContext } from './report-context.js';

/**
 * GitLab's words for severities (docs.gitlab.com, Code Quality report format: info, minor,
 * major, critical, blocker). A broken privacy promise is critical, a warning major; blocker,
 * which GitLab sorts above everything, is left for the user's own tooling.
 */
const severity: Record<Severity, string> = { error: 'critical', warning: 'major', info: 'info' };

/**
 * GitLab Code Quality JSON (`artifacts: reports: codequality`): an array of issues with the
 * fields GitLab reads; `location.path` relative to the project directory (CI_PROJECT_DIR, else
 * the working directory), fingerprints stable when lines move and unique within the report.
 */
export function formatGitlab(result: LintResult, context: ReportContext): string {
  const project = context.env.CI_PROJECT_DIR || context.cwd;
  const pathOf = (f: Finding): string => ciPath(f.file, project);
  const prints = fingerprints(result.findings, pathOf, [project, result.root]);
  const issues = result.findings.map((f, i) => {
    const message = withoutDirectory(f.message, project);
    return {
      type: 'issue',
      description: f.suggestion === undefined ? message : `${message} (change: ${f.suggestion.split('\n').join(' ')})`,
      check_name: f.ruleId,
      fingerprint: prints[i],
      severity: severity[f.severity],
      categories: ['Security'],
      location: { path: pathOf(f), lines: { begin: f.line } },
    };
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
}
