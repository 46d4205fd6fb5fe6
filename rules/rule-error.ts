import { defineRule } from '../src/engine/define-rule.js';

/** Findings of this id are made by the engine itself (src/engine/run-rules.ts); this module documents them. */
export default defineRule({
  meta: {
    id: 'rule-error',
    claims: [],
    defaultSeverity: 'error',
    description: 'A rule (usually a plugin\'s) that failed: it threw, or reported a finding without a message or a valid position.',
    docs: {
      rationale: 'A rule that fails must not take the run down with it, nor pass silently: the other rules still run, the report is still written, and the failure is reported in the name of the plugin and the rule, so that its author can fix it.',
      checks: [
        'Reported at the line of the first declared claim the failed rule judges (else at the configuration file) with the plugin, the rule and the error\'s message; with DEBUG=1 the command line also prints the stack.',
        'What the failed rule had reported in this run is dropped, and every declared claim it judges is unverified: a rule that stopped halfway has not judged the claim.',
        'A finding is malformed when its message is not a non-empty string, or a position (`at`, or an evidence entry) lacks a file, or its line or column is not a whole number from 1.',
      ],
    },
  },
  check() {},
});
