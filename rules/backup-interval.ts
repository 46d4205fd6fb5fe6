import { formatDuration } from '../src/config/duration.js';
import type { Duration } from '../src/config/types.js';
import { defineRule } from '../src/engine/define-rule.js';
import { practicesOf } from '../src/inventory/inventory.js';

export default defineRule({
  meta: {
    id: 'backup-interval',
    claims: ['backups.interval'],
    looksAt: ['backup', 'cron'],
    defaultSeverity: 'warning',
    description: 'Backups must run at least as often as the policy declares.',
    docs: {
      rationale: '"Databases are backed up every two hours" is a promise about how much can be lost; a backup that runs less often keeps it only on paper.',
      checks: [
        'The interval comes from the job that runs the backup: a cron line, a systemd timer (OnCalendar, RandomizedDelaySec adds to the worst case; a disabled timer never runs), a cron.daily script. No schedule found: unverified, with where it was looked for.',
      ],
      sources: ['shared/research/backups.md §9, §10(c)'],
    },
  },
  check(ctx) {
    const claim = ctx.claim<Duration>('backups.interval');
    if (!claim) return;
    for (const backup of practicesOf(ctx.inventory, 'backup')) {
      const { interval } = backup;
      const at = interval.evidence[0] ?? backup.evidence[0] ?? claim.position;
      const label = `${backup.tool} backup ${backup.subject.name}`;
      if (interval.nominal === undefined) {
        ctx.cannotTell('backups.interval', { message: `Cannot tell how often ${label} runs: ${interval.unknownReason ?? interval.description}`, at, observed: 'unknown' });
      } else if (interval.nominal > claim.value.seconds) {
        ctx.breaks('backups.interval', { message: `${label} runs ${interval.description}, less often than the declared every ${claim.text}`, at, observed: formatDuration(interval.nominal) });
      } else if ((interval.worstCase ?? interval.nominal) > claim.value.seconds) {
        const worst = interval.worstCase ?? interval.nominal;
        ctx.exceedsInWorstCase('backups.interval', {
          message: `${label} runs ${interval.description}: within the declared ${claim.text}, but two runs can be ${formatDuration(worst)} apart`,
          at,
          observed: `${formatDuration(interval.nominal)}, worst case ${formatDuration(worst)}`,
        });
      } else {
        ctx.honours('backups.interval', interval.evidence, formatDuration(interval.nominal));
      }
    }
  },
});
