import { createRequire as __arCreateRequire } from 'node:module'; const require = __arCreateRequire(import.meta.url);
import {
  CRITERIA,
  isUse
} from "./chunk-MLVVSL3L.js";

// src/docs.ts
var VERSION = "0.1.0";
var DOCS_URL = "https://github.com/architecture-review/architecture-review/blob/main/README.md";
function docsUrlFor(actionRepository, actionRef) {
  if (!actionRepository || !/^[\w.-]+\/[\w.-]+$/.test(actionRepository)) return DOCS_URL;
  const ref = actionRef && /^[\w./-]+$/.test(actionRef) ? actionRef : "main";
  return `https://github.com/${actionRepository}/blob/${ref}/README.md`;
}

// src/report/json.ts
function toJsonAcceptedBy(by) {
  return {
    kind: by.kind,
    reason: by.reason,
    ...by.login !== void 0 ? { login: by.login } : {},
    ...by.url !== void 0 ? { url: by.url } : {},
    ...by.path !== void 0 ? { path: by.path } : {},
    ...by.line !== void 0 ? { line: by.line } : {},
    byThisChange: by.byThisChange,
    ...by.label !== void 0 ? { label: by.label } : {}
  };
}
function toJsonFinding(f) {
  return {
    rule: f.rule,
    verdict: f.verdict,
    service: f.service,
    signal: f.signal,
    locations: f.locations.map((l) => ({ path: l.path, line: l.line })),
    message: f.message,
    accepted: f.accepted,
    acceptedBy: f.acceptedBy ? toJsonAcceptedBy(f.acceptedBy) : null
  };
}
function toJsonSignal(s) {
  return {
    signal: s.signal,
    path: s.path,
    line: s.line,
    service: s.service,
    introduced: s.introduced,
    role: isUse(s) ? "use" : "mention",
    evidence: s.evidence
  };
}
function toJsonReport(report) {
  return {
    schemaVersion: report.schemaVersion,
    mode: report.mode,
    repository: report.repository ? { name: report.repository.name, url: report.repository.url, commit: report.repository.commit } : null,
    base: report.base,
    head: report.head,
    profile: { path: report.profile.path, from: report.profile.from, found: report.profile.found },
    services: report.services.map((s) => ({
      name: s.name,
      criteria: Object.fromEntries(CRITERIA.map((c) => [c, s.criteria[c] ?? null]))
    })),
    signals: report.signals.map(toJsonSignal),
    findings: report.findings.map(toJsonFinding),
    conclusion: report.conclusion
  };
}
var ITEMS_PER_CHUNK = 2e3;
function* renderJsonChunks(report) {
  const { schemaVersion, mode, repository, base, head, profile, services, conclusion } = toJsonReport({ ...report, signals: [], findings: [] });
  const opening = JSON.stringify({ schemaVersion, mode, repository, base, head, profile, services }, null, 2);
  yield opening.slice(0, opening.lastIndexOf("\n}"));
  yield* jsonArray("signals", report.signals, printSignal);
  yield* jsonArray("findings", report.findings, (f) => nested(toJsonFinding(f), 2));
  const shard = report.shard ? `,
  "shard": ${JSON.stringify(report.shard)}` : "";
  yield `,
  "conclusion": ${nested(conclusion, 1)}${shard}
}
`;
}
function printSignal(s) {
  const q = JSON.stringify;
  return `{
      "signal": "${s.signal}",
      "path": ${q(s.path)},
      "line": ${s.line},
      "service": ${q(s.service)},
      "introduced": ${s.introduced},
      "role": "${isUse(s) ? "use" : "mention"}",
      "evidence": ${q(s.evidence)}
    }`;
}
function nested(value, depth) {
  let wrapped = value;
  for (let i = 0; i < depth; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  return text.slice(depth * (depth + 3), text.length - depth * (depth + 1));
}
function* jsonArray(key, items, print) {
  if (items.length === 0) {
    yield `,
  ${JSON.stringify(key)}: []`;
    return;
  }
  let chunk = `,
  ${JSON.stringify(key)}: [`;
  for (let i = 0; i < items.length; i++) {
    chunk += `${i === 0 ? "" : ","}
    ${print(items[i])}`;
    if ((i + 1) % ITEMS_PER_CHUNK === 0) {
      yield chunk;
      chunk = "";
    }
  }
  yield `${chunk}
  ]`;
}

// src/rules/rule-info.ts
function toRuleInfo(rule, docsUrl) {
  return {
    id: rule.id,
    title: rule.title,
    verdict: rule.verdict,
    reason: rule.reason,
    alternative: rule.alternative,
    docs: `${docsUrl}#${rule.docs}`
  };
}

export {
  VERSION,
  DOCS_URL,
  docsUrlFor,
  toJsonReport,
  renderJsonChunks,
  nested,
  toRuleInfo
};
