import type { EditProposal } from './edit.js';
import type { Evidence, Tri } from './evidence.js';

/**
 * The inventory vocabulary: what personal data a server keeps, where, and for how long.
 * Every interpreter (Prosody today; ejabberd, nginx, logrotate, backups later) emits these
 * practices; rules judge claims against them and never look at a server's own options.
 */

export type { Interval, Retention, Seconds } from './retention.js';
import type { Interval, Retention } from './retention.js';

/** Who or what a practice is about: a host, a component, a log file. */
export interface PracticeSubject {
  software: string;
  /** Host or component name, `*` for server-wide, or a path for files. */
  name: string;
  /** What kind of subject: 'host' | 'component' | 'server' | 'log' ... */
  kind: string;
}

interface PracticeBase {
  subject: PracticeSubject;
  /** Where in the config the practice is established (first is the most specific place). */
  evidence: Evidence[];
}

/** Message archive (XEP-0313 MAM) for one-to-one chats or group chats. */
export interface MessageArchivePractice extends PracticeBase {
  kind: 'message-archive';
  scope: 'one-to-one' | 'groupchat';
  /** Is an archiving module loaded for this subject? */
  enabled: Tri;
  /**
   * What is archived for users (or rooms) that did not choose: 'always' (opt-out), 'roster'
   * (contacts only, still opt-out), 'never' (opt-in), 'unknown'.
   */
  defaultPolicy: 'always' | 'roster' | 'never' | 'unknown';
  /** Evidence for defaultPolicy (may differ from the evidence of `enabled`). */
  defaultPolicyEvidence: Evidence[];
  /** The change that makes archiving opt-in / turns the archive off, in the server's syntax. */
  optInFix?: string;
  disableFix?: string;
  retention: Retention;
}

/** Messages stored for offline recipients until delivered. */
export interface OfflineMessagesPractice extends PracticeBase {
  kind: 'offline-messages';
  enabled: Tri;
  retention: Retention;
}

/** Files uploaded via XEP-0363 HTTP upload. */
export interface FileUploadPractice extends PracticeBase {
  kind: 'file-upload';
  enabled: Tri;
  retention: Retention;
  /**
   * The directory the server stores the files in, on the served system, when it is known: a
   * scheduled `find DIR -mtime +N -delete` over it bounds their retention too.
   */
  storage?: string;
}

/**
 * A record holding client IP addresses: a log, a database field, a message to admins.
 * `which` says whose addresses: every connection, or only failed logins.
 */
export interface IpAddressPractice extends PracticeBase {
  kind: 'ip-address';
  which: 'all' | 'failed-logins' | 'registrations' | 'some';
  /** 'log' = a log destination; 'storage' = the server's data store; 'message' = sent to admins. */
  medium: 'log' | 'storage' | 'message';
  /** The log destination when medium is 'log' (file path, 'syslog', 'console'). */
  destination?: string;
  /** Is this certain, or does it depend on something unknown? */
  certainty: Tri;
  description: string;
  retention?: Retention;
  /** What to change to stop it. */
  suggestion?: string;
  /** The suggestion as an edit, when it is one safe change at one place. */
  edit?: EditProposal;
}

/** A record of when users log in (last activity timestamps). */
export interface LoginTimePractice extends PracticeBase {
  kind: 'login-time';
  certainty: Tri;
  description: string;
  suggestion?: string;
  /** The suggestion as an edit, when it is one safe change at one place. */
  edit?: EditProposal;
}

/** How account passwords are stored. */
export interface PasswordStoragePractice extends PracticeBase {
  kind: 'password-storage';
  hashed: Tri;
  scheme: string;
  suggestion?: string;
  /** The suggestion as an edit, when it is one safe change at one place. */
  edit?: EditProposal;
}

/** What push notifications (XEP-0357) reveal to push services. */
export interface PushNotificationPractice extends PracticeBase {
  kind: 'push-notifications';
  enabled: Tri;
  includesBody: Tri;
  includesSender: Tri;
  bodyEvidence: Evidence[];
  senderEvidence: Evidence[];
  /** The settings that keep the body / the sender out, in the server's syntax. */
  bodyFix: string;
  senderFix: string;
  /** The fixes as edits of the settings, when they are set where an edit can change them. */
  bodyEdit?: EditProposal;
  senderEdit?: EditProposal;
}

