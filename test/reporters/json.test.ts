import { readFileSync } from 'node:fs';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { formatJson } from '../../src/reporters/json.js';
import { parseJsonReport } from '../helpers/json-report.js';
import { sampleResult } from './sample-result.js';

const noColor = new Chalk({ level: 0 });
const packageVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string })
  .version;

describe('formatJson', () => {
  it('writes the DESIGN.md report, with paths relative to the current directory', () => {
    const text = formatJson(sampleResult('/srv/audit'), { cwd: '/srv/audit', chalk: noColor, env: {} });
    expect(text).toBe(`{
  "version": 1,
  "tool": {
    "name": "privacy-lint",
    "version": "${packageVersion}"
  },
  "root": "etc-copy",
  "policy": {
    "source": "privacy-lint.config.yaml",
    "defaultProfile": false
  },
  "sources": [
    {
      "file": "etc-copy/etc/prosody/prosody.cfg.lua",
      "kind": "prosody",
      "status": "ok"
    },
    {
      "file": "etc-copy/etc/prosody/conf.d/muc.cfg.lua",
      "kind": "prosody",
      "status": "error"
    }
  ],
  "claims": [
    {
      "claim": "messageArchive.retention",
      "declared": "21d",
      "declaredAt": {
        "file": "privacy-lint.config.yaml",
        "line": 4,
        "column": 3
      },
      "verdict": "violated",
      "observed": "1w (mod_mam default, Prosody 0.12)",
      "evidence": [
        {
          "file": "etc-copy/etc/prosody/prosody.cfg.lua",
          "line": 12,
          "column": 1,
          "note": "mod_mam enabled without archive_expires_after",
          "default": {
            "software": "prosody",
            "release": "0.12",
            "source": "modules/mod_mam/mod_mam.lua:46"
          }
        }
      ]
    },
    {
      "claim": "ipAddresses.stored",
      "declared": "false",
      "declaredAt": {
        "file": "privacy-lint.config.yaml",
        "line": 5,
        "column": 3
      },
      "verdict": "verified",
      "observed": "no log sink writes client addresses",
      "evidence": [
        {
          "file": "etc-copy/etc/prosody/prosody.cfg.lua",
          "line": 30,
          "column": 1,
          "note": "log = { info = \\"*syslog\\" }"
        }
      ]
    },
    {
      "claim": "backups.encrypted",
      "declared": "true",
      "declaredAt": {
        "file": "privacy-lint.config.yaml",
        "line": 6,
        "column": 3
      },
      "verdict": "unverified",
      "observed": "no backup configuration found",
      "evidence": []
    },
    {
      "claim": "pushNotifications.body",
      "declared": "false",
      "declaredAt": {
        "file": "privacy-lint.config.yaml",
        "line": 7,
        "column": 3
      },
      "verdict": "not-applicable",
      "observed": "mod_cloud_notify is not enabled",
      "evidence": []
    }
  ],
  "findings": [
    {
      "ruleId": "ip-address-logging",
      "claim": "ipAddresses.stored",
      "severity": "warning",
      "message": "debug logging writes client IP addresses",
      "file": "etc-copy/etc/prosody/prosody.cfg.lua",
      "line": 40,
      "column": 17
    },
    {
      "ruleId": "message-archive-retention",
      "claim": "messageArchive.retention",
      "severity": "error",
      "message": "messages are archived for 1w, the policy promises 21d",
      "file": "etc-copy/etc/prosody/prosody.cfg.lua",
      "line": 12,
      "column": 1,
      "suggestion": "archive_expires_after = \\"21d\\"",
      "evidence": [
        {
          "file": "etc-copy/etc/prosody/prosody.cfg.lua",
          "line": 12,
          "column": 1,
          "note": "mod_mam enabled here"
        }
      ]
    },
    {
      "ruleId": "parse-error",
      "severity": "error",
      "message": "unexpected symbol near '='",
      "file": "etc-copy/etc/prosody/conf.d/muc.cfg.lua",
      "line": 3,
      "column": 9
    },
    {
      "ruleId": "config-warning",
      "severity": "info",
      "message": "Component \\"conference.example.org\\" has no modules_enabled",
      "file": "etc-copy/etc/prosody/conf.d/muc.cfg.lua",
      "line": 1,
      "column": 1
    }
  ],
  "summary": {
    "errors": 2,
    "warnings": 1,
    "infos": 1,
    "claims": {
      "verified": 1,
      "violated": 1,
      "unverified": 1,
      "notApplicable": 1
    }
  }
}
`);
  });

  it('writes every path absolute when the current directory is elsewhere', () => {
    const report = parseJsonReport(formatJson(sampleResult('/srv/audit'), { cwd: '/home/admin', chalk: noColor, env: {} }));
    expect(report.root).toBe('/srv/audit/etc-copy');
    expect(report.policy.source).toBe('/srv/audit/privacy-lint.config.yaml');
    expect(report.sources.map((s) => s.file)).toEqual([
      '/srv/audit/etc-copy/etc/prosody/prosody.cfg.lua',
      '/srv/audit/etc-copy/etc/prosody/conf.d/muc.cfg.lua',
    ]);
    expect(report.claims[0]?.declaredAt.file).toBe('/srv/audit/privacy-lint.config.yaml');
    expect(report.claims[0]?.evidence[0]?.file).toBe('/srv/audit/etc-copy/etc/prosody/prosody.cfg.lua');
    expect(report.findings[1]?.file).toBe('/srv/audit/etc-copy/etc/prosody/prosody.cfg.lua');
    expect(report.findings[1]?.evidence?.[0]?.file).toBe('/srv/audit/etc-copy/etc/prosody/prosody.cfg.lua');
  });

  it('mixes relative and absolute paths when only some files are under the current directory', () => {
    const report = parseJsonReport(formatJson(sampleResult('/srv/audit'), { cwd: '/srv/audit/etc-copy', chalk: noColor, env: {} }));
    expect(report.root).toBe('.');
    expect(report.policy.source).toBe('/srv/audit/privacy-lint.config.yaml');
    expect(report.findings[2]?.file).toBe('etc/prosody/conf.d/muc.cfg.lua');
  });

  it('does not mistake a sibling directory whose name starts with ".." for a parent', () => {
    const result = sampleResult('/srv/audit');
    result.root = '/srv/audit/..backup';
    const report = parseJsonReport(formatJson(result, { cwd: '/srv/audit', chalk: noColor, env: {} }));
    expect(report.root).toBe('..backup');
  });

  it('leaves out optional keys a finding does not have instead of writing null', () => {
    const report = parseJsonReport(formatJson(sampleResult('/srv/audit'), { cwd: '/srv/audit', chalk: noColor, env: {} }));
    expect(Object.keys(report.findings[2] ?? {})).toEqual(['ruleId', 'severity', 'message', 'file', 'line', 'column']);
  });

  it('reports an empty run with zero counts', () => {
    const result = sampleResult('/srv/audit');
    result.claims = [];
    result.findings = [];
    result.summary = { errors: 0, warnings: 0, infos: 0, claims: { verified: 0, violated: 0, unverified: 0, notApplicable: 0 } };
    const report = parseJsonReport(formatJson(result, { cwd: '/srv/audit', chalk: noColor, env: {} }));
    expect(report.claims).toEqual([]);
    expect(report.findings).toEqual([]);
    expect(report.summary).toEqual({
      errors: 0,
      warnings: 0,
      infos: 0,
      claims: { verified: 0, violated: 0, unverified: 0, notApplicable: 0 },
    });
  });
});
