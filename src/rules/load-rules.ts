import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseYamlDocument } from '../config/yaml.js';
import { ConfigError, type Problem } from '../errors.js';
import { unknownPlaceholders } from '../evaluate/template.js';
import { suggest } from '../config/did-you-mean.js';
import { ruleSchema, userRulesSchema, type Rule } from './schema.js';

/**
 * The default rules ship beside the code: `rules/` next to `dist/` in the action, next to
 * `src/` in a checkout. They are found from this module's own location, never from the
 * workspace, so a repository under review cannot replace them.
 */
function defaultRulesDir(): string {
  const candidates = ['../rules/', '../../rules/'];
  for (const rel of candidates) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    try {
      if (readdirSync(dir).includes('golang-justified.yml')) return dir;
    } catch {
      // not this one
    }
  }
  throw new Error(`the default rules are missing: looked in ${candidates.join(' and ')} from ${import.meta.url}`);
}

function checkTemplates(rule: Rule, file: string, where: (path: (string | number)[]) => { line: number; col: number }, prefix: (string | number)[]): Problem[] {
  const problems: Problem[] = [];
  for (const key of ['message', 'hint'] as const) {
    const template = rule[key];
    if (!template) continue;
    for (const name of unknownPlaceholders(template)) {
      const pos = where([...prefix, key]);
      problems.push({ file, ...pos, message: `${key} uses an unknown placeholder {{${name}}}${suggest(name, PLACEHOLDER_NAMES)}` });
    }
  }
  return problems;
}

import { PLACEHOLDERS } from '../evaluate/template.js';
const PLACEHOLDER_NAMES: readonly string[] = PLACEHOLDERS;

/** Parses one default rule file and checks that its id matches its name. */
export function parseRuleFile(text: string, file: string): Rule {
  const { value: rule, positionOf } = parseYamlDocument(text, file, ruleSchema);
  const problems = checkTemplates(rule, file, positionOf, []);
  const expected = file.replace(/^.*\//, '').replace(/\.ya?ml$/, '');
  if (rule.id !== expected) {
    problems.push({ file, ...positionOf(['id']), message: `id ${rule.id} must match the file name (${expected}.yml)` });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return rule;
}

let defaults: Rule[] | undefined;

/** The default rule set, one rule per file of `rules/`, read and validated once per process. */
export function loadDefaultRules(): Rule[] {
  if (defaults) return defaults;
  const dir = defaultRulesDir();
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yml'))
    .sort();
  defaults = files.map((f) => parseRuleFile(readFileSync(dir + f, 'utf8'), `rules/${f}`));
  return defaults;
}

/**
 * The rules of a run: the defaults, with a user rules file (if any) adding rules, replacing
 * default rules of the same id, and disabling default rules by id. Every problem of the user
 * file is reported with its place.
 */
export function buildRuleSet(user?: { text: string; file: string }): Rule[] {
  const base = loadDefaultRules();
  if (!user) return base;
  const { value, positionOf } = parseYamlDocument(user.text, user.file, userRulesSchema);
  const problems: Problem[] = [];
  const knownIds = base.map((r) => r.id);
  const disabled = new Set<string>();
  (value.disable ?? []).forEach((id, i) => {
    if (!knownIds.includes(id)) {
      problems.push({
        file: user.file,
        ...positionOf(['disable', i]),
        message: `disable names ${id}, which is not a default rule${suggest(id, knownIds)}`,
      });
    }
    disabled.add(id);
  });
  const seen = new Map<string, number>();
  const added = value.rules ?? [];
  added.forEach((rule, i) => {
    problems.push(...checkTemplates(rule, user.file, positionOf, ['rules', i]));
    const earlier = seen.get(rule.id);
    if (earlier !== undefined) {
      problems.push({
        file: user.file,
        ...positionOf(['rules', i, 'id']),
        message: `rule ${rule.id} is defined twice (first at rules[${earlier}]): keep one`,
      });
    }
    seen.set(rule.id, i);
    if (disabled.has(rule.id)) {
      problems.push({
        file: user.file,
        ...positionOf(['rules', i, 'id']),
        message: `rule ${rule.id} is both disabled and defined: remove it from disable, or drop the definition`,
      });
    }
  });
  if (problems.length > 0) throw new ConfigError(problems);
  const overrides = new Map(added.map((r) => [r.id, r]));
  const merged = base.filter((r) => !disabled.has(r.id)).map((r) => overrides.get(r.id) ?? r);
  const baseIds = new Set(knownIds);
  merged.push(...added.filter((r) => !baseIds.has(r.id)));
  return merged;
}
