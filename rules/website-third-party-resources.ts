import { defineRule } from '../src/engine/define-rule.js';
import { practicesOf } from '../src/inventory/inventory.js';

export default defineRule({
  meta: {
    id: 'website-third-party-resources',
    claims: ['website.thirdPartyResources'],
    defaultSeverity: 'error',
    looksAt: ['nginx', 'apache', 'caddy'],
    description: "A website that promises no third-party JS, CSS or fonts must say so to browsers with a Content-Security-Policy.",
    docs: {
      rationale:
        '"Our website doesn\'t use any third party (JS-CSS-Font) dependencies" is a promise about what every page loads. A Content-Security-Policy that limits sources to \'self\' makes the browser enforce it; without one, any page or injected snippet can pull resources from elsewhere.',
      checks: [
        "Every server block / virtual host / site that serves pages gets the Content-Security-Policy headers the server really sends. nginx: `add_header` of the nearest level that has any (a level with its own add_header drops every inherited one); without `always`, the pages an `error_page` serves get none. Apache: mod_headers' two tables, `Header set` (onsuccess) and `Header always set` (every response), both sent on pages and local ErrorDocument pages, main server before virtual host, each with its own `unset`, with `add`, `append`/`merge` (comma-joined), `setifempty` and `unset`. Caddy: `header` (`+` adds, `-` deletes, `?` sets a default) or the JSON `headers` handler's add, set and delete, as Caddy applies them.",
        "One judge for all three servers, following CSP Level 3: scripts are governed by script-src-elem, else script-src, else default-src; stylesheets by style-src-elem, else style-src, else default-src; fonts by font-src, else default-src. The -attr directives (inline handlers and style attributes) load nothing from elsewhere. 'self', 'none', data:, blob:, inline/eval keywords, nonces and hashes are not third parties; host sources and http:, https:, ws:, wss: are.",
        "Several policies (several headers, or commas in one) are all enforced, so the most restrictive wins: a third party counts only when every policy lets the same origin in.",
        "'strict-dynamic' with a nonce or hash lets trusted scripts load further scripts from any origin, so the policy does not keep third-party scripts out (violated); without a nonce or hash it admits no script.",
        'Content-Security-Policy-Report-Only blocks nothing and counts as no policy. A policy filled in at run time (nginx `$var`, Apache `%{VAR}e`, Caddy `{placeholder}`), or a header set only under a matcher, <Location> or condition, is unverified unless another policy already decides.',
        'No header, or a policy that allows other origins: the browser will load from anywhere, so the promise is not enforced (violated), at the header (or the site) that decides it.',
      ],
      examples: [
        {
          language: 'nginx',
          compliant: "add_header Content-Security-Policy \"default-src 'self'\" always;",
          violating: "# script-src-elem, not default-src, governs <script src>\nadd_header Content-Security-Policy \"default-src 'self'; script-src-elem https://cdn.example.com\" always;",
        },
        {
          language: 'apache',
          compliant: "Header always set Content-Security-Policy \"default-src 'self'\"",
          violating: "# each table has its own unset: the onsuccess policy is still sent\nHeader set Content-Security-Policy \"default-src https:\"\nHeader always unset Content-Security-Policy",
        },
        {
          language: 'caddy',
          compliant: "header Content-Security-Policy \"default-src 'self'\"",
          violating: "header Content-Security-Policy \"default-src 'self'; script-src 'strict-dynamic' 'nonce-r4nd0m'\"",
        },
      ],
      sources: [
        'W3C Content Security Policy Level 3, §2.2 (parsing, several policies), §6.7.2 (source matching), §6.8.3 (directive fallback lists), §8.2 (strict-dynamic)',
        'nginx 1.22.1 src/http/modules/ngx_http_headers_filter_module.c (add_header inheritance, the "always" status list)',
        'Apache httpd 2.4 modules/metadata/mod_headers.c, https://httpd.apache.org/docs/2.4/mod/mod_headers.html#header (onsuccess and always tables)',
        'Caddy 2.6.2 modules/caddyhttp/headers/headers.go HeaderOps.ApplyTo, headers/caddyfile.go',
      ],
    },
  },
  check(ctx) {
    const claim = ctx.claim<boolean>('website.thirdPartyResources');
    if (!claim) return;
    for (const site of practicesOf(ctx.inventory, 'website-resources')) {
      const at = site.evidence[0] ?? claim.position;
      const observed = site.contentSecurityPolicy ? `CSP: ${site.contentSecurityPolicy}` : 'no Content-Security-Policy';
      if (claim.value || site.thirdPartyAllowed === false) ctx.honours('website.thirdPartyResources', site.evidence, observed);
      else if (site.thirdPartyAllowed === true) {
        ctx.breaks('website.thirdPartyResources', { message: `${site.description}; the policy declares no third-party resources`, at, evidence: site.evidence.slice(1), suggestion: site.suggestion, observed });
      } else {
        ctx.cannotTell('website.thirdPartyResources', { message: `Cannot tell what ${site.subject.name} lets browsers load: ${site.description}`, at, observed });
      }
    }
  },
});
