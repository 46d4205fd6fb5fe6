/**
 * The Lua globals a Prosody config can see while it is loaded: 0.12's env falls back to
 * rawget(_G, k) (core/configmanager.lua:127-132), 13.0's to _G[k] with a deprecation warning or
 * to `Lua` (13.0 core/configmanager.lua:212-247). At that point _G holds the Lua 5.4 standard
 * library plus what Prosody's startup set before read_config (0.12 util/startup.lua:257-280
 * init_global_state: prosody, hosts, bare_sessions, full_sessions, log; /usr/bin/prosody:14-17
 * CFG_*DIR). Anything else reads as nil.
 */
const LUA_STANDARD_GLOBALS = [
  '_G',
  '_VERSION',
  'arg',
  'assert',
  'collectgarbage',
  'coroutine',
  'debug',
  'dofile',
  'error',
  'getmetatable',
  'io',
  'ipairs',
  'load',
  'loadfile',
  'math',
  'next',
  'os',
  'package',
  'pairs',
  'pcall',
  'print',
  'rawequal',
  'rawget',
  'rawlen',
  'rawset',
  'require',
  'select',
  'setmetatable',
  'string',
  'table',
  'tonumber',
  'tostring',
  'type',
  'utf8',
  'warn',
  'xpcall',
];

const PROSODY_PROCESS_GLOBALS = [
  'prosody',
  'hosts',
  'bare_sessions',
  'full_sessions',
  'log',
  'CFG_SOURCEDIR',
  'CFG_CONFIGDIR',
  'CFG_PLUGINDIR',
  'CFG_DATADIR',
];

const KNOWN_GLOBALS = new Set([...LUA_STANDARD_GLOBALS, ...PROSODY_PROCESS_GLOBALS]);

/** Globals that hold tables (the rest of KNOWN_GLOBALS are functions, or strings: _VERSION, CFG_*). */
const TABLE_GLOBALS = new Set([
  '_G',
  'arg',
  'coroutine',
  'debug',
  'io',
  'math',
  'os',
  'package',
  'string',
  'table',
  'utf8',
  'prosody',
  'hosts',
  'bare_sessions',
  'full_sessions',
]);

export function isKnownGlobal(name: string): boolean {
  return KNOWN_GLOBALS.has(name);
}

/**
 * Lua type of a global by its path ('' is _G): 'table', 'function' (e.g. `log`, a logger function
 * set by util/startup.lua:274), 'string', or undefined for fields of library tables.
 */
export function globalType(path: string): 'table' | 'function' | 'string' | undefined {
  if (path === '') return 'table';
  if (path.includes('.')) return undefined;
  if (TABLE_GLOBALS.has(path)) return 'table';
  if (path === '_VERSION' || path.startsWith('CFG_')) return 'string';
  return KNOWN_GLOBALS.has(path) ? 'function' : undefined;
}

/** Why a global's value is not known statically, for unknown values' reasons. */
export function globalReason(path: string): string {
  if (path.startsWith('CFG_')) return `Prosody's installation path ${path}, set by the prosody launcher`;
  return `the Lua global ${path === '' ? '_G' : path}`;
}
