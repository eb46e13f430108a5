import { createRequire as __arCreateRequire } from 'node:module'; const require = __arCreateRequire(import.meta.url);
import {
  detectFile,
  detectUnreadFile,
  isDetectable
} from "./chunk-GEH7THRF.js";
import {
  defaultProfile,
  matchesAny
} from "./chunk-HZEKXUOR.js";
import {
  checkAcceptedRules,
  compiledDefaultRules,
  fillTemplate
} from "./chunk-G42FD34K.js";
import {
  DOCS_URL
} from "./chunk-3YSN2IB3.js";
import {
  isUse
} from "./chunk-MLVVSL3L.js";
import {
  UsageError
} from "./chunk-4ALPS4ZO.js";

// src/load-config.ts
async function profileFromText(text, file) {
  if (text === null) return defaultProfile();
  const { loadProfile } = await import("./load-profile-6XKHTECU.js");
  return loadProfile(text, file);
}
async function ruleSetFrom(user) {
  const compiled = user ? void 0 : compiledDefaultRules();
  if (compiled) return compiled;
  const { buildRuleSet } = await import("./load-rules-LCJ4LGRO.js");
  return buildRuleSet(user);
}

// src/shard.ts
import { createHash } from "node:crypto";

// src/evaluate/criteria.ts
var CRITERION_NEEDS = {
  "low-latency": [{ need: "low-latency", value: true }],
  "high-concurrency": [{ need: "high-concurrency", value: true }],
  "shared-memory-multi-core": [
    { need: "multi-core", value: true },
    { need: "shared-memory", value: true }
  ],
  // Criterion (4) is met when cython.parallel does NOT fit the hot path.
  "beyond-cython-parallel": [{ need: "cython-parallel", value: false }]
};
var CRITERION_LABELS = {
  "low-latency": "(1) low latency",
  "high-concurrency": "(2) high concurrency",
  "shared-memory-multi-core": "(3) multi-core in one shared memory",
  "beyond-cython-parallel": "(4) beyond cython.parallel"
};
var CRITERIA_ORDER = Object.keys(CRITERION_NEEDS);
var CRITERIA_NEEDS = ["low-latency", "high-concurrency", "multi-core", "shared-memory", "cython-parallel"];
function golangCriteria(service) {
  const out = {};
  for (const criterion of CRITERIA_ORDER) {
    const parts = CRITERION_NEEDS[criterion].map(({ need, value }) => {
      const declared = service.needs[need];
      return declared === void 0 ? null : declared === value;
    });
    out[criterion] = parts.includes(false) ? false : parts.includes(null) ? null : true;
  }
  return out;
}
function meetsGolangCriteria(service) {
  return Object.values(golangCriteria(service)).every((v) => v === true);
}
function describeUnmetCriteria(service) {
  const parts = [];
  for (const criterion of CRITERIA_ORDER) {
    const why = CRITERION_NEEDS[criterion].filter(({ need, value }) => service.needs[need] !== value).map(
      ({ need }) => service.needs[need] === void 0 ? `\`${need}\` not declared` : `\`${need}\` declared ${service.needs[need]}`
    );
    if (why.length > 0) parts.push(`${CRITERION_LABELS[criterion]}: ${why.join(", ")}`);
  }
  return parts.join("; ");
}
function missingGolangDeclarations(service) {
  const missing = [];
  for (const criterion of CRITERIA_ORDER) {
    for (const { need, value } of CRITERION_NEEDS[criterion]) {
      if (service.needs[need] !== value) missing.push(`\`${need}: ${value}\``);
    }
  }
  if (missing.length <= 1) return missing.join("");
  return `${missing.slice(0, -1).join(", ")} and ${missing[missing.length - 1]}`;
}

