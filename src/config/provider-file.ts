import type { LocatedTree } from './located-tree.js';
import { isPlainMapping } from './located-tree.js';
import type { ProblemList } from './problem-list.js';
import type { ClaimName, DeclaredClaim, Duration } from './types.js';

/**
 * XMPP Providers provider files (`/.well-known/xmpp-provider-v2.json`) as a declared policy.
 * Their storage fields are promises to users that clients show when they recommend a provider:
 * "number in days, 0 for no limit or -1 for less than 1 day" (XMPP Providers' provider file
 * properties; the same words in ejabberd 25.08 src/mod_providers.erl, mod_doc).
 */
export const PROVIDER_STORAGE_FIELDS: readonly { field: string; claim: ClaimName; keeps: string }[] = [
  { field: 'maximumMessageArchiveManagementStorageTime', claim: 'messageArchive.retention', keeps: 'the message archive keeps' },
  { field: 'maximumHttpFileUploadStorageTime', claim: 'fileUploads.retention', keeps: 'uploaded files are kept' },
];

/**
 * The top-level properties of a v2 provider file, as ejabberd's mod_providers writes them
 * (src/mod_providers.erl, file_json/1), beside the storage fields.
 */
const PROVIDER_KEYS = new Set([
  'website', 'alternativeJids', 'busFactor', 'organization', 'passwordReset', 'serverTesting',
  'maximumHttpFileUploadTotalSize', 'maximumHttpFileUploadFileSize', 'professionalHosting', 'freeOfCharge',
  'legalNotice', 'serverLocations', 'since',
  ...PROVIDER_STORAGE_FIELDS.map((f) => f.field),
]);

/** Recognised by its fields: a storage field, or two of the provider file's own properties. */
export function isProviderFile(value: unknown): value is Record<string, unknown> {
  if (!isPlainMapping(value)) return false;
  const keys = Object.keys(value);
  if (keys.some((k) => PROVIDER_STORAGE_FIELDS.some((f) => f.field === k))) return true;
  return keys.filter((k) => PROVIDER_KEYS.has(k)).length >= 2;
}

const DAY = 86_400;

/** The storage fields as claims, each declared at its field's line in the provider file. */
export function collectProviderClaims(tree: LocatedTree, problems: ProblemList): Map<ClaimName, DeclaredClaim> {
  const claims = new Map<ClaimName, DeclaredClaim>();
  const value = tree.value as Record<string, unknown>;
  for (const { field, claim } of PROVIDER_STORAGE_FIELDS) {
    if (!Object.hasOwn(value, field)) continue;
    const days = value[field];
    const duration = storageTime(days);
    if (duration === undefined) {
      problems.add(tree, [field], `${JSON.stringify(days)} is not allowed; expected a whole number of days, 0 for no limit or -1 for less than a day`);
      continue;
    }
    claims.set(claim, { name: claim, value: duration, text: duration.text, position: tree.positionOf([field]), origin: 'policy' });
  }
  return claims;
}

/** Days as the provider file counts them: 0 = no limit, -1 = less than a day (so a whole day breaks it). */
function storageTime(days: unknown): Duration | undefined {
  if (typeof days !== 'number' || !Number.isInteger(days) || days < -1) return undefined;
  if (days === 0) return { seconds: Infinity, text: 'forever' };
  if (days === -1) return { seconds: DAY - 1, text: 'under a day' };
  return { seconds: days * DAY, text: `${days}d` };
}

/** What a provider file states for a storage field, in its own words ("7 days", "no limit"). */
export function promisedDays(text: string): string {
  if (text === 'forever') return 'no limit';
  if (text === 'under a day') return 'less than a day';
  const days = Number(text.replace(/d$/, ''));
  return days === 1 ? '1 day' : `${days} days`;
}
