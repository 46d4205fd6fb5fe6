import path from 'node:path';
import type { ArtifactLocation, Fix, Location, Log, ReportingDescriptor, Result } from 'sarif';
import type { Severity } from '../config/types.js';
import type { Finding, LintResult, RuleMeta } from '../engine/types.js';
import type { TextEdit } from '../inventory/edit.js';
import type { SourcePosition } from '../inventory/evidence.js';
import { fingerprints } from './fingerprint.js';
import { pathUnder, withoutDirectory } from './relative-path.js';
import { suppressedFindings, type SuppressedFinding } from './suppressed-findings.js';
import type { ReportContext } from './report-context.js';
import { toolDirectory, toolHomepage, toolName, toolVersion } from './tool-info.js';

const schemaUri = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const fingerprintKey = `${toolName}/v1`;

const level: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF 2.1.0 for GitHub code scanning and other SARIF viewers; one run per invocation. */
export function formatSarif(result: LintResult, context: ReportContext): string {
  return `${JSON.stringify(sarifLog(result, context, { homepage: toolHomepage(), toolDir: toolDirectory() }), null, 2)}\n`;
}

export interface SarifOptions {
  /** package.json `homepage`: rule documentation is linked below it (helpUri), else not linked. */
  homepage: string | undefined;
  /** Where privacy-lint is installed, for the built-in profiles a policy may come from. */
  toolDir: string | undefined;
}

export function sarifLog(result: LintResult, context: ReportContext, options: SarifOptions): Log {
  const locator = new Locator(context.cwd, result.root, options.toolDir);
  // Suppressed findings are results too, marked so viewers show them as accepted, with the reason.
  const all: SuppressedFinding[] = [...result.findings, ...suppressedFindings(result)];
  const rules = ruleDescriptors(result.rules, all, options.homepage);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const uriOf = (f: Finding): string => {
    const at = locator.locate(f.file);
    return `${at.uriBaseId ?? ''}:${at.uri ?? ''}`;
  };
  const prints = fingerprints(all, uriOf, [context.cwd, result.root]);
  const results = all.map((f, i): Result => {
    const related = (f.evidence ?? []).map((e, id): Location => ({ id, ...physical(locator, e), message: { text: withoutDirectory(e.note, context.cwd) } }));
    return {
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId) ?? 0,
      level: level[f.severity],
      message: { text: withoutDirectory(f.message, context.cwd) },
      locations: [physical(locator, f)],
      ...(related.length > 0 && { relatedLocations: related }),
      partialFingerprints: { [fingerprintKey]: prints[i] ?? '' },
      ...(f.suppressions !== undefined &&
        f.suppressions.length > 0 && {
          suppressions: f.suppressions.map((s) => ({
            kind: s.kind,
            justification: s.justification,
            location: physical(locator, s.at),
          })),
        }),
      ...(f.fix !== undefined && { fixes: [sarifFix(locator, f.fix, f.suggestion)] }),
      ...((f.claim !== undefined || f.suggestion !== undefined || f.hosts !== undefined) && {
        properties: {
          ...(f.claim !== undefined && { claim: f.claim }),
          ...(f.suggestion !== undefined && { suggestion: f.suggestion }),
          ...(f.hosts !== undefined && { hosts: f.hosts }),
        },
      }),
    };
  });
  const bases = locator.usedBases();
  return {
    $schema: schemaUri,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: toolName,
            version: toolVersion(),
            semanticVersion: toolVersion(),
            ...(options.homepage !== undefined && { informationUri: options.homepage }),
            rules,
          },
        },
        ...(Object.keys(bases).length > 0 && { originalUriBaseIds: bases }),
        results,
      },
    ],
  };
}

function physical(locator: Locator, at: SourcePosition): Location {
  return {
    physicalLocation: {
      artifactLocation: locator.locate(at.file),
      region: { startLine: positive(at.line), startColumn: positive(at.column) },
    },
  };
}

/** The edit as a SARIF fix (§3.55): one replacement in one artifact; an empty region inserts. */
function sarifFix(locator: Locator, fix: TextEdit, suggestion: string | undefined): Fix {
  const { start, end } = fix.range;
  return {
    ...(suggestion !== undefined && { description: { text: suggestion } }),
    artifactChanges: [
      {
        artifactLocation: locator.locate(fix.file),
        replacements: [
          {
            deletedRegion: { startLine: positive(start.line), startColumn: positive(start.column), endLine: positive(end.line), endColumn: positive(end.column) },
            insertedContent: { text: fix.text },
          },
        ],
      },
    ],
  };
}

