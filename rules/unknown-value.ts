import { diagnosticRule } from '../src/engine/diagnostic-rule.js';

export default diagnosticRule('unknown-value', 'info', 'A value that only exists when the server runs (environment, files, code): privacy-lint does not guess it.', {
  rationale: 'Configs read environment variables, files and credentials, or run code. privacy-lint never executes a config, so such values are unknown; claims that depend on them are unverified rather than guessed.',
  checks: ['Prosody: `RunScript`, calls of functions defined in the config (which may set options).'],
});
