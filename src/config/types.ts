import type { OtherSoftware } from './software-releases.js';
import type { SourcePosition } from '../inventory/evidence.js';
import type { SourceKind } from '../inventory/inventory.js';

/** Every claim of POLICY.md, by its dotted path. */
export type BuiltinClaimName =
  | 'passwords'
  | 'ipAddresses.stored'
  | 'ipAddresses.retention'
  | 'loginTimes.stored'
  | 'inactiveAccounts.deleteAfter'
  | 'messageArchive.default'
  | 'messageArchive.retention'
  | 'groupchatArchive.retention'
  | 'offlineMessages.retention'
  | 'fileUploads.retention'
  | 'serverLogs.retention'
  | 'serverLogs.messageContent'
  | 'backups.encrypted'
  | 'backups.retention'
  | 'backups.interval'
  | 'pushNotifications.body'
  | 'pushNotifications.sender'
  | 'transport.requireEncryption'
  | 'website.thirdPartyResources';

/**
 * A claim's dotted path: a built-in one, or one a loaded plugin declares (`groupchat.publicLogs`).
 * `string & {}` keeps editors completing the built-in names.
 */
export type ClaimName = BuiltinClaimName | (string & {});

/** A policy duration in seconds: `Infinity` for `forever`, 0 for `none`. `text` is as written. */
export interface Duration {
  seconds: number;
  text: string;
}

export type ClaimValue = string | boolean | Duration;

/** One declared claim with where it was declared (policy file or built-in profile). */
export interface DeclaredClaim<V extends ClaimValue = ClaimValue> {
  name: ClaimName;
  value: V;
  /** The text as the user wrote it, for messages ("declared 21d"). */
  text: string;
  position: SourcePosition;
  /** 'policy' = the user's policy; 'profile' = came from `extends`. */
  origin: 'policy' | 'profile';
}

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export type ProsodyRelease = '0.12' | '13.0';

/** `versions:` (POLICY.md): the release of each software the configs are for; unset = the assumed one. */
export type Versions = { prosody: ProsodyRelease; ejabberd?: string } & Partial<Record<OtherSoftware, string>>;

/** The tool configuration after loading, validation and profile merging. */
export interface ResolvedConfig {
  /** Absolute path of the configuration file, or undefined when none was found. */
  configFile: string | undefined;
  /** Absolute path of the file the policy was read from (config file, policy file, or profile). */
  policyFile: string;
  /** True when no configuration was found and the recommended profile is used. */
  usedDefaultProfile: boolean;
  claims: Map<ClaimName, DeclaredClaim>;
  /** `ejabberd` is the release as written in the configuration (validated by its interpreter). */
  versions: Versions;
  /** Severity overrides from the config's `rules` key, then --rule flags. */
  ruleSeverities: Map<string, SeveritySetting>;
  /** Explicit source files per kind (absolute paths). */
  sources: Partial<Record<SourceKind, string[]>>;
  /** Plugin module specifiers, resolved against the config file's directory. */
  plugins: string[];
  /** Turn worst-case retention warnings into violations. */
  strictRetention: boolean;
  /** Set when the policy is an XMPP Providers provider file (--policy): its absolute path. */
  providerFile?: string;
}

/** A problem that stops the tool from doing its job: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
