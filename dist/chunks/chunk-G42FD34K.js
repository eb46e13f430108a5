import { createRequire as __arCreateRequire } from 'node:module'; const require = __arCreateRequire(import.meta.url);
import {
  didYouMean
} from "./chunk-FB4OO7TI.js";
import {
  ConfigError
} from "./chunk-4ALPS4ZO.js";

// src/evaluate/template.ts
var PLACEHOLDERS = [
  "what",
  "service",
  "signal",
  "count",
  "facts",
  "undeclared",
  "golang-unmet",
  "golang-missing",
  "profile-path",
  "flips",
  "gil-release"
];
var PLACEHOLDER_RE = /\{\{\s*([a-z-]+)\s*\}\}/g;
function unknownPlaceholders(template) {
  const known = new Set(PLACEHOLDERS);
  return [...template.matchAll(PLACEHOLDER_RE)].map((m) => m[1] ?? "").filter((name) => !known.has(name));
}
function fillTemplate(template, values) {
  return template.replace(PLACEHOLDER_RE, (whole, name) => {
    const value = values[name];
    return value ? value() : whole;
  });
}

// src/rules/default-rules.ts
import { readFileSync } from "node:fs";
var COMPILED_RULES_FILE = "default-rules.json";
var compiled;
function compiledDefaultRules() {
  compiled ??= { rules: readCompiledRules() };
  return compiled.rules;
}
function readCompiledRules() {
  for (const rel of ["./", "../"]) {
    try {
      return JSON.parse(readFileSync(new URL(`${rel}${COMPILED_RULES_FILE}`, import.meta.url), "utf8"));
    } catch {
    }
  }
  return void 0;
}

// src/rules/check-accepted.ts
function checkAcceptedRules(profile, rules, file) {
  const ids = rules.map((r) => r.id);
  const problems = profile.accept.filter((a) => !ids.includes(a.rule)).map((a) => ({
    file,
    ...a.rulePosition,
    message: `accept names ${a.rule}, which is not a rule of this run${didYouMean(a.rule, ids)}: use one of the ids listed in the README`
  }));
  if (problems.length > 0) throw new ConfigError(problems);
}

export {
  PLACEHOLDERS,
  unknownPlaceholders,
  fillTemplate,
  COMPILED_RULES_FILE,
  compiledDefaultRules,
  checkAcceptedRules
};
