/**
 * nginx variables whose value is the client's IP address, directly or as a raw forwarding
 * header (nginx 1.22.1 src/http/ngx_http_variables.c
 * `remote_addr`, `binary_remote_addr`, `proxy_protocol_addr`; ngx_http_realip_module.c
 * `realip_remote_addr`; ngx_http_proxy_module.c `proxy_add_x_forwarded_for`). Any
 * `$http_<header>` is the raw request header; the ones listed carry the client address.
 */
const DIRECT = new Set([
  'remote_addr',
  'binary_remote_addr',
  'realip_remote_addr',
  'proxy_protocol_addr',
  'proxy_add_x_forwarded_for',
  'http_x_forwarded_for',
  'http_forwarded',
  'http_x_real_ip',
  'http_cf_connecting_ip',
  'http_true_client_ip',
  'http_x_client_ip',
  'http_client_ip',
  'http_fastly_client_ip',
  'http_x_cluster_client_ip',
]);

/** Whether `$name` (without `$`, lower case) is a client address by itself. */
export function isClientAddressVariable(name: string): boolean {
  return DIRECT.has(name.toLowerCase());
}

/** Variable names used in an nginx string: `$name` and `${name}`, lower-cased; `$1` excluded. */
export function variablesIn(text: string): string[] {
  const names: string[] = [];
  const re = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) names.push((m[1] ?? m[2] ?? '').toLowerCase());
  return names;
}
