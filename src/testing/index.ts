/** `privacy-lint/testing`: what a plugin author needs to test rules (docs/plugins.md). */
export { RuleTester, type ExpectedFinding, type InvalidRuleTestCase, type RuleTestCase } from './rule-tester.js';
