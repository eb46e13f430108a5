import { createRequire as __arCreateRequire } from 'node:module'; const require = __arCreateRequire(import.meta.url);
import {
  lazyBuiltin
} from "./chunk-IYCUBBJ5.js";
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

// src/report/escape.ts
var ELLIPSIS = "\u2026";
var ZWSP = "\u200B";
var INVISIBLE_RE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]/g;
var CONTROL_RE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;
var LONE_SURROGATE_RE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
function truncate(text, max) {
  if (text.length <= max) return text;
  if (max <= 0) return "";
  if (max === 1) return ELLIPSIS;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 55296 && last <= 56319) end -= 1;
  return text.slice(0, end) + ELLIPSIS;
}
function sanitizeText(text, max = 1e3) {
  const oneLine = normalize(text).replace(/\s+/g, " ").trim();
  return truncate(oneLine, max);
}
function wellFormed(text) {
  return String(text).replace(LONE_SURROGATE_RE, "\uFFFD");
}
function normalize(text) {
  return wellFormed(text).replace(INVISIBLE_RE, "").replace(CONTROL_RE, " ");
}
var MARKDOWN_PUNCTUATION_RE = /[\\`*_{}[\]()<>|~&$@]/g;
var BLOCK_START_RE = /^(?:[#+\-=]|\d+(?=[.)]))/;
function breakReferences(text) {
  return text.replace(/@/g, `@${ZWSP}`).replace(/#(?=\d)/g, `#${ZWSP}`).replace(/\b(GH-)(?=\d)/gi, `$1${ZWSP}`).replace(/:(?=\/\/)/g, `:${ZWSP}`).replace(/\b(www)(?=\.)/gi, `$1${ZWSP}`);
}
function escapeInline(text, max = 1e3) {
  return escapeSanitized(sanitizeText(text, max));
}
function escapeSanitized(safe) {
  return breakReferences(safe).replace(MARKDOWN_PUNCTUATION_RE, (c) => `\\${c}`).replace(BLOCK_START_RE, (m) => /^\d/.test(m) ? `${m}\\` : `\\${m}`);
}
function escapeTableCell(text, max = 200) {
  const cell = escapeInline(text, max);
  return cell === "" ? " " : cell;
}
function escapeCode(text, max = 200) {
  const code = truncate(normalize(text).trim(), max).replace(/<!--/g, "<\u2060!--");
  if (code === "") return "";
  const longestRun = Math.max(0, ...Array.from(code.matchAll(/`+/g), (m) => m[0].length));
  const fence = "`".repeat(longestRun + 1);
  const pad = /^[` ]|[` ]$/.test(code) ? " " : "";
  return `${fence}${pad}${code}${pad}${fence}`;
}
function escapeRuleText(text, max = 1e3) {
  return sanitizeText(text, max).split(/(`[^`]+`)/).map((piece, i) => i % 2 === 1 ? escapeCode(piece.slice(1, -1), Infinity) : escapeSanitized(piece)).join("");
}
function safeUrl(url) {
  return /^https?:\/\/[A-Za-z0-9\-._~:/?#@!$&*+,;=%]+$/i.test(url) ? url : null;
}
function personLink(login, url) {
  const name = escapeInline(`@${login}`, 100);
  const href = url ? safeUrl(url) : null;
  return href ? `[${name}](${href})` : name;
}

// src/report/fingerprint.ts
var crypto = lazyBuiltin("node:crypto");
function compareLocations(a, b) {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line;
}
function sortedPlaces(f, profilePath) {
  const locations = f.locations.length > 0 ? [...f.locations].sort(compareLocations) : [{ path: profilePath, line: 1 }];
  return locations;
}
function findingFingerprints(report) {
  const seen = /* @__PURE__ */ new Map();
  return report.findings.map((f) => {
    const first = sortedPlaces(f, report.profile.path)[0];
    const evidence = first.evidence !== void 0 ? wellFormed(first.evidence).replace(/\s+/g, " ").trim() : `line ${first.line}`;
    const hash = crypto().createHash("sha256").update(`${f.rule}\0${f.service}\0${wellFormed(first.path)}\0${evidence}`).digest("hex").slice(0, 32);
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    return `${hash}:${n}`;
  });
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
  sanitizeText,
  wellFormed,
  escapeInline,
  escapeTableCell,
  escapeCode,
  escapeRuleText,
  safeUrl,
  personLink,
  compareLocations,
  sortedPlaces,
  findingFingerprints,
  toRuleInfo
};
