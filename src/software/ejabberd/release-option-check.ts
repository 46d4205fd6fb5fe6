import { editDistance } from '../../config/nearest-key.js';
import type { Diagnostic } from '../../inventory/diagnostic.js';
import type { SourcePosition } from '../../inventory/evidence.js';
import type { EjabberdConfig, EjabberdOption, EjabberdValue } from './config-model.js';
import { LATER_OPTIONS } from './later-options.js';
import { EJABBERD_OPTIONS } from './release-options.js';

/**
 * Options the assumed ejabberd release does not know make it refuse to start: econf validates
 * the whole config against ejabberd_options:options/0 and each module's mod_options/1, and an
 * unknown name is `{unknown_option, Known, Opt}`. The messages are econf:format_error/2's, as
 * ejabberd 23.01 prints them after "Failed to start ejabberd application: " (checked with
 * `erl -eval 'econf:format_error(...)'` against Debian's 23.01). An option a later release
 * accepts (src/software/ejabberd/later-options.ts) names that release. Releases without a table
 * (src/software/ejabberd/release-options.ts) are not checked.
 */
export function checkOptionsForRelease(config: EjabberdConfig, release: string): Diagnostic[] {
  const table = EJABBERD_OPTIONS[release];
  if (!table) return [];
  const out: Diagnostic[] = [];
  const later = LATER_OPTIONS[release] ?? {};
  const refuse = (at: SourcePosition, context: string, option: string, known: readonly string[], module?: string): void => {
    const since = later[module ? `${module}.${option}` : option];
    const hint = since
      ? ` ${option} exists from ejabberd ${since}: the config seems written for ${since} or later; if the server runs that, set versions.ejabberd: "${since}"`
      : ' If the server runs another release, name it in versions.ejabberd';
    out.push({
      code: 'config-error',
      message: `ejabberd ${release} refuses to start: ${context}${unknownOptionText(option, known).replace(/([^?])$/, '$1.')}${hint}`,
      position: at,
    });
  };
  const topLevel = (option: EjabberdOption, context: string): void => {
    if (table.global.includes(option.name)) return;
    if (!table.transformed.includes(option.name)) {
      refuse(option.at, context, option.name, table.global);
      return;
    }
    // ejabberd_config_transformer rewrites or drops it, logging "Option 'X' is deprecated".
    out.push({
      code: 'config-warning',
      message: `${option.name} is an old option that ejabberd ${release} converts or ignores ("Option '${option.name}' is deprecated" at startup); \`ejabberdctl dump-config\` shows what it became`,
      position: option.at,
    });
  };
  for (const option of config.global.values()) topLevel(option, '');
  for (const [host, options] of config.hostConfig) {
    for (const option of options.values()) topLevel(option, `Invalid value of option host_config->'${host}': `);
  }
  const moduleLists: EjabberdOption[] = [
    ...[config.global.get('modules')],
    ...[...config.hostConfig.values()].map((o) => o.get('modules')),
    ...[...config.appendHostConfig.values()].map((o) => o.get('modules')),
  ].filter((o): o is EjabberdOption => o !== undefined);
  for (const modules of moduleLists) {
    if (modules.value.kind !== 'map') continue;
    for (const entry of modules.value.entries) {
      const known = table.modules[entry.key];
      // A module the release does not ship (a contrib module) is not checked here.
      if (!known) continue;
      for (const option of optionEntries(entry.value)) {
        if (!known.includes(option.key) && !table.transformedModule.includes(option.key)) refuse(option.keyAt, `Invalid value of option modules->${entry.key}: `, option.key, known, entry.key);
      }
    }
  }
  return out;
}

function optionEntries(value: EjabberdValue): { key: string; keyAt: SourcePosition }[] {
  return value.kind === 'map' ? value.entries : [];
}

/** econf:format_error({unknown_option, Known, Opt}, _): the list of options only when short. */
function unknownOptionText(option: string, known: readonly string[]): string {
  if (known.length === 0) return `Unknown option: ${option}. There are no available options`;
  const available = known.length <= 20 ? ` Available options are: ${[...known].sort().join(', ')}` : '';
  return `Unknown option: ${option}. Did you mean ${bestMatch(option, known)}?${available}`;
}

/** The closest known name, as misc:best_match/2 picks it (smallest edit distance). */
function bestMatch(option: string, known: readonly string[]): string {
  let best = known[0] ?? '';
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(option, candidate, bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
