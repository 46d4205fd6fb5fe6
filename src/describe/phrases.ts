import type { CategoryName } from '../engine/categories.js';
import type { Statement } from './statements.js';

/**
 * One language's texts for `describe`, written in that language (never translated at run time):
 * phrases-en.ts, phrases-de.ts. Strings from configs (hosts, paths, tools) arrive already set as
 * Markdown; reasons and notes in footnotes are the tool's own evidence, shown as they are.
 */
export interface Phrases {
  title: string;
  intro: string;
  headings: Record<CategoryName, string>;
  /** The sentences for one statement. */
  sentence(statement: Statement): string;
  footnote: {
    /** A default, and of which release: "default of prosody 0.12 (core/modulemanager.lua:31-40)". */
    default(software: string, release: string, source: string): string;
    worstCase(reason: string): string;
    worstUnknown(reason: string): string;
    noTimeBound(reason: string): string;
    cannotTell(reason: string): string;
    /** Something absent: the files read, none of which sets it up. */
    filesRead(files: string): string;
    /** Nothing found: where the tool looked. */
    lookedFor(paths: string): string;
  };
}
