import { createRequire as __arCreateRequire } from 'node:module'; const require = __arCreateRequire(import.meta.url);
import {
  escapeCode,
  escapeInline,
  escapeRuleText,
  escapeTableCell,
  findingFingerprints,
  personLink,
  safeUrl,
  sanitizeText,
  sortedPlaces,
  wellFormed
} from "./chunk-3YSN2IB3.js";
import {
  CRITERION_LABELS,
  DEFAULT_ACCEPT_LABEL,
  SOURCE_TITLE,
  SOURCE_YEAR,
  acceptanceKind,
  acceptancePlace,
  changeEditsProfile,
  criterionState,
  groupFindings,
  headline,
  plural,
  selfAcceptanceWarning,
  servicesForCriteria,
  sortedLocations
} from "./chunk-C6I7OBPT.js";
import {
  CRITERIA,
  serviceWords
} from "./chunk-MLVVSL3L.js";
import {
  formatProblem
} from "./chunk-4ALPS4ZO.js";

// src/report/markdown.ts
var COMMENT_MARKER = "<!-- architecture-review -->";
var DEFAULT_MAX_LENGTH = 65536;
var MAX_LISTED_LOCATIONS = 20;
var FOLD_AFTER = 3;
var CELL = {
  met: "\u2705 met",
  "not met": "\u274C not met",
  "not declared": "\u26AA not declared"
};
function renderMarkdown(report, options = {}) {
  const marker = options.marker ?? COMMENT_MARKER;
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  const acceptLabel = options.acceptLabel ?? DEFAULT_ACCEPT_LABEL;
  const elsewhere = escapeInline(options.elsewhere ?? "see the job summary / JSON report", 200);
  const { icon, text } = headline(report);
  const head = `${marker}
### ${icon} ${text}`;
  const intro = renderIntro(report, acceptLabel);
  const table = [renderCriteriaTable(report), renderServiceEvidence(report)].filter((p) => p !== "").join("\n\n");
  const blocks = groupFindings(report.findings).flatMap((g) => renderGroup(g, acceptLabel));
  const allNotes = [...report.warnings.map((w) => `Profile: ${formatProblem(w)}`), ...report.notes];
  const notes = renderNotes(allNotes);
  const footer = `<sub>Rules paraphrase *${SOURCE_TITLE}* (${SOURCE_YEAR}).</sub>`;
  const layouts = [
    { before: [head, intro, table], after: [notes, footer] },
    { before: [head, intro, table], after: [notesOmitted(allNotes.length, elsewhere), footer] },
    { before: [head, intro], after: [footer] },
    { before: [head], after: [] }
  ];
  for (const { before, after } of layouts) {
    const out = fitBlocks(before, blocks, after, maxLength, elsewhere);
    if (out !== null) return out;
  }
  throw new RangeError(`maxLength ${maxLength} is too small for the comment's header (${head.length + 1} characters)`);
}
function join(parts) {
  return parts.filter((p) => p !== "").join("\n\n") + "\n";
}
function joinedLength(parts) {
  const kept = parts.filter((p) => p !== "");
  return kept.reduce((n, p) => n + p.length, 0) + 2 * Math.max(0, kept.length - 1) + 1;
}
function omittedLine(n, elsewhere) {
  return `**${plural(n, "more finding", "more findings")} not shown**: ${elsewhere}.`;
}
function fitBlocks(before, blocks, after, max, elsewhere) {
  const all = [...before, ...blocks, ...after];
  if (joinedLength(all) <= max) return join(all);
  let budget = max - joinedLength([...before, omittedLine(blocks.length, elsewhere), ...after]);
  if (budget < 0) return null;
  const shown = [];
  for (const block of blocks) {
    if (block.length + 2 > budget) break;
    budget -= block.length + 2;
    shown.push(block);
  }
  return join([...before, ...shown, omittedLine(blocks.length - shown.length, elsewhere), ...after]);
}
function renderIntro(report, acceptLabel) {
  if (report.findings.length === 0) return "";
  const profile = escapeCode(report.profile.path, 300);
  const sentences = [];
  if (report.findings.some((f) => f.verdict === "question")) {
    sentences.push(
      `A **question** means the rules doubt this choice for this service, and an unaccepted one fails the check. Answer it by changing the code or by declaring the service's needs in ${profile}, or accept it: an ${escapeCode("accept:")} entry in the profile, an inline comment ${escapeCode("# architecture-review: accept <rule-id> -- <reason>")} on the line or the line above (${escapeCode("//")} in Go), or the ${escapeCode(acceptLabel, 100)} label (maintainers only).`
    );
  } else {
    sentences.push("Recommendations and notes never fail the check: they say which choice the rules favour, and why.");
  }
  if (!report.profile.found) {
    sentences.push(`No service profile was found at ${profile}, so every need counts as not declared.`);
  } else if (report.mode === "review" && report.profile.from === "base" && changeEditsProfile(report)) {
    sentences.push("The profile is read from the base commit: this PR's own edits to it do not count here.");
  }
  return sentences.join(" ");
}
function renderCriteriaTable(report) {
  const services = servicesForCriteria(report);
  if (services.length === 0) return "";
  const header = `| service | ${CRITERIA.map((c) => CRITERION_LABELS[c]).join(" | ")} |`;
  const rule = `| --- | ${CRITERIA.map(() => "---").join(" | ")} |`;
  const rows = services.map(
    (s) => `| ${escapeTableCell(s.name, 100)} | ${CRITERIA.map((c) => CELL[criterionState(s.criteria[c])]).join(" | ")} |`
  );
  return [
    "**Golang criteria**: Go is justified only when a service meets all four.",
    "",
    header,
    rule,
    ...rows
  ].join("\n");
}
function renderServiceEvidence(report) {
  const concerned = new Set(report.findings.map((f) => f.service));
  const lines = [];
  for (const s of report.services) {
    if (!concerned.has(s.name) || !s.evidence && !s.notes) continue;
    const parts = Object.entries(s.evidence ?? {}).map(([k, v]) => escapeCode(`${k}: ${String(v)}`, 300));
    if (s.notes) parts.push(`notes: ${escapeInline(s.notes, 500)}`);
    lines.push(`- ${escapeCode(s.name, 100)}: ${parts.join(" \xB7 ")}`);
  }
  return lines.length === 0 ? "" : ["**What the profile records**", "", ...lines].join("\n");
}
function renderGroup(group, acceptLabel) {
  const heading = `#### ${group.icon} ${group.title} (${group.findings.length})`;
  return group.findings.map((f, i) => {
    const block = renderFinding(f, acceptLabel);
    return i === 0 ? `${heading}

${block}` : block;
  });
}
function renderLocation(loc) {
  const place = escapeCode(`${sanitizeText(loc.path, 300)}:${loc.line}`, Infinity);
  const line = loc.evidence ? escapeCode(loc.evidence, 200) : "";
  return line ? `${place} ${line}` : place;
}
function renderFinding(f, acceptLabel) {
  const d = f.detail;
  const rule = escapeCode(f.rule, 100);
  const url = safeUrl(d.docs);
  const title = [
    `**${url ? `[${rule}](${url})` : rule}**`,
    escapeRuleText(d.title, 200),
    serviceWords(f.service, (n) => escapeCode(n, 100)),
    `signal ${escapeCode(f.signal, 50)}`
  ].filter((p) => p !== "").join(" \xB7 ");
  const locations = sortedLocations(f);
  const bullets = [];
  if (locations.length === 1) {
    bullets.push(`- **Evidence:** ${renderLocation(locations[0])}`);
  } else if (locations.length > 1 && locations.length <= FOLD_AFTER) {
    bullets.push("- **Evidence:**", ...locations.map((l) => `  - ${renderLocation(l)}`));
  } else if (locations.length > FOLD_AFTER) {
    bullets.push(`- **Evidence:** ${locations.length} locations, first ${renderLocation(locations[0])}`);
  }
  const used = d.facts.filter((fact) => fact.value !== null);
  const undeclared = d.facts.filter((fact) => fact.value === null);
  const facts = [];
  if (used.length > 0) facts.push(used.map((fact) => escapeCode(`${fact.key}: ${String(fact.value)}`, 200)).join(", "));
  if (undeclared.length > 0) facts.push(`**not declared:** ${undeclared.map((fact) => escapeCode(fact.key, 100)).join(", ")}`);
  if (facts.length > 0) bullets.push(`- **Profile facts:** ${facts.join(" \xB7 ")}`);
  if (d.reason) bullets.push(`- **Why:** ${escapeRuleText(d.reason, 600)}`);
  if (d.alternative) bullets.push(`- **${f.verdict === "question" ? "Instead" : "Next"}:** ${escapeRuleText(d.alternative, 600)}`);
  if (!d.headline && !d.reason && !d.alternative && f.message) bullets.push(`- ${escapeRuleText(f.message, 1e3)}`);
  if (d.hint) bullets.push(`- **Would change the verdict:** ${escapeRuleText(d.hint, 600)}`);
  const by = f.acceptedBy;
  if (f.accepted && by) {
    const place = acceptancePlace(by);
    const label = by.kind === "label" ? ` ${escapeCode(by.label || acceptLabel, 100)}` : by.kind === "comment" ? ` of ${personLink(by.login ?? "", by.url)}` : "";
    const where = place ? ` (${escapeCode(sanitizeText(place, 300), Infinity)})` : "";
    const reason = by.reason ? `: ${escapeInline(by.reason, 300)}` : "";
    const warning = selfAcceptanceWarning(by);
    bullets.push(
      `- **Accepted** by ${acceptanceKind(by)}${label}${where}${reason}${warning ? ` \u26A0\uFE0F **${warning}**` : ""}`
    );
  } else if (f.accepted) {
    bullets.push("- **Accepted**");
  }
  const parts = [title];
  if (d.headline) parts.push(escapeRuleText(d.headline, 1e3));
  if (bullets.length > 0) parts.push(bullets.join("\n"));
  if (locations.length > FOLD_AFTER) parts.push(renderFoldedLocations(locations));
  return parts.join("\n\n");
}
function renderFoldedLocations(locations) {
  const listed = locations.slice(0, MAX_LISTED_LOCATIONS).map((l) => `- ${renderLocation(l)}`);
  const rest = locations.length - MAX_LISTED_LOCATIONS;
  if (rest > 0) listed.push(`- and ${rest} more`);
  return [`<details><summary>${locations.length} locations</summary>`, listed.join("\n"), "</details>"].join("\n\n");
}
function notesOmitted(n, elsewhere) {
  return n === 0 ? "" : `**Notes**: ${plural(n, "note")} not shown: ${elsewhere}.`;
}
function renderNotes(notes) {
  if (notes.length === 0) return "";
  return ["**Notes**", "", ...notes.map((n) => `- ${escapeInline(n, 500)}`)].join("\n");
}

