import { describe, expect, it } from 'vitest';
import { ACCEPTED_DURATION_FORMS } from '../../src/config/duration.js';
import { parseYamlTree, plainTree } from '../../src/config/located-tree.js';
import { parsePolicy, POLICY_KEYS } from '../../src/config/policy.js';
import { UsageError } from '../../src/config/types.js';

const FILE = '/srv/xmpp/policy.yaml';

function policyOf(yaml: string, at: string[] = []) {
  return parsePolicy(parseYamlTree(FILE, 'policy.yaml', yaml), 'policy', at);
}

function messageOf(yaml: string, at: string[] = []): string {
  try {
    policyOf(yaml, at);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('the policy was accepted');
}

describe('parsePolicy', () => {
  it('returns each claim with its value, its text and the position of its key', () => {
    const claims = policyOf(
      [
        'passwords: hashed',
        'ipAddresses:',
        '  stored: failed-logins',
        '  retention: 7 days',
        'messageArchive:',
        '  default: opt-in',
        'backups:',
        '  encrypted: true',
      ].join('\n'),
    );
    expect([...claims.keys()]).toEqual([
      'passwords',
      'ipAddresses.stored',
      'ipAddresses.retention',
      'messageArchive.default',
      'backups.encrypted',
    ]);
    expect(claims.get('ipAddresses.retention')).toEqual({
      name: 'ipAddresses.retention',
      value: { seconds: 7 * 86_400, text: '7 days' },
      text: '7 days',
      position: { file: FILE, line: 4, column: 3 },
      origin: 'policy',
    });
    expect(claims.get('passwords')?.position).toEqual({ file: FILE, line: 1, column: 1 });
    expect(claims.get('backups.encrypted')).toMatchObject({ value: true, text: 'true' });
    expect(claims.get('messageArchive.default')).toMatchObject({ value: 'opt-in', text: 'opt-in' });
  });

  it('reads the policy under a key of a configuration and names that key in messages', () => {
    const yaml = 'extends: recommended\npolicy:\n  serverLogs:\n    retention: 14d\n    messageContent: no\n';
    expect(messageOf(yaml, ['policy'])).toBe(
      'policy.yaml:5:5: policy.serverLogs.messageContent: "no" is not allowed; expected true or false (write false)',
    );
  });

  it('marks claims from a profile as such', () => {
    const claims = parsePolicy(parseYamlTree(FILE, 'policy.yaml', 'passwords: hashed'), 'profile');
    expect(claims.get('passwords')?.origin).toBe('profile');
  });

  it('accepts a YAML 0 and forever as durations', () => {
    const claims = policyOf('backups:\n  retention: 0\nmessageArchive:\n  retention: forever\n');
    expect(claims.get('backups.retention')?.value).toEqual({ seconds: 0, text: '0' });
    expect(claims.get('messageArchive.retention')?.value).toEqual({ seconds: Infinity, text: 'forever' });
  });

  it('names file, line, column, key, value and what is allowed for a bad enum value', () => {
    expect(messageOf('messageArchive:\n  default: sometimes\n')).toBe(
      'policy.yaml:2:3: messageArchive.default: "sometimes" is not allowed; expected one of opt-out, opt-in, disabled',
    );
  });

  it('suggests the enum value a typo meant', () => {
    expect(messageOf('ipAddresses:\n  stored: failed-login\n')).toBe(
      'policy.yaml:2:3: ipAddresses.stored: "failed-login" is not allowed; expected one of never, failed-logins, always; did you mean failed-logins?',
    );
    expect(messageOf('messageArchive:\n  default: Opt-In\n')).toBe(
      'policy.yaml:2:3: messageArchive.default: "Opt-In" is not allowed; expected one of opt-out, opt-in, disabled; did you mean opt-in?',
    );
  });

  it('takes only true and false as booleans', () => {
    expect(messageOf('transport:\n  requireEncryption: yes\n')).toBe(
      'policy.yaml:2:3: transport.requireEncryption: "yes" is not allowed; expected true or false (write true)',
    );
    expect(messageOf('transport:\n  requireEncryption: "true"\n')).toBe(
      'policy.yaml:2:3: transport.requireEncryption: "true" is not allowed; expected true or false',
    );
    expect(messageOf('pushNotifications:\n  body: 0\n')).toBe(
      'policy.yaml:2:3: pushNotifications.body: 0 is not allowed; expected true or false',
    );
    expect(policyOf('transport:\n  requireEncryption: True\n').get('transport.requireEncryption')?.value).toBe(true);
  });

  it('passes the duration error through with its position', () => {
    expect(messageOf('fileUploads:\n  retention: 30m\n')).toBe(
      'policy.yaml:2:3: fileUploads.retention: "30m" is ambiguous: "m" could mean minutes or months; ' +
        `write 30mo (or "30 months") for months, or 30min or a number of hours for minutes; ${ACCEPTED_DURATION_FORMS}`,
    );
    expect(messageOf('fileUploads:\n  retention: 31\n')).toBe(
      `policy.yaml:2:3: fileUploads.retention: 31 has no unit; write e.g. 31d; ${ACCEPTED_DURATION_FORMS}`,
    );
    expect(messageOf('fileUploads:\n  retention: true\n')).toBe(
      `policy.yaml:2:3: fileUploads.retention: true is not allowed; ${ACCEPTED_DURATION_FORMS}`,
    );
  });

  it('suggests the key a typo meant, at any depth', () => {
    expect(messageOf('ipAdresses:\n  stored: never\nmessageArchive:\n  retension: 21d\n')).toBe(
      'policy.yaml:1:1: ipAdresses: unknown key; did you mean ipAddresses?\n' +
        'policy.yaml:4:3: messageArchive.retension: unknown key; did you mean retention?',
    );
    expect(messageOf('Passwords: hashed\n')).toBe('policy.yaml:1:1: Passwords: unknown key; did you mean passwords?');
  });

  it('lists the allowed keys when nothing is close', () => {
    expect(messageOf('cookies: false\n')).toBe(`policy.yaml:1:1: cookies: unknown key; expected one of ${POLICY_KEYS.join(', ')}`);
    expect(POLICY_KEYS).toEqual([
      'passwords',
      'ipAddresses',
      'loginTimes',
      'inactiveAccounts',
      'messageArchive',
      'groupchatArchive',
      'offlineMessages',
      'fileUploads',
      'serverLogs',
      'backups',
      'pushNotifications',
      'transport',
      'website',
    ]);
    expect(messageOf('backups:\n  location: offsite\n')).toBe(
      'policy.yaml:2:3: backups.location: unknown key; expected one of encrypted, retention, interval',
    );
  });

  it('explains dotted keys and keys written at the wrong level', () => {
    expect(messageOf('messageArchive.retention: 21d\n')).toBe(
      'policy.yaml:1:1: messageArchive.retention: unknown key; write the claim nested: messageArchive: on one line, then retention: indented below it',
    );
    expect(messageOf('encrypted: true\n')).toBe('policy.yaml:1:1: encrypted: unknown key; encrypted belongs under backups');
  });

  it('reports a group that is not a mapping and a claim without a value', () => {
    expect(messageOf('ipAddresses: never\nbackups:\n  interval:\n')).toBe(
      'policy.yaml:1:1: ipAddresses: "never" is not allowed; expected a mapping with the keys stored, retention\n' +
        `policy.yaml:3:3: backups.interval: has no value; ${ACCEPTED_DURATION_FORMS}`,
    );
    expect(messageOf('loginTimes:\n')).toBe(
      'policy.yaml:1:1: loginTimes: has no value; expected a mapping with the keys stored',
    );
  });

  it('reports an empty or non-mapping policy', () => {
    expect(messageOf('# nothing yet\n')).toBe(
      `policy.yaml:1:1: the policy is empty; expected a mapping of claims (${POLICY_KEYS.join(', ')})`,
    );
    expect(messageOf('- passwords\n')).toBe(
      `policy.yaml:1:1: a list is not allowed; expected a mapping of claims (${POLICY_KEYS.join(', ')})`,
    );
    expect(messageOf('policy:\n', ['policy'])).toBe(
      `policy.yaml:1:1: policy: has no value; expected a mapping of claims (${POLICY_KEYS.join(', ')})`,
    );
  });

  it('reads plain data (JS configs) with every position at line 1, column 1', () => {
    const tree = plainTree('/srv/privacy-lint.config.js', 'privacy-lint.config.js', {
      policy: { messageArchive: { retention: '21d', default: 'sometimes' } },
    });
    expect(() => parsePolicy(tree, 'policy', ['policy'])).toThrow(
      'privacy-lint.config.js:1:1: policy.messageArchive.default: "sometimes" is not allowed; expected one of opt-out, opt-in, disabled',
    );
    const ok = plainTree('/srv/privacy-lint.config.js', 'privacy-lint.config.js', { policy: { passwords: 'hashed' } });
    expect(parsePolicy(ok, 'policy', ['policy']).get('passwords')?.position).toEqual({
      file: '/srv/privacy-lint.config.js',
      line: 1,
      column: 1,
    });
  });
});
