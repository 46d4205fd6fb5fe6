import { isDeepStrictEqual } from 'node:util';
import type { ProsodyConfig, ProsodySection } from '../../src/software/prosody/config-model.js';
import { ABSENT, UNKNOWN, inCanonicalOrder, luaValueToJson, type Comparable, type Json } from './lua-value-json.js';

export interface OptionComparison {
  /** Options whose value both sides know and agree on. */
  agreed: number;
  /** "section/option: Prosody has X, privacy-lint has Y" for each disagreement. */
  mismatches: string[];
  /** "section/option" for each option privacy-lint holds as `unknown` (not compared). */
  unknown: string[];
}

const show = (value: Comparable): string =>
  value === ABSENT ? '(absent)' : value === UNKNOWN ? '(unknown)' : JSON.stringify(value);

/**
 * Our section's own options as Prosody's raw section table holds them: besides what the config
 * assigns, `VirtualHost` stores `defined = true` (0.12 core/configmanager.lua:160) and
 * `Component` stores `component_module` and `load_global_modules = false` (:189-191, :202).
 * privacy-lint keeps those in the section itself (kind, componentModule), so they are added
 * here unless the config assigned them explicitly.
 */
export function sectionAsProsodyHoldsIt(section: ProsodySection): Map<string, Comparable> {
  const options = new Map<string, Comparable>();
  for (const [name, option] of section.options) {
    const json = luaValueToJson(option.value);
    options.set(name, json === ABSENT || json === UNKNOWN ? json : inCanonicalOrder(json));
  }
  const implicit: [string, Json][] =
    section.kind === 'host'
      ? [['defined', true]]
      : section.kind === 'component'
        ? [
            ['component_module', section.componentModule?.value ?? 'component'],
            ['load_global_modules', false],
          ]
        : [];
  for (const [name, value] of implicit) if (!options.has(name)) options.set(name, value);
  return options;
}

export function compareOptions(
  prosody: Record<string, Record<string, Json>>,
  ours: ProsodyConfig,
): OptionComparison {
  const result: OptionComparison = { agreed: 0, mismatches: [], unknown: [] };
  for (const [sectionName, prosodyOptions] of Object.entries(prosody)) {
    const section = ours.sections.get(sectionName);
    if (!section) continue; // reported by the section-name comparison
    const ourOptions = sectionAsProsodyHoldsIt(section);
    const names = new Set([...Object.keys(prosodyOptions), ...ourOptions.keys()]);
    for (const name of [...names].sort()) {
      const theirs: Comparable = Object.hasOwn(prosodyOptions, name)
        ? inCanonicalOrder(prosodyOptions[name] as Json)
        : ABSENT;
      const mine = ourOptions.get(name) ?? ABSENT;
      const where = `[${sectionName}] ${name}`;
      if (mine === UNKNOWN) {
        result.unknown.push(where);
      } else if (isDeepStrictEqual(theirs, mine)) {
        result.agreed += 1;
      } else {
        result.mismatches.push(`${where}: Prosody has ${show(theirs)}, privacy-lint has ${show(mine)}`);
      }
    }
  }
  return result;
}