// src/report/sarif.ts
var SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
var SARIF_VERSION = "2.1.0";
var FINGERPRINT_KEY = "architectureReview/v1";
var SARIF_LEVEL = {
  question: "warning",
  recommend: "note",
  info: "note"
};
function pascalCase(id) {
  return id.split(/[^A-Za-z0-9]+/).filter((w) => w !== "").map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
}
function descriptorOf(rule) {
  const docs = safeUrl(rule.docs);
  const helpText = [rule.reason, rule.alternative ? `Instead: ${rule.alternative}` : ""].filter(Boolean).join("\n\n");
  const helpMarkdown = [
    escapeRuleText(rule.reason),
    rule.alternative ? `**Instead:** ${escapeRuleText(rule.alternative)}` : "",
    docs ? `[Documentation](${docs})` : ""
  ].filter(Boolean).join("\n\n");
  const descriptor = {
    id: rule.id,
    name: pascalCase(rule.id) || rule.id,
    shortDescription: { text: rule.title || rule.id },
    fullDescription: { text: rule.reason || rule.title || rule.id },
    help: { text: helpText || rule.id, markdown: helpMarkdown || rule.id },
    defaultConfiguration: { level: SARIF_LEVEL[rule.verdict] },
    properties: { tags: ["architecture", "concurrency", rule.verdict] }
  };
  if (docs) descriptor.helpUri = docs;
  return descriptor;
}
function ruleFromFinding(f) {
  return {
    id: f.rule,
    title: f.detail.title,
    verdict: f.verdict,
    reason: f.detail.reason,
    alternative: f.detail.alternative,
    docs: f.detail.docs
  };
}
function pathToUri(path) {
  return wellFormed(path).replace(/^\.?\/+/, "").split("/").map((segment) => encodeURIComponent(segment)).join("/");
}
var MAX_RELATED_LOCATIONS = 1e3;
function physicalLocation(loc) {
  return {
    artifactLocation: { uri: pathToUri(loc.path), uriBaseId: "%SRCROOT%" },
    ...loc.line >= 1 ? { region: { startLine: loc.line } } : {}
  };
}
function acceptedByWhom(f) {
  const by = f.acceptedBy;
  if (!by) return "accepted";
  if (by.kind === "label") return by.label ? `label ${by.label}` : "label";
  if (by.kind === "comment") return by.login ? `comment by ${by.login}` : "comment";
  return by.kind === "inline" ? "inline comment" : "profile accept: entry";
}
function suppressionsOf(f) {
  if (!f.accepted) return void 0;
  const by = f.acceptedBy;
  const kind = by?.kind === "inline" ? "inSource" : "external";
  const who = acceptedByWhom(f);
  const justification = by?.reason ? `${who}: ${by.reason}` : who;
  return [{ kind, status: "accepted", justification }];
}
function renderSarif(report, rules, tool) {
  return `${JSON.stringify(toSarifLog(report, rules, tool), null, 2)}
`;
}
function toSarifLog(report, rules, tool) {
  const table = [];
  const index = /* @__PURE__ */ new Map();
  const addRule = (rule) => {
    if (index.has(rule.id)) return;
    index.set(rule.id, table.length);
    table.push(rule);
  };
  rules.forEach(addRule);
  report.findings.forEach((f) => addRule(ruleFromFinding(f)));
  const fingerprints = findingFingerprints(report);
  const results = [];
  for (const [i, f] of report.findings.entries()) {
    const [first, ...others] = sortedPlaces(f, report.profile.path);
    const related = others.slice(0, MAX_RELATED_LOCATIONS);
    let text = f.message || f.detail.title || f.rule;
    if (others.length > 0) {
      text += ` Also at ${others.length} more place(s)${others.length > related.length ? `, the first ${related.length} listed as related locations` : ", listed as related locations"}.`;
    }
    const result = {
      ruleId: f.rule,
      ruleIndex: index.get(f.rule) ?? 0,
      level: SARIF_LEVEL[f.verdict],
      message: { text },
      locations: [{ physicalLocation: physicalLocation(first) }],
      ...related.length > 0 ? {
        relatedLocations: related.map((loc, i2) => ({
          id: i2 + 1,
          physicalLocation: physicalLocation(loc),
          message: { text: loc.evidence !== void 0 ? wellFormed(loc.evidence).trim().slice(0, 200) : `line ${loc.line}` }
        }))
      } : {},
      // The finding is the rule in a service; its first place names it across runs.
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprints[i] },
      properties: { verdict: f.verdict, service: f.service, signal: f.signal }
    };
    const suppressions = suppressionsOf(f);
    if (suppressions) result.suppressions = suppressions;
    results.push(result);
  }
  return {
    $schema: SARIF_SCHEMA,
    version: SARIF_VERSION,
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            informationUri: tool.informationUri,
            rules: table.map(descriptorOf)
          }
        },
        results,
        properties: { conclusion: report.conclusion, mode: report.mode }
      }
    ]
  };
}

export {
  COMMENT_MARKER,
  DEFAULT_MAX_LENGTH,
  renderMarkdown,
  SARIF_SCHEMA,
  SARIF_VERSION,
  renderSarif,
  toSarifLog
};
