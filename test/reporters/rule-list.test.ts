import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { formatRuleList, formatRuleListJson } from '../../src/reporters/rule-list.js';
import { archiveRule, loggingRule, parseErrorRule } from './sample-rule.js';

const plain = new Chalk({ level: 0 });

describe('formatRuleList', () => {
  it('lists id, claims, default severity and description in aligned columns', () => {
    expect(formatRuleList([archiveRule, loggingRule, parseErrorRule], plain)).toBe(
      [
        'id                         claims                                     severity  description',
        'message-archive-retention  messageArchive.retention                   error     Archived one-to-one messages are deleted within the promised time.',
        'ip-address-logging         ipAddresses.stored, ipAddresses.retention  warning   No log writes client IP addresses unless the policy allows it.',
        'parse-error                -                                          error     A configuration file that the server would refuse to load.',
        '',
      ].join('\n'),
    );
  });

  it('says so when there are no rules', () => {
    expect(formatRuleList([], plain)).toBe('No rules are available.\n');
  });

  it('writes the metadata as JSON without the docs', () => {
    expect(JSON.parse(formatRuleListJson([loggingRule]))).toEqual([
      {
        id: 'ip-address-logging',
        claims: ['ipAddresses.stored', 'ipAddresses.retention'],
        defaultSeverity: 'warning',
        description: 'No log writes client IP addresses unless the policy allows it.',
      },
    ]);
  });
});
