import type { SourcePosition, Tri } from '../../inventory/evidence.js';
import type { ProsodyRelease } from '../../config/types.js';
import type { LuaValue, ProsodyConfig } from './config-model.js';
import { effectiveOption } from './effective-option.js';
import { appendAll } from '../../arrays/append-all.js';

/** Which modules Prosody loads on one host or component, as far as the config shows it. */
export interface ModuleSet {
  /** true: loaded; false: not loaded; 'unknown': depends on values known only at runtime. */
  has(name: string): Tri;
  /** Loaded from the module lists, leaving aside the component's own module (known or not). */
  plugin(name: string): Tri;
  /** Modules known to be loaded (has() === true), the component's own module first. */
  loaded(): string[];
  /** Where the module was enabled or disabled (list items, the Component statement). */
  evidence(name: string): SourcePosition[];
  /** Runtime-dependent entries that make has() answer 'unknown' for modules not listed literally. */
  unknown: { reason: string; at: SourcePosition }[];
}

/** 0.12 core/modulemanager.lua:31-40 (prosody.platform is "posix" on Linux, util/startup.lua:241-247). */
const AUTOLOAD_0_12 = ['posix', 'presence', 'message', 'iq', 'offline', 'c2s', 's2s', 's2s_auth_certs'];
/** 13.0 core/modulemanager.lua:31-39: the platform module is no longer in the list. */
const AUTOLOAD_13_0 = ['presence', 'message', 'iq', 'offline', 'c2s', 's2s', 's2s_auth_certs'];
/** Where each release's auto-load list was read, for evidence that a module is auto-loaded. */
export const AUTOLOAD_SOURCE: Record<ProsodyRelease, string> = {
  '0.12': 'core/modulemanager.lua:31-40',
  '13.0': 'core/modulemanager.lua:31-39',
};
/** Both releases: 0.12 core/modulemanager.lua:41-50, 13.0 :40-49. */
const COMPONENT_INHERITABLE = ['tls', 'saslauth', 'dialback', 'iq', 's2s', 's2s_bidi', 'smacks', 'server_contact_info'];

export function autoloadModules(release: ProsodyRelease): readonly string[] {
  return release === '0.12' ? AUTOLOAD_0_12 : AUTOLOAD_13_0;
}

/** Three-valued or/and, for facts that may depend on the runtime. */
export function or3(a: Tri, b: Tri): Tri {
  if (a === true || b === true) return true;
  if (a === false && b === false) return false;
  return 'unknown';
}

export function and3(a: Tri, b: Tri): Tri {
  if (a === false || b === false) return false;
  if (a === true && b === true) return true;
  return 'unknown';
}

function not3(a: Tri): Tri {
  return a === 'unknown' ? 'unknown' : !a;
}

/** A module list as set.new(list) sees it (util/set.lua:40-100: ipairs over the value). */
interface TriList {
  names: Map<string, SourcePosition[]>;
  /** Names added only if a runtime condition holds (`if ENV_X then modules_enabled:append{"x"} end`). */
  maybe: Map<string, { reason: string; at: SourcePosition }[]>;
  open: { reason: string; at: SourcePosition }[];
}

function entriesOf<T>(map: Map<string, T[]>, key: string): T[] {
  let entries = map.get(key);
  if (!entries) map.set(key, (entries = []));
  return entries;
}

/** The list of an option that is not set: shared, since lists are only read once made. */
const NO_LIST: TriList = { names: new Map(), maybe: new Map(), open: [] };

