import { defineRule } from '../src/engine/define-rule.js';

/** Findings of this id are made by the engine itself (src/engine/run-rules.ts); this module documents them. */
export default defineRule({
  meta: {
    id: 'unverifiable-claim',
    claims: [],
    defaultSeverity: 'warning',
    description: 'A declared claim that no configuration read by privacy-lint can show.',
    docs: {
      rationale: 'A promise nothing checks is not kept by default: the report says which claims were not judged and what was looked for, so nobody mistakes silence for a pass.',
      checks: [
        'Reported at the claim\'s line in the policy file when no rule had anything to say about it: the software that would show it was not found under --root (the message lists where it looked, e.g. the backup tools\' configs for a backups claim), a configuration that would show it could not be parsed, or the rules judging it are switched off.',
      ],
    },
  },
  check() {},
});
