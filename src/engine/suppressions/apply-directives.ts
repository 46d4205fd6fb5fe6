import { nearestKey } from '../../config/nearest-key.js';
import type { ResolvedConfig } from '../../config/types.js';
import type { SourceFile } from '../../inventory/inventory.js';
import { severityOf } from '../finding-severity.js';
import type { SourceTexts } from '../source-texts.js';
import type { Finding, Rule, Suppression } from '../types.js';
import { scanComments, syntaxOf } from './comments/scan-comments.js';
import { parseDirective, type Directive } from './parse-directive.js';
import { appendAll } from '../../arrays/append-all.js';
import { groupInto } from '../../arrays/group-into.js';

/** Ids of the findings this module makes (rules/invalid-suppression.ts, rules/stale-suppression.ts). */
export const INVALID_SUPPRESSION_RULE = 'invalid-suppression';
export const STALE_SUPPRESSION_RULE = 'stale-suppression';

/** Where one directive suppresses one rule: lines `from`..`to` of `file`. */
interface Scope {
  directive: Directive;
  file: string;
  rule: string;
  from: number;
  to: number;
  used: boolean;
}

export interface SuppressionRun {
  /** The findings that still count, plus the directives' own findings. */
  findings: Finding[];
  suppressed: Finding[];
}

/**
 * Applies the privacy-lint-disable comments of every file that was read to the rules' findings
 * (ESLint's model, lib/linter/apply-disable-directives.js): a finding of a named rule on the line
 * after a `-disable-next-line`, or between a `-disable` and its `-enable` (or the end of the file),
 * is suppressed with the directive's reason. A directive without a reason, without a rule or
 * naming an unknown rule suppresses nothing and is an error; one that suppresses nothing is stale.
 */
export function applyDirectives(findings: Finding[], sources: SourceFile[], texts: SourceTexts, rules: Rule[], config: ResolvedConfig): SuppressionRun {
  const ids = rules.map((r) => r.meta.id);
  const own: Finding[] = [];
  const scopes: Scope[] = [];
  // Most files hold no directive: not lexing them keeps huge configs cheap, and finding the few
  // that do is one search per file read, not a lookup of each source's text.
  const marker = 'privacy-lint-';
  const { holding, unknown } = texts.readHolding(sources.map((s) => s.file), marker);
  for (const source of holding.size + unknown.size === 0 ? [] : sources) {
    if (!holding.has(source.file) && !unknown.has(source.file)) continue;
    const syntax = source.status === 'missing' ? undefined : syntaxOf(source);
    const text = syntax === undefined ? undefined : texts.text(source.file);
    if (syntax === undefined || text === undefined || !text.includes(marker)) continue;
    const directives = scanComments(text, syntax).flatMap((c) => parseDirective(c) ?? []);
    appendAll(scopes, scopesOf(source.file, directives, ids, own));
  }

  const active: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const finding of findings) {
    const matching = scopes.filter((s) => s.file === finding.file && s.rule === finding.ruleId && s.from <= finding.line && finding.line <= s.to);
    if (matching.length === 0) {
      active.push(finding);
      continue;
    }
    for (const scope of matching) scope.used = true;
    const suppressions: Suppression[] = [...new Set(matching.map((s) => s.directive))].map((d) => ({
      kind: 'inSource',
      justification: d.reason,
      at: { file: finding.file, line: d.line, column: d.column },
    }));
    suppressed.push({ ...finding, suppressions });
  }
  appendAll(own, staleDirectives(scopes, (rule) => severityOf(rule, rules, config) !== 'off'));

  const counted = own.flatMap((f) => {
    const severity = severityOf(f.ruleId, rules, config);
    return severity === 'off' ? [] : [{ ...f, severity }];
  });
  return { findings: [...active, ...counted], suppressed };
}

/** The scopes of a file's directives in order; invalid ones and unmatched enables become findings. */
function scopesOf(file: string, directives: Directive[], ids: string[], own: Finding[]): Scope[] {
  const scopes: Scope[] = [];
  const open = new Map<string, Scope>();
  const problem = (ruleId: string, d: Directive, message: string, suggestion?: string): void => {
    own.push({ ruleId, severity: 'error', message, file, line: d.line, column: d.column, ...(suggestion !== undefined && { suggestion }) });
  };
  for (const d of directives) {
    if (d.kind === 'enable') {
      const names = d.rules.length > 0 ? d.rules : [...open.keys()];
      if (names.length === 0) problem(STALE_SUPPRESSION_RULE, d, `"${d.text}" enables nothing: no privacy-lint-disable is open before it`);
      for (const name of names) {
        const scope = open.get(name);
        if (scope === undefined) problem(STALE_SUPPRESSION_RULE, d, `"${d.text}" enables ${name}, but no privacy-lint-disable ${name} is open before it`);
        else scope.to = d.line;
        open.delete(name);
      }
      continue;
    }
    const invalid = invalidity(d, ids);
    if (invalid !== undefined) {
      problem(INVALID_SUPPRESSION_RULE, d, invalid, `privacy-lint-${d.kind} ${d.rules.join(', ') || 'RULE-ID'} -- <why this is acceptable>`);
      continue;
    }
    for (const rule of d.rules) {
      if (d.kind === 'disable-next-line') {
        scopes.push({ directive: d, file, rule, from: d.endLine + 1, to: d.endLine + 1, used: false });
      } else {
        const scope: Scope = { directive: d, file, rule, from: d.line, to: Number.POSITIVE_INFINITY, used: false };
        open.set(rule, scope);
        scopes.push(scope);
      }
    }
  }
  return scopes;
}

/** Why a disable directive suppresses nothing, or undefined when it is well formed. */
function invalidity(d: Directive, ids: string[]): string | undefined {
  const how = `write "privacy-lint-${d.kind} RULE-ID[, RULE-ID…] -- reason", with the rule ids of the findings to accept and why accepting them is right`;
  if (d.rules.length === 0) return `"${d.text}" names no rule, so it suppresses nothing: ${how}`;
  const unknown = d.rules.find((r) => !ids.includes(r));
  if (unknown !== undefined) {
    const near = nearestKey(unknown, ids);
    return `"${d.text}" names the unknown rule "${unknown}"${near ? ` (did you mean ${near}?)` : ''}, so it suppresses nothing: ${how}`;
  }
  if (d.reason === '') return `"${d.text}" gives no reason, so it suppresses nothing: ${how}`;
  return undefined;
}

/** One warning per directive naming the enabled rules it suppressed nothing of. */
function staleDirectives(scopes: Scope[], enabled: (rule: string) => boolean): Finding[] {
  const byDirective = new Map<Directive, Scope[]>();
  for (const s of scopes) groupInto(byDirective, s.directive, s);
  const stale: Finding[] = [];
  for (const [d, list] of byDirective) {
    const unused = list.filter((s) => !s.used && enabled(s.rule));
    if (unused.length === 0) continue;
    const first = unused[0] as Scope;
    const where =
      d.kind === 'disable-next-line'
        ? `on line ${first.from}`
        : first.to === Number.POSITIVE_INFINITY
          ? `from line ${first.from} to the end of the file`
          : `between lines ${first.from} and ${first.to}`;
    const names = unused.map((s) => s.rule).join(', ');
    stale.push({
      ruleId: STALE_SUPPRESSION_RULE,
      severity: 'warning',
      message: `"privacy-lint-${d.kind} ${d.rules.join(', ')}" is stale: there is no ${names} finding ${where} to suppress. Remove ${unused.length === list.length ? 'the comment' : `${names} from it`}`,
      file: first.file,
      line: d.line,
      column: d.column,
    });
  }
  return stale;
}
