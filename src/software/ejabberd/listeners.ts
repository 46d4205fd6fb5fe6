import type { SourcePosition } from '../../inventory/evidence.js';
import type { EjabberdListener, EjabberdOption, EjabberdValue } from './config-model.js';
import { describeKind, scalarText } from './fast-yaml-value.js';
import { checkNestedDuplicates } from './group-options.js';
import { report, type ReaderState } from './reader-state.js';

function flag(value: EjabberdValue): { value: boolean; at: SourcePosition } | undefined {
  if (value.kind === 'atom' && (value.value === 'true' || value.value === 'false')) return { value: value.value === 'true', at: value.at };
  return undefined;
}

/**
 * The `listen` option: a list of listener maps (ejabberd 23.01 src/ejabberd_listener.erl
 * validator/0, :542-577): each needs `module`, and its options are checked with `unique`, so a
 * key repeated inside one listener is refused. `ip` defaults to all interfaces and `transport`
 * to tcp (prepare_opts/1).
 */
export function readListeners(state: ReaderState, option: EjabberdOption | undefined): EjabberdListener[] {
  if (!option) return [];
  const value = option.value;
  if (value.kind === 'map' && value.entries.length === 0) return [];
  if (value.kind !== 'list') {
    report(state, 'config-error', value.at, `Invalid value of option listen: Expected list, got ${describeKind(value)} instead`);
    return [];
  }
  const result: EjabberdListener[] = [];
  for (const item of value.items) {
    if (item.kind !== 'map') {
      report(state, 'config-error', item.at, `Invalid value of option listen: Expected map, got ${describeKind(item)} instead`);
      continue;
    }
    checkNestedDuplicates(state, item, ' in this listener', true);
    const listener: EjabberdListener = { at: item.at, requestHandlers: [], options: item.entries };
    for (const { key, value: v } of item.entries) {
      if (listener.options.find((e) => e.key === key)?.value !== v) continue; // duplicates: reported above
      const text = scalarText(v);
      switch (key) {
        case 'port':
          if (v.kind === 'int' || text !== undefined) listener.port = { value: v.kind === 'int' ? v.value : (text as string), at: v.at };
          break;
        case 'ip':
          if (text !== undefined) listener.ip = { value: text, at: v.at };
          break;
        case 'module':
          if (text !== undefined) listener.module = { value: text, at: v.at };
          break;
        case 'transport':
          if (text !== undefined) listener.transport = { value: text, at: v.at };
          break;
        case 'tls':
        case 'starttls':
        case 'starttls_required': {
          const f = flag(v);
          if (!f) break;
          if (key === 'tls') listener.tls = f;
          else if (key === 'starttls') listener.starttls = f;
          else listener.starttlsRequired = f;
          break;
        }
        case 'request_handlers':
          if (v.kind === 'map') {
            for (const h of v.entries) {
              const mod = scalarText(h.value);
              if (mod !== undefined) listener.requestHandlers.push({ path: h.key, module: mod, at: h.keyAt });
            }
          }
          break;
      }
    }
    if (!listener.module) report(state, 'config-error', item.at, 'Invalid value of option listen: Missing required option: module');
    result.push(listener);
  }
  return result;
}
