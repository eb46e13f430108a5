/**
 * The bundle reads the default rules from dist/default-rules.json, compiled from rules/*.yml by
 * scripts/bundle.js, rather than parsing YAML at start. The YAML files stay the source of truth:
 * the compiled copy must be exactly what they give.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMPILED_RULES_FILE, loadDefaultRules, parseDefaultRules } from '../../src/rules/load-rules.js';

describe('the default rules compiled into dist/', () => {
  it('equal rules/*.yml as the rule schema reads them (run `npm run bundle` after editing a rule)', () => {
    const compiled: unknown = JSON.parse(readFileSync(new URL(`../../dist/${COMPILED_RULES_FILE}`, import.meta.url), 'utf8'));
    expect(compiled).toStrictEqual(JSON.parse(JSON.stringify(parseDefaultRules())));
  });

  it('are not used from the sources, which read the YAML', () => {
    expect(loadDefaultRules()).toStrictEqual(parseDefaultRules());
  });
});
