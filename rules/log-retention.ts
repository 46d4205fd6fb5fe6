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
        'Each log destination found in the servers\' configs (Prosody: the sinks of the global `log` option) is judged by the retention of that destination.',
        'Log files are rotated outside the XMPP server (logrotate; Debian keeps Prosody\'s logs 52 weeks), console output goes to the journal: until those configs are read, each destination is reported as unverified with its file and line.',
        'ejabberd writes /var/log/ejabberd/ejabberd.log; its own rotation is by size only (`log_rotate_size`/`log_rotate_count`), so a time bound comes from logrotate, read in a later version.',
      ],
      sources: ['Prosody 0.12 core/loggingmanager.lua:62-103,147-154', 'Debian /etc/logrotate.d/prosody (weekly, rotate 52)'],
    },
  },
  check(ctx) {
    const sinks = practicesOf(ctx.inventory, 'log-sink');
    if (sinks.length === 0) {
      const evidence = absenceEvidence(ctx.inventory, 'no log destination configured');
      if (evidence.length > 0) ctx.notApplicable('serverLogs.retention', evidence, 'nothing is logged');
      return;
    }
    judgeRetention(
      ctx,
      'serverLogs.retention',
      sinks.map((s) => ({
        label: s.destination === 'unknown' ? `a log of ${s.subject.software}` : `the ${s.subject.software} log ${s.destination}`,
        retention: s.retention ?? {
          nominal: undefined,
          worstCase: undefined,
          description: s.description,
          unknownReason:
            s.destination === 'unknown'
              ? s.description
              : `its retention is set by ${s.destination.startsWith('/') || s.destination.includes('.') ? 'log rotation (logrotate)' : 'syslog or the systemd journal'}, which privacy-lint does not read yet`,
          evidence: s.evidence,
        },
      })),
    );
  },
});
