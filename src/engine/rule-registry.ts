import messageArchiveRetention from '../../rules/message-archive-retention.js';
import messageArchiveDefault from '../../rules/message-archive-default.js';
import groupchatArchiveRetention from '../../rules/groupchat-archive-retention.js';
import offlineMessageRetention from '../../rules/offline-message-retention.js';
import uploadRetention from '../../rules/upload-retention.js';
import ipAddressStorage from '../../rules/ip-address-storage.js';
import ipAddressRetention from '../../rules/ip-address-retention.js';
import loginTimes from '../../rules/login-times.js';
import inactiveAccounts from '../../rules/inactive-accounts.js';
import passwordStorage from '../../rules/password-storage.js';
import pushNotificationContent from '../../rules/push-notification-content.js';
import transportEncryption from '../../rules/transport-encryption.js';
import logRetention from '../../rules/log-retention.js';
import logMessageContent from '../../rules/log-message-content.js';
import websiteThirdPartyResources from '../../rules/website-third-party-resources.js';
import backupEncryption from '../../rules/backup-encryption.js';
import backupRetention from '../../rules/backup-retention.js';
import backupInterval from '../../rules/backup-interval.js';
import backupExtendsRetention from '../../rules/backup-extends-retention.js';
import parseError from '../../rules/parse-error.js';
import includeError from '../../rules/include-error.js';
import configError from '../../rules/config-error.js';
import configWarning from '../../rules/config-warning.js';
import unknownValue from '../../rules/unknown-value.js';
import unverifiableClaim from '../../rules/unverifiable-claim.js';
import providerFilePromise from '../../rules/provider-file-promise.js';
import invalidSuppression from '../../rules/invalid-suppression.js';
import staleSuppression from '../../rules/stale-suppression.js';
import staleBaselineEntry from '../../rules/stale-baseline-entry.js';
import ruleError from '../../rules/rule-error.js';
import type { Rule } from './types.js';

/** Every built-in rule, in the order `privacy-lint rules` lists them: claims first, then config problems. */
export function builtinRules(): Rule[] {
  return [
    messageArchiveRetention,
    messageArchiveDefault,
    groupchatArchiveRetention,
    offlineMessageRetention,
    uploadRetention,
    ipAddressStorage,
    ipAddressRetention,
    loginTimes,
    inactiveAccounts,
    passwordStorage,
    pushNotificationContent,
    transportEncryption,
    logRetention,
    logMessageContent,
    websiteThirdPartyResources,
    backupEncryption,
    backupRetention,
    backupInterval,
    backupExtendsRetention,
    parseError,
    includeError,
    configError,
    configWarning,
    unknownValue,
    unverifiableClaim,
    providerFilePromise,
    invalidSuppression,
    staleSuppression,
    staleBaselineEntry,
    ruleError,
  ];
}

export function findRule(rules: Rule[], id: string): Rule | undefined {
  return rules.find((r) => r.meta.id === id);
}
