import type { EjabberdEntry, EjabberdOption } from './config-model.js';
import { describeKind } from './fast-yaml-value.js';
import { checkNestedDuplicates, groupOptions } from './group-options.js';
import { report, type ReaderState } from './reader-state.js';
import { groupInto } from '../../arrays/group-into.js';

/**
 * Global-only options: ejabberd 23.01 src/ejabberd_options.erl globals/0 (lines 716-783).
 * ejabberd_options:validator/0 disallows them (and `hosts`) inside host_config.
 */
export const globalOnlyOptions: ReadonlySet<string> = new Set([
  'acme', 'allow_contrib_modules', 'api_permissions', 'append_host_config', 'auth_cache_life_time',
  'auth_cache_missed', 'auth_cache_size', 'ca_file', 'captcha_cmd', 'captcha_host', 'captcha_limit',
  'captcha_url', 'certfiles', 'cluster_backend', 'cluster_nodes', 'domain_balancing',
  'ext_api_path_oauth', 'fqdn', 'hosts', 'host_config', 'listen', 'loglevel', 'log_rotate_count',
  'log_rotate_size', 'log_burst_limit_count', 'log_burst_limit_window_time', 'log_modules_fully',
  'negotiation_timeout', 'net_ticktime', 'new_sql_schema', 'node_start', 'oauth_cache_life_time',
  'oauth_cache_missed', 'oauth_cache_size', 'oauth_cache_rest_failure_life_time', 'oauth_db_type',
  'oauth_expire', 'oauth_use_cache', 'oom_killer', 'oom_queue', 'oom_watermark', 'queue_dir',
  'redis_connect_timeout', 'redis_db', 'redis_password', 'redis_pool_size', 'redis_port',
  'redis_queue_type', 'redis_server', 'registration_timeout', 'router_cache_life_time',
  'router_cache_missed', 'router_cache_size', 'router_db_type', 'router_use_cache', 'rpc_timeout',
  's2s_max_retry_delay', 'shaper', 'sm_cache_life_time', 'sm_cache_missed', 'sm_cache_size',
  'trusted_proxies', 'validate_stream', 'version', 'websocket_origin', 'websocket_ping_interval',
  'websocket_timeout',
]);

/**
 * Reads a `host_config` or `append_host_config` option (ejabberd 23.01 ejabberd_options.erl
 * opt_type(host_config), :171-179): a map of host → option map; the same host given twice has
 * its option lists concatenated (group_dups), every host must be one of `hosts` (econf:enum),
 * and each host's options are grouped like top-level ones (ejabberd_options:validator/0).
 */
export function readHostConfig(
  state: ReaderState,
  option: EjabberdOption | undefined,
  hosts: Set<string>,
): Map<string, Map<string, EjabberdOption>> {
  const result = new Map<string, Map<string, EjabberdOption>>();
  if (!option) return result;
  const name = option.name;
  const value = option.value;
  if (value.kind === 'list' && value.items.length === 0) return result;
  if (value.kind !== 'map') {
    report(state, 'config-error', value.at, `Invalid value of option ${name}: Expected map, got ${describeKind(value)} instead`);
    return result;
  }
  const perHost = new Map<string, EjabberdEntry[]>();
  for (const entry of value.entries) {
    const host = entry.key.toLowerCase();
    if (!hosts.has(host)) {
      report(state, 'config-error', entry.keyAt, `Invalid value of option ${name}: Unexpected value: ${entry.key} (it is not one of hosts)`, `Add ${entry.key} to hosts, or remove this section`);
      continue;
    }
    const opts = entry.value;
    if (opts.kind === 'list' && opts.items.length === 0) {
      perHost.set(host, perHost.get(host) ?? []);
      continue;
    }
    if (opts.kind !== 'map') {
      report(state, 'config-error', opts.at, `Invalid value of option ${name}->${entry.key}: Expected map of options, got ${describeKind(opts)} instead`);
      continue;
    }
    for (const entry of opts.entries) groupInto(perHost, host, entry);
  }
  for (const [host, entries] of perHost) {
    const kept: EjabberdEntry[] = [];
    for (const entry of entries) {
      if (entry.key === 'define_macro') {
        // Accepted and unused in 23.01; since 25.03 ejabberd_config_transformer warns
        // "The option 'define_macro' is not supported inside 'host_config'" (commit 19482529e).
        report(state, 'config-warning', entry.keyAt, `define_macro inside ${name} is ignored by ejabberd: these macros are not defined for ${host} or anywhere else`, 'Define macros at the top level');
        continue;
      }
      if (globalOnlyOptions.has(entry.key)) {
        report(state, 'config-error', entry.keyAt, `Invalid value of option ${name}->'${host}': Option '${entry.key}' is not allowed in this context (it is a global-only option)`, 'Set it at the top level');
        continue;
      }
      kept.push(entry);
    }
    const grouped = groupOptions(state, kept, ` in ${name} for ${host}`);
    for (const opt of grouped.values()) {
      if (opt.name !== 'modules') checkNestedDuplicates(state, opt.value, ` in option ${opt.name} of ${host}`, false);
    }
    result.set(host, grouped);
  }
  return result;
}
