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
        'Reported at the claim\'s line in the policy file when no rule had anything to say about it: the software that would show it was not found under --root, or privacy-lint does not read it yet (e.g. backups and the website before their readers exist), or the rules judging it are switched off.',
      ],
    },
  },
  check() {},
});
