import { posix } from 'node:path';
import { positionInValue, unitList, unitValue } from '../../formats/systemd-unit/parse-unit.js';
import type { SourcePosition } from '../../inventory/evidence.js';
import { unitLoader, UNIT_DIRS, type UnitSink } from '../scheduled-jobs/load-unit.js';
import type { RootFiles } from '../../files/root-files.js';
import { splitShell, type ShellWord } from '../scheduled-jobs/shell-words.js';

/**
 * Which config file Caddy runs with, and how it reads it. Debian's caddy.service starts
 * `caddy run --environ --config /etc/caddy/Caddyfile`; an admin may point `--config` elsewhere,
 * name an `--adapter`, or override ExecStart= in a drop-in. Caddy 2.6.2 cmd/main.go
 * (loadConfigWithLogger) decides the adapter: `--adapter NAME` when given; else a file whose
 * base name starts with "Caddyfile" and does not end in ".json" is a Caddyfile; anything else
 * is native JSON. Without `--config`, `caddy run` reads `Caddyfile` in its working directory.
 * Flags are read as Caddy 2.6.2's command line (cobra/pflag) reads them: `--config FILE` or
 * `--config=FILE`; it refuses single-dash forms (`-config`, `-c`: "unknown shorthand flag").
 */
export interface CaddyConfigFile {
  /** System path, e.g. /etc/caddy/Caddyfile. */
  path: string;
  adapter: 'caddyfile' | 'json' | (string & {});
  /** Where the service names it (ExecStart=), absent for a standard location. */
  namedAt?: SourcePosition;
}

export interface CaddyConfigs {
  configs: CaddyConfigFile[];
  searched: string[];
  /** Why the service's config cannot be told, with where. */
  unknown?: { message: string; at: SourcePosition };
}

/** Standard places, read when no caddy.service says otherwise (Debian: the Caddyfile). */
const STANDARD: CaddyConfigFile[] = [
  { path: '/etc/caddy/Caddyfile', adapter: 'caddyfile' },
  { path: '/etc/caddy/caddy.json', adapter: 'json' },
];

export const CADDY_SERVICE = 'caddy.service';
/** Where caddy.service can be, relative to the root (its drop-ins are looked for beside each). */
export const CADDY_SERVICE_PLACES = UNIT_DIRS.map((dir) => `${dir.slice(1)}/${CADDY_SERVICE}`);

export function adapterFor(path: string, adapter: string | undefined): string {
  if (adapter !== undefined && adapter !== '') return adapter;
  const base = posix.basename(path);
  return base.startsWith('Caddyfile') && posix.extname(path) !== '.json' ? 'caddyfile' : 'json';
}

/** The value of a long flag (`--name v` or `--name=v`; the last one wins) and the word it came from. */
function flag(words: ShellWord[], name: string): { value: string; word: ShellWord } | undefined {
  let found: { value: string; word: ShellWord } | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = (words[i] as ShellWord).value;
    if (w === `--${name}` && words[i + 1] !== undefined) found = { value: (words[i + 1] as ShellWord).value, word: words[i + 1] as ShellWord };
    else if (w.startsWith(`--${name}=`)) found = { value: w.slice(name.length + 3), word: words[i] as ShellWord };
  }
  return found;
}

export function locateCaddyConfigs(files: RootFiles, sink: UnitSink): CaddyConfigs {
  const searched = [...STANDARD.map((s) => s.path.slice(1)), ...CADDY_SERVICE_PLACES];
  const standard = (): CaddyConfigs => ({ configs: STANDARD.filter((s) => files.read(s.path) !== undefined), searched });
  const service = unitLoader(files, sink)(CADDY_SERVICE);
  if (service === undefined || service.masked) return standard();
  const execStart = unitList(service.units, 'Service', 'ExecStart').at(-1);
  if (execStart === undefined) return standard();
  const prefix = (/^[-@:+!]*/.exec(execStart.value) as RegExpExecArray)[0].length;
  const words = splitShell(execStart.value.slice(prefix))[0]?.words ?? [];
  const at = (w: ShellWord): SourcePosition => positionInValue(execStart, prefix + w.start);
  if (posix.basename(words[0]?.value ?? '') !== 'caddy' || !['run', 'start'].includes(words[1]?.value ?? '')) {
    return { configs: [], searched, unknown: { message: `${CADDY_SERVICE} does not start "caddy run" (ExecStart=${execStart.value}), so which config Caddy runs with cannot be told`, at: execStart.valueAt } };
  }
  const short = words.slice(2).find((w) => /^-[^-]/.test(w.value));
  if (short !== undefined) {
    const message = `${CADDY_SERVICE} passes ${short.value} to caddy, which Caddy 2.6.2 refuses (it takes --config and --adapter), so which config runs cannot be told`;
    return { configs: [], searched, unknown: { message, at: at(short) } };
  }
  const config = flag(words, 'config');
  const adapter = flag(words, 'adapter');
  const runtime = [config, adapter].find((f) => f !== undefined && f.value.includes('$'));
  if (runtime !== undefined) {
    return { configs: [], searched, unknown: { message: `${CADDY_SERVICE} names its config with ${runtime.value}, known only when systemd starts it`, at: at(runtime.word) } };
  }
  if (config === undefined && words.some((w) => /^--?resume$/.test(w.value))) {
    const message = `${CADDY_SERVICE} runs Caddy with --resume and no --config: it loads the config last set through its admin API (autosave.json), which is not a config file privacy-lint can judge`;
    return { configs: [], searched, unknown: { message, at: execStart.valueAt } };
  }
  const workingDirectory = unitValue(service.units, 'Service', 'WorkingDirectory')?.value.replace(/^-/, '') ?? '/';
  const path = config !== undefined ? posix.resolve(workingDirectory, config.value) : posix.join(workingDirectory, 'Caddyfile');
  const namedAt = config !== undefined ? at(config.word) : execStart.valueAt;
  return { configs: [{ path, adapter: adapterFor(path, adapter?.value), namedAt }], searched: [...searched, path.slice(1)] };
}
