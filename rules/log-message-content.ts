import { defineRule } from '../src/engine/define-rule.js';
import { practicesOf } from '../src/inventory/inventory.js';

export default defineRule({
  meta: {
    id: 'log-message-content',
    claims: ['serverLogs.messageContent'],
    defaultSeverity: 'error',
    description: 'Server logs must not hold message bodies when the policy says they do not.',
    docs: {
      rationale: 'A debug log of every stanza is a copy of every conversation that no archive setting or expiry covers.',
      checks: [
        'Prosody logs stanzas at debug as their top tag only (from, to, type, id: who talks to whom, not what). mod_stanza_debug logs every stanza in full, bodies included, at debug: a violation when any sink takes debug.',
        'A sink at debug without mod_stanza_debug is reported as information: the log then holds the communication graph, not content.',
        'ejabberd: `loglevel: debug` writes whole stanzas with bodies; a non-empty `log_modules_fully` may do so for the listed modules.',
      ],
      examples: [{ language: 'lua', compliant: 'log = { info = "/var/log/prosody/prosody.log" }', violating: 'modules_enabled = { "stanza_debug" }\nlog = { debug = "/var/log/prosody/prosody.log" }' }],
      sources: ['Prosody 0.12 core/stanza_router.lua:55, core/sessionmanager.lua:55', 'Prosody 0.12 modules/mod_stanza_debug.lua:7,14'],
    },
  },
  check(ctx) {
    const claim = ctx.claim<boolean>('serverLogs.messageContent');
    if (!claim) return;
    const contentLogs = practicesOf(ctx.inventory, 'message-content-log');
    const sinks = practicesOf(ctx.inventory, 'log-sink');
    for (const log of contentLogs) {
      const at = log.evidence[0] ?? claim.position;
      if (claim.value) ctx.honours('serverLogs.messageContent', log.evidence, 'message content logged');
      else if (log.certainty === true) {
        const report = { message: `${log.description}; the policy declares logs hold no message content`, at, evidence: log.evidence.slice(1), observed: 'message bodies logged' };
        ctx.breaks('serverLogs.messageContent', { ...report, suggestion: log.suggestion, ...(log.edit ? { edit: log.edit } : {}) });
      } else ctx.cannotTell('serverLogs.messageContent', { message: `Cannot tell whether ${log.description}`, at, observed: 'unknown' });
    }
    for (const sink of sinks) {
      if (sink.destination === 'unknown') {
        ctx.cannotTell('serverLogs.messageContent', { message: `Cannot tell what Prosody logs: ${sink.description}`, at: sink.evidence[0] ?? claim.position, observed: 'unknown log destination' });
        continue;
      }
      if (sink.carriesMessageContent !== false) continue;
      ctx.honours('serverLogs.messageContent', sink.evidence, 'no message bodies in logs');
      if (sink.minLevel === 'debug' && !claim.value) {
        ctx.report({
          claim: 'serverLogs.messageContent',
          severity: 'info',
          message: `${sink.destination} takes debug messages: no bodies, but the sender, recipient and time of every stanza`,
          at: sink.evidence[0] ?? claim.position,
        });
      }
    }
  },
});
