import { isSeveritySetting, SEVERITY_SETTINGS } from './config-settings.js';
import { UsageError, type SeveritySetting } from './types.js';

/**
 * One `--rule ID=SEVERITY` flag. Rule ids are not checked here (plugins add rules the
 * configuration loader does not know); the engine reports unknown ids.
 */
export function parseRuleOverride(text: string): { id: string; severity: SeveritySetting } {
  const match = /^\s*([^=\s][^=]*?)\s*=\s*([^=\s]+)\s*$/.exec(text);
  const id = match?.[1];
  const severity = match?.[2];
  if (id === undefined || severity === undefined) {
    throw new UsageError(
      `--rule ${JSON.stringify(text)}: expected ID=SEVERITY, e.g. --rule message-archive-retention=warning ` +
        `(SEVERITY is one of ${SEVERITY_SETTINGS.join(', ')})`,
    );
  }
  if (!isSeveritySetting(severity)) {
    throw new UsageError(
      `--rule ${JSON.stringify(text)}: ${JSON.stringify(severity)} is not a severity; expected one of ${SEVERITY_SETTINGS.join(', ')}`,
    );
  }
  return { id, severity };
}
