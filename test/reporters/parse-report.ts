import { readFileSync } from 'node:fs';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Log } from 'sarif';
import * as parse5 from 'parse5';

/** Parsers that read each format back the way its consumer would, failing on anything malformed. */

const schema: unknown = JSON.parse(readFileSync(new URL('../../fixtures/reporters/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
// Both packages are CommonJS whose module.exports also carries itself as `default`.
const ajv = new Ajv.default({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateSarif = ajv.compile(schema as object);

/** A SARIF log validated against the official 2.1.0 schema (with its uri and date-time formats). */
export function parseSarif(text: string): Log {
  const log: unknown = JSON.parse(text);
  if (!validateSarif(log)) throw new Error(`SARIF does not validate: ${ajv.errorsText(validateSarif.errors)}`);
  return log as Log;
}

/** An XML document, checked well-formed first, with attributes as `@_name` and repeated elements always arrays. */
function parseXml(text: string, arrays: string[]): unknown {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Error(`XML is not well-formed: ${JSON.stringify(valid.err)}`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    isArray: (name) => arrays.includes(name),
  });
  return parser.parse(text) as unknown;
}

// What the tests read of each XML report, as fast-xml-parser gives it: attributes `@_name`, text `#text`.
export interface JunitCase {
  '@_classname': string;
  '@_name': string;
  failure?: { '@_message': string; '#text': string };
  skipped?: { '@_message': string };
}
export interface JunitSuite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  '@_skipped': string;
  testcase: JunitCase[];
}
export interface JunitReport {
  testsuites: { '@_tests': string; '@_failures': string; '@_skipped': string; testsuite: JunitSuite[] };
}

/** A JUnit XML report, with `testsuite` and `testcase` always arrays. */
export function parseJunit(text: string): JunitReport {
  return parseXml(text, ['testsuite', 'testcase']) as JunitReport;
}

export interface CheckstyleError {
  '@_line': string;
  '@_column': string;
  '@_severity': string;
  '@_message': string;
  '@_source': string;
}
export interface CheckstyleReport {
  /** `file` is absent when there is no finding. */
  checkstyle: { '@_version': string; file?: { '@_name': string; error: CheckstyleError[] }[] };
}

/** A Checkstyle XML report, with `file` and `error` always arrays. */
export function parseCheckstyle(text: string): CheckstyleReport {
  return parseXml(text, ['file', 'error']) as CheckstyleReport;
}

/** An issue of GitLab's Code Quality report (the fields GitLab reads). */
export interface GitlabIssue {
  type: string;
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  categories: string[];
  location: { path: string; lines: { begin: number } };
}

export function parseGitlab(text: string): GitlabIssue[] {
  const issues: unknown = JSON.parse(text);
  if (!Array.isArray(issues)) throw new Error('a GitLab Code Quality report is an array of issues');
  return issues as GitlabIssue[];
}

export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  data: string;
}

/**
 * Workflow commands as the GitHub runner reads stdout (actions/runner ActionCommand.TryParseV2:
 * trim leading blanks, `::name props::data`, properties split on `,` and `=`, then unescaped).
 * Every line must be one: a line that is not means the report wrote something the runner would
 * print, and a command it did not mean would show up as an extra entry.
 */
export function parseWorkflowCommands(text: string): WorkflowCommand[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line) => {
    const match = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (match === null) throw new Error(`not a workflow command: ${JSON.stringify(line)}`);
    const properties: Record<string, string> = {};
    for (const pair of (match[2] ?? '').split(',').filter((p) => p !== '')) {
      const eq = pair.indexOf('=');
      properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
    return { command: match[1] ?? '', properties, data: unescapeData(match[3] ?? '') };
  });
}

// The runner's unescaping order (ActionCommand.cs): %0D, %0A, then %25 last for data;
// properties also %3A and %2C, then %25.
function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function unescapeProperty(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

/** C0/C1 controls other than newline and tab, DEL, and ESC in particular: none may reach a report. */
export const rawControl = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** An element of a parsed HTML page: its tag, attributes, text (as the DOM's textContent) and descendants. */
export interface HtmlElement {
  tag: string;
  attrs: Record<string, string>;
  text: string;
  all(tag: string): HtmlElement[];
}

/**
 * An HTML page parsed by parse5, the WHATWG-conformant parser (what a browser builds), failing on
 * any parse error the standard defines (an unclosed or misnested tag, a stray `</`).
 */
export function parseHtml(text: string): HtmlElement {
  const errors: string[] = [];
  const document = parse5.parse(text, { onParseError: (e) => errors.push(`${e.code} at ${e.startLine}:${e.startCol}`) });
  if (errors.length > 0) throw new Error(`HTML parse errors: ${errors.join(', ')}`);
  const html = document.childNodes.find((n) => n.nodeName === 'html');
  if (html === undefined) throw new Error('no <html> element');
  return wrap(html);
}

interface Parse5Node {
  nodeName: string;
  tagName?: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Parse5Node[];
  content?: Parse5Node;
}

function textOf(node: Parse5Node): string {
  if (node.nodeName === '#text') return node.value ?? '';
  return (node.childNodes ?? []).map(textOf).join('');
}

function wrap(node: Parse5Node): HtmlElement {
  return {
    tag: node.tagName ?? node.nodeName,
    attrs: Object.fromEntries((node.attrs ?? []).map((a) => [a.name, a.value])),
    text: textOf(node),
    all(tag: string): HtmlElement[] {
      const found: HtmlElement[] = [];
      const visit = (n: Parse5Node): void => {
        for (const child of n.childNodes ?? []) {
          if (child.tagName === tag) found.push(wrap(child));
          visit(child);
        }
      };
      visit(node);
      return found;
    },
  };
}
