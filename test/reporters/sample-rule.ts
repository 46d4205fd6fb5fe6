import type { Rule } from '../../src/engine/types.js';

/** A rule as a built-in rule module would define it, with full docs. */
export const archiveRule: Rule = {
  meta: {
    id: 'message-archive-retention',
    claims: ['messageArchive.retention'],
    defaultSeverity: 'error',
    description: 'Archived one-to-one messages are deleted within the promised time.',
    docs: {
      rationale: 'Users are told how long their messages stay on the server.\nA longer archive breaks that promise.',
      checks: ['Prosody: archive_expires_after per host, or the mod_mam default when unset.'],
      examples: [
        {
          language: 'lua',
          compliant: 'archive_expires_after = "21d"\n',
          violating: 'modules_enabled = { "mam" }\n',
        },
      ],
      sources: ['Prosody 0.12 modules/mod_mam/mod_mam.lua:46 (default "1w")'],
    },
  },
  check: () => {},
};

export const loggingRule: Rule = {
  meta: {
    id: 'ip-address-logging',
    claims: ['ipAddresses.stored', 'ipAddresses.retention'],
    defaultSeverity: 'warning',
    description: 'No log writes client IP addresses unless the policy allows it.',
    docs: { rationale: 'IP addresses are personal data.', checks: [] },
  },
  check: () => {},
};

export const parseErrorRule: Rule = {
  meta: {
    id: 'parse-error',
    claims: [],
    defaultSeverity: 'error',
    description: 'A configuration file that the server would refuse to load.',
    docs: { rationale: 'A config that does not parse cannot be judged.', checks: [] },
  },
  check: () => {},
};