function listOf(value: LuaValue | undefined, optionName: string): TriList {
  if (!value) return NO_LIST;
  const list: TriList = { names: new Map(), maybe: new Map(), open: [] };
  switch (value.type) {
    case 'nil':
    case 'string': // ipairs over a string yields nothing
      return list;
    case 'boolean':
      if (!value.value) return list; // set.new(false) adds nothing
      list.open.push({ reason: `${optionName} is \`true\`, not a list; Prosody fails when loading modules from it`, at: value.at });
      return list;
    case 'unknown':
      list.open.push({ reason: `${optionName}: ${value.reason}`, at: value.at });
      return list;
    case 'table':
      // Appended in place: a list that repeats one name 100,000 times (a fuzzer's case) stays linear.
      for (const item of value.items) {
        if (item.type === 'nil') break; // ipairs stops at the first hole
        if (item.type === 'string') entriesOf(list.names, item.value).push(item.at);
        else if (item.type === 'unknown' && item.possibly !== undefined) {
          entriesOf(list.maybe, item.possibly).push({ reason: `an entry of ${optionName}: ${item.reason}`, at: item.at });
        } else if (item.type === 'unknown') list.open.push({ reason: `an entry of ${optionName}: ${item.reason}`, at: item.at });
      }
      for (const entry of value.unknownEntries) {
        list.open.push({ reason: `an entry of ${optionName} stored under a key known only at runtime`, at: entry.at });
      }
      return list;
    default:
      list.open.push({ reason: `${optionName} is a ${value.type}, not a list; Prosody fails when loading modules from it`, at: value.at });
      return list;
  }
}

/**
 * The global lists are the same for every host: read once per value (a config with 100,000 hosts
 * read them 100,000 times). Lists are only read after they are made.
 */
const globalLists = new WeakMap<LuaValue, Map<string, TriList>>();

function globalList(value: LuaValue | undefined, optionName: string): TriList {
  if (!value) return listOf(value, optionName);
  let byName = globalLists.get(value);
  if (!byName) globalLists.set(value, (byName = new Map<string, TriList>()));
  let list = byName.get(optionName);
  if (!list) byName.set(optionName, (list = listOf(value, optionName)));
  return list;
}

function member(list: TriList, name: string): Tri {
  if (list.names.has(name)) return true;
  return list.open.length > 0 || list.maybe.has(name) ? 'unknown' : false;
}

/** Lua `==` as get_modules_for_host uses it: tables by identity, scalars by value. */
function sameLuaValue(a: LuaValue, b: LuaValue): boolean {
  if (a === b) return true;
  if ((a.type === 'string' || a.type === 'number' || a.type === 'boolean') && a.type === b.type) return a.value === b.value;
  return a.type === 'nil' && b.type === 'nil';
}

/** A host's own list, or undefined when it only inherits the global one (modulemanager.lua:106-107). */
function ownList(config: ProsodyConfig, section: string, name: string): LuaValue | undefined {
  const effective = effectiveOption(config, section, name);
  if (!effective || effective.from === 'global') return undefined;
  const global = config.sections.get('*')?.options.get(name)?.value;
  if (global && sameLuaValue(global, effective.option.value)) return undefined;
  return effective.option.value;
}

/**
 * Prosody's get_modules_for_host (0.12 core/modulemanager.lua:97-120, 13.0 :110-133), plus the
 * component module that load_modules_for_host loads first (0.12 :123-133):
 *   global = autoload + global modules_enabled - global modules_disabled
 *   component: global = global ∩ component_inheritable_modules
 *   modules = (global + host modules_enabled) - host modules_disabled; vcard_legacy removes vcard.
 * A host's list that is the inherited global one counts as not set. Three-valued: a list with an
 * entry known only at runtime makes every module it does not list literally 'unknown', and an
 * unknown entry in a modules_disabled list makes even listed modules 'unknown'.
 */
export function moduleSet(config: ProsodyConfig, section: string): ModuleSet {
  const sectionName = config.sections.has(section) ? section : section.toLowerCase();
  const own = config.sections.get(sectionName);
  const hostEnabled = ownList(config, sectionName, 'modules_enabled');
  const hostDisabled = ownList(config, sectionName, 'modules_disabled');
  // A VirtualHost with no module list and no component module of its own loads what the global
  // section says, and nothing in its set depends on its name: one set serves all such hosts
  // (on 100,000 hosts, 100,000 equal sets were held until the interpretation ended).
  const plainHost = own?.kind === 'host' && hostEnabled === undefined && hostDisabled === undefined &&
    own.componentModule === undefined && !own.options.has('component_module');
  if (plainHost) {
    let shared = plainHostSets.get(config);
    if (shared === undefined) plainHostSets.set(config, (shared = buildModuleSet(config, sectionName, undefined, undefined)));
    return shared;
  }
  return buildModuleSet(config, sectionName, hostEnabled, hostDisabled);
}

