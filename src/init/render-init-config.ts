import path from 'node:path';
import { isWithinClaim } from '../config/claims.js';
import type { ClaimName, DeclaredClaim } from '../config/types.js';
import type { Evidence } from '../inventory/evidence.js';
import type { SourceFile } from '../inventory/inventory.js';
import type { ClaimDecision } from './probe-claims.js';

export interface InitContext {
  /** --root, absolute: evidence is named by its path on the served system. */
  root: string;
  /** The file being written: evidence at it is only the probe's own declaration. */
  file: string;
  sources: SourceFile[];
  recommended: Map<ClaimName, DeclaredClaim>;
  /** The Prosody release whose defaults were assumed, when a Prosody config was read. */
  prosodyRelease?: string;
}

/** Evidence lines shown per claim: the deciding places come first, the rest is in the report. */
const EVIDENCE_SHOWN = 4;
const WIDTH = 100;

/**
 * The configuration `init` writes: the claims the server keeps now, nested as in POLICY.md, each
 * with the verdict, the evidence (file:line on the served system) and where it is laxer than the
 * `recommended` profile; then the claims left out and why.
 */
export function renderInitConfig(decisions: ClaimDecision[], context: InitContext): string {
  const read = context.sources.filter((s) => s.status !== 'missing');
  const out: string[] = [];
  // `hang` indents a comment's text under the one before it: evidence under its verdict.
  const comment = (text: string, indent = '', hang = ''): void => {
    for (const line of wrap(text, WIDTH - indent.length - hang.length - 2)) out.push(`${indent}# ${hang}${line}`.trimEnd());
  };
  comment('privacy-lint configuration written by `privacy-lint init`.');
  const declared = decisions.filter((d) => d.value !== undefined);
  if (read.length === 0 || declared.length === 0) {
    const why = read.length === 0
      ? `No server configuration was found under ${context.root}`
      : `The configuration under ${context.root} (${readList(read, context.root)}) shows none of the claims`;
    comment(`${why}, so there is nothing to read back as a policy: this configuration uses the built-in \`recommended\` profile (profiles/recommended.yaml), whose claims stay unverified until privacy-lint finds the configs that show them. Run \`privacy-lint init --force\` again once the server's configuration is in place.`);
    out.push('extends: recommended', '');
    return out.join('\n');
  }
  comment(`It declares, claim by claim, what the server under ${context.root} does now, so that the next run has no violated claim and a change that makes the server laxer fails. Where the server is laxer than the built-in \`recommended\` profile, the claim says so: tighten the server, then the claim, to what you promise your users.`);
  comment(`Read: ${readList(read, context.root)}.`);
  if (context.prosodyRelease !== undefined) {
    comment(`Where the Prosody config leaves an option unset, the defaults of Prosody ${context.prosodyRelease} were assumed; if the server runs another release, set \`versions: { prosody: "0.12" }\` (for example) and run init again.`);
  }
  out.push('policy:');
  let group: string | undefined;
  for (const decision of declared) {
    const [head, leaf] = decision.spec.name.split('.') as [string, string | undefined];
    const indent = leaf === undefined ? '  ' : '    ';
    if (leaf !== undefined && head !== group) out.push(`  ${head}:`);
    group = leaf === undefined ? undefined : head;
    comment(`${decision.result.verdict}: ${decision.result.observed}`, indent);
    for (const e of shownEvidence(decision.result.evidence, context)) comment(e, indent, '  ');
    const laxer = laxerThanRecommended(decision, context.recommended);
    if (laxer) comment(laxer, indent);
    out.push(`${indent}${leaf ?? head}: ${yamlScalar(decision.value ?? '')}`);
  }
  const left = decisions.filter((d) => d.value === undefined);
  if (left.length > 0) {
    out.push('');
    comment('Not declared, because the configuration cannot show them:');
    for (const d of left) {
      comment(`- ${d.spec.name}: ${d.result.verdict === 'violated' ? 'no value the rules accept' : 'cannot tell'}${d.result.observed === 'unknown' ? '' : ` (${d.result.observed})`}`);
      const why = d.findings.map((f) => ({ file: f.file, line: f.line, column: f.column, note: f.message }));
      for (const e of shownEvidence(why, context)) comment(e, '', '    ');
    }
  }
  out.push('');
  return out.join('\n');
}

function readList(read: SourceFile[], root: string): string {
  return [...new Set(read.map((s) => `${s.kind} (${servedPath(s.file, root)})`))].join(', ');
}

function shownEvidence(evidence: Evidence[], context: InitContext): string[] {
  const lines = evidence
    .filter((e) => e.file !== context.file)
    .map((e) => `${servedPath(e.file, context.root)}:${e.line}: ${e.note}`);
  // A claim nothing showed has only the probe's own declaration as evidence: its reason is the verdict's.
  const unique = [...new Set(lines)];
  if (unique.length <= EVIDENCE_SHOWN) return unique;
  return [...unique.slice(0, EVIDENCE_SHOWN), `(and ${unique.length - EVIDENCE_SHOWN} more places: see the report)`];
}

function laxerThanRecommended(decision: ClaimDecision, recommended: Map<ClaimName, DeclaredClaim>): string | undefined {
  const profile = recommended.get(decision.spec.name);
  if (!profile || decision.parsed === undefined || isWithinClaim(decision.spec, profile.value, decision.parsed)) return undefined;
  return `laxer than \`recommended\`, which declares ${profile.text}`;
}

/** A path on the served system ("/etc/prosody/prosody.cfg.lua"), or as given outside --root. */
function servedPath(file: string, root: string): string {
  const relative = path.relative(root, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return file;
  return `/${relative.split(path.sep).join('/')}`;
}

/** A claim value as YAML: booleans bare, strings bare when YAML reads them back as the same string. */
function yamlScalar(value: string | boolean): string {
  if (typeof value === 'boolean') return String(value);
  const plain = /^[a-z0-9][a-z0-9 -]*$/i.test(value) && !/^[0-9 ]+$/.test(value) && !/^(true|false|yes|no|on|off|null|y|n)$/i.test(value);
  return plain ? value : JSON.stringify(value);
}

/** Words into lines of at most `width` characters (a longer word keeps its own line). */
function wrap(text: string, width: number): string[] {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.length > 0 ? lines : [''];
}
