import path from 'node:path';
import { pathUnder } from '../reporters/relative-path.js';
import { escapeMarkdown, markdownCode } from '../reporters/markdown.js';
import { neutraliseLine } from '../reporters/neutralise.js';
import type { Evidence } from '../inventory/evidence.js';
import type { TimeFigure } from '../inventory/retention.js';
import type { Phrases } from './phrases.js';
import { ENGLISH } from './phrases-en.js';
import { GERMAN } from './phrases-de.js';
import type { Said, Section, Statement } from './statements.js';

export const LANGUAGES = { en: ENGLISH, de: GERMAN } as const satisfies Record<string, Phrases>;
export type Language = keyof typeof LANGUAGES;

/**
 * The "what we store and for how long" section of a privacy policy, as Markdown: a paragraph per
 * data category, each statement with a footnote that names the lines it rests on (paths as on
 * the served system, under `root`), the default and release where a figure is one, and the
 * reason behind a worst case or behind what cannot be told.
 */
export function describeMarkdown(sections: Section[], phrases: Phrases, root: string): string {
  const notes: string[] = [];
  const footnote = (text: string): string => {
    if (text === '') return '';
    let index = notes.indexOf(text);
    if (index < 0) index = notes.push(text) - 1;
    return `[^${index + 1}]`;
  };
  const lines = [`## ${phrases.title}`, '', phrases.intro, ''];
  for (const section of sections) {
    const paragraph = section.said.map((said) => `${phrases.sentence(shown(said.statement))}${footnote(footnoteText(said, phrases, root))}`);
    lines.push(`### ${phrases.headings[section.category]}`, '', paragraph.join(' '), '');
  }
  notes.forEach((text, i) => lines.push(`[^${i + 1}]: ${text}`));
  return `${lines.join('\n')}\n`;
}

/** A statement with the strings that came from configs set as code: shown, never read as Markdown. */
function shown(statement: Statement): Statement {
  const s = { ...statement } as Statement & { where?: string; place?: string; tool?: string };
  if (s.where !== undefined) s.where = code(s.where);
  if (s.place !== undefined) s.place = code(s.place);
  if (s.tool !== undefined) s.tool = code(s.tool);
  return s;
}

function footnoteText(said: Said, phrases: Phrases, root: string): string {
  const parts = said.evidence.map((e) => evidenceText(e, phrases, root));
  for (const figure of figuresOf(said.statement)) {
    const why = reasonText(figure, phrases);
    if (why !== undefined && !parts.includes(why)) parts.push(why);
  }
  if (said.filesRead !== undefined && said.filesRead.length > 0) parts.push(phrases.footnote.filesRead(said.filesRead.map((f) => code(servedPath(f, root))).join(', ')));
  if (said.lookedFor !== undefined && said.lookedFor.length > 0) parts.push(phrases.footnote.lookedFor(said.lookedFor.map((f) => code(servedPath(f, root))).join(', ')));
  return parts.join(' ');
}

function evidenceText(e: Evidence, phrases: Phrases, root: string): string {
  const origin = e.default === undefined ? '' : ` (${text(phrases.footnote.default(e.default.software, e.default.release, e.default.source))})`;
  return `${code(`${servedPath(e.file, root)}:${e.line}`)}: ${text(e.note)}${origin}.`;
}

function reasonText(figure: TimeFigure, phrases: Phrases): string | undefined {
  if (figure.bound === 'traffic') return phrases.footnote.noTimeBound(text(figure.reason));
  if (figure.bound === 'unknown') return phrases.footnote.cannotTell(text(figure.reason));
  if (figure.worstCase.kind === 'longer') return phrases.footnote.worstCase(text(figure.worstCase.reason));
  if (figure.worstCase.kind === 'unknown') return phrases.footnote.worstUnknown(text(figure.worstCase.reason));
  return undefined;
}

function figuresOf(s: Statement): TimeFigure[] {
  if (s.kind === 'backup') return [s.retention, s.interval];
  return 'figure' in s ? [s.figure] : [];
}

/**
 * A file as it is named on the served system: `/etc/prosody/prosody.cfg.lua`, not the copy's
 * path. Places discovery looked are relative to the root, except labels such as "scripts run by
 * cron jobs", which are shown as they are.
 */
function servedPath(file: string, root: string): string {
  if (!path.isAbsolute(file)) return /\s/.test(file) ? file : `/${file}`;
  const under = pathUnder(file, root);
  return under === undefined ? file : `/${under}`;
}

function text(value: string): string {
  return escapeMarkdown(neutraliseLine(withoutCredentials(value)));
}

function code(value: string): string {
  return markdownCode(neutraliseLine(withoutCredentials(value)));
}

/**
 * The text is meant to be published: a backup target such as `b2://keyid:appkey@bucket/x` or
 * `sftp://user:secret@host/` keeps its host and path but loses the user and password in it.
 */
export function withoutCredentials(value: string): string {
  return value.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, '$1…@');
}