const plainHostSets = new WeakMap<ProsodyConfig, ModuleSet>();

function buildModuleSet(config: ProsodyConfig, sectionName: string, hostEnabled: LuaValue | undefined, hostDisabled: LuaValue | undefined): ModuleSet {
  const globalOptions = config.sections.get('*')?.options;
  const autoload = autoloadModules(config.release);
  const gEn = globalList(globalOptions?.get('modules_enabled')?.value, 'global modules_enabled');
  const gDis = globalList(globalOptions?.get('modules_disabled')?.value, 'global modules_disabled');
  const hEn = listOf(hostEnabled, `modules_enabled of ${sectionName}`);
  const hDis = listOf(hostDisabled, `modules_disabled of ${sectionName}`);

  const componentValue = effectiveOption(config, sectionName, 'component_module')?.option.value;
  const sectionKind = config.sections.get(sectionName)?.kind;
  let isComponent: Tri = false;
  let componentName: string | undefined;
  const unknown: ModuleSet['unknown'] = [];
  if (componentValue && componentValue.type !== 'nil' && !(componentValue.type === 'boolean' && !componentValue.value)) {
    if (componentValue.type === 'unknown') {
      isComponent = sectionKind === 'component' ? true : 'unknown';
      unknown.push({ reason: `the component module: ${componentValue.reason}`, at: componentValue.at });
    } else {
      isComponent = true;
      if (componentValue.type === 'string') componentName = componentValue.value;
    }
  }
  appendAll(unknown, gEn.open, gDis.open, hEn.open, hDis.open);
  const componentModuleAt = config.sections.get(sectionName)?.componentModule?.at;

  const plugin = (name: string): Tri => {
    let global = and3(or3(autoload.includes(name), member(gEn, name)), not3(member(gDis, name)));
    if (isComponent !== false) {
      const inherited = and3(COMPONENT_INHERITABLE.includes(name), global);
      global = isComponent === true || inherited === global ? inherited : 'unknown';
    }
    return and3(or3(global, member(hEn, name)), not3(member(hDis, name)));
  };
  const raw = (name: string): Tri => {
    let result = plugin(name);
    if (componentName === name) result = true;
    else if (isComponent !== false && componentName === undefined && componentValue?.type === 'unknown') result = or3(result, 'unknown');
    return result;
  };
  const has = (name: string): Tri => {
    const r = raw(name);
    // "mod_vcard_legacy replaces mod_vcard": vcard is removed when both are in the set.
    return name === 'vcard' ? and3(r, not3(raw('vcard_legacy'))) : r;
  };

  return {
    has,
    plugin,
    loaded() {
      const candidates = new Set<string>([
        ...(componentName ? [componentName] : []),
        ...autoload,
        ...gEn.names.keys(),
        ...hEn.names.keys(),
        ...COMPONENT_INHERITABLE,
      ]);
      return [...candidates].filter((name) => has(name) === true);
    },
    evidence(name) {
      const globalMatters = isComponent !== true || COMPONENT_INHERITABLE.includes(name);
      const positions = [
        ...(globalMatters ? [...(gEn.names.get(name) ?? []), ...(gDis.names.get(name) ?? [])] : []),
        ...(hEn.names.get(name) ?? []),
        ...(hDis.names.get(name) ?? []),
        ...[...(globalMatters ? [gEn, gDis] : []), hEn, hDis].flatMap((list) => (list.maybe.get(name) ?? []).map((m) => m.at)),
      ];
      if (componentName === name && componentModuleAt) positions.push(componentModuleAt);
      return positions;
    },
    unknown,
  };
}
