import type { SourcePosition } from '../../inventory/evidence.js';
import { report, type FileContext, type InternalOption, type InternalSection } from './eval-state.js';
import { unknown, type Val } from './runtime-value.js';

/** Shared by every option set only once (most): frozen, replaced by an array of its own on the first override. */
const NOT_OVERRIDDEN = Object.freeze([]) as unknown as SourcePosition[];

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
 * configmanager's set_options check for one assignment: the option's latest record is kept on
 * the option itself; when another file (an Include in between) takes it over, the earlier
 * file's record moves to that file's setOptions Map.
 */
function recordAssignment(ctx: FileContext, option: InternalOption, at: SourcePosition): void {
  const previousLine = option.setIn === ctx ? option.setLine : ctx.setOptions.get(option);
  if (previousLine !== undefined) {
    report(ctx.state, 'config-warning', at, `Duplicate option '${option.name}' (also set at line ${previousLine}); the last one wins`);
  }
  if (option.setIn !== undefined && option.setIn !== ctx) option.setIn.setOptions.set(option, option.setLine);
  option.setIn = ctx;
  option.setLine = at.line;
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
  const section = getSection(ctx, sectionName);
  // One InternalOption object per section and name, updated in place: cheap on huge configs, and
  // its identity keys the per-file duplicate bookkeeping.
  let option = section.options.get(name);
  if (!option) {
    // One string per option name: a name read from the source is a slice of it, one per assignment.
    let shared = state.optionNames.get(name);
    if (shared === undefined) state.optionNames.set(name, (shared = name));
    option = { name: shared, value: stored, at, overridden: NOT_OVERRIDDEN, setIn: undefined, setLine: 0 };
    section.options.set(shared, option);
  } else {
    // A write from the same position (Component "x" "muc" replacing its own "component") is not
    // an earlier assignment.
    const previous = option.at;
    if (previous.line !== at.line || previous.column !== at.column || previous.file !== at.file) {
      if (option.overridden === NOT_OVERRIDDEN) option.overridden = [previous];
      else option.overridden.push(previous);
    }
    option.value = stored;
    option.at = at;
  }
  if (opts.assignment && state.spec.level === 0) recordAssignment(ctx, option, at);
  state.writeCount++;
  if (state.globDepth > 0) state.writes.push({ section: sectionName, name, value: stored, at });
}
