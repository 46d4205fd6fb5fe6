import { CLAIMS, type ClaimSpec } from './claims.js';
import { ACCEPTED_DURATION_FORMS, DurationError, parsePolicyDuration } from './duration.js';
import { isPlainMapping, valueAt, type LocatedTree, type TreePath } from './located-tree.js';
import { nearestKey } from './nearest-key.js';
import { describeValue, ProblemList } from './problem-list.js';
import type { ClaimName, ClaimValue, DeclaredClaim } from './types.js';

/**
 * The declared policy (POLICY.md): a nested tree whose every leaf is one claim, named by its
 * dotted path. This module checks the tree against the claim catalogue and returns each claim
 * with the position of its key, so verdicts can point at the promise they judge.
 */

/** The claims a policy may declare, by top-level key: built-in ones and those of loaded plugins. */
export interface PolicyCatalogue {
  /** Top-level keys of a policy, in catalogue order: leaf claims and claim groups. */
  keys: readonly string[];
  /** Group → the claims under it, e.g. ipAddresses → [stored, retention]. */
  groups: ReadonlyMap<string, ReadonlyMap<string, ClaimSpec>>;
  leaves: ReadonlyMap<string, ClaimSpec>;
  /** Every claim in catalogue order (built-in first): merged claims follow it. */
  specs: readonly ClaimSpec[];
}

export function policyCatalogue(specs: readonly ClaimSpec[]): PolicyCatalogue {
  const groups = new Map<string, Map<string, ClaimSpec>>();
  const leaves = new Map<string, ClaimSpec>();
  for (const spec of specs) {
    const [group, key] = spec.name.split('.');
    if (group === undefined || key === undefined) {
      leaves.set(spec.name, spec);
      continue;
    }
    const members = groups.get(group) ?? new Map<string, ClaimSpec>();
    members.set(key, spec);
    groups.set(group, members);
  }
  const keys = [...new Set(specs.map((spec) => spec.name.split('.')[0] ?? spec.name))];
  return { keys, groups, leaves, specs };
}

export const BUILTIN_CATALOGUE: PolicyCatalogue = policyCatalogue(CLAIMS);

/** Top-level keys of a policy of built-in claims, in catalogue order. */
export const POLICY_KEYS: readonly string[] = BUILTIN_CATALOGUE.keys;

/**
 * Validates the policy mapping found at `at` in `tree` (`[]` for a file that holds only the
 * policy, `['policy']` inside a configuration) and returns its claims. Every problem found is
 * reported in one UsageError, one line each: `file:line:col: policy.key: what is wrong`.
 */
export function parsePolicy(
  tree: LocatedTree,
  origin: DeclaredClaim['origin'],
  at: TreePath = [],
  catalogue: PolicyCatalogue = BUILTIN_CATALOGUE,
): Map<ClaimName, DeclaredClaim> {
  const problems = new ProblemList();
  const claims = collectPolicy(tree, origin, at, problems, catalogue);
  problems.throwIfAny();
  return claims;
}