// src/evaluate/conditions.ts
function needFacts(service, needs) {
  return needs.map((need) => ({ key: `needs.${need}`, value: service.needs[need] ?? null }));
}
function evaluateCondition(condition, ctx) {
  const { service } = ctx;
  if ("all" in condition) {
    const parts = condition.all.map((c) => evaluateCondition(c, ctx));
    return { holds: parts.every((p) => p.holds), facts: parts.flatMap((p) => p.facts) };
  }
  if ("any" in condition) {
    const parts = condition.any.map((c) => evaluateCondition(c, ctx));
    return { holds: parts.some((p) => p.holds), facts: parts.flatMap((p) => p.facts) };
  }
  if ("not" in condition) {
    const inner = evaluateCondition(condition.not, ctx);
    return { holds: !inner.holds, facts: inner.facts };
  }
  if ("golang-criteria" in condition) {
    const met = meetsGolangCriteria(service);
    return { holds: condition["golang-criteria"] === "met" ? met : !met, facts: needFacts(service, CRITERIA_NEEDS) };
  }
  if ("context" in condition) {
    return { holds: condition.context.includes(service.context), facts: [{ key: "context", value: service.context }] };
  }
  if ("context-not" in condition) {
    return {
      holds: !condition["context-not"].includes(service.context),
      facts: [{ key: "context", value: service.context }]
    };
  }
  if ("workload" in condition) {
    const w = service.workload;
    return { holds: w !== void 0 && condition.workload.includes(w), facts: [{ key: "workload", value: w ?? null }] };
  }
  if ("workload-not" in condition) {
    const w = service.workload;
    return {
      holds: w === void 0 || !condition["workload-not"].includes(w),
      facts: [{ key: "workload", value: w ?? null }]
    };
  }
  if ("needs-any" in condition) {
    const needs = condition["needs-any"];
    return { holds: needs.some((n) => service.needs[n] === true), facts: needFacts(service, needs) };
  }
  if ("needs-none" in condition) {
    const needs = condition["needs-none"];
    return { holds: !needs.some((n) => service.needs[n] === true), facts: needFacts(service, needs) };
  }
  if ("needs" in condition) {
    const wanted = Object.entries(condition.needs);
    return {
      holds: wanted.every(([n, v]) => service.needs[n] === v),
      facts: needFacts(
        service,
        wanted.map(([n]) => n)
      )
    };
  }
  if ("gil-release-nearby" in condition) {
    return { holds: condition["gil-release-nearby"] === ctx.gilReleaseNearby, facts: [] };
  }
  if ("evidence-missing" in condition) {
    const keys = condition["evidence-missing"];
    return {
      holds: keys.some((k) => service.evidence[k] === void 0),
      facts: keys.map((k) => ({ key: `evidence.${k}`, value: service.evidence[k] ?? null }))
    };
  }
  return { holds: condition["profile-found"] === ctx.profileFound, facts: [] };
}

