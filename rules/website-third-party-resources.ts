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
        'Every server block / virtual host / site that serves pages: its effective Content-Security-Policy header (nginx `add_header`, with add_header inheritance; Apache `Header set`; Caddy `header`). The claim `false` holds where default-src (or script-src, style-src and font-src) allow only \'self\' (data: and inline are not third parties).',
        'No header, or a policy that allows other origins: the browser will load from anywhere, so the promise is not enforced (violated).',
      ],
      examples: [
        {
          language: 'nginx',
          compliant: "add_header Content-Security-Policy \"default-src 'self'\" always;",
          violating: '# no Content-Security-Policy header',
        },
      ],
      sources: ['shared/research/web-system.md §1 (nginx add_header), §2 (Apache Header), §3 (Caddy header)'],
    },
  },
  check(ctx) {
    const claim = ctx.claim<boolean>('website.thirdPartyResources');
    if (!claim) return;
    for (const site of practicesOf(ctx.inventory, 'website-resources')) {
      const at = site.evidence[0] ?? claim.position;
      const observed = site.contentSecurityPolicy ? `CSP: ${site.contentSecurityPolicy}` : 'no Content-Security-Policy';
      if (claim.value === true || site.thirdPartyAllowed === false) ctx.honours('website.thirdPartyResources', site.evidence, observed);
      else if (site.thirdPartyAllowed === true) {
        ctx.breaks('website.thirdPartyResources', { message: `${site.description}; the policy declares no third-party resources`, at, evidence: site.evidence.slice(1), suggestion: site.suggestion, observed });
      } else {
        ctx.cannotTell('website.thirdPartyResources', { message: `Cannot tell what ${site.subject.name} lets browsers load: ${site.description}`, at, observed });
      }
    }
  },
});
