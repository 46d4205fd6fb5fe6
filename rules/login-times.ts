import { defineRule } from '../src/engine/define-rule.js';
import { absenceEvidence } from '../src/engine/source-evidence.js';
import { practicesOf } from '../src/inventory/inventory.js';

export default defineRule({
  meta: {
    id: 'login-times',
    claims: ['loginTimes.stored'],
    defaultSeverity: 'error',
    description: 'The server must not record when users log in unless the policy says it does.',
    docs: {
      rationale: '"We don\'t store the time when you log in" is a promise some services make; activity-tracking modules break it silently.',
      checks: [
        'Prosody: mod_account_activity (13.0, in the 13.0 sample config), community mod_lastlog and mod_lastlog2 store each user\'s last login time; community mod_audit_auth stores the time of every login. `loginTimes.stored: true` allows them.',
        'ejabberd: mod_last stores each user\'s last logout time (and is what delete_old_users relies on).',
      ],
      examples: [{ language: 'lua', compliant: 'modules_enabled = { "roster", "mam" }', violating: 'modules_enabled = { "roster", "lastlog2" }' }],
      sources: ['Prosody 13.0 plugins/mod_account_activity.lua:4-18', 'prosody-modules mod_lastlog/mod_lastlog.lua:7-36, mod_lastlog2/mod_lastlog2.lua:7-36'],
    },
  },
  check(ctx) {
    const claim = ctx.claim<boolean>('loginTimes.stored');
    if (!claim) return;
    const records = practicesOf(ctx.inventory, 'login-time');
    for (const record of records) {
      const at = record.evidence[0] ?? claim.position;
      if (claim.value) {
        ctx.honours('loginTimes.stored', record.evidence, record.description);
        continue;
      }
      const report = { message: `${record.description}, but the policy declares login times are not stored`, at, observed: record.description };
      if (record.certainty === true) ctx.breaks('loginTimes.stored', { ...report, suggestion: record.suggestion, ...(record.edit ? { edit: record.edit } : {}) });
      else ctx.cannotTell('loginTimes.stored', { ...report, message: `${record.description} if a module list known only at runtime includes it` });
    }
    if (records.length === 0) {
      const evidence = absenceEvidence(ctx.inventory, 'no module that records login times is loaded', ['prosody']);
      if (evidence.length > 0) ctx.honours('loginTimes.stored', evidence, 'login times not recorded');
    }
  },
});
