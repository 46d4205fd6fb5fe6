import type { Rule, RuleMeta } from './types.js';

/**
 * The plugin contract (docs/plugins.md): a namespace, the policy claims it adds, and its rules.
 * Rule ids are namespaced when loaded: rule `public-room-logs` of plugin `muc-logs` is
 * `muc-logs/public-room-logs` everywhere (severities, reports, `explain`).
 */
export type PluginClaim =
  | {
      type: 'boolean';
      description: string;
      /** The value that keeps the promise best: a server at or below it honours a declared value. Default false. */
      leastInvasive?: boolean;
    }
  /** The policy language's durations ("30d", "forever", "none"), so judgeRetention works for them. */
  | { type: 'duration'; description: string }
  /** `values` from least to most invasive. */
  | { type: 'enum'; description: string; values: readonly string[] };

export interface Plugin {
  /** Lower-case letters, digits and hyphens: the namespace of its rule ids. */
  name: string;
  /** New policy keys by dotted path (`groupchat.publicLogs`), validated like built-in ones. */
  claims?: Record<string, PluginClaim>;
  rules: Rule[];
}

/** What a plugin author writes: severity and docs may be left out (error; the description). */
export interface RuleDefinition {
  meta: Omit<RuleMeta, 'defaultSeverity' | 'docs'> & Partial<Pick<RuleMeta, 'defaultSeverity' | 'docs'>>;
  check: Rule['check'];
}

/** Identity function that gives a plugin module its types (as ESLint's flat config plugins). */
export function definePlugin(plugin: Plugin): Plugin {
  return plugin;
}
