import { describe, it } from 'vitest';
import { RuleTester } from 'privacy-lint/testing';
import plugin from '../index.js';

RuleTester.describe = describe;
RuleTester.it = it;

const [rule] = plugin.rules;
const tester = new RuleTester({ plugins: [plugin] });
const policy = { groupchat: { publicLogs: false } };

const prosody = (component) => ({
  'etc/prosody/prosody.cfg.lua': [
    'modules_enabled = { "roster", "saslauth" }',
    'VirtualHost "example.org"',
    'Component "conference.example.org" "muc"',
    component,
    '',
  ].join('\n'),
});

const ejabberd = (modules) => ({
  'etc/ejabberd/ejabberd.yml': ['hosts:', '  - example.org', 'modules:', '  mod_muc: {}', ...modules, ''].join('\n'),
});

/** mod_muc_log writing to an absolute outdir: line 6 of ejabberd.yml, the value after four spaces. */
const muclogs = ['  mod_muc_log:', '    outdir: /var/www/muclogs'];

tester.run('muc-logs/public-room-logs', rule, {
  valid: [
    { name: 'Prosody archives rooms but serves no logs', files: prosody('  modules_enabled = { "muc_mam" }'), policy, verdicts: { 'groupchat.publicLogs': 'verified' } },
    { name: 'ejabberd without mod_muc_log', files: ejabberd([]), policy, verdicts: { 'groupchat.publicLogs': 'verified' } },
    {
      name: 'a policy that allows public logs is not checked against',
      files: prosody('  modules_enabled = { "muc_mam", "http_muc_log" }'),
      policy: { groupchat: { publicLogs: true } },
      verdicts: { 'groupchat.publicLogs': 'verified' },
    },
  ],
  invalid: [
    {
      name: 'Prosody: mod_http_muc_log on the MUC component',
      files: prosody('  modules_enabled = { "muc_mam", "http_muc_log" }'),
      policy,
      errors: [
        {
          file: 'etc/prosody/prosody.cfg.lua',
          // Line 4 is the component's modules_enabled; column 34 is the opening quote of "http_muc_log"
          // (2 spaces, modules_enabled = 15, ' = { ' 5, "muc_mam" 9, ', ' 2: 33 characters before it).
          line: 4,
          column: 34,
          message: 'conference.example.org publishes room logs on the web: mod_http_muc_log is loaded',
          suggestion: 'remove "http_muc_log" from modules_enabled of conference.example.org',
        },
      ],
      verdicts: { 'groupchat.publicLogs': 'violated' },
    },
    {
      name: 'Prosody: the legacy mod_muc_log_http',
      files: prosody('  modules_enabled = { "muc_log", "muc_log_http" }'),
      policy,
      errors: [{ line: 4, message: /mod_muc_log_http is loaded/ }],
      verdicts: { 'groupchat.publicLogs': 'violated' },
    },
    {
      name: 'ejabberd: mod_muc_log with a url',
      files: ejabberd(['  mod_muc_log:', '    outdir: /var/www/muclogs', '    url: "https://example.org/muclogs"']),
      policy,
      // Line 7 is the url key, indented by four spaces.
      errors: [{ file: 'etc/ejabberd/ejabberd.yml', line: 7, column: 5, message: /publishes room logs at https:\/\/example.org\/muclogs/ }],
      verdicts: { 'groupchat.publicLogs': 'violated' },
    },
    {
      name: 'ejabberd: mod_http_fileserver serves the outdir',
      files: ejabberd(['  mod_muc_log:', '    outdir: /var/www/muclogs', '  mod_http_fileserver:', '    docroot: /var/www']),
      policy,
      errors: [{ line: 8, column: 5, message: /docroot \/var\/www holds mod_muc_log's outdir \/var\/www\/muclogs/ }],
      verdicts: { 'groupchat.publicLogs': 'violated' },
    },
    {
      name: 'ejabberd: logs written to disk, the web server unknown',
      files: ejabberd(['  mod_muc_log: {}']),
      policy,
      errors: [{ line: 5, severity: 'warning', message: /writes HTML room logs to www\/muc/ }],
      verdicts: { 'groupchat.publicLogs': 'unverified' },
    },
    {
      name: 'ejabberd: nginx serves a folder holding the outdir, from an included file',
      files: {
        ...ejabberd(muclogs),
        'etc/nginx/nginx.conf': 'events {}\nhttp {\n    include sites/*.conf;\n}\n',
        'etc/nginx/sites/logs.conf': 'server {\n    listen 80;\n    root /var/www;\n}\n',
      },
      policy,
      // The `root` directive: line 3 of the included file, after four spaces.
      errors: [{ file: 'etc/nginx/sites/logs.conf', line: 3, column: 5, message: 'example.org writes HTML room logs to /var/www/muclogs (mod_muc_log), which nginx serves from /var/www' }],
      verdicts: { 'groupchat.publicLogs': 'violated' },
    },
    {
      name: 'ejabberd: an Apache Alias onto the outdir',
      files: { ...ejabberd(muclogs), 'etc/apache2/apache2.conf': 'Include conf-enabled/*.conf\n', 'etc/apache2/conf-enabled/muc.conf': 'Alias /logs /var/www/muclogs/\n' },
      policy,
      errors: [{ file: 'etc/apache2/conf-enabled/muc.conf', line: 1, column: 1, message: /which Apache serves from \/var\/www\/muclogs\/$/ }],
      verdicts: { 'groupchat.publicLogs': 'violated' },
    },
    {
      name: 'ejabberd: a Caddy site with root and file_server, imported',
      files: { ...ejabberd(muclogs), 'etc/caddy/Caddyfile': 'import sites/*.caddy\n', 'etc/caddy/sites/logs.caddy': 'logs.example.org {\n  root * /var/www\n  file_server\n}\n' },
      policy,
      // `root` on line 2 of the imported file, after two spaces.
      errors: [{ file: 'etc/caddy/sites/logs.caddy', line: 2, column: 3, message: /which Caddy serves from \/var\/www$/ }],
      verdicts: { 'groupchat.publicLogs': 'violated' },
    },
    {
      name: 'ejabberd: a Caddy site with a root but no file_server serves no files',
      files: { ...ejabberd(muclogs), 'etc/caddy/Caddyfile': 'logs.example.org {\n  root * /var/www\n  reverse_proxy localhost:8080\n}\n' },
      policy,
      // The outdir line of ejabberd.yml: the logs are written there, served or not.
      errors: [{ file: 'etc/ejabberd/ejabberd.yml', line: 6, column: 5, severity: 'warning', message: /writes HTML room logs to \/var\/www\/muclogs/ }],
      verdicts: { 'groupchat.publicLogs': 'unverified' },
    },
  ],
});
