import type { Finding, LintResult } from '../engine/types.js';
import { displayPath } from './display-path.js';
import type { ReportContext } from './report-context.js';
import { toolName } from './tool-info.js';
import { xmlDocument } from './xml-document.js';

/**
 * Checkstyle XML, read by Jenkins' Warnings plugin and many review bots: one `<file>` per config
 * with an `<error>` per finding (the element is `error` whatever the severity, as in checkstyle).
 */
export function formatCheckstyle(result: LintResult, context: ReportContext): string {
  const files = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const list = files.get(f.file);
    if (list === undefined) files.set(f.file, [f]);
    else list.push(f);
  }
  const file = [...files].map(([name, findings]) => ({
    '@_name': displayPath(name, context.cwd),
    error: findings.map((f) => ({
      '@_line': f.line,
      '@_column': f.column,
      '@_severity': f.severity,
      '@_message': f.suggestion === undefined ? f.message : `${f.message} (change: ${f.suggestion.split('\n').join(' ')})`,
      '@_source': `${toolName}.${f.ruleId}`,
    })),
  }));
  return xmlDocument({ checkstyle: { '@_version': '4.3', file } });
}
