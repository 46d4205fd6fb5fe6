import { retentionItems } from '../src/engine/categories.js';
import { defineRule } from '../src/engine/define-rule.js';
import { absenceEvidence } from '../src/engine/source-evidence.js';
import { judgeRetention } from '../src/engine/judge-retention.js';
import { practicesOf } from '../src/inventory/inventory.js';

export default defineRule({
  meta: {
    id: 'log-retention',
    claims: ['serverLogs.retention'],
    defaultSeverity: 'error',
    description: 'Every log the servers write must be purged within the declared retention.',
    docs: {
      rationale: '"All server logs are purged every two weeks" is a promise about every destination a server writes to, including syslog and the journal.',
      checks: [
        'Each log destination found in the servers\' configs (Prosody\'s `log` sinks, ejabberd\'s ejabberd.log, nginx/Apache/Caddy logs, fail2ban\'s log) is judged by what removes its lines: the logrotate block whose pattern covers the file (worst case = the live file plus every kept copy plus the timer\'s slack; a `size` that replaces the period gives no time bound), journald for syslog and service output (no MaxRetentionSec= = no age limit), Caddy\'s roller, a scheduled `find … -delete`. The one that deletes soonest decides.',
        'A file that no rotation covers, while logrotate\'s configuration was read, grows forever (violated). Without any such configuration under --root, or with a relative log path, the destination is unverified and the finding says why. Debian keeps Prosody\'s logs 52 weeks.',
        'ejabberd\'s own rotation is by size only (`log_rotate_size`/`log_rotate_count`), so a time bound comes from logrotate.',
      ],
      sources: ['Prosody 0.12 core/loggingmanager.lua:62-103,147-154', 'Debian /etc/logrotate.d/prosody (weekly, rotate 52)', 'logrotate 3.21.0 logrotate(8) rotate, maxage, hourly/daily/weekly/monthly/yearly; Debian bookworm logrotate.timer (OnCalendar=daily, AccuracySec=1h)', 'systemd 252 journald.conf(5) MaxRetentionSec=, MaxFileSec='],
    },
  },
  check(ctx) {
    const sinks = practicesOf(ctx.inventory, 'log-sink');
    if (sinks.length === 0) {
      const evidence = absenceEvidence(ctx.inventory, 'no log destination configured');
      if (evidence.length > 0) ctx.notApplicable('serverLogs.retention', evidence, 'nothing is logged');
      return;
    }
    judgeRetention(ctx, 'serverLogs.retention', retentionItems(ctx.inventory, 'serverLogs.retention'));
  },
});
