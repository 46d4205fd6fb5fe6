import { defineRule } from '../src/engine/define-rule.js';

/** Findings of this id are made by the engine itself (src/engine/baseline/); this module documents them. */
export default defineRule({
  meta: {
    id: 'stale-baseline-entry',
    claims: [],
    defaultSeverity: 'warning',
    description: 'An entry of the --baseline file that matches no finding any more.',
    docs: {
      rationale: 'A baseline lets an existing server adopt privacy-lint and fail only on what gets worse. An entry whose problem was fixed should leave the baseline, or it would accept the problem again if it came back.',
      checks: [
        'A baseline entry names the rule, the claim, the file relative to --root and the config item: the text of the finding\'s line with blanks collapsed, not its line number, so inserting lines elsewhere keeps it matching. Changing the item itself (its value) makes the finding new.',
        'Each entry accepts one finding; an entry no finding matches is reported at its line in the baseline file. `--update-baseline` rewrites the file from the current findings.',
      ],
    },
  },
  check() {},
});
