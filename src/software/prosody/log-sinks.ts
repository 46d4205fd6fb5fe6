import type { SourcePosition } from '../../inventory/evidence.js';
import type { LuaValue } from './config-model.js';

/**
 * Reads Prosody's global `log` option into sinks, exactly as core/loggingmanager.lua does
 * (identical in 0.12 and 13.0: apply_sink_rules :62-103, get_levels :108-134, defaults :147-154).
 */

export const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type Level = (typeof LEVELS)[number];

export interface LogSink {
  /** 'file', 'console', 'stdout', 'syslog', or a sink type registered by a module. */
  type: string;
  /** For file sinks: the file name as written. */
  filename?: string;
  levels: Set<Level>;
  at: SourcePosition;
  /** How the sink was declared, for evidence notes. */
  declared: string;
}

export interface SinkReading {
  sinks: LogSink[];
  /** Parts of the option whose value is not known statically. */
  unknown: { reason: string; at: SourcePosition }[];
}

/** `log` unset (or nil): console, from info (debug with `debug = true`) (loggingmanager.lua:147-154). */
export function defaultSinks(debugMode: boolean, at: SourcePosition): SinkReading {
  return {
    sinks: [{ type: 'console', levels: levelsFrom(debugMode ? 'debug' : 'info'), at, declared: `log not set: console from ${debugMode ? 'debug' : 'info'}` }],
    unknown: [],
  };
}

export function readSinks(log: LuaValue, debugMode: boolean): SinkReading {
  const reading: SinkReading = { sinks: [], unknown: [] };
  switch (log.type) {
    case 'nil':
      return defaultSinks(debugMode, log.at);
    case 'unknown':
      reading.unknown.push({ reason: log.reason, at: log.at });
      return reading;
    case 'string':
      // A file name: default_file_logging (from info, or debug); "*sink": that sink from debug.
      if (log.value.startsWith('*')) addStar(reading, log.value, log.at, 'debug');
      else reading.sinks.push({ type: 'file', filename: log.value, levels: levelsFrom(debugMode ? 'debug' : 'info'), at: log.at, declared: `log = "${log.value}"` });
      return reading;
    case 'table':
      readTable(reading, log);
      return reading;
    default:
      // Numbers, booleans, functions: loggingmanager ignores them and nothing is logged.
      return reading;
  }
}

function readTable(reading: SinkReading, table: Extract<LuaValue, { type: 'table' }>): void {
  for (const level of LEVELS) {
    const value = table.fields.get(level);
    if (!value) continue;
    if (value.type === 'unknown') reading.unknown.push({ reason: value.reason, at: value.at });
    if (value.type !== 'string') continue;
    if (value.value.startsWith('*')) addStar(reading, value.value, value.at, level);
    else reading.sinks.push({ type: 'file', filename: value.value, levels: levelsFrom(level), at: value.at, declared: `${level} = "${value.value}"` });
  }
  for (const item of table.items) {
    if (item.type === 'unknown') reading.unknown.push({ reason: item.reason, at: item.at });
    else if (item.type === 'string' && item.value.startsWith('*')) addStar(reading, item.value, item.at, 'debug');
    else if (item.type === 'table') readSinkConfig(reading, item);
  }
  for (const entry of table.unknownEntries) {
    reading.unknown.push({ reason: entry.type === 'unknown' ? entry.reason : 'an entry with a computed key', at: entry.at });
  }
}

/** A sink table `{ to = ..., levels = ..., filename = ... }`: all four levels when `levels` is absent (:54). */
function readSinkConfig(reading: SinkReading, item: Extract<LuaValue, { type: 'table' }>): void {
  const to = item.fields.get('to');
  if (to?.type === 'unknown') {
    reading.unknown.push({ reason: to.reason, at: to.at });
    return;
  }
  if (to?.type !== 'string' || to.value === 'nowhere') return;
  const levelsValue = item.fields.get('levels');
  const levels = levelsValue ? criteriaLevels(levelsValue, reading) : new Set<Level>(LEVELS);
  const filename = item.fields.get('filename');
  if (filename?.type === 'unknown') reading.unknown.push({ reason: filename.reason, at: filename.at });
  const sink: LogSink = { type: to.value, levels, at: item.at, declared: `{ to = "${to.value}" }` };
  if (filename?.type === 'string') sink.filename = filename.value;
  reading.sinks.push(sink);
}

function addStar(reading: SinkReading, value: string, at: SourcePosition, min: Level): void {
  const type = value.slice(1);
  if (type === 'nowhere') return;
  reading.sinks.push({ type, levels: levelsFrom(min), at, declared: `"${value}" (from ${min})` });
}

function levelsFrom(min: Level): Set<Level> {
  return new Set(LEVELS.slice(LEVELS.indexOf(min)));
}

/** get_levels: a level name, `{ min =, max = }`, and/or a list of level names (:108-134). */
function criteriaLevels(value: LuaValue, reading: SinkReading): Set<Level> {
  const set = new Set<Level>();
  if (value.type === 'string') {
    if (isLevel(value.value)) set.add(value.value);
    return set;
  }
  if (value.type === 'unknown') {
    reading.unknown.push({ reason: value.reason, at: value.at });
    return new Set(LEVELS);
  }
  if (value.type !== 'table') return set;
  const min = value.fields.get('min');
  const max = value.fields.get('max');
  const minName = min?.type === 'string' ? min.value : undefined;
  const maxName = max?.type === 'string' ? max.value : undefined;
  if (minName !== undefined || maxName !== undefined) {
    let inRange = false;
    for (const level of LEVELS) {
      if (minName === level) {
        set.add(level);
        inRange = true;
      } else if (maxName === level) {
        set.add(level);
        break;
      } else if (inRange) {
        set.add(level);
      }
    }
  }
  for (const item of value.items) if (item.type === 'string' && isLevel(item.value)) set.add(item.value);
  return set;
}

function isLevel(name: string): name is Level {
  return (LEVELS as readonly string[]).includes(name);
}

export function sinkDestination(sink: LogSink): string {
  if (sink.type === 'file') return sink.filename ?? '(file sink without filename)';
  return sink.type;
}
