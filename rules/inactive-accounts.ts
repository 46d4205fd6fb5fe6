import { formatDuration } from '../src/config/duration.js';
import type { Duration } from '../src/config/types.js';
import { defineRule } from '../src/engine/define-rule.js';
import { practicesOf } from '../src/inventory/inventory.js';

export default defineRule({
  meta: {
    id: 'inactive-accounts',
    claims: ['inactiveAccounts.deleteAfter'],
    defaultSeverity: 'error',
    description: 'Accounts unused for the declared time must be deleted by something that really runs.',
    docs: {
      rationale: 'Policies promise "we delete unused accounts after one year without any login". Servers do not do that by themselves.',
      checks: [
        'Prosody 0.12 and 13.0 have no option that deletes inactive accounts: the deletion has to come from a scheduled job. Scheduled jobs are not read yet, so the claim stays unverified on Prosody, with the host named.',
      ],
      sources: ['shared/research/prosody.md §3.3 (no expiry of accounts in core or bundled modules)'],
    },
  },
  check(ctx) {
    const claim = ctx.claim<Duration>('inactiveAccounts.deleteAfter');
    if (!claim) return;
    for (const practice of practicesOf(ctx.inventory, 'inactive-accounts')) {
      const at = practice.evidence[0] ?? claim.position;
      const nominal = practice.retention.nominal;
      if (nominal !== undefined && nominal <= claim.value.seconds) {
        ctx.honours('inactiveAccounts.deleteAfter', practice.evidence, formatDuration(nominal));
        continue;
      }
      ctx.cannotTell('inactiveAccounts.deleteAfter', {
        message: `${practice.retention.description} (${practice.subject.name}); a scheduled job that deletes accounts unused for ${claim.text} would keep the promise, but privacy-lint does not read cron jobs or systemd timers yet`,
        at,
        observed: 'no deletion by the server itself',
      });
    }
  },
});
