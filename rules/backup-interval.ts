import { retentionItems } from '../src/engine/categories.js';
import { defineRule } from '../src/engine/define-rule.js';
import { judgeRetention } from '../src/engine/judge-retention.js';

export default defineRule({
  meta: {
    id: 'backup-interval',
    claims: ['backups.interval'],
    looksAt: ['backup', 'cron'],
    defaultSeverity: 'error',
    description: 'Backups must run at least as often as the policy declares.',
    docs: {
      rationale: '"Databases are backed up every two hours" is a promise about how much can be lost; a backup that runs less often keeps it only on paper.',
      checks: [
        'The interval comes from the job that runs the backup: a cron line, a systemd timer (OnCalendar, RandomizedDelaySec adds to the worst case; a disabled timer never runs), a cron.daily script. No schedule found: unverified, with where it was looked for.',
      ],
      sources: ['crontab(5) (Debian cron 3.0pl1)', 'systemd 252 systemd.timer(5), systemd.time(7) OnCalendar=, RandomizedDelaySec=, AccuracySec='],
    },
  },
  check(ctx) {
    judgeRetention(ctx, 'backups.interval', retentionItems(ctx.inventory, 'backups.interval'), 'interval');
  },
});
