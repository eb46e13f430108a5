import { createRequire as __arCreateRequire } from 'node:module'; const require = __arCreateRequire(import.meta.url);

// src/report/outline.ts
var SOURCE_TITLE = "High Performance Multi-core Python at Nexedi";
var SOURCE_YEAR = 2017;
var DEFAULT_ACCEPT_LABEL = "architecture-accepted";
var GROUPS = [
  { key: "question", icon: "\u2753", title: "Questions" },
  { key: "recommend", icon: "\u2705", title: "Recommendations" },
  { key: "info", icon: "\u2139\uFE0F", title: "For information" },
  { key: "accepted", icon: "\u2611\uFE0F", title: "Accepted" }
];
var CRITERION_LABELS = {
  "low-latency": "low latency",
  "high-concurrency": "high concurrency",
  "shared-memory-multi-core": "multi-core shared memory",
  "beyond-cython-parallel": "beyond cython.parallel"
};
function criterionState(value) {
  if (value === null) return "not declared";
  return value ? "met" : "not met";
}
function compareStrings(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function compareLocations(a, b) {
  return compareStrings(a.path, b.path) || a.line - b.line;
}
function sortedLocations(finding) {
  return [...finding.locations].sort(compareLocations);
}
function compareFindings(a, b) {
  const la = sortedLocations(a)[0];
  const lb = sortedLocations(b)[0];
  if (!la !== !lb) return la ? 1 : -1;
  return (la && lb ? compareLocations(la, lb) : 0) || compareStrings(a.rule, b.rule) || compareStrings(a.service, b.service) || compareStrings(a.message, b.message);
}
function groupOf(finding) {
  return finding.accepted ? "accepted" : finding.verdict;
}
function groupFindings(findings) {
  return GROUPS.map((g) => ({
    ...g,
    findings: findings.filter((f) => groupOf(f) === g.key).sort(compareFindings)
  })).filter((g) => g.findings.length > 0);
}
function countFindings(findings) {
  const counts = { question: 0, recommend: 0, info: 0, accepted: 0 };
  for (const f of findings) counts[groupOf(f)] += 1;
  return counts;
}
function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}
function headline(report) {
  const c = countFindings(report.findings);
  const accepted = c.accepted > 0 ? ` (${c.accepted} accepted)` : "";
  switch (report.conclusion) {
    case "question":
      return { icon: "\u2753", text: `Architecture review: ${plural(c.question, "question")} to answer${accepted}` };
    case "recommend":
      return {
        icon: "\u2705",
        text: `Architecture review: recommended (${plural(c.recommend, "recommendation")})${accepted}`
      };
    case "info":
      return { icon: "\u2139\uFE0F", text: `Architecture review: notes only (${plural(c.info, "note")})${accepted}` };
    case "none":
      return c.accepted > 0 ? { icon: "\u2705", text: `All clear: every question is accepted${accepted}` } : { icon: "\u2705", text: "All clear: no concurrency or language choices to review" };
  }
}
function servicesForCriteria(report) {
  const withGo = /* @__PURE__ */ new Set();
  for (const s of report.signals) if (s.signal === "golang") withGo.add(s.service);
  for (const f of report.findings) if (f.signal === "golang") withGo.add(f.service);
  if (withGo.size === 0) return [];
  return servicesWithFindings(report).filter((s) => withGo.has(s.name));
}
function changeEditsProfile(report) {
  return report.findings.some((f) => f.signal === "profile" && f.locations.some((l) => l.path === report.profile.path));
}
function servicesWithFindings(report) {
  const named = new Set(report.findings.map((f) => f.service));
  const rows = report.services.filter((s) => named.has(s.name));
  const known = new Set(rows.map((s) => s.name));
  const missing = [...named].filter((n) => !known.has(n)).sort(compareStrings);
  for (const name of missing) {
    rows.push({
      name,
      criteria: {
        "low-latency": null,
        "high-concurrency": null,
        "shared-memory-multi-core": null,
        "beyond-cython-parallel": null
      }
    });
  }
  return rows;
}
function acceptancePlace(by) {
  if (!by.path) return null;
  return by.line ? `${by.path}:${by.line}` : by.path;
}
function acceptanceKind(by) {
  switch (by.kind) {
    case "profile":
      return "the profile's accept: list";
    case "inline":
      return "an inline comment";
    case "label":
      return "the label";
    case "comment":
      return "a comment";
  }
}
function selfAcceptanceWarning(by) {
  if (!by.byThisChange) return null;
  return by.kind === "inline" ? "accepted by this PR's own comment" : "accepted by this PR itself";
}

export {
  SOURCE_TITLE,
  SOURCE_YEAR,
  DEFAULT_ACCEPT_LABEL,
  CRITERION_LABELS,
  criterionState,
  compareStrings,
  sortedLocations,
  groupFindings,
  plural,
  headline,
  servicesForCriteria,
  changeEditsProfile,
  acceptancePlace,
  acceptanceKind,
  selfAcceptanceWarning
};
