import { diagnosticRule } from '../src/engine/diagnostic-rule.js';

export default diagnosticRule('config-error', 'error', 'Valid syntax that the server itself rejects or fails on.', {
  rationale: 'Some configs parse but fail when the server loads them — the server then does not start, or a module does not load. What the config promises does not happen.',
  checks: [
    'Prosody 0.12: reading an option back (`table.insert(modules_enabled, "x")`, `modules_enabled:append{}`) fails because 0.12 cannot read options; `FileLine`/`Credential` do not exist before 13.0.',
    'Prosody 0.12: `http_file_share_expires_after` given as a string makes mod_http_file_share fail to load.',
    'ejabberd: duplicated options and modules (e.g. a module in both `modules` and `append_host_config`), scalars in `append_host_config`, invalid durations such as `1 week` — ejabberd refuses to start.',
    'ejabberd: a top-level, host_config or module option the assumed release does not know ("Unknown option: X. Did you mean Y?", in econf\'s words); old names ejabberd_config_transformer still converts or drops (`log_rotate_date`, `s2s_certfile`, `iqdisc`) are config-warnings instead. An option a later release accepts names that release ("the config seems written for 23.10 or later"). Tables read from the installed 23.01 itself and from processone/ejabberd\'s tags (scripts/extract-ejabberd-options.ts, scripts/extract-ejabberd-later-options.ts); other assumed releases are not checked.',
  ],
  sources: ['Prosody 0.12 core/configmanager.lua:123-142', 'Prosody 0.12 modules/mod_http_file_share.lua:43,453', 'ejabberd 23.01 ejabberd_options:options/0, mod_*_opt, econf:format_error/2, ejabberd_config_transformer:map_reduce/1'],
});
