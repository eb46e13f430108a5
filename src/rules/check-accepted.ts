import { didYouMean } from '../config/suggest.js';
import { ConfigError, type Problem } from '../errors.js';
import type { Profile } from '../types.js';
import type { Rule } from './schema.js';

/**
 * The profile's `accept:` entries must name rules of this run: a misspelt id would silently
 * accept nothing.
 */
export function checkAcceptedRules(profile: Profile, rules: Rule[], file: string): void {
  const ids = rules.map((r) => r.id);
  const problems: Problem[] = profile.accept
    .filter((a) => !ids.includes(a.rule))
    .map((a) => ({
      file,
      ...a.rulePosition,
      message: `accept names ${a.rule}, which is not a rule of this run${didYouMean(a.rule, ids)}: use one of the ids listed in the README`,
    }));
  if (problems.length > 0) throw new ConfigError(problems);
}
