/**
 * The default rules as compiled at bundle time. Kept apart from `load-rules.ts`, which brings
 * the YAML parser and the schema: a run from the bundle with no rules file of its own reads
 * this JSON and loads neither.
 */
import { readFileSync } from 'node:fs';
import type { Rule } from './schema.js';

/**
 * The name of the default rule set compiled at bundle time: `scripts/bundle.js` validates
 * `rules/*.yml` with `parseRuleFile` (load-rules.ts) and writes the result beside `dist/index.js` and
 * `dist/cli.js`, so that a run from the bundle neither parses YAML nor runs the schema for the
 * defaults (test/rules/compiled-rules.test.ts holds the file to the YAML).
 */
export const COMPILED_RULES_FILE = 'default-rules.json';

let compiled: { rules: Rule[] | undefined } | undefined;

/**
 * The compiled default rules beside this module (the bundle), read once per process; undefined
 * when there are none (the sources, which parse `rules/*.yml`).
 */
export function compiledDefaultRules(): Rule[] | undefined {
  compiled ??= { rules: readCompiledRules() };
  return compiled.rules;
}

function readCompiledRules(): Rule[] | undefined {
  // Beside dist/index.js and dist/cli.js; this module may sit one level down, in dist/chunks/.
  for (const rel of ['./', '../']) {
    try {
      return JSON.parse(readFileSync(new URL(`${rel}${COMPILED_RULES_FILE}`, import.meta.url), 'utf8')) as Rule[];
    } catch {
      // not here
    }
  }
  return undefined;
}
