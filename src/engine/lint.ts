import { nearestKey } from '../config/nearest-key.js';
import { UsageError, type ResolvedConfig } from '../config/types.js';
import { discover } from '../discover/discover.js';
import { openRoot } from '../files/open-root.js';
import type { Rule } from './types.js';
import type { LintOptions } from './lint-options.js';
import type { Finding, LintResult } from './types.js';
import { applyBaseline, STALE_BASELINE_RULE } from './baseline/apply-baseline.js';
import { entryOf } from './baseline/baseline-entry.js';
import { readBaseline, writeBaseline } from './baseline/baseline-file.js';
import { severityOf } from './finding-severity.js';
import { SourceTexts } from './source-texts.js';
import { applyDirectives } from './suppressions/apply-directives.js';
import { markSuppressedClaims } from './suppressions/mark-claims.js';
import { readSources } from './read-sources.js';
import { builtinRules } from './rule-registry.js';
import { loadConfigAndPlugins } from './load-config-and-plugins.js';
import { runRules, sortFindings } from './run-rules.js';
import { capDiagnostics } from './cap-diagnostics.js';
import { providerPromiseFindings } from './provider-promises.js';
import { appendAll } from '../arrays/append-all.js';
import { dataCategories } from './categories.js';
import { configModelsBuilder } from './config-models.js';
import { resolveEdits } from '../fix/resolve-edits.js';
import { mergeHostFindings } from './merge-hosts.js';

/**
 * The whole pipeline: load config and policy, discover and read sources, interpret them into an
 * inventory, run the rules, and compute verdicts. Throws UsageError for exit-code-2 problems.
 */
export async function lint(options: LintOptions): Promise<LintResult> {
  const { config, plugins } = await loadConfigAndPlugins(options);
  const files = openRoot(options.root, options.maxFileSize === undefined ? {} : { maxFileSize: options.maxFileSize });
  const rules = [...builtinRules(), ...plugins.rules];
  checkRuleIds(config, rules);
  // A baseline that cannot be read is refused before the sources are read (exit 2).
  const { baseline } = options;
  let accepted = baseline !== undefined && !baseline.update ? await readBaseline(baseline.file, options.cwd) : undefined;

  const discovery = discover(files, options.paths, config);
  const models = configModelsBuilder();
  const inventory = await readSources(discovery, files, config, models);
  // A broken file can yield thousands of diagnostics: the first ones per file, then a count.
  inventory.diagnostics = capDiagnostics(inventory.diagnostics);
  const run = runRules(rules, inventory, config, {
    configs: models.models,
    ...(options.onRuleError ? { onRuleError: options.onRuleError } : {}),
  });

  // Suppressions come after the rules: they decide what counts, never what is true.
  const texts = new SourceTexts(files);
  // Edits are checked against the files as they are now; then a finding that several hosts share
  // is reported once. Both before suppressions, so a directive or baseline entry matches it as shown.
  let findings = mergeHostFindings(resolveEdits([...run.findings, ...providerPromiseFindings(run.claims, config)], texts), inventory);
  const suppressed: Finding[] = [];
  if (options.inlineConfig !== false) {
    const inline = applyDirectives(findings, inventory.sources, texts, rules, config);
    findings = inline.findings;
    appendAll(suppressed, inline.suppressed);
  }
  if (baseline?.update) {
    await writeBaseline(baseline.file, options.cwd, findings.map((f) => entryOf(f, options.root, texts)));
    accepted = await readBaseline(baseline.file, options.cwd);
  }
  if (accepted !== undefined) {
    const matched = applyBaseline(findings, accepted, options.root, texts, severityOf(STALE_BASELINE_RULE, rules, config));
    findings = matched.findings;
    appendAll(suppressed, matched.suppressed);
  }
  findings = sortFindings(findings);
  const claims = markSuppressedClaims(run.claims, findings, suppressed);

  const count = (verdict: string): number => claims.filter((c) => c.verdict === verdict).length;
  return {
    root: options.root,
    config,
    rules: rules.map((r) => r.meta),
    sources: inventory.sources,
    claims,
    findings,
    suppressed: sortFindings(suppressed),
    categories: dataCategories(inventory, config),
    summary: {
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      infos: findings.filter((f) => f.severity === 'info').length,
      suppressed: suppressed.length,
      claims: { verified: count('verified'), violated: count('violated'), unverified: count('unverified'), notApplicable: count('not-applicable') },
    },
  };
}

/** A severity for a rule that does not exist is a typo the user wants to hear about (exit 2). */
function checkRuleIds(config: ResolvedConfig, rules: Rule[]): void {
  const ids = rules.map((r) => r.meta.id);
  for (const id of config.ruleSeverities.keys()) {
    if (ids.includes(id)) continue;
    const near = nearestKey(id, ids);
    throw new UsageError(`rules: unknown rule "${id}"${near ? ` (did you mean ${near}?)` : ''}; known rules: ${ids.join(', ')}`);
  }
}
