import { CLAIMS, type ClaimSpec } from '../config/claims.js';
import { formatDuration, parsePolicyDuration } from '../config/duration.js';
import type { ClaimName, ClaimValue, DeclaredClaim, ResolvedConfig } from '../config/types.js';
import { runRules } from '../engine/run-rules.js';
import type { ClaimResult, Finding, Rule } from '../engine/types.js';
import type { Inventory } from '../inventory/inventory.js';

/** What `init` declares for one claim: the value the server honours now, or nothing and why. */
export interface ClaimDecision {
  spec: ClaimSpec;
  /** The value to declare, in policy syntax; undefined when the claim is left out. */
  value?: string | boolean;
  /** The value as the rules read it (a duration in seconds), beside `value`. */
  parsed?: ClaimValue;
  /** The verdict at that value; when left out, the verdict that made it impossible to declare. */
  result: ClaimResult;
  /** The findings about the claim in that run: when it is left out, they say why. */
  findings: Finding[];
}

/** One claim's verdict and findings in one run of the rules. */
interface Judged {
  result: ClaimResult;
  findings: Finding[];
}

/** Beyond this a finite figure is no real bound: `forever` says it better (1,000 years). */
const LONGEST_FINITE = 1000 * 365 * 86_400;
const HOUR = 3600;
const DAY = 86_400;

type Candidate = { text: string | boolean; value: ClaimValue };

/**
 * Reads the inventory back as a policy by asking the rules themselves, so that the policy `init`
 * writes and the verdicts `lint` gives cannot disagree (one judge, not a second reading of the
 * practices):
 * - an enum or boolean claim gets its least invasive value that the rules do not find violated
 *   and can tell (verified or not applicable);
 * - a duration claim gets the smallest limit that holds, which is the longest nominal figure on
 *   the server (POLICY.md "Verdicts": only a nominal figure beyond the claim violates it), found by
 *   bisection over seconds since verdicts only improve as the limit grows; it is rounded up to
 *   whole hours (whole days from a day on) so that it reads as a policy figure;
 * - a claim the rules cannot tell at any value is left out, with their reason.
 * Every claim is judged in each round at once: a round is one run of the rules.
 */
export function probeClaims(rules: Rule[], inventory: Inventory, base: ResolvedConfig): ClaimDecision[] {
  const judge: Judge = (candidates) => {
    const claims = new Map<ClaimName, DeclaredClaim>();
    for (const [name, c] of candidates) claims.set(name, declared(name, c, base.policyFile));
    const run = runRules(rules, inventory, { ...base, claims, strictRetention: false });
    return new Map(run.claims.map((result) => [result.claim, { result, findings: run.findings.filter((f) => f.claim === result.claim) }]));
  };
  const decisions = new Map<ClaimName, ClaimDecision>();
  decideChoices(CLAIMS.filter((s) => s.type !== 'duration'), judge, decisions);
  decideDurations(CLAIMS.filter((s) => s.type === 'duration'), judge, decisions);
  // The final run gives each declared claim its evidence; a claim some rule still finds violated
  // (a rule whose verdicts do not improve with the limit) is left out rather than written broken.
  const final = judge(new Map([...decisions].flatMap(([name, d]) => (d.value === undefined ? [] : [[name, candidate(d.spec, d.value)]]))));
  return CLAIMS.map((spec) => {
    const decision = decisions.get(spec.name);
    if (!decision) throw new Error(`probeClaims: ${spec.name} was not decided`);
    const judged = final.get(spec.name);
    if (decision.value === undefined || !judged) return decision;
    return judged.result.verdict === 'violated' ? { spec, ...judged } : { ...decision, ...judged };
  });
}

type Judge = (candidates: Map<ClaimName, Candidate>) => Map<ClaimName, Judged>;

