import { diagnosticRule } from '../src/engine/diagnostic-rule.js';

export default diagnosticRule('parse-error', 'error', 'A configuration file is not valid in its own format; the server would refuse it.', {
  rationale: 'A config the server cannot parse means the server does not start with it, and privacy-lint cannot judge what is in it. The other files are still judged.',
  checks: [
    'Prosody configs are parsed as Lua 5.4 (luaparse) and never executed; the finding points at the exact line and column of the syntax error.',
    'Templates (Jinja `{{ }}`, `$VAR`) that are not yet rendered are reported here: run privacy-lint on the rendered files.',
    'ejabberd configs are YAML (the `yaml` package, duplicate keys allowed as ejabberd\'s loader does); crontab lines and systemd units that do not parse are reported at their line, and the rest of the file is read.',
  ],
});
