import { loadConfig } from '../config/load-config.js';
import { nearestKey } from '../config/nearest-key.js';
import { UsageError, type ResolvedConfig } from '../config/types.js';
import { discover } from '../discover/discover.js';
import type { Rule } from './types.js';
import type { LintOptions } from './lint-options.js';
import type { LintResult } from './types.js';
import { capDiagnostics } from './cap-diagnostics.js';
import { readSources } from './read-sources.js';
import { builtinRules } from './rule-registry.js';
import { loadPlugins } from './load-plugins.js';
import { runRules } from './run-rules.js';

/**
 * The whole pipeline: load config and policy, discover and read sources, interpret them into an
 * inventory, run the rules, and compute verdicts. Throws UsageError for exit-code-2 problems.
 */
export async function lint(options: LintOptions): Promise<LintResult> {
  const configOptions = { cwd: options.cwd, ruleOverrides: options.ruleOverrides };
  const config = await loadConfig({
    ...configOptions,
    ...(options.configFile ? { configFile: options.configFile } : {}),
    ...(options.policyFile ? { policyFile: options.policyFile } : {}),
  });
  const rules = [...builtinRules(), ...(await loadPlugins(config.plugins))];
  checkRuleIds(config, rules);

  const discovery = discover(options.root, options.paths, config);
  const inventory = await readSources(discovery, options.root, config);
  inventory.diagnostics = capDiagnostics(inventory.diagnostics);
  const { claims, findings } = runRules(rules, inventory, config);

  const count = (verdict: string): number => claims.filter((c) => c.verdict === verdict).length;
  return {
    root: options.root,
    config,
    sources: inventory.sources,
    claims,
    findings,
    summary: {
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      infos: findings.filter((f) => f.severity === 'info').length,
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
