import type { ClaimName, ClaimValue, DeclaredClaim, ResolvedConfig, Severity, SeveritySetting } from '../config/types.js';
import type { EditProposal, TextEdit } from '../inventory/edit.js';
import type { Evidence, SourcePosition } from '../inventory/evidence.js';
import type { Inventory, SourceFile, SourceKind } from '../inventory/inventory.js';
import type { DataCategory } from './categories.js';
import type { ConfigModels } from './config-models.js';

export type Verdict = 'verified' | 'violated' | 'unverified' | 'not-applicable';

/** Documentation of a rule: enough for `privacy-lint explain ID` and the generated docs page. */
export interface RuleDocs {
  /** Why the rule exists: the promise it protects, in a user's words. */
  rationale: string;
  /** What it looks at and how it decides, per software. */
  checks: string[];
  /** Config snippets that honour and that break the claim. */
  examples?: { compliant: string; violating: string; language: string }[];
  /** Where the facts the rule relies on were read (server source files, releases). */
  sources?: string[];
}

export interface RuleMeta {
  /** Lower-case, hyphenated; plugin rules are `namespace/id`. */
  id: string;
  /** The claims this rule judges (empty for rules that report config problems only). */
  claims: ClaimName[];
  defaultSeverity: Severity;
  /** The kinds of configuration that can show the claims, for "looked for …" messages; all when absent. */
  looksAt?: SourceKind[];
  /** One sentence, shown by `privacy-lint rules`. */
  description: string;
  docs: RuleDocs;
}

/** A finding about one place, as a rule reports it. Severity is the engine's business. */
export interface Report {
  message: string;
  at: SourcePosition;
  /** What to change, in the config's own syntax where possible. */
  suggestion?: string;
  /** The suggestion as an edit, when it is one safe change at one place (else it stays advice). */
  edit?: EditProposal;
  /** Further places that explain the finding (defaults, the section it inherits from). */
  evidence?: Evidence[];
}

/**
 * What a rule hands back for a claim. The engine turns these into the claim's verdict and
 * into findings, applying severities and `strictRetention`.
 */
export interface RuleContext {
  readonly inventory: Inventory;
  readonly config: ResolvedConfig;
  /** The interpreted configs, read-only, with positions (docs/plugins.md): never parse a file again. */
  readonly configs: ConfigModels;
  /** The declared claim, or undefined when the policy does not declare it. */
  claim<V extends ClaimValue = ClaimValue>(name: ClaimName): DeclaredClaim<V> | undefined;
  /** Some place honours the claim. */
  honours(claim: ClaimName, evidence: Evidence[], observed: string): void;
  /** Some place breaks the claim: an error finding (at the rule's severity). */
  breaks(claim: ClaimName, report: Report & { observed: string }): void;
  /**
   * A retention or interval whose nominal figure honours the claim but whose worst case
   * exceeds it: verified with a warning, or violated under `strictRetention`.
   */
  exceedsInWorstCase(claim: ClaimName, report: Report & { observed: string }): void;
  /**
   * A retention or interval whose nominal figure honours the claim but whose worst case cannot be
   * told: verified with a warning that says what could not be told, or unverified under
   * `strictRetention`.
   */
  worstCaseUnknown(claim: ClaimName, report: Report & { observed: string }): void;
  /** The configs that would show it were not found or not understood. */
  cannotTell(claim: ClaimName, report: Report & { observed?: string }): void;
  /** Nothing on this server can break the claim. */
  notApplicable(claim: ClaimName, evidence: Evidence[], observed: string): void;
  /** A finding that does not decide a verdict (config problems, advice). */
  report(report: Report & { claim?: ClaimName; severity?: Severity }): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

export interface Finding {
  ruleId: string;
  claim?: ClaimName;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  suggestion?: string;
  /** The suggestion as an edit of the file, checked against its text (`--fix` applies it). */
  fix?: TextEdit;
  /**
   * The hosts or components the finding concerns, when one place (a global setting) breaks a
   * claim for several: the identical findings are reported once, listing them.
   */
  hosts?: string[];
  /** The edit as proposed, until the engine resolves it against the file's text. */
  edit?: EditProposal;
  evidence?: Evidence[];
  /** Why this finding does not count: set only on the findings in `LintResult.suppressed`. */
  suppressions?: Suppression[];
}

/**
 * A reason a finding was accepted rather than fixed. `kind` uses SARIF 2.1.0's words (§3.35.2):
 * `inSource` for a privacy-lint-disable comment in the config, `external` for a baseline entry.
 */
export interface Suppression {
  kind: 'inSource' | 'external';
  justification: string;
  /** The directive's comment, or the baseline entry, that suppresses the finding. */
  at: SourcePosition;
}

export interface ClaimResult {
  claim: ClaimName;
  declared: string;
  declaredAt: SourcePosition;
  verdict: Verdict;
  /** What the server does, in short: "1w (mod_mam default, Prosody 0.12)". */
  observed: string;
  evidence: Evidence[];
  /**
   * Set when the claim is violated or unverified and every finding about it is suppressed: the
   * verdict stays (the promise is still not kept), and the report says who accepted that and why.
   */
  suppressions?: Suppression[];
}

export interface LintResult {
  root: string;
  config: ResolvedConfig;
  /** The metadata of every rule that was loaded (built-in and plugins'), for reporters that describe rules (SARIF). */
  rules: RuleMeta[];
  sources: SourceFile[];
  claims: ClaimResult[];
  /** The findings that count: for the exit code, the summary and every reporter. */
  findings: Finding[];
  /**
   * Findings suppressed by a privacy-lint-disable comment or the baseline, each with its
   * `suppressions`. Kept apart so that a reporter that does not know them cannot count them.
   */
  suppressed?: Finding[];
  /**
   * Per data category (categories.ts), what the server keeps and for how long, from the inventory,
   * with the declared limits. Always set by lint(); optional so that results built by hand still type.
   */
  categories?: DataCategory[];
  summary: {
    errors: number;
    warnings: number;
    infos: number;
    /** How many findings are in `suppressed`. */
    suppressed?: number;
    claims: { verified: number; violated: number; unverified: number; notApplicable: number };
  };
}

export type { SeveritySetting };
