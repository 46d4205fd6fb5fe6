import type { SourcePosition } from '../../inventory/evidence.js';
import { report, type FileContext, type InternalOption, type InternalSection } from './eval-state.js';
import { unknown, type Val } from './runtime-value.js';

export function getSection(ctx: FileContext, name: string): InternalSection {
  const sections = ctx.state.sections;
  let section = sections.get(name);
  if (!section) {
    // configmanager's set() creates a host table on first write (0.12 core/configmanager.lua:59-69).
    section = { name, kind: 'host', declarations: [], options: new Map() };
    sections.set(name, section);
  }
  return section;
}

/** The option as stored in one section, without falling back to the global one (configmanager.rawget). */
export function rawOption(ctx: FileContext, section: string, name: string): InternalOption | undefined {
  return ctx.state.sections.get(section)?.options.get(name);
}

export interface WriteOptions {
  /** Section to write to; default: the current one (env.__currenthost). */
  section?: string;
  /**
   * True for `name = value` statements, which go through the env's __newindex and so are
   * checked for duplicates; false for configmanager's own set() calls (table-form sections,
   * component_module, proxy appends).
   */
  assignment: boolean;
}

/**
 * Stores an option. Under speculation the value becomes unknown. A repeated assignment in the same
 * file and section gets Prosody's duplicate warning (0.12 core/configmanager.lua:133-141,
 * 13.0 :248-256); duplicates across files are silent there, as set_options is per file.
 */
export function writeOption(ctx: FileContext, name: string, value: Val, at: SourcePosition, opts: WriteOptions): void {
  const state = ctx.state;
  const sectionName = opts.section ?? ctx.section;
  const stored = state.spec.level > 0 ? unknown(`set ${state.spec.reason}`, value.at) : value;
  if (opts.assignment && state.spec.level === 0) {
    const key = `${sectionName}/${name}`;
    const previousLine = ctx.setOptions.get(key);
    if (previousLine !== undefined) {
      report(state, 'config-warning', at, `Duplicate option '${name}' (also set at line ${previousLine}); the last one wins`);
    }
    ctx.setOptions.set(key, at.line);
  }
  const section = getSection(ctx, sectionName);
  const existing = section.options.get(name);
  // A write from the same position (Component "x" "muc" replacing its own "component") is not an
  // earlier assignment.
  const samePlace = existing && existing.at.file === at.file && existing.at.line === at.line && existing.at.column === at.column;
  const overridden = existing ? (samePlace ? existing.overridden : [...existing.overridden, existing.at]) : [];
  section.options.set(name, { name, value: stored, at, overridden });
  state.writes.push({ section: sectionName, name, value: stored, at });
}
