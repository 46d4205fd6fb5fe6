import { retentionItems } from '../src/engine/categories.js';
import { defineRule } from '../src/engine/define-rule.js';
import { judgeRetention } from '../src/engine/judge-retention.js';
import { practicesOf } from '../src/inventory/inventory.js';

export default defineRule({
  meta: {
    id: 'message-archive-retention',
    claims: ['messageArchive.retention'],
    defaultSeverity: 'error',
    description: 'One-to-one message archives (MAM) must expire within the declared retention.',
    docs: {
      rationale:
        'Policies promise "your chat messages are stored for 21 days". The server keeps them as long as its archive expiry says — or its default, which differs between releases.',
      checks: [
        'Prosody: for every VirtualHost with mod_mam loaded, `archive_expires_after` (own value, else the global one, else the default "1w"), parsed by the rules of the configured release: 0.12 understands only d, w, m (months) and y ("2 hours" is 2 seconds, "30 minutes" 30 months; false or "forever" turn expiry off); 13.0 takes any period, "never", false or a negative number for keep-forever.',
        'Worst case: Prosody deletes expired messages in a daily job, so a message can live one day longer than the period.',
        'Hosts without mod_mam keep no archive: the claim is not applicable there.',
        'ejabberd: mod_mam has no expiry option; retention comes from a scheduled `ejabberdctl delete_old_mam_messages all|chat DAYS` (also `_batch`, hyphenated names, `--no-timeout`, any path to ejabberdctl) in /etc/crontab, /etc/cron.d, user crontabs, cron.daily-style scripts, systemd timers or mod_cron tasks. Nominal = DAYS; worst case = DAYS plus the longest gap between runs. No job that runs: kept forever.',
      ],
      examples: [
        {
          language: 'lua',
          compliant: 'modules_enabled = { "mam" }\narchive_expires_after = "20d" -- 21 days even when the daily cleanup runs late',
          violating: 'modules_enabled = { "mam" }\narchive_expires_after = "1y"',
        },
      ],
      sources: [
        'Prosody 0.12 modules/mod_mam/mod_mam.lua:46,505-519,545',
        'Prosody 13.0 core/moduleapi.lua:275-326, util/human/io.lua:201-223',
      ],
    },
  },
  check(ctx) {
    const archives = practicesOf(ctx.inventory, 'message-archive').filter((p) => p.scope === 'one-to-one');
    if (archives.length === 0) return;
    const active = archives.filter((p) => p.enabled !== false);
    if (active.length === 0) {
      ctx.notApplicable('messageArchive.retention', archives.flatMap((p) => p.evidence), 'no message archive (mod_mam not loaded)');
      return;
    }
    judgeRetention(ctx, 'messageArchive.retention', retentionItems(ctx.inventory, 'messageArchive.retention'));
  },
});
