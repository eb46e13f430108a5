import { createRequire as __arCreateRequire } from 'node:module'; const require = __arCreateRequire(import.meta.url);
import {
  parseYamlWithSource
} from "./chunk-SUZL72YI.js";
import {
  external_exports,
  problemAt
} from "./chunk-UTMCAE6Q.js";
import {
  COMPILED_RULES_FILE,
  PLACEHOLDERS,
  checkAcceptedRules,
  compiledDefaultRules,
  unknownPlaceholders
} from "./chunk-G42FD34K.js";
import {
  didYouMean
} from "./chunk-FB4OO7TI.js";
import {
  CONTEXTS,
  NEEDS,
  SIGNAL_KINDS,
  WORKLOADS
} from "./chunk-MLVVSL3L.js";
import {
  ConfigError
} from "./chunk-4ALPS4ZO.js";
import "./chunk-LPW5IQWZ.js";

// src/rules/load-rules.ts
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

// src/rules/schema.ts
var RULE_ID = external_exports.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, "must be kebab-case, like threads-io-only");
var signalName = external_exports.enum([...SIGNAL_KINDS, "any"]);
var tag = external_exports.enum(["nogil", "parallel", "async-server", "import", "file", "use"]);
var needList = external_exports.array(external_exports.enum(NEEDS)).min(1);
var signalTrigger = external_exports.union([
  signalName,
  external_exports.strictObject({ signal: signalName, tags: external_exports.array(tag).min(1) })
]);
var conditionSchema = external_exports.lazy(
  () => external_exports.union([
    external_exports.strictObject({ all: external_exports.array(conditionSchema).min(1) }),
    external_exports.strictObject({ any: external_exports.array(conditionSchema).min(1) }),
    external_exports.strictObject({ not: conditionSchema }),
    external_exports.strictObject({ "golang-criteria": external_exports.enum(["met", "unmet"]) }),
    external_exports.strictObject({ context: external_exports.array(external_exports.enum(CONTEXTS)).min(1) }),
    external_exports.strictObject({ "context-not": external_exports.array(external_exports.enum(CONTEXTS)).min(1) }),
    external_exports.strictObject({ workload: external_exports.array(external_exports.enum(WORKLOADS)).min(1) }),
    external_exports.strictObject({ "workload-not": external_exports.array(external_exports.enum(WORKLOADS)).min(1) }),
    external_exports.strictObject({ "needs-any": needList }),
    external_exports.strictObject({ "needs-none": needList }),
    external_exports.strictObject({ needs: external_exports.partialRecord(external_exports.enum(NEEDS), external_exports.boolean()) }),
    external_exports.strictObject({ "gil-release-nearby": external_exports.boolean() }),
    external_exports.strictObject({
      "evidence-missing": external_exports.array(external_exports.enum(["profiling", "latency-p99-ms", "concurrent-clients"])).min(1)
    }),
    external_exports.strictObject({ "profile-found": external_exports.boolean() })
  ])
);
var triggerSchema = external_exports.union([
  external_exports.strictObject({ signals: external_exports.array(signalTrigger).min(1) }),
  external_exports.strictObject({ "profile-edit": external_exports.literal(true) })
]);
var ruleSchema = external_exports.strictObject({
  id: RULE_ID,
  title: external_exports.string().min(1),
  verdict: external_exports.enum(["recommend", "question", "info"]),
  trigger: triggerSchema,
  when: conditionSchema.optional(),
  /**
   * `signal` (the default): a finding per service and signal kind, with every location.
   * `service`: one finding per service, at the first location it fires on, for a note that
   * accompanies other findings (measure first) and would only repeat their locations.
   */
  scope: external_exports.enum(["signal", "service"]).optional(),
  reason: external_exports.string().min(1),
  message: external_exports.string().min(1),
  alternative: external_exports.string().min(1),
  hint: external_exports.string().min(1).optional(),
  docs: external_exports.string().min(1)
});
var userRulesSchema = external_exports.strictObject({
  version: external_exports.literal(1).optional(),
  rules: external_exports.array(ruleSchema).optional(),
  disable: external_exports.array(RULE_ID).optional()
});

// src/rules/load-rules.ts
function defaultRulesDir() {
  const candidates = ["../rules/", "../../rules/"];
  for (const rel of candidates) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    try {
      if (readdirSync(dir).includes("golang-justified.yml")) return dir;
    } catch {
    }
  }
  throw new Error(`the default rules are missing: looked in ${candidates.join(" and ")} from ${import.meta.url}`);
}
function checkTemplates(rule, source, prefix) {
  const problems = [];
  for (const key of ["message", "hint"]) {
    const template = rule[key];
    if (!template) continue;
    for (const name of unknownPlaceholders(template)) {
      problems.push(
        problemAt(source, [...prefix, key], `${key} uses an unknown placeholder {{${name}}}${didYouMean(name, PLACEHOLDERS)}`)
      );
    }
  }
  return problems;
}
function parseRuleFile(text, file) {
  const expected = file.replace(/^.*\//, "").replace(/\.ya?ml$/, "");
  return parseYamlWithSource(text, file, ruleSchema, {
    check: (rule, source) => [
      ...checkTemplates(rule, source, []),
      ...rule.id === expected ? [] : [problemAt(source, ["id"], `id ${rule.id} must match the file name (${expected}.yml)`)]
    ]
  }).value;
}
var defaults;
function parseDefaultRules(dir = defaultRulesDir()) {
  const files = readdirSync(dir).filter((f) => f.endsWith(".yml")).sort();
  return files.map((f) => parseRuleFile(readFileSync(dir + f, "utf8"), `rules/${f}`));
}
function loadDefaultRules() {
  defaults ??= compiledDefaultRules() ?? parseDefaultRules();
  return defaults;
}
function buildRuleSet(user) {
  const base = loadDefaultRules();
  if (!user) return base;
  const { value, source } = parseYamlWithSource(user.text, user.file, userRulesSchema, {
    emptyMessage: "the rules file is empty: write `rules:` and/or `disable:`"
  });
  const problems = [];
  const knownIds = base.map((r) => r.id);
  const disabled = /* @__PURE__ */ new Set();
  (value.disable ?? []).forEach((id, i) => {
    if (!knownIds.includes(id)) {
      problems.push(problemAt(source, ["disable", i], `disable names ${id}, which is not a default rule${didYouMean(id, knownIds)}`));
    }
    disabled.add(id);
  });
  const seen = /* @__PURE__ */ new Map();
  const added = value.rules ?? [];
  added.forEach((rule, i) => {
    problems.push(...checkTemplates(rule, source, ["rules", i]));
    const earlier = seen.get(rule.id);
    if (earlier !== void 0) {
      problems.push(problemAt(source, ["rules", i, "id"], `rule ${rule.id} is defined twice (first at rules[${earlier}]): keep one`));
    }
    seen.set(rule.id, i);
    if (disabled.has(rule.id)) {
      problems.push(
        problemAt(source, ["rules", i, "id"], `rule ${rule.id} is both disabled and defined: remove it from disable, or drop the definition`)
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
export {
  COMPILED_RULES_FILE,
  buildRuleSet,
  checkAcceptedRules,
  loadDefaultRules,
  parseDefaultRules,
  parseRuleFile
};
