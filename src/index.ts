/**
 * The public API, for plugins and programs: define plugins with their claims and rules over the
 * inventory and the interpreted configs, or run the whole pipeline (docs/plugins.md). Rules in
 * plugins have the same shape as the built-in ones in rules/; RuleTester is in `privacy-lint/testing`.
 */
export { lint } from './engine/lint.js';
export type { LintOptions } from './engine/lint-options.js';
export { defineRule } from './engine/define-rule.js';
export { definePlugin, type Plugin, type PluginClaim, type RuleDefinition } from './engine/plugin.js';
export type { ConfigModels, DirectiveView, HostView, JobView, ModuleView, OptionView, PlainValue } from './engine/config-models.js';
export { judgeRetention, type RetentionItem } from './engine/judge-retention.js';
export { absenceEvidence } from './engine/source-evidence.js';
export { builtinRules } from './engine/rule-registry.js';
export type { ClaimResult, Finding, LintResult, Report, Rule, RuleContext, RuleDocs, RuleMeta, Suppression, Verdict } from './engine/types.js';
export { practicesOf, hasSource, type Inventory, type SourceFile, type SourceKind } from './inventory/inventory.js';
export type * from './inventory/practice.js';
export type { Evidence, SourcePosition, Tri, DefaultOrigin } from './inventory/evidence.js';
export type { Diagnostic, DiagnosticCode } from './inventory/diagnostic.js';
export type { BuiltinClaimName, ClaimName, DeclaredClaim, Duration, ResolvedConfig, Severity } from './config/types.js';
export { parsePolicyDuration, formatDuration, describeDuration } from './config/duration.js';
export type { Reporter, ReportContext } from './reporters/report-context.js';
