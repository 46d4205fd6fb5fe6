import type { Plugin } from './plugin.js';

/** What the CLI (or a program using the API) asks `lint` to do. */
export interface LintOptions {
  /** Current directory: config search starts here, report paths are relative to it. */
  cwd: string;
  /** Filesystem root for discovery and absolute includes (absolute path). */
  root: string;
  /** Larger config files are refused with a diagnostic (--max-file-size; default 16 MiB). */
  maxFileSize?: number;
  /** Explicit files or directories to lint; empty = discover under root. */
  paths: string[];
  configFile?: string;
  policyFile?: string;
  /** --plugin: absolute paths or package names, loaded after the configuration's `plugins`. */
  plugins?: string[];
  /** Plugins given as objects (RuleTester, programs), loaded after `plugins`. */
  pluginObjects?: Plugin[];
  /** "ID=SEVERITY" strings from --rule. */
  ruleOverrides: string[];
  /** false (--no-inline-config): privacy-lint-disable comments in configs are ignored. Default true. */
  inlineConfig?: boolean;
  /**
   * --baseline FILE (absolute): its findings are suppressed. With `update` (--update-baseline) the
   * file is first rewritten from the current findings, so all of them are accepted.
   */
  baseline?: { file: string; update?: boolean };
  /** Told about each rule that throws (it becomes a rule-error finding): the CLI prints the stack under DEBUG=1. */
  onRuleError?: (ruleId: string, error: unknown) => void;
}
