import { createRequire as __arCreateRequire } from 'node:module'; const require = __arCreateRequire(import.meta.url);
import {
  external_exports,
  problemAt,
  require_dist
} from "./chunk-UTMCAE6Q.js";
import {
  lineColumn,
  mergeShards,
  readShard,
  ruleSetFrom
} from "./chunk-T3FG3OPU.js";
import "./chunk-GEH7THRF.js";
import "./chunk-HZEKXUOR.js";
import "./chunk-KTNYPSYG.js";
import "./chunk-G42FD34K.js";
import "./chunk-FB4OO7TI.js";
import {
  DOCS_URL,
  compareLocations,
  toJsonReport,
  toRuleInfo
} from "./chunk-3YSN2IB3.js";
import {
  compareStrings
} from "./chunk-C6I7OBPT.js";
import "./chunk-IYCUBBJ5.js";
import {
  CRITERIA
} from "./chunk-MLVVSL3L.js";
import {
  UsageError,
  formatProblem
} from "./chunk-4ALPS4ZO.js";
import {
  __toESM
} from "./chunk-LPW5IQWZ.js";

// src/fleet.ts
var import_yaml = __toESM(require_dist(), 1);
var criterion = external_exports.boolean().nullable();
var repositoryRef = external_exports.object({ name: external_exports.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/), url: external_exports.string(), commit: external_exports.string().nullable() }).nullable();
var location = external_exports.object({ path: external_exports.string(), line: external_exports.number().int() });
var auditReport = external_exports.object({
  schemaVersion: external_exports.literal(1),
  mode: external_exports.literal("audit"),
  repository: repositoryRef,
  profile: external_exports.object({ path: external_exports.string(), from: external_exports.enum(["base", "head", "worktree"]), found: external_exports.boolean() }),
  services: external_exports.array(external_exports.object({ name: external_exports.string(), criteria: external_exports.object(Object.fromEntries(CRITERIA.map((c) => [c, criterion]))) })),
  // Checked one by one where they are read (evidenceOf): zod would copy tens of thousands.
  signals: external_exports.array(external_exports.unknown()),
  findings: external_exports.array(
    external_exports.object({
      rule: external_exports.string(),
      verdict: external_exports.enum(["recommend", "question", "info"]),
      service: external_exports.string(),
      signal: external_exports.string(),
      locations: external_exports.array(location),
      message: external_exports.string(),
      accepted: external_exports.boolean(),
      acceptedBy: external_exports.looseObject({ kind: external_exports.enum(["profile", "inline", "label", "comment"]), reason: external_exports.string(), byThisChange: external_exports.boolean() }).nullable()
    })
  ),
  conclusion: external_exports.enum(["question", "recommend", "info", "none"])
});
function badReport(name, text, path, message) {
  const lineCounter = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(text, { lineCounter, keepSourceTokens: false });
  return new UsageError(`merge: ${formatProblem(problemAt({ file: name, doc, lineCounter }, path, message))}`);
}
function parseReport(name, text) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    const position = /position (\d+)/.exec(err.message)?.[1];
    const where = position !== void 0 ? `:${lineColumn(text, Number(position))}` : "";
    throw new UsageError(`merge: ${name}${where}: not JSON (${err.message.split("\n")[0]}): give the --format json report of an audit`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new UsageError(`merge: ${name}: not a report (a JSON object): give the --format json report of an audit`);
  const report = parsed;
  if (report.schemaVersion !== 1) {
    throw badReport(name, text, ["schemaVersion"], `schemaVersion ${JSON.stringify(report.schemaVersion)} is not 1, the version this architecture-review writes: audit again with this version`);
  }
  return report;
}
function checkedSignals(signals, bad) {
  for (const [i, raw] of signals.entries()) {
    const s = raw;
    if (s === null || typeof s !== "object") throw bad(["signals", i], "not an architecture-review JSON report (a signal is not an object): give the --format json report of an audit");
    for (const [field, ok] of [["path", typeof s.path === "string"], ["line", Number.isInteger(s.line)], ["evidence", typeof s.evidence === "string"]]) {
      if (!ok) throw bad(["signals", i, field], `not an architecture-review JSON report (signals.${i}.${field} is ${JSON.stringify(s[field])}): give the --format json report of an audit`);
    }
  }
  return signals;
}
function fleetEntry(json, signals) {
  const sorted = json.findings.map((f) => [...f.locations].sort(compareLocations));
  const wanted = new Set(sorted.flatMap((places) => places[0] ? [`${places[0].line}:${places[0].path}`] : []));
  const evidence = /* @__PURE__ */ new Map();
  for (const s of signals) {
    const key = `${s.line}:${s.path}`;
    if (wanted.has(key) && !evidence.has(key)) evidence.set(key, s.evidence);
  }
  const findings = json.findings.map((f, i) => ({
    ...f,
    locations: sorted[i].map((l, j) => {
      const e = j === 0 ? evidence.get(`${l.line}:${l.path}`) : void 0;
      return e === void 0 ? { path: l.path, line: l.line } : { path: l.path, line: l.line, evidence: e };
    })
  }));
  const services = json.services.map((s) => ({ name: s.name, criteria: s.criteria, counts: countsOf(findings.filter((f) => f.service === s.name)) }));
  return { repository: json.repository, conclusion: json.conclusion, counts: countsOf(findings), services, findings, profile: json.profile };
}
function countsOf(findings) {
  const counts = { question: 0, recommend: 0, info: 0, accepted: 0 };
  for (const f of findings) {
    if (f.accepted) counts.accepted++;
    else counts[f.verdict]++;
  }
  return counts;
}
var STRENGTH = { none: 0, info: 1, recommend: 2, question: 3 };
async function mergeReports(names, read, docsUrl = DOCS_URL) {
  if (names.length === 0) throw new UsageError("merge: give the JSON reports to merge, like merge shard-1.json shard-2.json");
  const shards = [];
  const whole = [];
  for (const name of names) {
    const text = await read(name);
    const parsed = parseReport(name, text);
    if (parsed.shard !== void 0) {
      const repository = repositoryRef.optional().safeParse(parsed.repository);
      if (!repository.success) throw badReport(name, text, ["repository", ...repository.error.issues[0].path], `not a repository (${repository.error.issues[0].message}): audit again with --repository owner/name`);
      shards.push(readShard(name, parsed));
      continue;
    }
    const checked = auditReport.safeParse(parsed);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const what = issue.path.length > 0 ? `${issue.path.map(String).join(".")}: ${issue.message}` : issue.message;
      if (issue.path[0] === "mode") throw badReport(name, text, ["mode"], `the report of a ${JSON.stringify(parsed.mode)}, not of an audit: a fleet compares audits of whole repositories (audit --format json)`);
      throw badReport(name, text, issue.path, `not an architecture-review JSON report (${what}): give the --format json report of an audit`);
    }
    const json = checked.data;
    if (json.repository === null) {
      throw badReport(name, text, ["repository"], "names no repository: a fleet report needs each report's, so audit with --repository owner/name (the fleet workflow does)");
    }
    const signals = checkedSignals(checked.data.signals, (at, message) => badReport(name, text, at, message));
    whole.push({ name, entry: fleetEntry(json, signals) });
  }
  const byRepository = /* @__PURE__ */ new Map();
  for (const s of shards) {
    const key = s.repository?.name ?? "";
    byRepository.set(key, [...byRepository.get(key) ?? [], s]);
  }
  if (whole.length === 0 && byRepository.size === 1) {
    const { report, rules: rules2 } = await mergeShards(shards, docsUrl);
    return { kind: "report", report, rules: rules2 };
  }
  const entries = /* @__PURE__ */ new Map();
  const add = (name, entry) => {
    const twin = entries.get(entry.repository.name);
    if (twin) throw new UsageError(`merge: ${name} and ${twin.name} are both audits of ${entry.repository.name}: give each repository's report once (or all of its shards)`);
    entries.set(entry.repository.name, { name, entry });
  };
  for (const w of whole) add(w.name, w.entry);
  const rules = new Map((await ruleSetFrom()).map((r) => [r.id, toRuleInfo(r, docsUrl)]));
  for (const [key, group] of byRepository) {
    const first = group[0];
    if (key === "") {
      throw new UsageError(`merge: ${first.name} names no repository: a fleet report needs each report's, so audit with --repository owner/name (the fleet workflow does)`);
    }
    const { report, rules: used } = await mergeShards(group, docsUrl);
    for (const r of used) if (!rules.has(r.id)) rules.set(r.id, toRuleInfo(r, docsUrl));
    const json = toJsonReport(report);
    add(group.map((g) => g.name).join(", "), fleetEntry(json, json.signals));
  }
  return { kind: "fleet", fleet: buildFleet([...entries.values()].map((e) => e.entry), rules) };
}
function buildFleet(repositories, ruleInfo) {
  const sorted = [...repositories].sort((a, b) => compareStrings(a.repository.name, b.repository.name));
  const counts = { repositories: sorted.length, services: 0, question: 0, recommend: 0, info: 0, accepted: 0 };
  const rules = /* @__PURE__ */ new Map();
  let conclusion = "none";
  for (const r of sorted) {
    counts.services += r.services.length;
    for (const k of ["question", "recommend", "info", "accepted"]) counts[k] += r.counts[k];
    if (STRENGTH[r.conclusion] > STRENGTH[conclusion]) conclusion = r.conclusion;
    const seen = /* @__PURE__ */ new Set();
    for (const f of r.findings) {
      if (f.accepted) continue;
      const rule = rules.get(f.rule) ?? { rule: f.rule, verdict: f.verdict, findings: 0, repositories: 0 };
      rule.findings++;
      if (!seen.has(f.rule)) rule.repositories++;
      seen.add(f.rule);
      rules.set(f.rule, rule);
    }
  }
  const top = [...rules.values()].sort((a, b) => b.findings - a.findings || b.repositories - a.repositories || compareStrings(a.rule, b.rule));
  return { schemaVersion: 1, mode: "fleet", repositories: sorted, rules: top, counts, conclusion, ruleInfo };
}
export {
  buildFleet,
  mergeReports
};
