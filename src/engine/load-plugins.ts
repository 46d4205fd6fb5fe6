import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { UsageError } from '../config/types.js';
import type { Rule } from './types.js';

/**
 * Loads plugin modules: each default-exports `{ rules: Rule[] }` or an array of rules (the same
 * shape as the built-in rules in rules/). Paths are already absolute; bare names are packages.
 */
export async function loadPlugins(specifiers: string[]): Promise<Rule[]> {
  const rules: Rule[] = [];
  for (const specifier of specifiers) {
    const target = path.isAbsolute(specifier) ? pathToFileURL(specifier).href : specifier;
    let loaded: unknown;
    try {
      loaded = await import(target);
    } catch (error) {
      throw new UsageError(`plugin ${specifier} could not be loaded: ${(error as Error).message}`);
    }
    const exported = (loaded as { default?: unknown }).default ?? loaded;
    const list = Array.isArray(exported) ? exported : (exported as { rules?: unknown }).rules;
    if (!Array.isArray(list)) throw new UsageError(`plugin ${specifier} exports no rules (expected a default export { rules: [...] })`);
    for (const rule of list) {
      if (!isRule(rule)) throw new UsageError(`plugin ${specifier}: every rule needs meta.id, meta.claims, meta.defaultSeverity and check()`);
      rules.push(rule);
    }
  }
  return rules;
}

function isRule(value: unknown): value is Rule {
  const rule = value as Partial<Rule> | undefined;
  return typeof rule?.check === 'function' && typeof rule.meta?.id === 'string' && Array.isArray(rule.meta.claims) && typeof rule.meta.defaultSeverity === 'string';
}
