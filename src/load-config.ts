/**
 * The profile and rules of a run, from their texts. The YAML parser and the schemas, most of
 * the bundle by size, load only when there is a text to read: a run with no profile and no
 * rules file of its own starts without them (BENCHMARKS.md measures the start-up).
 */
import { defaultProfile } from './profile/defaults.js';
import { compiledDefaultRules } from './rules/default-rules.js';
import type { Rule } from './rules/schema.js';
import type { Profile } from './types.js';

/** The profile in `text`; null text means "no profile file", which is the default profile. */
export async function profileFromText(text: string | null, file: string): Promise<Profile> {
  if (text === null) return defaultProfile();
  const { loadProfile } = await import('./profile/load-profile.js');
  return loadProfile(text, file);
}

/**
 * The rules of a run: the defaults, changed by a user rules file when there is one
 * (`buildRuleSet`). From the bundle, the defaults are the copy compiled at build time.
 */
export async function ruleSetFrom(user?: { text: string; file: string }): Promise<Rule[]> {
  const compiled = user ? undefined : compiledDefaultRules();
  if (compiled) return compiled;
  const { buildRuleSet } = await import('./rules/load-rules.js');
  return buildRuleSet(user);
}