// src/evaluate/evaluate-rules.ts
var SIGNAL_WORDS = {
  golang: "Go code",
  threads: "Python threads",
  asyncio: "asyncio-style async code",
  greenlets: "greenlets",
  multiprocessing: "multiprocessing",
  cython: "Cython code",
  "cython-nogil": "a cython nogil section",
  "cython-parallel": "cython.parallel",
  numba: "numba JIT"
};
function triggeredBy(rule, signal) {
  if (!("signals" in rule.trigger)) return false;
  return rule.trigger.signals.some((t) => {
    if (typeof t === "string") return t === "any" || t === signal.signal;
    return (t.signal === "any" || t.signal === signal.signal) && t.tags.every((tag) => signal.tags?.includes(tag));
  });
}
function plainTriggerKinds(rule) {
  if (!("signals" in rule.trigger)) return null;
  const kinds = /* @__PURE__ */ new Set();
  for (const t of rule.trigger.signals) {
    if (typeof t !== "string" || t === "any") return null;
    kinds.add(t);
  }
  return kinds;
}
function indexByKind(kindOf) {
  const ofKind = /* @__PURE__ */ new Map();
  for (let i = 0; i < kindOf.length; i++) {
    const list = ofKind.get(kindOf[i]);
    if (list) list.push(i);
    else ofKind.set(kindOf[i], [i]);
  }
  return ofKind;
}
function signalsOfKinds(ofKind, kinds) {
  const lists = [];
  for (const kind of kinds) {
    const list = ofKind.get(kind);
    if (list) lists.push(list);
  }
  if (lists.length === 0) return [];
  if (lists.length === 1) return lists[0];
  return Int32Array.from(lists.flat()).sort();
}
function isGilRelease(s) {
  if (!isUse(s)) return false;
  return s.signal === "cython-nogil" || s.signal === "numba" && (s.tags?.includes("nogil") ?? false);
}
function evaluateRules(input, matchesAny2) {
  const { rules, signals, services, profileSource } = input;
  const releaseFiles = /* @__PURE__ */ new Map();
  const releaseServices = /* @__PURE__ */ new Map();
  for (const s of signals) {
    if (!isGilRelease(s)) continue;
    if (!releaseFiles.has(s.path)) releaseFiles.set(s.path, `${s.path}:${s.line}`);
    if (s.introduced && !releaseServices.has(s.service)) releaseServices.set(s.service, `${s.path}:${s.line}`);
  }
  const inline = indexAcceptances(input.acceptances);
  const candidates = [];
  const introduced = signals.filter((s) => s.introduced && isUse(s));
  const kindOf = introduced.map((s) => s.signal);
  const serviceOf = introduced.map((s) => services.get(s.service));
  const releaseOf = introduced.map((s) => releaseFiles.get(s.path) ?? releaseServices.get(s.service));
  const gilOf = releaseOf.map((r) => r !== void 0);
  const locationOf = [];
  const ofKind = indexByKind(kindOf);
  for (const rule of rules) {
    if ("profile-edit" in rule.trigger) {
      if (input.profileEdit) candidates.push(...profileEditCandidates(rule, input, input.profileEdit));
      continue;
    }
    const anySignal = rule.trigger.signals.includes("any");
    const kinds = plainTriggerKinds(rule);
    const conditionResults = /* @__PURE__ */ new Map();
    const indices = kinds ? signalsOfKinds(ofKind, kinds) : null;
    const perService = rule.scope === "service" ? /* @__PURE__ */ new Map() : null;
    const count = indices ? indices.length : introduced.length;
    for (let n = 0; n < count; n++) {
      const i = indices ? indices[n] : n;
      const signal = introduced[i];
      if (!kinds && !triggeredBy(rule, signal)) continue;
      const service = serviceOf[i];
      if (!service) continue;
      const gilReleaseNearby = gilOf[i];
      let results = conditionResults.get(service);
      if (results === void 0) conditionResults.set(service, results = []);
      let result = results[gilReleaseNearby ? 1 : 0];
      if (result === void 0) {
        const ctx = { service, profileFound: profileSource.found, gilReleaseNearby };
        result = results[gilReleaseNearby ? 1 : 0] = rule.when ? evaluateCondition(rule.when, ctx) : { holds: true, facts: [] };
      }
      if (!result.holds) continue;
      if (anySignal) {
        candidates.push({ rule, service, signal: "profile", location: null, facts: result.facts, acceptedBy: null });
        break;
      }
      const location = locationOf[i] ??= { path: signal.path, line: signal.line, evidence: signal.evidence };
      const acceptedBy = rule.verdict === "question" ? findAcceptance(rule.id, location, input, inline, matchesAny2) : null;
      const candidate = { rule, service, signal: kindOf[i], location, facts: result.facts, acceptedBy };
      if (signal.idiom !== void 0) candidate.idiom = signal.idiom;
      if (gilReleaseNearby) candidate.extra = { release: releaseOf[i] };
      if (perService) {
        const kept = perService.get(service);
        if (kept === void 0 || byPathThenLine(location, kept.location) < 0) perService.set(service, candidate);
        continue;
      }
      candidates.push(candidate);
    }
    if (perService) candidates.push(...perService.values());
  }
  return groupFindings(candidates, input);
}
function indexAcceptances(acceptances) {
  const byPath = /* @__PURE__ */ new Map();
  for (const a of acceptances) {
    const list = byPath.get(a.path) ?? [];
    list.push(a);
    byPath.set(a.path, list);
  }
  return byPath;
}
function findAcceptance(ruleId, location, input, inline, matchesAny2) {
  for (const entry of input.profile.accept) {
    if (entry.rule === ruleId && matchesAny2(entry.paths, location.path)) {
      return {
        kind: "profile",
        reason: entry.reason,
        path: input.profileSource.path,
        line: entry.line,
        byThisChange: false
      };
    }
  }
  for (const a of inline.get(location.path) ?? []) {
    if (a.rule === ruleId && (a.line === location.line || a.line === location.line - 1)) {
      return { kind: "inline", reason: a.reason, path: a.path, line: a.line, byThisChange: a.introduced };
    }
  }
  if (input.acceptLabel) {
    return {
      kind: "label",
      reason: `the label \`${input.acceptLabel}\` is on the pull request`,
      label: input.acceptLabel,
      byThisChange: false
    };
  }
  return null;
}
function profileEditCandidates(rule, input, edit) {
  const byService = /* @__PURE__ */ new Map();
  for (const flip of edit.flips) {
    const list = byService.get(flip.service) ?? [];
    list.push(flip);
    byService.set(flip.service, list);
  }
  const out = [];
  for (const [name, flips] of byService) {
    const service = input.services.get(name) ?? {
      name,
      paths: [],
      context: "standalone",
      needs: {},
      evidence: {},
      line: 0
    };
    const location = { path: edit.path, line: flips[0]?.line ?? 1 };
    const acceptedBy = rule.verdict === "question" && input.acceptLabel ? {
      kind: "label",
      reason: `the label \`${input.acceptLabel}\` is on the pull request`,
      label: input.acceptLabel,
      byThisChange: false
    } : null;
    out.push({
      rule,
      service,
      signal: "profile",
      location,
      facts: [],
      acceptedBy,
      extra: { flips: flips.map((f) => f.change).join("; ") }
    });
  }
  return out;
}
var VERDICT_ORDER = { question: 0, recommend: 1, info: 2 };
function groupFindings(candidates, input) {
  const groups = /* @__PURE__ */ new Map();
  for (const c of candidates) {
    const a = c.acceptedBy;
    const acceptKey = a ? `${a.kind}:${a.path ?? ""}:${a.line ?? ""}:${a.reason}` : "";
    const byAcceptance = level(level(level(groups, c.rule.id), c.service.name), c.signal);
    const group = byAcceptance.get(acceptKey);
    if (group) group.push(c);
    else byAcceptance.set(acceptKey, [c]);
  }
  const findings = [];
  for (const byService of groups.values()) {
    for (const bySignal of byService.values()) {
      for (const byAcceptance of bySignal.values()) {
        for (const group of byAcceptance.values()) {
          findings.push(buildFinding(group[0], uniqueLocations(group), input, idiomsOf(group)));
        }
      }
    }
  }
  findings.sort(
    (a, b) => Number(a.accepted) - Number(b.accepted) || VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] || byCodeUnits(a.rule, b.rule) || byCodeUnits(a.service, b.service) || byCodeUnits(a.signal, b.signal)
  );
  return findings;
}
function byCodeUnits(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function level(map, key) {
  let next = map.get(key);
  if (next === void 0) map.set(key, next = /* @__PURE__ */ new Map());
  return next;
}
function uniqueLocations(group) {
  const all = [];
  let ordered = true;
  for (const c of group) {
    if (!c.location) continue;
    if (ordered && all.length > 0 && byPathThenLine(all[all.length - 1], c.location) > 0) ordered = false;
    all.push(c.location);
  }
  if (!ordered) all.sort(byPathThenLine);
  const locations = [];
  for (const l of all) {
    if (locations.length === 0 || byPathThenLine(locations[locations.length - 1], l) !== 0) locations.push(l);
  }
  return locations;
}
function byPathThenLine(a, b) {
  if (a.path === b.path) return a.line - b.line;
  return a.path < b.path ? -1 : 1;
}
function uniqueFacts(facts) {
  const seen = /* @__PURE__ */ new Map();
  for (const f of facts) if (!seen.has(f.key)) seen.set(f.key, f);
  return [...seen.values()];
}
function describeFacts(facts) {
  return facts.map((f) => `${f.key}: ${f.value === null ? "not declared" : String(f.value)}`).join(", ");
}
function idiomsOf(group) {
  const idioms = [];
  for (const c of group) if (c.idiom !== void 0 && !idioms.includes(c.idiom)) idioms.push(c.idiom);
  return idioms;
}
function buildFinding(c, locations, input, idioms = []) {
  const { rule, service } = c;
  const facts = uniqueFacts(c.facts);
  const count = locations.length;
  const words = c.signal === "profile" ? "The service profile" : SIGNAL_WORDS[c.signal];
  const what = idioms.length > 0 ? `${words} started with ${idioms.join(" and ")}` : words;
  const values = {
    what: () => count > 1 ? `${what} (${count} places)` : what,
    service: () => service.name,
    signal: () => c.signal,
    count: () => String(count),
    facts: () => describeFacts(facts.filter((f) => f.value !== null && f.value !== false)) || "none declared",
    undeclared: () => facts.filter((f) => f.value === null).map((f) => f.key).join(", ") || "none",
    "golang-unmet": () => describeUnmetCriteria(service),
    "golang-missing": () => missingGolangDeclarations(service),
    "profile-path": () => input.profileSource.path,
    flips: () => c.extra?.flips ?? "",
    "gil-release": () => c.extra?.release ?? "no place"
  };
  const headline = fillTemplate(rule.message, values);
  const hint = rule.hint ? fillTemplate(rule.hint, values) : void 0;
  const docs = `${input.docsUrl}#${rule.docs}`;
  const parts = [`[${rule.id}] ${headline}`];
  const firstLoc = locations[0];
  if (firstLoc) {
    const more = count > 1 ? ` (and ${count - 1} more)` : "";
    parts.push(`Evidence: ${firstLoc.path}:${firstLoc.line}${firstLoc.evidence ? ` \`${firstLoc.evidence}\`` : ""}${more}.`);
  }
  if (facts.length > 0) {
    const undeclared = facts.filter((f) => f.value === null).map((f) => f.key);
    parts.push(
      `Profile: ${describeFacts(facts)}${undeclared.length ? ` (not declared: ${undeclared.join(", ")})` : ""}.`
    );
  }
  parts.push(`Why: ${rule.reason}`);
  parts.push(`Instead: ${rule.alternative}`);
  if (hint) parts.push(hint);
  return {
    rule: rule.id,
    verdict: rule.verdict,
    service: service.name,
    signal: c.signal,
    locations,
    message: parts.join(" "),
    detail: { title: rule.title, headline, reason: rule.reason, alternative: rule.alternative, hint, facts, docs },
    accepted: c.acceptedBy !== null,
    acceptedBy: c.acceptedBy
  };
}
function concludeFindings(findings) {
  let best = "none";
  for (const f of findings) {
    if (f.accepted) continue;
    if (f.verdict === "question") return "question";
    if (f.verdict === "recommend") best = "recommend";
    else if (best === "none") best = "info";
  }
  return best;
}

// src/profile/services.ts
var IMPLICIT_SERVICE_NAME = "default";
function implicitService() {
  return { name: IMPLICIT_SERVICE_NAME, paths: ["**"], context: "standalone", needs: {}, evidence: {}, line: 0 };
}
var fallbacks = /* @__PURE__ */ new WeakMap();
function fallbackOf(profile) {
  let fallback = fallbacks.get(profile);
  if (!fallback) {
    fallback = profile.services.find((s) => s.name === IMPLICIT_SERVICE_NAME) ?? implicitService();
    fallbacks.set(profile, fallback);
  }
  return fallback;
}
function serviceFor(profile, path) {
  const { services } = profile;
  for (let i = services.length - 1; i >= 0; i--) {
    const service = services[i];
    if (matchesAny(service.paths, path)) return service;
  }
  return fallbackOf(profile);
}
function isIgnored(profile, path) {
  return matchesAny(profile.ignore, path);
}

// src/engine.ts
function wantsFile(profile, path) {
  return isDetectable(path) && !isIgnored(profile, path);
}
async function runEngine(input) {
  const { profile } = input;
  const signals = [];
  const evidences = /* @__PURE__ */ new Map();
  const acceptances = [];
  const services = /* @__PURE__ */ new Map();
  const unread = [];
  const moved = new MovedUses();
  for await (const file of input.files) {
    if (isIgnored(profile, file.path)) continue;
    if (file.text === null && file.detection === void 0 && isDetectable(file.path)) {
      unread.push(`${file.path} (${(Math.max(file.size ?? 0, 0) / 1024 / 1024).toFixed(1)} MiB)`);
    }
    const detection = file.detection !== void 0 ? file.detection : file.text === null ? detectUnreadFile(file.path) : detectFile(file.path, file.text);
    if (!detection) continue;
    const added = file.addedLines;
    const isAdded = file.text === null ? () => added === "all" || added.size > 0 : (line) => added === "all" || added.has(line);
    const before = file.base && added !== "all" ? detectFile(file.base.path, file.base.text) : null;
    if (detection.signals.length > 0 || before && before.signals.length > 0) {
      const service = serviceFor(profile, file.path);
      if (before) moved.lose(service.name, file.base.path, before.signals, detection.signals);
      if (detection.signals.length > 0) services.set(service.name, service);
      const flags = introducedFlags(detection.signals, before?.signals ?? null, isAdded);
      for (let i = 0; i < detection.signals.length; i++) {
        const placed = placeSignal(detection.signals[i], file.path, service.name, flags[i], evidences);
        signals.push(placed);
        if (placed.introduced) moved.candidate(placed, detection.signals[i]);
      }
    }
    for (const a of detection.acceptances) acceptances.push({ ...a, path: file.path, introduced: isAdded(a.line) });
  }
  for (const file of input.removed ?? []) {
    if (isIgnored(profile, file.path)) continue;
    const detection = detectFile(file.path, file.text);
    if (detection && detection.signals.length > 0) {
      moved.lose(serviceFor(profile, file.path).name, file.path, detection.signals, []);
    }
  }
  const movedNotes = moved.settle();
  for (const s of profile.services) services.set(s.name, s);
  const findings = evaluateRules(
    {
      rules: input.rules,
      profile,
      profileSource: input.profileSource,
      signals,
      acceptances,
      services,
      profileEdit: input.profileEdit,
      acceptLabel: input.acceptLabel,
      docsUrl: input.docsUrl
    },
    matchesAny
  );
  return {
    schemaVersion: 1,
    mode: input.mode,
    base: input.base,
    head: input.head,
    profile: input.profileSource,
    services: summariseServices(profile, services, signals),
    signals,
    findings,
    conclusion: concludeFindings(findings),
    notes: [
      ...input.notes ?? [],
      ...movedNotes,
      ...unread.length > 0 ? [
        `${unread.length} file(s) over 5 MiB were not read; their names still count (a .go file is Go): ${unread.slice(0, 10).join(", ")}${unread.length > 10 ? ", \u2026" : ""}.`
      ] : []
    ],
    warnings: input.warnings ?? []
  };
}
function signalKey(s) {
  const server = s.tags?.includes("async-server") ? "server" : "";
  return `${s.signal}\0${isUse(s) ? "use" : "mention"}\0${s.construct ?? ""}\0${s.module ?? ""}\0${server}`;
}
function introducedFlags(head, base, isAdded) {
  const flags = head.map((s) => isAdded(s.line));
  if (base === null || !flags.includes(true)) return flags;
  const before = /* @__PURE__ */ new Map();
  for (const s of base) {
    const key = signalKey(s);
    before.set(key, (before.get(key) ?? 0) + 1);
  }
  const after = /* @__PURE__ */ new Map();
  for (const s of head) {
    const key = signalKey(s);
    after.set(key, (after.get(key) ?? 0) + 1);
  }
  return head.map((s, i) => flags[i] && after.get(signalKey(s)) > (before.get(signalKey(s)) ?? 0));
}
var MovedUses = class {
  /** Per service and key, the files that lost one such signal (one entry per signal lost). */
  lost = /* @__PURE__ */ new Map();
  candidates = [];
  /** A file of `service` had `base` at the base and has `head` now. */
  lose(service, path, base, head) {
    const left = /* @__PURE__ */ new Map();
    for (const s of head) {
      const key = signalKey(s);
      left.set(key, (left.get(key) ?? 0) + 1);
    }
    for (const s of base) {
      const key = signalKey(s);
      const still = left.get(key) ?? 0;
      if (still > 0) {
        left.set(key, still - 1);
        continue;
      }
      const id = `${service}\0${key}`;
      const from = this.lost.get(id);
      if (from) from.push(path);
      else this.lost.set(id, [path]);
    }
  }
  candidate(signal, detected) {
    this.candidates.push({ signal, key: `${signal.service}\0${signalKey(detected)}` });
  }
  /**
   * Marks the candidates that a loss in their service accounts for as not introduced, in the
   * order files came; returns a note for each moved use (mentions, such as an import that went
   * with it, cancel silently).
   */
  settle() {
    if (this.lost.size === 0) return [];
    const notes = [];
    for (const { signal, key } of this.candidates) {
      const from = this.lost.get(key);
      if (!from || from.length === 0) continue;
      const source = from.shift();
      signal.introduced = false;
      if (isUse(signal)) {
        notes.push(
          `The ${signal.signal} use at ${signal.path}:${signal.line} (${clip(signal.evidence)}) moved from ${source}, in the same service "${signal.service}": not counted as introduced.`
        );
      }
    }
    if (notes.length > 10) return [...notes.slice(0, 10), `\u2026and ${notes.length - 10} more moved use(s).`];
    return notes;
  }
};
function clip(text) {
  const line = text.trim();
  return line.length > 60 ? `${line.slice(0, 59)}\u2026` : line;
}
function placeSignal(s, path, service, introduced, evidences) {
  let evidence = evidences.get(s.evidence);
  if (evidence === void 0) evidences.set(s.evidence, evidence = s.evidence);
  const placed = { signal: s.signal, line: s.line, evidence };
  if (s.tags !== void 0) placed.tags = s.tags;
  if (s.module !== void 0) placed.module = s.module;
  if (s.construct !== void 0) placed.construct = s.construct;
  if (s.idiom !== void 0) placed.idiom = s.idiom;
  placed.path = path;
  placed.service = service;
  placed.introduced = introduced;
  return placed;
}
function summariseServices(profile, services, signals) {
  const declared = new Set(profile.services.map((s) => s.name));
  const owning = new Set(signals.map((s) => s.service));
  const out = profile.services.map((s) => {
    const summary = { name: s.name, criteria: golangCriteria(s) };
    if (Object.keys(s.evidence).length > 0) summary.evidence = s.evidence;
    if (s.notes) summary.notes = s.notes;
    return summary;
  });
  for (const [name, s] of services) {
    if (!declared.has(name) && owning.has(name)) out.push({ name, criteria: golangCriteria(s) });
  }
  return out;
}

// src/shard.ts
function shardOf(path, count) {
  return createHash("sha1").update(path).digest().readUInt32BE(0) % count + 1;
}
function recordShard(files, detect, into) {
  return (async function* () {
    for await (const raw of files) {
      const file = detect(raw);
      if (file.detection === void 0 && file.text === null && file.size !== void 0) into.unread.push({ path: file.path, size: file.size });
      const d = file.detection;
      if (d && (d.signals.length > 0 || d.acceptances.length > 0)) into.files.push({ path: file.path, signals: d.signals, acceptances: d.acceptances });
      yield file;
    }
  })();
}
function lineColumn(text, position) {
  const before = text.slice(0, position).split("\n");
  return `${before.length}:${(before[before.length - 1]?.length ?? 0) + 1}`;
}
function readShard(name, parsed) {
  const shard = parsed.shard;
  if (parsed.mode !== "audit" || !shard || typeof shard !== "object" || !Number.isInteger(shard.index) || !Number.isInteger(shard.count) || !Array.isArray(shard.files)) {
    throw new UsageError(`merge: ${name}: not the report of a sharded audit (no "shard" object): run audit --shard I/N --format json for each shard`);
  }
  return { name, data: shard, repository: parsed.repository ?? null };
}
async function mergeShards(shards, docsUrl = DOCS_URL) {
  const first = shards[0];
  if (!first) throw new UsageError("merge: give the JSON reports of the shards, like merge shard-1.json shard-2.json");
  const count = first.data.count;
  const seen = /* @__PURE__ */ new Map();
  for (const s of shards) {
    if (s.data.count !== count) throw new UsageError(`merge: ${s.name} is shard ${s.data.index}/${s.data.count}, but ${first.name} is one of ${count}: merge the shards of one audit`);
    const twin = seen.get(s.data.index);
    if (twin) throw new UsageError(`merge: ${s.name} and ${twin} are both shard ${s.data.index}/${count}: give each shard once`);
    seen.set(s.data.index, s.name);
    if (JSON.stringify(s.repository) !== JSON.stringify(first.repository)) {
      throw new UsageError(`merge: ${s.name} is of ${describeRepository(s.repository)}, but ${first.name} of ${describeRepository(first.repository)}: merge the shards of one audit`);
    }
    const same = JSON.stringify([s.data.profile, s.data.rules]) === JSON.stringify([first.data.profile, first.data.rules]);
    if (!same) throw new UsageError(`merge: ${s.name} was audited with another profile or rules file than ${first.name}: audit every shard of one commit with the same profile and rules`);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new UsageError(`merge: shard(s) ${missing.map((i) => `${i}/${count}`).join(", ")} missing: give all ${count} shard reports`);
  const { profile: source, rules: rulesSource, notes, warnings } = first.data;
  const profile = await profileFromText(source.text, source.path);
  const rules = await ruleSetFrom(rulesSource ?? void 0);
  checkAcceptedRules(profile, rules, source.path);
  const files = [];
  for (const s of shards) {
    for (const f of s.data.files) files.push({ path: f.path, text: null, addedLines: "all", detection: { signals: f.signals, acceptances: f.acceptances } });
    for (const u of s.data.unread) files.push({ path: u.path, text: null, addedLines: "all", size: u.size });
  }
  files.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  const report = await runEngine({
    mode: "audit",
    base: null,
    head: null,
    profile,
    profileSource: { path: source.path, from: "worktree", found: source.text !== null },
    rules,
    files,
    docsUrl,
    notes,
    warnings
  });
  report.repository = first.repository;
  return { report, rules };
}
function describeRepository(r) {
  if (r === null) return "no named repository";
  return r.commit ? `${r.name} at ${r.commit.slice(0, 12)}` : r.name;
}

export {
  concludeFindings,
  serviceFor,
  wantsFile,
  runEngine,
  profileFromText,
  ruleSetFrom,
  shardOf,
  recordShard,
  lineColumn,
  readShard,
  mergeShards
};
