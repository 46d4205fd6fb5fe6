import { editDistance } from '../../config/nearest-key.js';
import type { ProsodyContext } from './context.js';
import { MODULE_OPTIONS, NEIGHBOUR_OPTIONS } from './module-options.js';
import { describeValue } from './option-reader.js';

/** Modules another one loads with module:depends(), whose options then count as read too. */
const DEPENDENCIES: Record<string, string[]> = {
  // prosody-modules mod_audit_auth/mod_audit_auth.lua:4
  audit_auth: ['audit'],
  // 0.12 modules/mod_register.lua:12-14, 13.0 plugins/mod_register.lua:12-14 (with allow_registration)
  register: ['register_ibr', 'watchregistrations'],
  // 0.12 modules/mod_register_ibr.lua:24, 13.0 plugins/mod_register_ibr.lua:26
  register_ibr: ['register_limits'],
  // mod_invites_register.lua:15 (both releases, unless registration_invite_only = false)
  invites_register: ['register_ibr'],
};

/**
 * An option that no module reads does nothing, silently: Prosody takes any name. A name that is
 * not read by any module of the release (nor core) but is close to an option a loaded
 * privacy-relevant module reads is most likely a misspelling of it (`archive_expire_after`).
 * Only names close to those options are reported, so the many custom options stay quiet.
 */
export function checkMisspelledOptions(ctx: ProsodyContext): void {
  const tables = MODULE_OPTIONS[ctx.release];
  const known = new Set<string>(NEIGHBOUR_OPTIONS);
  for (const table of Object.values(tables)) for (const option of Object.keys(table.options)) known.add(option);

  const loaded = new Set<string>();
  const add = (module: string): void => {
    if (loaded.has(module)) return;
    loaded.add(module);
    for (const dependency of DEPENDENCIES[module] ?? []) add(dependency);
  };
  const modules = [...Object.keys(tables), ...Object.keys(DEPENDENCIES)];
  for (const section of [...ctx.activeSections('host'), ...ctx.activeSections('component')]) {
    for (const module of modules) if (!loaded.has(module) && ctx.loaded(section, module) !== false) add(module);
  }
  const readBy = new Map<string, string>();
  for (const module of loaded) {
    const table = tables[module];
    if (!table) continue;
    for (const [option, line] of Object.entries(table.options)) if (!readBy.has(option)) readBy.set(option, `mod_${module}, ${table.source}:${line}`);
  }
  if (readBy.size === 0) return;

  const targets = [...known];
  // Thousands of hosts set the same custom options: each name is compared with every target once.
  const closest = new Map<string, string | undefined>();
  for (const section of ctx.config.sections.values()) {
    for (const option of section.options.values()) {
      if (known.has(option.name)) continue;
      let meant = closest.get(option.name);
      if (meant === undefined && !closest.has(option.name)) closest.set(option.name, (meant = closestOption(option.name, targets)));
      // Closest to a real option that no loaded module reads: not this check's business.
      if (!meant || !readBy.has(meant)) continue;
      ctx.problem(
        option.at,
        `No module reads ${option.name}, so it does nothing; did you mean ${meant} (read by ${readBy.get(meant) ?? ''}, Prosody ${ctx.release})?`,
        `${meant} = ${describeValue(option.value)}`,
      );
    }
  }
}

/**
 * The known option a name most likely misspells: at most 2 edits, or one per 6 letters for long
 * names (`archive_expire_after`, `consider_websockets_secure`), or the option without its module
 * prefix (`log_all_rooms` for `muc_log_all_rooms`). Looser matches mostly pair unrelated
 * options of other modules or releases (`http_file_share_cors` with `http_file_share_access`).
 */
function closestOption(name: string, options: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const allowed = Math.max(2, Math.floor(name.length / 6));
  for (const option of options) {
    const suffix = option.endsWith(`_${name}`) && name.includes('_');
    // The lengths alone bound the edit distance: a name far longer than any option is compared with none.
    if (!suffix && Math.abs(name.length - option.length) > allowed) continue;
    const distance = suffix ? 1 : editDistance(name, option, Math.min(allowed, bestDistance));
    if (distance <= allowed && distance < bestDistance) {
      best = option;
      bestDistance = distance;
    }
  }
  return best;
}
