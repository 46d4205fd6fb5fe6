import { defineRule } from 'privacy-lint';

const CLAIM = 'groupchat.publicLogs';

/**
 * Prosody modules (prosody-modules) that serve room logs over HTTP:
 * - mod_http_muc_log serves the MUC archive (mod_muc_mam) of every room that is public, not
 *   members-only and has logging on (mod_http_muc_log.lua, public_room());
 * - mod_muc_log_http is the web view of the obsolete mod_muc_log (mod_muc_log_http README).
 */
const PROSODY_WEB_LOGS = ['http_muc_log', 'muc_log_http'];

export default defineRule({
  meta: {
    id: 'public-room-logs',
    claims: [CLAIM],
    defaultSeverity: 'error',
    description: 'Group chat logs are not published on the web when the policy says so.',
    docs: {
      rationale:
        'A policy that says room logs are not public is broken by a single module line: anyone with the URL can then read what was said in every public room, without joining it or being seen.',
      checks: [
        'Prosody: on every VirtualHost and Component, mod_http_muc_log or mod_muc_log_http being loaded (after modules_enabled, modules_disabled and Component inheritance) publishes the logs: violated, at the module.',
        'ejabberd: mod_muc_log writes HTML logs of the rooms that enable logging to outdir (default www/muc). Its `url` option says where they are published: violated. mod_http_fileserver with a docroot that holds outdir serves them: violated.',
        'A web server read beside it that serves a folder holding an absolute outdir (nginx `root` or `alias`, Apache `DocumentRoot` or `Alias`, a Caddy site with `root` and `file_server`): violated, at that directive. Otherwise whether a web server serves outdir cannot be told: unverified.',
      ],
      sources: [
        'prosody-modules mod_http_muc_log/mod_http_muc_log.lua, public_room()',
        'prosody-modules mod_muc_log_http/README.markdown',
        'ejabberd src/mod_muc_log.erl, mod_options/1 (outdir www/muc, url) and mod_doc/0',
      ],
    },
  },
  check(ctx) {
    const claim = ctx.claim(CLAIM);
    if (!claim) return;
    // `publicLogs: true` allows publishing: what is published honours it, and is said so.
    const judge = claim.value === true ? allowing(ctx) : ctx;
    for (const host of ctx.configs.prosody.hosts) checkProsody(judge, host);
    for (const host of ctx.configs.ejabberd.hosts) checkEjabberd(judge, host);
  },
});

/** The context for a policy that allows public logs: publishing honours the claim, at its place. */
function allowing(ctx) {
  return {
    honours: ctx.honours,
    cannotTell: (claim, report) => ctx.honours(claim, [{ ...report.at, note: report.message }], report.observed),
    breaks: (claim, report) => ctx.honours(claim, [{ ...report.at, note: report.message }], report.observed),
  };
}

function checkProsody(ctx, host) {
  const web = host.modules.find((m) => PROSODY_WEB_LOGS.includes(m.name));
  if (web) {
    ctx.breaks(CLAIM, {
      message: `${host.name} publishes room logs on the web: mod_${web.name} is loaded`,
      at: web.position,
      suggestion: `remove "${web.name}" from modules_enabled of ${host.name}`,
      observed: `published (mod_${web.name} on ${host.name})`,
    });
    return;
  }
  ctx.honours(CLAIM, [{ ...host.position, note: `${host.name} loads no module that serves room logs` }], 'not published');
}

function checkEjabberd(ctx, host) {
  const log = host.modules.find((m) => m.name === 'mod_muc_log');
  if (!log) {
    ctx.honours(CLAIM, [{ ...host.position, note: `${host.name} does not load mod_muc_log` }], 'not published');
    return;
  }
  const url = log.option('url');
  if (url && typeof url.value === 'string') {
    ctx.breaks(CLAIM, {
      message: `${host.name} publishes room logs at ${url.value} (mod_muc_log url)`,
      at: url.position,
      suggestion: 'remove mod_muc_log, or its url and the web server location that serves its outdir',
      observed: `published at ${url.value}`,
    });
    return;
  }
  const outdir = String(log.option('outdir')?.value ?? 'www/muc');
  const fileserver = host.modules.find((m) => m.name === 'mod_http_fileserver');
  const docroot = fileserver?.option('docroot');
  if (docroot && typeof docroot.value === 'string' && within(outdir, docroot.value)) {
    ctx.breaks(CLAIM, {
      message: `${host.name} serves room logs: mod_http_fileserver's docroot ${docroot.value} holds mod_muc_log's outdir ${outdir}`,
      at: docroot.position,
      observed: `published from ${outdir}`,
    });
    return;
  }
  const served = webFolders(ctx.configs).find((folder) => outdir.startsWith('/') && within(outdir, folder.path));
  if (served) {
    ctx.breaks(CLAIM, {
      message: `${host.name} writes HTML room logs to ${outdir} (mod_muc_log), which ${served.server} serves from ${served.path}`,
      at: served.position,
      evidence: [{ ...log.position, note: 'mod_muc_log' }],
      observed: `published from ${outdir}`,
    });
    return;
  }
  ctx.cannotTell(CLAIM, {
    message: `${host.name} writes HTML room logs to ${outdir} (mod_muc_log): they are public if a web server serves that folder, which privacy-lint cannot tell`,
    at: log.option('outdir')?.position ?? log.position,
    observed: `written to ${outdir}`,
  });
}

/**
 * The folders the web servers' directive trees serve files from (ctx.configs.nginx, .apache,
 * .caddy: includes expanded, each directive at its own file and line).
 */
function webFolders(configs) {
  const every = (directives) => directives.flatMap((d) => [d, ...every(d.children)]);
  const folder = (server, d, path) => (path === undefined ? [] : [{ server, path, position: d.position }]);
  return [
    // nginx serves static files from `root` (or a location's `alias`) unless told otherwise.
    ...every(configs.nginx).flatMap((d) => (d.name === 'root' || d.name === 'alias' ? folder('nginx', d, d.args[0]) : [])),
    // Apache: `DocumentRoot DIR` and `Alias URL-PATH DIR` (names are lower-cased in the tree).
    ...every(configs.apache).flatMap((d) => (d.name === 'documentroot' ? folder('Apache', d, d.args[0]) : d.name === 'alias' ? folder('Apache', d, d.args[1]) : [])),
    // Caddy: a site serves files only with `file_server`; `root [matcher] DIR` says from where.
    ...configs.caddy
      .filter((site) => site.name !== '' && every(site.children).some((d) => d.name === 'file_server'))
      .flatMap((site) => every(site.children).flatMap((d) => (d.name === 'root' ? folder('Caddy', d, d.args.at(-1)) : []))),
  ];
}

/** Whether `dir` is `root` or inside it (both as written: relative paths are ejabberd's working folder). */
function within(dir, root) {
  const clean = (p) => p.replace(/\/+$/, '');
  return clean(dir) === clean(root) || clean(dir).startsWith(`${clean(root)}/`);
}
