import { retentionItems } from '../src/engine/categories.js';
import { defineRule } from '../src/engine/define-rule.js';
import { judgeRetention } from '../src/engine/judge-retention.js';

export default defineRule({
  meta: {
    id: 'backup-retention',
    claims: ['backups.retention'],
    looksAt: ['backup', 'cron'],
    defaultSeverity: 'error',
    description: 'The oldest backup kept must not be older than the declared retention.',
    docs: {
      rationale: '"These backups are stored for 7 days, not longer": the age of the oldest copy, not the number of copies, is what the promise is about.',
      checks: [
        'borg / borgmatic keep rules add up (keep_daily 7 + keep_weekly 4 keeps about 35 days); restic rules OR (the longest wins); keep counts skip periods without a backup; keep_within is anchored at the newest backup.',
        'duplicity `remove-older-than` keeps incrementals\' full backup alive (the full-chain caveat); rsnapshot keeps the longest level × its count.',
        'Nominal = what the rules keep when the jobs run as scheduled; worst case adds how late pruning can run.',
      ],
      sources: [
        'borg 1.2 docs `borg help prune` (rules apply in order; archives kept by one rule do not count for the next); borg 1.2.4 src/borg/helpers/misc.py prune_within, prune_split',
        'restic 0.14 doc/060_forget.rst (a snapshot is kept when any rule keeps it; --keep-within counts from the newest snapshot)',
        'borgmatic borgmatic/config/schema.yaml (keep_* options)',
        'duplicity 0.8.22 duplicity(1) remove-older-than, remove-all-but-n-full; duply 2.4.1 duply(1) MAX_AGE, MAX_FULL_BACKUPS',
        'rsnapshot 1.4.5 rsnapshot(1) retain levels',
      ],
    },
  },
  check(ctx) {
    judgeRetention(ctx, 'backups.retention', retentionItems(ctx.inventory, 'backups.retention'));
  },
});
