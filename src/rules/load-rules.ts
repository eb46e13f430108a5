import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { didYouMean as suggest, parseYamlWithSource, problemAt, type YamlSource } from '../config/index.js';
import { ConfigError, type Problem } from '../errors.js';
import { PLACEHOLDERS, unknownPlaceholders } from '../evaluate/template.js';
import { compiledDefaultRules } from './default-rules.js';
import { ruleSchema, userRulesSchema, type Rule } from './schema.js';

export { checkAcceptedRules } from './check-accepted.js';
export { COMPILED_RULES_FILE } from './default-rules.js';

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

/** Placeholders that a template names but the evaluator does not know. */
function checkTemplates(rule: Rule, source: YamlSource, prefix: (string | number)[]): Problem[] {
  const problems: Problem[] = [];
  for (const key of ['message', 'hint'] as const) {
    const template = rule[key];
    if (!template) continue;
    for (const name of unknownPlaceholders(template)) {
      problems.push(
        problemAt(source, [...prefix, key], `${key} uses an unknown placeholder {{${name}}}${suggest(name, PLACEHOLDERS)}`),
      );
    }
  }
  return problems;
}

/** Parses one default rule file and checks that its id matches its name. */
export function parseRuleFile(text: string, file: string): Rule {
  const expected = file.replace(/^.*\//, '').replace(/\.ya?ml$/, '');
  return parseYamlWithSource(text, file, ruleSchema, {
    check: (rule, source) => [
      ...checkTemplates(rule, source, []),
      ...(rule.id === expected ? [] : [problemAt(source, ['id'], `id ${rule.id} must match the file name (${expected}.yml)`)]),
    ],
  }).value;
}

let defaults: Rule[] | undefined;

/** Reads and validates every `rules/*.yml` (of `dir`, a path ending in `/`), sorted by file name. */
export function parseDefaultRules(dir = defaultRulesDir()): Rule[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yml'))
    .sort();
  return files.map((f) => parseRuleFile(readFileSync(dir + f, 'utf8'), `rules/${f}`));
}

/**
 * The default rule set, one rule per file of `rules/`, read and validated once per process;
 * from the bundle, the copy compiled at build time.
 */
export function loadDefaultRules(): Rule[] {
  defaults ??= compiledDefaultRules() ?? parseDefaultRules();
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
  const { value, source } = parseYamlWithSource(user.text, user.file, userRulesSchema, {
    emptyMessage: 'the rules file is empty: write `rules:` and/or `disable:`',
  });
  const problems: Problem[] = [];
  const knownIds = base.map((r) => r.id);
  const disabled = new Set<string>();
  (value.disable ?? []).forEach((id, i) => {
    if (!knownIds.includes(id)) {
      problems.push(problemAt(source, ['disable', i], `disable names ${id}, which is not a default rule${suggest(id, knownIds)}`));
    }
    disabled.add(id);
  });
  const seen = new Map<string, number>();
  const added = value.rules ?? [];
  added.forEach((rule, i) => {
    problems.push(...checkTemplates(rule, source, ['rules', i]));
    const earlier = seen.get(rule.id);
    if (earlier !== undefined) {
      problems.push(problemAt(source, ['rules', i, 'id'], `rule ${rule.id} is defined twice (first at rules[${earlier}]): keep one`));
    }
    seen.set(rule.id, i);
    if (disabled.has(rule.id)) {
      problems.push(
        problemAt(source, ['rules', i, 'id'], `rule ${rule.id} is both disabled and defined: remove it from disable, or drop the definition`),
      );
    }
  });
  if (problems.length > 0) throw new ConfigError(problems);
  const overrides = new Map(added.map((r) => [r.id, r]));
  const merged = base.filter((r) => !disabled.has(r.id)).map((r) => overrides.get(r.id) ?? r);
  const baseIds = new Set(knownIds);
  merged.push(...added.filter((r) => !baseIds.has(r.id)));
  return merged;
}
