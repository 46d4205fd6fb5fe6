import { describe, expect, it } from 'vitest';
import { CLAIMS, claimSpec, isClaimName, isWithinClaim } from '../../src/config/claims.js';
import { parsePolicyDuration } from '../../src/config/duration.js';

describe('claim catalogue', () => {
  it('holds every claim of POLICY.md, in its order, with its type', () => {
    expect(CLAIMS.map((spec) => `${spec.name}:${spec.type}`)).toEqual([
      'passwords:enum',
      'ipAddresses.stored:enum',
      'ipAddresses.retention:duration',
      'loginTimes.stored:boolean',
      'inactiveAccounts.deleteAfter:duration',
      'messageArchive.default:enum',
      'messageArchive.retention:duration',
      'groupchatArchive.retention:duration',
      'offlineMessages.retention:duration',
      'fileUploads.retention:duration',
      'serverLogs.retention:duration',
      'serverLogs.messageContent:boolean',
      'backups.encrypted:boolean',
      'backups.retention:duration',
      'backups.interval:duration',
      'pushNotifications.body:boolean',
      'pushNotifications.sender:boolean',
      'transport.requireEncryption:boolean',
      'website.thirdPartyResources:boolean',
    ]);
  });

  it('lists enum values as POLICY.md does and ranks them from least to most invasive', () => {
    const enums = Object.fromEntries(
      CLAIMS.flatMap((spec) => (spec.type === 'enum' ? [[spec.name, [spec.values, spec.byInvasiveness]]] : [])),
    );
    expect(enums).toEqual({
      passwords: [
        ['hashed', 'any'],
        ['hashed', 'any'],
      ],
      'ipAddresses.stored': [
        ['never', 'failed-logins', 'always'],
        ['never', 'failed-logins', 'always'],
      ],
      'messageArchive.default': [
        ['opt-out', 'opt-in', 'disabled'],
        ['disabled', 'opt-in', 'opt-out'],
      ],
    });
  });

  it('says which boolean value is the invasive one', () => {
    const invasive = Object.fromEntries(
      CLAIMS.flatMap((spec) => (spec.type === 'boolean' ? [[spec.name, spec.byInvasiveness[1]]] : [])),
    );
    expect(invasive).toEqual({
      'loginTimes.stored': true,
      'serverLogs.messageContent': true,
      'backups.encrypted': false,
      'pushNotifications.body': true,
      'pushNotifications.sender': true,
      'transport.requireEncryption': false,
      'website.thirdPartyResources': true,
    });
  });

  it('describes every claim in one line', () => {
    for (const spec of CLAIMS) {
      expect(spec.description, spec.name).toMatch(/^[A-Z][^\n]+\.$/);
    }
    expect(claimSpec('messageArchive.retention').description).toBe('How long archived one-to-one messages (MAM) are kept.');
  });

  it('knows claim names and nothing else', () => {
    expect(isClaimName('ipAddresses.stored')).toBe(true);
    expect(isClaimName('passwords')).toBe(true);
    expect(isClaimName('ipAddresses')).toBe(false);
    expect(isClaimName('messageArchive.retension')).toBe(false);
    expect(claimSpec('backups.interval').type).toBe('duration');
  });
});

describe('isWithinClaim', () => {
  it('ranks enum values', () => {
    const stored = claimSpec('ipAddresses.stored');
    expect(isWithinClaim(stored, 'failed-logins', 'never')).toBe(true);
    expect(isWithinClaim(stored, 'failed-logins', 'failed-logins')).toBe(true);
    expect(isWithinClaim(stored, 'failed-logins', 'always')).toBe(false);
    const archive = claimSpec('messageArchive.default');
    expect(isWithinClaim(archive, 'opt-in', 'disabled')).toBe(true);
    expect(isWithinClaim(archive, 'opt-in', 'opt-out')).toBe(false);
    expect(isWithinClaim(claimSpec('passwords'), 'hashed', 'any')).toBe(false);
  });

  it('ranks booleans by which value is invasive', () => {
    expect(isWithinClaim(claimSpec('loginTimes.stored'), false, true)).toBe(false);
    expect(isWithinClaim(claimSpec('loginTimes.stored'), true, false)).toBe(true);
    expect(isWithinClaim(claimSpec('backups.encrypted'), true, false)).toBe(false);
    expect(isWithinClaim(claimSpec('backups.encrypted'), false, true)).toBe(true);
  });

  it('compares durations in seconds, forever above everything', () => {
    const retention = claimSpec('messageArchive.retention');
    const d = parsePolicyDuration;
    expect(isWithinClaim(retention, d('21d'), d('3w'))).toBe(true);
    expect(isWithinClaim(retention, d('21d'), d('22d'))).toBe(false);
    expect(isWithinClaim(retention, d('1y'), d('forever'))).toBe(false);
    expect(isWithinClaim(retention, d('forever'), d('forever'))).toBe(true);
    expect(isWithinClaim(retention, d('none'), d('1h'))).toBe(false);
  });

  it('refuses values of the wrong type', () => {
    expect(() => isWithinClaim(claimSpec('messageArchive.retention'), '21d', true)).toThrow(
      'messageArchive.retention: expected a duration, got true',
    );
    expect(() => isWithinClaim(claimSpec('passwords'), 'hashed', 'plain')).toThrow(
      'passwords: "plain" is not one of hashed, any',
    );
  });
});
