import type { ProsodyDefault } from './option-reader.js';

/**
 * Module defaults of the privacy-relevant options, per release, each with the source line it
 * was read from. 0.12 = Debian prosody 0.12.3 (/usr/lib/prosody/modules, community modules from
 * prosody-modules 0.0~hg20230223); 13.0 = upstream tag 13.0.1 (plugins/).
 */
export const PROSODY_DEFAULTS = {
  archive_expires_after: {
    value: '1w',
    source: { '0.12': 'modules/mod_mam/mod_mam.lua:46', '13.0': 'plugins/mod_mam/mod_mam.lua:46' },
  },
  default_archive_policy: {
    // 0.12 reads `true` (string then boolean); 13.0 defaults to "always" (same meaning).
    value: true,
    source: { '0.12': 'modules/mod_mam/mamprefs.lib.lua:13-16', '13.0': 'plugins/mod_mam/mamprefs.lib.lua:13-20' },
  },
  mam_smart_enable: {
    value: false,
    source: { '0.12': 'modules/mod_mam/mamprefs.lib.lua:17', '13.0': 'plugins/mod_mam/mamprefs.lib.lua:14' },
  },
  muc_log_expires_after: {
    value: '1w',
    source: { '0.12': 'modules/mod_muc_mam.lua:37', '13.0': 'plugins/mod_muc_mam.lua:37' },
  },
  muc_log_by_default: {
    value: true,
    source: { '0.12': 'modules/mod_muc_mam.lua:51', '13.0': 'plugins/mod_muc_mam.lua:51' },
  },
  muc_log_all_rooms: {
    value: false,
    source: { '0.12': 'modules/mod_muc_mam.lua:50', '13.0': 'plugins/mod_muc_mam.lua:50' },
  },
  /** Community mod_muc_log: rooms are logged to disk only when enabled per room. */
  muc_log_by_default_community: {
    value: false,
    source: { '0.12': 'prosody-modules mod_muc_log/mod_muc_log.lua:15', '13.0': 'prosody-modules mod_muc_log/mod_muc_log.lua:15' },
  },
  http_file_share_expires_after: {
    // 0.12: a number (7*86400); 13.0: a period string.
    value: undefined,
    source: { '0.12': 'modules/mod_http_file_share.lua:43', '13.0': 'plugins/mod_http_file_share.lua:42' },
  },
  http_file_share_base_url: {
    value: undefined,
    source: { '0.12': 'modules/mod_http_file_share.lua:39,453', '13.0': 'plugins/mod_http_file_share.lua:481' },
  },
  http_upload_expire_after: {
    value: undefined,
    source: {
      '0.12': 'prosody-modules mod_http_upload/mod_http_upload.lua:43',
      '13.0': 'prosody-modules mod_http_upload/mod_http_upload.lua:43',
    },
  },
  authentication: {
    value: 'internal_hashed',
    source: { '0.12': 'core/usermanager.lua:26', '13.0': 'core/usermanager.lua:22' },
  },
  password_hash: {
    value: 'SHA-1',
    source: { '0.12': 'modules/mod_auth_internal_hashed.lua:26', '13.0': 'plugins/mod_auth_internal_hashed.lua:25' },
  },
  push_notification_with_body: {
    value: false,
    source: { '0.12': 'prosody-modules mod_cloud_notify/mod_cloud_notify.lua:19', '13.0': 'plugins/mod_cloud_notify.lua:19' },
  },
  push_notification_with_sender: {
    value: false,
    source: { '0.12': 'prosody-modules mod_cloud_notify/mod_cloud_notify.lua:20', '13.0': 'plugins/mod_cloud_notify.lua:20' },
  },
  c2s_require_encryption: {
    value: true,
    source: { '0.12': 'modules/mod_tls.lua:13', '13.0': 'plugins/mod_tls.lua:13' },
  },
  s2s_require_encryption: {
    value: true,
    source: { '0.12': 'modules/mod_s2s.lua:43', '13.0': 'plugins/mod_s2s.lua:43' },
  },
  s2s_secure_auth: {
    value: false,
    source: { '0.12': 'modules/mod_s2s.lua:40', '13.0': 'plugins/mod_s2s.lua:40' },
  },
  lastlog_ip_address: {
    value: false,
    source: {
      '0.12': 'prosody-modules mod_lastlog/mod_lastlog.lua:4, mod_lastlog2/mod_lastlog2.lua:3',
      '13.0': 'prosody-modules mod_lastlog/mod_lastlog.lua:4, mod_lastlog2/mod_lastlog2.lua:3',
    },
  },
  log_auth_ips: {
    value: 'failure',
    source: { '0.12': 'prosody-modules mod_log_auth/mod_log_auth.lua:1', '13.0': 'prosody-modules mod_log_auth/mod_log_auth.lua:1' },
  },
  allow_registration: {
    value: false,
    source: { '0.12': 'modules/mod_register.lua:10', '13.0': 'plugins/mod_register.lua:10' },
  },
  registration_invite_only: {
    value: true,
    source: { '0.12': 'modules/mod_invites_register.lua:8', '13.0': 'plugins/mod_invites_register.lua:8' },
  },
  blocklist_on_registration_throttle_overload: {
    value: false,
    source: { '0.12': 'modules/mod_register_limits.lua:27-28', '13.0': 'plugins/mod_register_limits.lua:27-28' },
  },
  /** Community mod_audit (prosody-modules mod_audit/mod_audit.lua, revision of 2023-12-02). 0.12 runs an older mod_audit with no expiry (audit.ts). */
  audit_log_expires_after: {
    value: '28d',
    source: { '0.12': 'prosody-modules mod_audit/mod_audit.lua:4 (0.0~hg20230223: read, never applied)', '13.0': 'prosody-modules mod_audit/mod_audit.lua:10' },
  },
  audit_log_ips: {
    value: true,
    source: { '0.12': 'prosody-modules mod_audit/mod_audit.lua:39-41 (0.0~hg20230223: always stored)', '13.0': 'prosody-modules mod_audit/mod_audit.lua:12' },
  },
  log: {
    // Unset: info and above to the console (0.12 core/loggingmanager.lua:147-154, same in 13.0).
    value: undefined,
    source: { '0.12': 'core/loggingmanager.lua:147-154', '13.0': 'core/loggingmanager.lua:147-154' },
  },
} satisfies Record<string, ProsodyDefault>;
