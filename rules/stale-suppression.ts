import { defineRule } from '../src/engine/define-rule.js';

/** Findings of this id are made by the engine itself (src/engine/suppressions/); this module documents them. */
export default defineRule({
  meta: {
    id: 'stale-suppression',
    claims: [],
    defaultSeverity: 'warning',
    description: 'A privacy-lint-disable comment that suppresses no finding any more, or a privacy-lint-enable with nothing to enable.',
    docs: {
      rationale: 'A suppression outlives the problem it accepted: once the config is fixed, the comment would silently accept the next problem of that rule on that line. Reporting it keeps exceptions few and current (ESLint\'s reportUnusedDisableDirectives).',
      checks: [
        '`privacy-lint-disable-next-line RULE -- reason` covers the line after the comment; `privacy-lint-disable RULE -- reason` covers the lines up to `privacy-lint-enable RULE` or the end of the file. A rule named there with no finding in that range is reported; rules switched off are not.',
        'A `privacy-lint-enable RULE` with no open `privacy-lint-disable RULE` before it is reported too.',
      ],
    },
  },
  check() {},
});
