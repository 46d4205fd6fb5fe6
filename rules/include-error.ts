import { diagnosticRule } from '../src/engine/diagnostic-rule.js';

export default diagnosticRule('include-error', 'error', 'An included file is missing, outside --root, or includes itself; or a config file cannot be read.', {
  rationale: 'Settings in a file that is not read are settings privacy-lint cannot judge — and a missing include stops the server from starting.',
  checks: [
    'Prosody `Include "file"`: relative to the including file, absolute paths under --root. A missing file is an error (Prosody refuses to start); a glob matching nothing is fine; a missing glob directory is an error.',
    'Nothing outside --root is ever read; include cycles are reported once and not followed.',
    'A file that is there but cannot be read is reported with its errno (permission denied is not "absent"), as is a FIFO, socket or device (never opened), a file over --max-file-size, and a symbolic link that leads outside --root. The claims such a file could show are unverified, never verified by omission.',
    'ejabberd `include_config_file`: relative paths resolve against the spool dir (/var/lib/ejabberd), as ejabberd does; missing files, cycles and paths outside --root are reported.',
  ],
  sources: ['Prosody 0.12 core/configmanager.lua:210-248', 'Prosody 0.12 util/paths.lua'],
});
