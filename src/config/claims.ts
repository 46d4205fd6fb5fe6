import type { BuiltinClaimName, ClaimName, ClaimValue, Duration } from './types.js';

/**
 * The claim catalogue: every claim of POLICY.md with the type of its value, the promise it
 * stands for, and how its values rank from least to most invasive. Rules and the policy
 * parser read this table; nothing else lists the claims.
 */

interface ClaimSpecBase {
  name: ClaimName;
  /** One line: the promise the claim stands for (POLICY.md "Claims"). */
  description: string;
}

export interface EnumClaimSpec extends ClaimSpecBase {
  type: 'enum';
  /** The allowed values in the order POLICY.md lists them (used in messages and docs). */
  values: readonly string[];
  /** The same values from least to most invasive: a server honours the claim at or below it. */
  byInvasiveness: readonly string[];
}

export interface BooleanClaimSpec extends ClaimSpecBase {
  type: 'boolean';
  /** [least invasive, most invasive], e.g. [false, true] for `loginTimes.stored`. */
  byInvasiveness: readonly [boolean, boolean];
}

/** For every duration claim a figure at or below the declared one honours it. */
export interface DurationClaimSpec extends ClaimSpecBase {
  type: 'duration';
}

export type ClaimSpec = EnumClaimSpec | BooleanClaimSpec | DurationClaimSpec;

type SpecBody = Omit<EnumClaimSpec, 'name'> | Omit<BooleanClaimSpec, 'name'> | Omit<DurationClaimSpec, 'name'>;

const STORED_IS_INVASIVE = [false, true] as const;
const PROTECTION_IS_REQUIRED = [true, false] as const;

/**
 * Keyed by claim so the compiler rejects a ClaimName without an entry (and an entry that is no
 * ClaimName); key order is catalogue order.
 */
const CATALOGUE: { [N in BuiltinClaimName]: SpecBody } = {
  passwords: {
    type: 'enum',
    values: ['hashed', 'any'],
    byInvasiveness: ['hashed', 'any'],
    description: 'Passwords are stored only as hashes (e.g. SCRAM-SHA-1), never in plain text.',
  },
  'ipAddresses.stored': {
    type: 'enum',
    values: ['never', 'failed-logins', 'always'],
    byInvasiveness: ['never', 'failed-logins', 'always'],
    description: 'Whether client IP addresses are stored: never, only for failed logins, or always.',
  },
  'ipAddresses.retention': {
    type: 'duration',
    description: 'How long any record holding an IP address (log line, ban list) may live.',
  },
  'loginTimes.stored': {
    type: 'boolean',
    byInvasiveness: STORED_IS_INVASIVE,
    description: 'Whether the time a user logs in is stored.',
  },
  'inactiveAccounts.deleteAfter': {
    type: 'duration',
    description: 'Unused accounts are deleted after this long without any login.',
  },
  'messageArchive.default': {
    type: 'enum',
    values: ['opt-out', 'opt-in', 'disabled'],
    byInvasiveness: ['disabled', 'opt-in', 'opt-out'],
    description: 'Whether one-to-one messages are archived by default (opt-out), only on request (opt-in), or never.',
  },
  'messageArchive.retention': {
    type: 'duration',
    description: 'How long archived one-to-one messages (MAM) are kept.',
  },
  'groupchatArchive.retention': {
    type: 'duration',
    description: 'How long group chat archives (MUC MAM, room logs) are kept.',
  },
  'offlineMessages.retention': {
    type: 'duration',
    description: 'How long messages for an offline user are kept before they are delivered or dropped.',
  },
  'fileUploads.retention': {
    type: 'duration',
    description: 'How long uploaded files (HTTP File Upload) are kept.',
  },
  'serverLogs.retention': {
    type: 'duration',
    description: 'How long server logs are kept before they are purged.',
  },
  'serverLogs.messageContent': {
    type: 'boolean',
    byInvasiveness: STORED_IS_INVASIVE,
    description: 'Whether server logs may hold message bodies (stanza-level debug logging).',
  },
  'backups.encrypted': {
    type: 'boolean',
    byInvasiveness: PROTECTION_IS_REQUIRED,
    description: 'All backups are encrypted before they are stored.',
  },
  'backups.retention': {
    type: 'duration',
    description: 'How long backups are kept.',
  },
  'backups.interval': {
    type: 'duration',
    description: 'How often backups are made (at most this long between two backups).',
  },
  'pushNotifications.body': {
    type: 'boolean',
    byInvasiveness: STORED_IS_INVASIVE,
    description: 'Whether push services (Apple, Google, app push servers) may see message text.',
  },
  'pushNotifications.sender': {
    type: 'boolean',
    byInvasiveness: STORED_IS_INVASIVE,
    description: 'Whether push services may see who sent a message.',
  },
  'transport.requireEncryption': {
    type: 'boolean',
    byInvasiveness: PROTECTION_IS_REQUIRED,
    description: 'Client and server-to-server connections must use TLS.',
  },
  'website.thirdPartyResources': {
    type: 'boolean',
    byInvasiveness: STORED_IS_INVASIVE,
    description: 'Whether the website loads third-party JS, CSS or fonts.',
  },
};

export const CLAIMS: readonly ClaimSpec[] = Object.entries(CATALOGUE).map(
  ([name, body]) => ({ name, ...body }),
);

const BY_NAME: ReadonlyMap<string, ClaimSpec> = new Map(CLAIMS.map((spec) => [spec.name, spec]));

export function isClaimName(s: string): s is ClaimName {
  return BY_NAME.has(s);
}

export function claimSpec(name: ClaimName): ClaimSpec {
  const spec = BY_NAME.get(name);
  // CATALOGUE's type has an entry for every ClaimName; only a cast at the caller gets here.
  if (!spec) throw new Error(`claimSpec: no catalogue entry for claim ${name}`);
  return spec;
}

/**
 * True when an observed value keeps the promise of a declared one: an enum or boolean value
 * at most as invasive, a duration at most as long. Both values must be of the claim's type.
 */
export function isWithinClaim(spec: ClaimSpec, declared: ClaimValue, observed: ClaimValue): boolean {
  switch (spec.type) {
    case 'duration':
      return asDuration(spec, observed).seconds <= asDuration(spec, declared).seconds;
    case 'boolean':
      return spec.byInvasiveness.indexOf(asBoolean(spec, observed)) <= spec.byInvasiveness.indexOf(asBoolean(spec, declared));
    case 'enum':
      return rank(spec, observed) <= rank(spec, declared);
  }
}

function asDuration(spec: ClaimSpec, value: ClaimValue): Duration {
  if (typeof value === 'object') return value;
  throw new TypeError(`${spec.name}: expected a duration, got ${JSON.stringify(value)}`);
}

function asBoolean(spec: ClaimSpec, value: ClaimValue): boolean {
  if (typeof value === 'boolean') return value;
  throw new TypeError(`${spec.name}: expected a boolean, got ${JSON.stringify(value)}`);
}

function rank(spec: EnumClaimSpec, value: ClaimValue): number {
  const index = typeof value === 'string' ? spec.byInvasiveness.indexOf(value) : -1;
  if (index < 0) throw new TypeError(`${spec.name}: ${JSON.stringify(value)} is not one of ${spec.values.join(', ')}`);
  return index;
}