/** As parsePolicy, but adds problems to `problems` instead of throwing. */
export function collectPolicy(
  tree: LocatedTree,
  origin: DeclaredClaim['origin'],
  at: TreePath,
  problems: ProblemList,
  catalogue: PolicyCatalogue = BUILTIN_CATALOGUE,
): Map<ClaimName, DeclaredClaim> {
  const { keys: policyKeys, groups, leaves } = catalogue;
  const claims = new Map<ClaimName, DeclaredClaim>();
  const policy = valueAt(tree, at);
  if (!isPlainMapping(policy)) {
    const expected = `expected a mapping of claims (${policyKeys.join(', ')})`;
    if (policy !== null && policy !== undefined) problems.add(tree, at, `${describeValue(policy)} is not allowed; ${expected}`);
    else if (at.length === 0) problems.add(tree, at, `the policy is empty; ${expected}`);
    else problems.add(tree, at, `has no value; ${expected}`);
    return claims;
  }

  const declare = (spec: ClaimSpec, keyPath: TreePath, raw: unknown): void => {
    const parsed = parseClaimValue(spec, raw);
    if (typeof parsed === 'string') {
      problems.add(tree, keyPath, parsed);
      return;
    }
    claims.set(spec.name, { name: spec.name, ...parsed, position: tree.positionOf(keyPath), origin });
  };

  for (const [key, raw] of Object.entries(policy)) {
    const keyPath = [...at, key];
    const leaf = leaves.get(key);
    const group = groups.get(key);
    if (leaf) {
      declare(leaf, keyPath, raw);
    } else if (group) {
      const members = [...group.keys()];
      if (!isPlainMapping(raw)) {
        const expected = `expected a mapping with the keys ${members.join(', ')}`;
        problems.add(tree, keyPath, raw === null || raw === undefined ? `has no value; ${expected}` : `${describeValue(raw)} is not allowed; ${expected}`);
        continue;
      }
      for (const [member, memberRaw] of Object.entries(raw)) {
        const spec = group.get(member);
        if (spec) declare(spec, [...keyPath, member], memberRaw);
        else problems.add(tree, [...keyPath, member], unknownKey(member, members));
      }
    } else {
      problems.add(tree, keyPath, unknownTopKey(key, catalogue));
    }
  }
  return claims;
}

/** "unknown key; did you mean retention?" or the list of what is allowed there. */
export function unknownKey(key: string, known: readonly string[]): string {
  const suggestion = nearestKey(key, known);
  return suggestion ? `unknown key; did you mean ${suggestion}?` : `unknown key; expected one of ${known.join(', ')}`;
}

function unknownTopKey(key: string, catalogue: PolicyCatalogue): string {
  const { keys: policyKeys, groups } = catalogue;
  if (catalogue.specs.some((spec) => spec.name === key && key.includes('.'))) {
    const [group = '', member = ''] = key.split('.');
    return `unknown key; write the claim nested: ${group}: on one line, then ${member}: indented below it`;
  }
  const groupsHavingIt = [...groups].filter(([, members]) => members.has(key)).map(([group]) => group);
  if (groupsHavingIt.length > 0 && !nearestKey(key, policyKeys)) {
    return `unknown key; ${key} belongs under ${groupsHavingIt.join(', ')}`;
  }
  return unknownKey(key, policyKeys);
}

/** The claim's value and its text as written, or the problem as a message. */
function parseClaimValue(spec: ClaimSpec, raw: unknown): { value: ClaimValue; text: string } | string {
  const expected = expectation(spec);
  if (raw === null || raw === undefined) return `has no value; ${expected}`;
  switch (spec.type) {
    case 'enum': {
      if (typeof raw === 'string' && spec.values.includes(raw)) return { value: raw, text: raw };
      const suggestion = typeof raw === 'string' ? nearestKey(raw, spec.values) : undefined;
      return `${describeValue(raw)} is not allowed; ${expected}${suggestion ? `; did you mean ${suggestion}?` : ''}`;
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { value: raw, text: String(raw) };
      return `${describeValue(raw)} is not allowed; ${expected}${yamlOneOneHint(raw)}`;
    }
    case 'duration': {
      if (typeof raw !== 'string' && typeof raw !== 'number') return `${describeValue(raw)} is not allowed; ${expected}`;
      try {
        const duration = parsePolicyDuration(raw);
        return { value: duration, text: duration.text };
      } catch (error) {
        if (error instanceof DurationError) return error.message;
        throw error;
      }
    }
  }
}

function expectation(spec: ClaimSpec): string {
  switch (spec.type) {
    case 'enum':
      return `expected one of ${spec.values.join(', ')}`;
    case 'boolean':
      return 'expected true or false';
    case 'duration':
      return ACCEPTED_DURATION_FORMS;
  }
}

/** YAML 1.1 spelled booleans as yes/no/on/off; YAML 1.2 (and this tool) reads them as text. */
function yamlOneOneHint(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  const word = raw.toLowerCase();
  if (['yes', 'y', 'on'].includes(word)) return ' (write true)';
  if (['no', 'n', 'off'].includes(word)) return ' (write false)';
  return '';
}
