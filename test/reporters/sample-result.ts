import path from 'node:path';
import type { ClaimName, DeclaredClaim, ResolvedConfig } from '../../src/config/types.js';
import type { LintResult } from '../../src/engine/types.js';
import { archiveRule, loggingRule, parseErrorRule } from './sample-rule.js';

/**
 * A lint result as the engine would produce it for a copy of /etc under `base`: one Prosody
 * config with an archive retention shorter than promised, an included file that does not parse,
 * and one claim of each verdict.
 */
export function sampleResult(base: string): LintResult {
  const root = path.join(base, 'etc-copy');
  const prosody = path.join(root, 'etc/prosody/prosody.cfg.lua');
  const muc = path.join(root, 'etc/prosody/conf.d/muc.cfg.lua');
  const policy = path.join(base, 'privacy-lint.config.yaml');
  const declared = (name: ClaimName, text: string, line: number): DeclaredClaim => ({
    name,
    value: text,
    text,
    position: { file: policy, line, column: 3 },
    origin: 'policy',
  });
  const config: ResolvedConfig = {
    configFile: policy,
    policyFile: policy,
    usedDefaultProfile: false,
    claims: new Map([['messageArchive.retention', declared('messageArchive.retention', '21d', 4)]]),
    versions: { prosody: '0.12' },
    ruleSeverities: new Map(),
    sources: {},
    plugins: [],
    strictRetention: false,
  };
  return {
    root,
    config,
    rules: [archiveRule.meta, loggingRule.meta, parseErrorRule.meta],
    sources: [
      { file: prosody, kind: 'prosody', status: 'ok' },
      { file: muc, kind: 'prosody', status: 'error' },
    ],
    claims: [
      {
        claim: 'messageArchive.retention',
        declared: '21d',
        declaredAt: { file: policy, line: 4, column: 3 },
        verdict: 'violated',
        observed: '1w (mod_mam default, Prosody 0.12)',
        evidence: [
          {
            file: prosody,
            line: 12,
            column: 1,
            note: 'mod_mam enabled without archive_expires_after',
            default: { software: 'prosody', release: '0.12', source: 'modules/mod_mam/mod_mam.lua:46' },
          },
        ],
      },
      {
        claim: 'ipAddresses.stored',
        declared: 'false',
        declaredAt: { file: policy, line: 5, column: 3 },
        verdict: 'verified',
        observed: 'no log sink writes client addresses',
        evidence: [{ file: prosody, line: 30, column: 1, note: 'log = { info = "*syslog" }' }],
      },
      {
        claim: 'backups.encrypted',
        declared: 'true',
        declaredAt: { file: policy, line: 6, column: 3 },
        verdict: 'unverified',
        observed: 'no backup configuration found',
        evidence: [],
      },
      {
        claim: 'pushNotifications.body',
        declared: 'false',
        declaredAt: { file: policy, line: 7, column: 3 },
        verdict: 'not-applicable',
        observed: 'mod_cloud_notify is not enabled',
        evidence: [],
      },
    ],
    findings: [
      {
        ruleId: 'ip-address-logging',
        claim: 'ipAddresses.stored',
        severity: 'warning',
        message: 'debug logging writes client IP addresses',
        file: prosody,
        line: 40,
        column: 17,
      },
      {
        ruleId: 'message-archive-retention',
        claim: 'messageArchive.retention',
        severity: 'error',
        message: 'messages are archived for 1w, the policy promises 21d',
        file: prosody,
        line: 12,
        column: 1,
        suggestion: 'archive_expires_after = "21d"',
        evidence: [{ file: prosody, line: 12, column: 1, note: 'mod_mam enabled here' }],
      },
      {
        ruleId: 'parse-error',
        severity: 'error',
        message: "unexpected symbol near '='",
        file: muc,
        line: 3,
        column: 9,
      },
      {
        ruleId: 'config-warning',
        severity: 'info',
        message: 'Component "conference.example.org" has no modules_enabled',
        file: muc,
        line: 1,
        column: 1,
      },
    ],
    summary: {
      errors: 2,
      warnings: 1,
      infos: 1,
      claims: { verified: 1, violated: 1, unverified: 1, notApplicable: 1 },
    },
  };
}
