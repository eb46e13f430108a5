import type { RuleInfo } from '../types.js';
import type { Rule } from './schema.js';

/** What renderers need of a rule, with its docs anchor made a full link. */
export function toRuleInfo(rule: Rule, docsUrl: string): RuleInfo {
  return {
    id: rule.id,
    title: rule.title,
    verdict: rule.verdict,
    reason: rule.reason,
    alternative: rule.alternative,
    docs: `${docsUrl}#${rule.docs}`,
  };
}
