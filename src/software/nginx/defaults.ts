import type { DefaultOrigin } from '../../inventory/evidence.js';

/**
 * nginx behaviour that applies when the configuration says nothing. Paths are Debian's
 * compiled-in values, read from `nginx -V` of Debian 12's nginx 1.22.1-9+deb12u10:
 * `--prefix=/usr/share/nginx --conf-path=/etc/nginx/nginx.conf
 * --http-log-path=/var/log/nginx/access.log --error-log-path=stderr` (upstream's defaults are
 * `logs/access.log` and `logs/error.log` under the prefix /usr/local/nginx).
 */

/** The release whose source the line numbers below were read from (Debian 12's package). */
const SOURCE_READ = '1.22.1';

/** Relative log paths resolve against the prefix, not the conf dir (ngx_conf_full_name(.., 0)). */
export const PREFIX = '/usr/share/nginx';

/** NGX_HTTP_LOG_PATH: the access log of a level with no access_log anywhere above it. */
export const DEFAULT_ACCESS_LOG = '/var/log/nginx/access.log';

/** NGX_ERROR_LOG_PATH: Debian builds with `stderr` (captured by journald under systemd). */
export const DEFAULT_ERROR_LOG = 'stderr';

/** ngx_log_set_levels: no level given → error (src/core/ngx_log.c:485). */
export const DEFAULT_ERROR_LEVEL = 'error';

/** The predefined format (src/http/modules/ngx_http_log_module.c:227-230). */
export const COMBINED_FORMAT =
  '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"';

/**
 * Where each built-in default is read in nginx's source, for the evidence of a figure that rests
 * on it; `release` is the nginx release the run judges (versions.nginx, else the one assumed:
 * src/config/software-releases.ts), so the evidence names the same release as the message. The
 * line numbers are those of nginx 1.22.1's source, where these defaults were read.
 */
export interface NginxDefaults {
  accessLog: DefaultOrigin;
  combined: DefaultOrigin;
  errorLog: DefaultOrigin;
  clientInErrors: DefaultOrigin;
}

export function nginxDefaults(release: string): NginxDefaults {
  // Another release: the citation still says which source its line numbers are from.
  const origin = (source: string): DefaultOrigin => ({ software: 'nginx', release, source: release === SOURCE_READ ? source : `${source}; line numbers of nginx ${SOURCE_READ}'s source` });
  return {
    accessLog: origin('src/http/modules/ngx_http_log_module.c:1198-1230 (merge: no access_log at any level → NGX_HTTP_LOG_PATH, format combined); Debian --http-log-path=/var/log/nginx/access.log'),
    combined: origin('src/http/modules/ngx_http_log_module.c:227-230 (predefined format "combined"), :1336-1346 (format omitted → combined; names compared case-insensitively :1349-1356)'),
    errorLog: origin('src/core/ngx_log.c:401-430 (ngx_log_open_default: no error_log file → NGX_ERROR_LOG_PATH at level error); Debian --error-log-path=stderr'),
    clientInErrors: origin('src/http/ngx_http_request.c:3806 (ngx_http_log_error appends ", client: <address>" to every request error)'),
  };
}
