import type { Evidence, Tri } from '../../inventory/evidence.js';
import type { PracticeSubject, WebsiteResourcesPractice } from '../../inventory/practice.js';

/** Builds a site's website-resources practices; the fix is offered only where third parties may load. */
export function websitePracticeFor(subject: PracticeSubject, fix: string) {
  return (thirdPartyAllowed: Tri, description: string, evidence: Evidence[], policy?: string): WebsiteResourcesPractice => ({
    kind: 'website-resources',
    subject,
    evidence,
    thirdPartyAllowed,
    description,
    ...(policy !== undefined ? { contentSecurityPolicy: policy } : {}),
    ...(thirdPartyAllowed !== false ? { suggestion: fix } : {}),
  });
}
