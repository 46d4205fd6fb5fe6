import { defineRule } from '../src/engine/define-rule.js';

/** Findings of this id are made by the engine itself (src/engine/suppressions/); this module documents them. */
export default defineRule({
  meta: {
    id: 'invalid-suppression',
    claims: [],
    defaultSeverity: 'error',
    description: 'A privacy-lint-disable comment without a reason, without a rule, or naming an unknown rule: it suppresses nothing.',
    docs: {
      rationale: 'Accepting a broken promise is a decision someone must be able to read later. A suppression comment without a written reason, or one whose rule id is mistyped, would hide the decision or nothing at all; so it suppresses nothing and is itself an error that says how to write it.',
      checks: [
        'Comments in each config\'s own syntax are read: `--` in Prosody\'s Lua (not inside strings or long brackets), `#` in YAML (ejabberd, borgmatic, autorestic; not inside scalars), nginx (not inside quoted strings), Apache, Caddyfile, logrotate, crontabs, shell scripts; `#` or `;` in systemd units, journald.conf and fail2ban.',
        'A comment whose first word is `privacy-lint-disable-next-line` or `privacy-lint-disable` must name rule ids (comma-separated) and give a reason after ` -- `: `# privacy-lint-disable-next-line upload-retention -- uploads are deleted by the nightly job`.',
        '`--no-inline-config` ignores every such comment, for teams that accept no local exceptions.',
      ],
      examples: [
        {
          language: 'lua',
          compliant: '-- privacy-lint-disable-next-line upload-retention -- the share is wiped nightly by cron (ticket OPS-12)\nhttp_file_share_expires_after = "never"',
          violating: '-- privacy-lint-disable-next-line upload-retention\nhttp_file_share_expires_after = "never"',
        },
      ],
    },
  },
  check() {},
});
