import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { formatRuleDocs } from '../../src/reporters/rule-docs.js';
import { archiveRule, parseErrorRule } from './sample-rule.js';

const plain = new Chalk({ level: 0 });

describe('formatRuleDocs', () => {
  it('prints description, claims, severity, rationale, checks, examples and sources', () => {
    expect(formatRuleDocs(archiveRule, plain)).toBe(
      [
        'message-archive-retention (error by default)',
        'Archived one-to-one messages are deleted within the promised time.',
        '',
        'Claims: messageArchive.retention',
        '',
        'Why',
        '  Users are told how long their messages stay on the server.',
        '  A longer archive breaks that promise.',
        '',
        'What it checks',
        '  - Prosody: archive_expires_after per host, or the mod_mam default when unset.',
        '',
        'Example (lua)',
        '  Compliant:',
        '    archive_expires_after = "21d"',
        '  Violating:',
        '    modules_enabled = { "mam" }',
        '',
        'Sources',
        '  - Prosody 0.12 modules/mod_mam/mod_mam.lua:46 (default "1w")',
        '',
      ].join('\n'),
    );
  });

  it('leaves out empty sections and says when a rule judges no claim', () => {
    const text = formatRuleDocs(parseErrorRule, plain);
    expect(text).toContain('Claims: none (reports configuration problems)');
    expect(text).not.toContain('What it checks');
    expect(text).not.toContain('Example');
    expect(text).not.toContain('Sources');
  });
});
