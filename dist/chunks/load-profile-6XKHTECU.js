import { createRequire as __arCreateRequire } from 'node:module'; const require = __arCreateRequire(import.meta.url);
import {
  describeValue,
  nameKeys,
  parseYamlWithSource
} from "./chunk-SUZL72YI.js";
import {
  external_exports,
  positionOf,
  problemAt
} from "./chunk-UTMCAE6Q.js";
import {
  PROFILE_PATH,
  defaultProfile,
  globProblem
} from "./chunk-HZEKXUOR.js";
import "./chunk-KTNYPSYG.js";
import "./chunk-FB4OO7TI.js";
import {
  CONTEXTS,
  NEEDS,
  WORKLOADS
} from "./chunk-MLVVSL3L.js";
import "./chunk-4ALPS4ZO.js";
import "./chunk-LPW5IQWZ.js";

// src/profile/schema.ts
var RULE_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
function required(text) {
  return (issue) => issue.input === void 0 ? `is required: ${text}` : void 0;
}
var glob = external_exports.string().min(1, { error: 'is an empty glob: write "**" for every file, or remove it' }).superRefine((value, ctx) => {
  const problem = value === "" ? void 0 : globProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
}).meta({
  title: "Glob",
  description: 'A glob over repository-relative paths (picomatch syntax, dotfiles included), e.g. "storage/**" or "**/*_pb2.py".'
});
var globList = (description) => external_exports.array(glob).min(1).default(["**"]).meta({ description });
var NEED_HELP = {
  "low-latency": "Golang criterion 1: the service must answer with low latency.",
  "high-concurrency": "Golang criterion 2: the service serves many concurrent clients.",
  "multi-core": "Golang criterion 3, with shared-memory: the work must run on several cores.",
  "shared-memory": "Golang criterion 3, with multi-core: the cores must share one userspace memory (separate processes would not do).",
  "cython-parallel": "Golang criterion 4 is met only when false: true means the hot path fits cython.parallel / nogil.",
  "parallel-request": "All cores are needed inside one transaction or request."
};
var needs = nameKeys(
  external_exports.strictObject(
    Object.fromEntries(NEEDS.map((need) => [need, external_exports.boolean().optional().meta({ description: NEED_HELP[need] })]))
  ).meta({
    title: "Needs",
    description: 'What the service needs; each is optional, and one not declared is reported as "not declared". Golang is justified only when low-latency, high-concurrency, multi-core and shared-memory are true and cython-parallel is false.'
  }),
  "need"
);
var evidence = nameKeys(
  external_exports.strictObject({
    "latency-p99-ms": external_exports.number().min(0).optional().meta({ description: "Measured 99th percentile latency, in milliseconds." }),
    "concurrent-clients": external_exports.number().int().min(0).optional().meta({ description: "Measured number of concurrent clients." }),
    profiling: external_exports.string().min(1).optional().meta({ description: "A link to, or a note on, profiling that shows the bottleneck." })
  }).meta({ title: "Evidence", description: "Measurements behind the declared needs; shown in the review comment." }),
  "kind of evidence"
);
var service = nameKeys(
  external_exports.strictObject({
    name: external_exports.string({ error: required("every service needs a unique name") }).regex(/\S/, { error: "must not be empty" }).meta({ description: "The service name, unique in the profile." }),
    paths: globList("The files of the service. The last service whose globs match a file owns it, as in CODEOWNERS."),
    context: external_exports.enum(CONTEXTS).default("standalone").meta({ description: "erp5 and zope services get ERP5/Zope-specific advice (CMFActivity, no asyncio)." }),
    workload: external_exports.enum(WORKLOADS).optional().meta({ description: "What bounds the service: I/O, CPU, or both." }),
    needs: needs.optional(),
    evidence: evidence.optional(),
    notes: external_exports.string().optional().meta({ description: "Free text, shown in the review comment." })
  }).meta({ title: "Service", description: "A part of the repository with its own needs." }),
  "service key"
);
var accept = nameKeys(
  external_exports.strictObject({
    rule: external_exports.string({ error: required("the id of the rule whose question is accepted") }).regex(RULE_ID_PATTERN, {
      error: (issue) => `must be a rule id in kebab-case, such as threads-io-only (got ${describeValue(issue.input)})`
    }).meta({ description: "The id of the rule whose question is accepted, e.g. threads-io-only." }),
    paths: globList("Where the acceptance holds."),
    reason: external_exports.string({ error: required("say why the question is accepted") }).regex(/\S/, { error: "must not be empty: say why the question is accepted" }).meta({ description: "Why the question is accepted; shown in the review comment." })
  }).meta({ title: "Accepted question", description: "A question of a rule that a maintainer has accepted for some paths." }),
  "accept key"
);
var profileSchema = nameKeys(
  external_exports.strictObject({
    version: external_exports.literal(1).default(1).meta({ description: "The profile format version; only 1 exists." }),
    services: external_exports.array(service).default([]).meta({ description: 'The services of the repository. Files no service matches belong to an implicit service named "default" with nothing declared.' }),
    accept: external_exports.array(accept).default([]).meta({ description: "Questions a maintainer has accepted." }),
    ignore: external_exports.array(glob).default([]).meta({ description: "Files never reviewed, e.g. vendored or generated code." })
  }).meta({
    title: "architecture-review service profile",
    description: "Declares the services of a repository and what each needs, so that architecture-review can judge its concurrency and language choices (golang, threads, asyncio)."
  }),
  "top-level key"
);

// src/profile/load-profile.ts
function duplicateServiceNames(data, source) {
  const services = data?.services;
  if (!Array.isArray(services)) return [];
  const problems = [];
  const first = /* @__PURE__ */ new Map();
  services.forEach((entry, i) => {
    const name = entry?.name;
    if (typeof name !== "string") return;
    const seen = first.get(name);
    if (seen === void 0) {
      first.set(name, i);
      return;
    }
    const line = positionOf(source, ["services", seen]).line;
    problems.push(
      problemAt(
        source,
        ["services", i, "name"],
        `name ${describeValue(name)} is already used by the service at line ${line}: give each service a unique name`
      )
    );
  });
  return problems;
}
function toService(data, line, pathPositions) {
  const service2 = {
    name: data.name,
    paths: data.paths,
    context: data.context,
    // Copied key by key so that a need not declared stays absent (not `undefined`): the
    // rules tell "not declared" from "declared false".
    needs: { ...data.needs },
    evidence: { ...data.evidence },
    line,
    pathPositions
  };
  if (data.workload !== void 0) service2.workload = data.workload;
  if (data.notes !== void 0) service2.notes = data.notes;
  return service2;
}
function toProfile(data, source) {
  return {
    version: 1,
    services: data.services.map(
      (s, i) => toService(
        s,
        positionOf(source, ["services", i]).line,
        s.paths.map((_, j) => positionOf(source, ["services", i, "paths", j]))
      )
    ),
    accept: data.accept.map(
      (a, i) => ({
        rule: a.rule,
        paths: a.paths,
        reason: a.reason,
        line: positionOf(source, ["accept", i]).line,
        rulePosition: positionOf(source, ["accept", i, "rule"])
      })
    ),
    ignore: data.ignore
  };
}
function loadProfile(text, file) {
  const { value, source } = parseYamlWithSource(text, file, profileSchema, {
    emptyMessage: 'empty profile: write at least "version: 1", or delete the file to review without one',
    checkRaw: duplicateServiceNames
  });
  return toProfile(value, source);
}
export {
  PROFILE_PATH,
  defaultProfile,
  loadProfile
};