/** SARIF lines and columns start at 1; a plugin's evidence may not say. */
function positive(n: number): number {
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/**
 * Every rule that ran, plus any rule a finding names that has no metadata (so `ruleIndex` always
 * points somewhere), in the order `privacy-lint rules` lists them.
 */
function ruleDescriptors(ruleMetas: RuleMeta[], findings: Finding[], homepage: string | undefined): ReportingDescriptor[] {
  const metas: (RuleMeta | { id: string })[] = [...ruleMetas];
  const known = new Set(metas.map((m) => m.id));
  for (const f of findings) {
    if (known.has(f.ruleId)) continue;
    known.add(f.ruleId);
    metas.push({ id: f.ruleId });
  }
  return metas.map((meta) => ('description' in meta ? descriptor(meta, homepage) : { id: meta.id }));
}

function descriptor(meta: RuleMeta, homepage: string | undefined): ReportingDescriptor {
  // Built-in rules have a page in docs/rules/; a plugin's rule (`namespace/id`) documents itself.
  const builtin = !meta.id.includes('/');
  const docPage = `docs/rules/${meta.id}.md`;
  const helpUri = homepage !== undefined && builtin ? docsUrl(homepage, docPage) : undefined;
  const checks = meta.docs.checks.map((c) => `- ${c}`).join('\n');
  const docs = builtin ? `Documentation: ${helpUri ?? docPage} (or \`${toolName} explain ${meta.id}\`)` : '';
  const help = [meta.docs.rationale, checks, docs].filter((part) => part !== '').join('\n\n');
  return {
    id: meta.id,
    shortDescription: { text: meta.description },
    fullDescription: { text: meta.docs.rationale },
    help: { text: help },
    ...(helpUri !== undefined && { helpUri }),
    defaultConfiguration: { level: level[meta.defaultSeverity] },
    properties: { tags: ['privacy', ...meta.claims] },
  };
}

/** The rule's page in the repository that `homepage` names: GitHub and GitLab both serve `/blob/HEAD/…`. */
function docsUrl(homepage: string, page: string): string | undefined {
  try {
    const base = new URL(homepage);
    base.hash = '';
    base.search = '';
    return new URL(`${base.pathname.replace(/\/$/, '')}/blob/HEAD/${page}`, base).href;
  } catch {
    return undefined;
  }
}

/**
 * Artifact locations that never hold the absolute path of the machine that ran the check: relative
 * to the working directory (a CI checkout: what GitHub resolves against the repository), else to
 * --root (uriBaseId ROOT) or the privacy-lint package (PRIVACY_LINT, for its built-in profiles),
 * whichever holds the file more closely, else to the filesystem root (FILESYSTEM).
 */
class Locator {
  private readonly used = new Set<string>();

  constructor(
    private readonly cwd: string,
    private readonly root: string,
    private readonly toolDir: string | undefined,
  ) {}

  locate(file: string): ArtifactLocation {
    const inCwd = pathUnder(file, this.cwd);
    if (inCwd !== undefined) return { uri: encodeUri(inCwd) };
    // The innermost base wins: a built-in profile is PRIVACY_LINT's even when --root is /.
    const bases: [string, string | undefined][] = [['ROOT', this.root], ['PRIVACY_LINT', this.toolDir]];
    let best: { id: string; dir: string; relative: string } | undefined;
    for (const [id, dir] of bases) {
      const relative = dir === undefined ? undefined : pathUnder(file, dir);
      if (dir !== undefined && relative !== undefined && (best === undefined || dir.length > best.dir.length)) best = { id, dir, relative };
    }
    const chosen = best ?? { id: 'FILESYSTEM', relative: pathUnder(file, path.parse(file).root || '/') ?? file };
    this.used.add(chosen.id);
    return { uri: encodeUri(chosen.relative), uriBaseId: chosen.id };
  }

  usedBases(): Record<string, ArtifactLocation> {
    const described: Record<string, ArtifactLocation> = {
      ROOT: this.root === '/' ? { uri: 'file:///' } : { description: { text: 'the directory given as --root' } },
      PRIVACY_LINT: { description: { text: `the ${toolName} package (its built-in profiles)` } },
      FILESYSTEM: { uri: 'file:///' },
    };
    return Object.fromEntries([...this.used].map((id) => [id, described[id] ?? {}]));
  }
}

/** A relative path as a URI reference: each segment percent-encoded (spaces, `%`, `#`, escapes). */
function encodeUri(relative: string): string {
  return relative.split('/').map(encodeURIComponent).join('/');
}