/** Whether a kind of connection must be encrypted. */
export interface TransportPractice extends PracticeBase {
  kind: 'transport';
  channel: 'c2s' | 's2s';
  encryptionRequired: Tri;
  /** Why encryptionRequired is 'unknown', when it is not a value known only at runtime. */
  unknownReason?: string;
  description: string;
  suggestion?: string;
  /** The suggestion as an edit, when it is one safe change at one place. */
  edit?: EditProposal;
}

/** A destination the server writes its log to. */
export interface LogSinkPractice extends PracticeBase {
  kind: 'log-sink';
  /** File path (absolute), or 'syslog', 'console', 'stdout', 'journal'. */
  destination: string;
  /** Lowest level written ('debug', 'info', ...). */
  minLevel: string;
  carriesIpAddresses: Tri;
  carriesMessageContent: Tri;
  description: string;
  retention?: Retention;
}

/** Logging of message content (stanza bodies), wherever it goes. */
export interface MessageContentLogPractice extends PracticeBase {
  kind: 'message-content-log';
  /** The log destination it is written to, when there is one (file path, 'syslog', ...). */
  destination?: string;
  certainty: Tri;
  description: string;
  suggestion?: string;
  /** The suggestion as an edit, when it is one safe change at one place. */
  edit?: EditProposal;
}

/**
 * What a website served next to the XMPP server loads from elsewhere: a Content-Security-Policy
 * that limits sources to 'self' keeps third-party JS/CSS/fonts out.
 */
export interface WebsiteResourcesPractice extends PracticeBase {
  kind: 'website-resources';
  /** May pages load scripts, styles or fonts from other origins? */
  thirdPartyAllowed: Tri;
  /** The Content-Security-Policy header value, when one is sent. */
  contentSecurityPolicy?: string;
  description: string;
  suggestion?: string;
  /** The suggestion as an edit, when it is one safe change at one place. */
  edit?: EditProposal;
}

/**
 * A backup of the server's data: how it is protected, how long the oldest copy lives, how often
 * it runs, and what it contains (so a backup that outlives an archive or upload retention can
 * be found).
 */
export interface BackupPractice extends PracticeBase {
  kind: 'backup';
  /** borgmatic, borg, restic, autorestic, duplicity, duply, rsnapshot, dump-script ... */
  tool: string;
  encrypted: Tri;
  /** How (or why not) it is encrypted: "repokey-blake2", "--no-encryption", "piped to gpg". */
  encryption: string;
  /** The worst-case age of the oldest backup kept. */
  retention: Retention;
  interval: Interval;
  /** Absolute paths (as on the served system) and databases backed up; known = false when unreadable. */
  contents: { paths: string[]; databases: string[]; known: boolean };
  /** What to change to encrypt, in the tool's own syntax. */
  encryptFix?: string;
  /**
   * Set when no enabled cron line or timer ever runs the backup (commented-out cron lines, a
   * disabled timer, no job at all), saying why: it is configured but is not a backup, and the
   * pipeline reports it once instead of judging backups.* claims with it.
   */
  neverScheduled?: string;
}

/** Deletion of accounts that have not logged in for a while. */
export interface InactiveAccountsPractice extends PracticeBase {
  kind: 'inactive-accounts';
  /** How long an unused account lives; Infinity = never deleted. */
  retention: Retention;
}

/**
 * A storage time published to clients in an XMPP Providers provider file (ejabberd's
 * mod_providers serves one from its options): a promise the configs must keep.
 */
export interface ProviderPromisePractice extends PracticeBase {
  kind: 'provider-promise';
  /** The provider file field, e.g. maximumMessageArchiveManagementStorageTime. */
  field: string;
  /** In the provider file's units: days, 0 = no limit, -1 = less than a day. */
  days: number;
}

export type Practice =
  | ProviderPromisePractice
  | MessageArchivePractice
  | OfflineMessagesPractice
  | FileUploadPractice
  | IpAddressPractice
  | LoginTimePractice
  | PasswordStoragePractice
  | PushNotificationPractice
  | TransportPractice
  | LogSinkPractice
  | MessageContentLogPractice
  | InactiveAccountsPractice
  | WebsiteResourcesPractice
  | BackupPractice;

export type PracticeKind = Practice['kind'];
export type PracticeOf<K extends PracticeKind> = Extract<Practice, { kind: K }>;