function decideChoices(specs: ClaimSpec[], judge: Judge, decisions: Map<ClaimName, ClaimDecision>): void {
  const open = new Map<ClaimName, { spec: ClaimSpec; values: readonly (string | boolean)[]; last?: Judged }>();
  for (const spec of specs) if (spec.type !== 'duration') open.set(spec.name, { spec, values: spec.byInvasiveness });
  for (let round = 0; open.size > 0; round++) {
    const asked = new Map<ClaimName, Candidate>();
    for (const [name, o] of open) {
      const value = o.values[round];
      if (value !== undefined) asked.set(name, candidate(o.spec, value));
    }
    if (asked.size === 0) break;
    const results = judge(asked);
    for (const [name, c] of asked) {
      const o = open.get(name);
      const judged = results.get(name);
      if (!o || !judged) continue;
      if (knownAndKept(judged)) {
        decisions.set(name, { spec: o.spec, value: c.text, parsed: c.value, ...judged });
        open.delete(name);
      } else if (o.last === undefined || judged.result.verdict !== 'violated') {
        // The reason to show when nothing fits: a "cannot tell" says more than a violation of a stricter value.
        o.last = judged;
      }
    }
  }
  for (const [name, o] of open) if (o.last) decisions.set(name, { spec: o.spec, ...o.last });
}

function decideDurations(specs: ClaimSpec[], judge: Judge, decisions: Map<ClaimName, ClaimDecision>): void {
  const all = (seconds: number): Map<ClaimName, Candidate> => new Map(specs.map((s) => [s.name, durationCandidate(seconds)]));
  const atForever = judge(all(Infinity));
  const atLongest = judge(all(LONGEST_FINITE));
  const atNone = judge(all(0));
  // Bisection bounds per claim: `lo` fails, `hi` holds.
  const open = new Map<ClaimName, { spec: ClaimSpec; lo: number; hi: number }>();
  for (const spec of specs) {
    const forever = atForever.get(spec.name);
    const none = atNone.get(spec.name);
    const longest = atLongest.get(spec.name);
    if (!forever || !none || !longest) continue;
    if (!knownAndKept(forever)) decisions.set(spec.name, { spec, ...forever });
    else if (knownAndKept(none)) decisions.set(spec.name, { spec, value: 'none', parsed: parsePolicyDuration('none'), ...none });
    else if (!knownAndKept(longest)) decisions.set(spec.name, { spec, value: 'forever', parsed: parsePolicyDuration('forever'), ...forever });
    else open.set(spec.name, { spec, lo: 0, hi: LONGEST_FINITE });
  }
  while ([...open.values()].some((o) => o.hi - o.lo > 1)) {
    const asked = new Map<ClaimName, Candidate>();
    for (const [name, o] of open) if (o.hi - o.lo > 1) asked.set(name, durationCandidate(Math.floor((o.lo + o.hi) / 2)));
    const results = judge(asked);
    for (const [name, c] of asked) {
      const o = open.get(name);
      const judged = results.get(name);
      if (!o || !judged || typeof c.value !== 'object') continue;
      if (knownAndKept(judged)) o.hi = c.value.seconds;
      else o.lo = c.value.seconds;
    }
  }
  const rounded = new Map<ClaimName, Candidate>();
  for (const [name, o] of open) rounded.set(name, durationCandidate(readable(o.hi)));
  const results = judge(rounded);
  for (const [name, o] of open) {
    const c = rounded.get(name);
    const judged = results.get(name);
    if (c && judged) decisions.set(name, { spec: o.spec, value: c.text, parsed: c.value, ...judged });
  }
}

/** Up to whole hours, and from a day on to whole days: a limit at least as long holds too. */
function readable(seconds: number): number {
  if (seconds >= DAY) return Math.ceil(seconds / DAY) * DAY;
  return Math.ceil(seconds / HOUR) * HOUR;
}

function knownAndKept({ result }: Judged): boolean {
  return result.verdict === 'verified' || result.verdict === 'not-applicable';
}

function candidate(spec: ClaimSpec, text: string | boolean): Candidate {
  if (spec.type === 'duration' && typeof text === 'string') return { text, value: parsePolicyDuration(text) };
  return { text, value: text };
}

function durationCandidate(seconds: number): Candidate {
  const text = formatDuration(seconds);
  return { text, value: parsePolicyDuration(text) };
}

function declared(name: ClaimName, c: Candidate, file: string): DeclaredClaim {
  return { name, value: c.value, text: String(c.text), position: { file, line: 1, column: 1 }, origin: 'policy' };
}
