import { retentionItems } from '../src/engine/categories.js';
import { defineRule } from '../src/engine/define-rule.js';
import { absenceEvidence } from '../src/engine/source-evidence.js';
import { judgeRetention } from '../src/engine/judge-retention.js';

export default defineRule({
  meta: {
    id: 'ip-address-retention',
    claims: ['ipAddresses.retention'],
    defaultSeverity: 'error',
    description: 'Every record holding client IP addresses must be deleted within the declared retention.',
    docs: {
      rationale: 'Policies that allow some IP logging ("failed logins, kept 7 days") promise a limit on how long each record lives.',
      checks: [
        'Every IP record found by ip-address-storage is judged by its retention: a log by the rotation that covers its file, a store by its expiry.',
        'A log\'s retention comes from what removes its lines: the logrotate block that covers the file, journald for syslog and service output, Caddy\'s roller, a scheduled find -delete. With none of their configurations under --root, it cannot be told and the claim stays unverified with the file named.',
        'mod_lastlog/mod_lastlog2 keep the last login IP until the next login overwrites it: without limit.',
        'mod_audit keeps its entries for `audit_log_expires_after` (global, default "28d", pruned daily) on 13.0; the mod_audit that runs on 0.12 never deletes them.',
        'ejabberd: IP records live in /var/log/ejabberd/ejabberd.log, rotated by logrotate (Debian: by size, so no time bound); fail2ban\'s ban database keeps IPs for dbpurgeage plus three bantimes, permanent bans forever.',
      ],
      sources: ['prosody-modules mod_lastlog/mod_lastlog.lua:7-36, mod_lastlog2/mod_lastlog2.lua:7-36', 'prosody-modules mod_audit/mod_audit.lua:10,39-55,280-285'],
    },
  },
  check(ctx) {
    // One verdict per log file: several IP-bearing lines in one log share its retention.
    const records = retentionItems(ctx.inventory, 'ipAddresses.retention');
    if (records.length === 0) {
      const evidence = absenceEvidence(ctx.inventory, 'no log or store that records IP addresses');
      if (evidence.length > 0) ctx.notApplicable('ipAddresses.retention', evidence, 'no IP addresses recorded');
      return;
    }
    judgeRetention(ctx, 'ipAddresses.retention', records);
  },
});
