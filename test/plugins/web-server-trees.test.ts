import { describe, it } from 'vitest';
import type { DirectiveView } from '../../src/engine/config-models.js';
import { defineRule } from '../../src/engine/define-rule.js';
import { definePlugin } from '../../src/engine/plugin.js';
import { RuleTester } from '../../src/testing/rule-tester.js';

/**
 * A plugin rule over ctx.configs.apache and ctx.configs.caddy, tested as a plugin author would:
 * it finds a directive in a file the main config includes, and reports it at its own file:line.
 */
RuleTester.describe = describe;
RuleTester.it = it;

const every = (directives: readonly DirectiveView[]): DirectiveView[] => directives.flatMap((d) => [d, ...every(d.children)]);

/** Apache `Options Indexes` (mod_autoindex) and Caddy `file_server browse` list a directory's files. */
const listings = defineRule({
  meta: { id: 'directory-listings', claims: ['directoryListings.shown'], description: 'Web servers list directories only when the policy says so.' },
  check(ctx) {
    const claim = ctx.claim<boolean>('directoryListings.shown');
    if (!claim || claim.value) return;
    const apache = every(ctx.configs.apache).filter((d) => d.name === 'options' && d.args.some((a) => /^\+?indexes$/i.test(a)));
    const caddy = every(ctx.configs.caddy).filter((d) => d.name === 'file_server' && (d.args.includes('browse') || d.children.some((c) => c.name === 'browse')));
    for (const d of [...apache, ...caddy]) {
      ctx.breaks('directoryListings.shown', { message: `${[d.name, ...d.args].join(' ')} lists the files of a directory`, at: d.position, observed: 'listed' });
    }
    const first = ctx.configs.apache[0] ?? ctx.configs.caddy[0];
    if (apache.length + caddy.length === 0 && first !== undefined) {
      ctx.honours('directoryListings.shown', [{ ...first.position, note: 'no directory listing' }], 'not listed');
    }
  },
});
const plugin = definePlugin({
  name: 'listings',
  claims: { 'directoryListings.shown': { type: 'boolean', description: 'Web servers list the files of directories.' } },
  rules: [listings],
});

const policy = { directoryListings: { shown: false } };
const APACHE = 'etc/apache2/apache2.conf';
const VHOST = 'etc/apache2/sites-enabled/uploads.conf';
const CADDY = 'etc/caddy/Caddyfile';
const SITE = 'etc/caddy/sites/uploads.caddy';
const vhost = (options: string): string =>
  ['<VirtualHost *:443>', '    ServerName upload.example.org', '    <Directory /srv/uploads>', `        Options ${options}`, '    </Directory>', '</VirtualHost>', ''].join('\n');
const site = (server: string): string => ['upload.example.org {', '  root * /srv/uploads', `  ${server}`, '}', ''].join('\n');

void new RuleTester({ plugins: [plugin] }).run('listings/directory-listings', listings, {
  valid: [
    {
      name: 'Apache: an included virtual host without Indexes',
      files: { [APACHE]: 'IncludeOptional sites-enabled/*.conf\n', [VHOST]: vhost('FollowSymLinks') },
      policy,
      verdicts: { 'directoryListings.shown': 'verified' },
    },
    {
      name: 'Caddy: an imported site serving files without browse',
      files: { [CADDY]: 'import sites/*.caddy\n', [SITE]: site('file_server') },
      policy,
      verdicts: { 'directoryListings.shown': 'verified' },
    },
    {
      // The rule walks ctx.configs.apache and .caddy unguarded: undefined would throw (a rule-error finding).
      name: 'no web server: both trees are empty lists, and nothing is judged',
      files: { 'etc/prosody/prosody.cfg.lua': 'VirtualHost "example.org"\n' },
      policy,
      verdicts: { 'directoryListings.shown': 'unverified' },
    },
  ],
  invalid: [
    {
      name: 'Apache: Options Indexes in a <Directory> of an included virtual host, at its own line',
      files: { [APACHE]: 'IncludeOptional sites-enabled/*.conf\n', [VHOST]: vhost('Indexes FollowSymLinks') },
      policy,
      // Line 4 of the included file, after eight spaces: column 9. Names are lower-cased, args as written.
      errors: [{ file: VHOST, line: 4, column: 9, message: 'options Indexes FollowSymLinks lists the files of a directory' }],
      verdicts: { 'directoryListings.shown': 'violated' },
    },
    {
      name: 'Caddy: file_server browse in an imported site, at its own line',
      files: { [CADDY]: 'import sites/*.caddy\n', [SITE]: site('file_server browse') },
      policy,
      // Line 3 of the imported file, after two spaces: column 3.
      errors: [{ file: SITE, line: 3, column: 3, message: 'file_server browse lists the files of a directory' }],
      verdicts: { 'directoryListings.shown': 'violated' },
    },
    {
      name: 'Caddy: browse as a subdirective of file_server',
      files: { [CADDY]: 'import sites/*.caddy\n', [SITE]: site('file_server {\n    browse\n  }') },
      policy,
      errors: [{ file: SITE, line: 3, column: 3, message: 'file_server lists the files of a directory' }],
    },
  ],
});
