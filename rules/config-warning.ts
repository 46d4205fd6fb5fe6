import { diagnosticRule } from '../src/engine/diagnostic-rule.js';

export default diagnosticRule('config-warning', 'warning', 'A setting the server accepts but reads differently from what its author meant.', {
  rationale: 'The dangerous config is the one that loads: "2 hours" read as 2 seconds, "30 minutes" as 30 months, an unquoted word read as nil. The server logs at most an error line; privacy-lint says it at the line.',
  checks: [
    'Prosody: duplicate options in one section of one file (the last wins), unquoted words that read as nil, period strings each release mis-parses (0.12: only d, w, m = month, y; 13.0: "1m" is a month with an error log), default_archive_policy values 0.12 does not understand, `table.insert` ignored by 13.0, `Component("x", "muc")` (Lua drops the second argument: an external component, not a MUC), `audit_log_expires_after` on 0.12 (the mod_audit that runs there never expires entries).',
    'Prosody: an option no module reads that is close to an option a loaded privacy-relevant module reads in the assumed release (`archive_expire_after` for `archive_expires_after`), with a "did you mean"; custom options and real options of other modules stay quiet.',
    'ejabberd: `hide_sensitive_log_data` under host_config (ignored), `log_rotate_*` not in column 0 of the main file (ignored at startup in 23.01), `jid_in_url: node`, mod_http_api logging passwords in 23.01, `delete_old_users` without mod_last, mod_admin_extra or a `protect_old_users` rule, `log_rotate_count: 0` (does not turn rotation off), relative includes (resolved against the spool dir), duplicate keys, old options the release converts or drops with a "deprecated" warning.',
  ],
  sources: ['Prosody 0.12 core/configmanager.lua:133-141,175-208', 'Prosody 0.12 modules/mod_mam/mod_mam.lua:505-519', 'Prosody 13.0 core/moduleapi.lua:275-326'],
});
