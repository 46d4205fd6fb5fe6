import type { EjabberdDefault } from './interpret-context.js';

/**
 * Defaults of the privacy-relevant options of ejabberd 23.01 (Debian bookworm), each with where
 * it was read: processone/ejabberd tag 23.01, `ejabberd_options.erl` options/0 for top-level
 * options and each module's mod_options/1.
 */
export const EJABBERD_DEFAULTS = {
  loglevel: { value: 'info', source: 'src/ejabberd_options.erl options/0' },
  log_rotate_size: { value: 10485760, source: 'src/ejabberd_options.erl options/0' },
  log_rotate_count: { value: 1, source: 'src/ejabberd_options.erl options/0' },
  hide_sensitive_log_data: { value: false, source: 'src/ejabberd_options.erl options/0' },
  log_modules_fully: { value: undefined, source: 'src/ejabberd_options.erl options/0 ([])' },
  auth_password_format: { value: 'plain', source: 'src/ejabberd_options.erl options/0' },
  auth_scram_hash: { value: 'sha', source: 'src/ejabberd_options.erl options/0' },
  auth_method: { value: 'mnesia', source: 'src/ejabberd_options.erl options/0 (default_db)' },
  s2s_use_starttls: { value: false, source: 'src/ejabberd_options.erl options/0' },
  mam_default: { value: 'never', source: 'src/mod_mam.erl mod_options/1' },
  mam_access_preferences: { value: 'all', source: 'src/mod_mam.erl mod_options/1' },
  muc_room_mam: { value: false, source: 'src/mod_muc.erl mod_options/1 (default_room_options)' },
  muc_room_logging: { value: false, source: 'src/mod_muc.erl mod_options/1 (default_room_options)' },
  upload_max_days: { value: 'infinity', source: 'src/mod_http_upload_quota.erl mod_options/1' },
  upload_docroot: { value: '@HOME@/upload', source: 'src/mod_http_upload.erl mod_options/1' },
  upload_jid_in_url: { value: 'sha1', source: 'src/mod_http_upload.erl mod_options/1' },
  push_include_body: { value: 'New message', source: 'src/mod_push.erl mod_options/1' },
  push_include_sender: { value: false, source: 'src/mod_push.erl mod_options/1' },
  register_watchers: { value: undefined, source: 'src/mod_register.erl mod_options/1 ([])' },
  c2s_starttls_required: { value: false, source: 'src/ejabberd_c2s.erl listen_options/0' },
  c2s_tls: { value: false, source: 'src/ejabberd_c2s.erl listen_options/0' },
} satisfies Record<string, EjabberdDefault>;
