import type { Severity } from '../config/types.js';
import type { DiagnosticCode } from '../inventory/diagnostic.js';
import { defineRule } from './define-rule.js';
import type { Rule, RuleDocs } from './types.js';

/**
 * A rule that reports the reader's and interpreter's diagnostics of one code, so that config
 * problems are findings like any other: listed by `rules`, explained, severity overridable.
 */
export function diagnosticRule(code: DiagnosticCode, defaultSeverity: Severity, description: string, docs: RuleDocs): Rule {
  return defineRule({
    meta: { id: code, claims: [], defaultSeverity, description, docs },
    check(ctx) {
      for (const d of ctx.inventory.diagnostics) {
        if (d.code !== code) continue;
        ctx.report({ message: d.message, at: d.position, suggestion: d.suggestion, ...(d.edit ? { edit: d.edit } : {}) });
      }
    },
  });
}
