import { createRequire as __arCreateRequire } from 'node:module'; const require = __arCreateRequire(import.meta.url);
import {
  SARIF_SCHEMA,
  SARIF_VERSION,
  renderMarkdown,
  renderSarif,
  toSarifLog
} from "./chunk-44Y3ONKS.js";
import {
  DOCS_URL,
  VERSION,
  escapeCode,
  escapeInline,
  escapeTableCell,
  nested,
  renderJsonChunks,
  safeUrl,
  sanitizeText,
  toRuleInfo
} from "./chunk-3YSN2IB3.js";
import {
  CRITERION_LABELS,
  DEFAULT_ACCEPT_LABEL,
  SOURCE_TITLE,
  SOURCE_YEAR,
  acceptanceKind,
  acceptancePlace,
  changeEditsProfile,
  compareStrings,
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

// src/report/fleet.ts
var FLEET_MARKDOWN_MAX = 1e6;
var FINDINGS_PER_REPOSITORY = 10;
var CELL = { met: "\u2705", "not met": "\u274C", "not declared": "\u26AA" };
var ICON = { question: "\u2753", recommend: "\u2705", info: "\u2139\uFE0F", none: "\u2705" };
var ORDER = { question: 0, recommend: 1, info: 2 };
function repositoryJson(r) {
  return {
    repository: r.repository,
    profile: r.profile,
    conclusion: r.conclusion,
    counts: r.counts,
    services: r.services,
    // SPEC 8's findings: the evidence the fleet kept for its links stays out of the JSON.
    findings: r.findings.map((f) => ({ ...f, locations: f.locations.map((l) => ({ path: l.path, line: l.line })) }))
  };
}
function* renderFleetJson(fleet) {
  const { schemaVersion, mode, counts, rules, conclusion } = fleet;
  const head = JSON.stringify({ schemaVersion, mode, counts, rules }, null, 2);
  yield `${head.slice(0, head.lastIndexOf("\n}"))},
  "repositories": [`;
  for (const [i, r] of fleet.repositories.entries()) yield `${i === 0 ? "" : ","}
    ${nested(repositoryJson(r), 2)}`;
  yield `${fleet.repositories.length > 0 ? "\n  " : ""}],
  "conclusion": ${JSON.stringify(conclusion)}
}
`;
}
function lineUrl(r, path, line) {
  const encoded = path.split("/").map((s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)).join("/");
  return safeUrl(`${r.repository.url}/blob/${r.repository.commit ?? "HEAD"}/${encoded}${line >= 1 ? `#L${line}` : ""}`);
}
function countWords(c) {
  const parts = [
    c.question > 0 ? plural(c.question, "question") : "",
    c.recommend > 0 ? plural(c.recommend, "recommendation") : "",
    c.info > 0 ? plural(c.info, "note") : "",
    c.accepted > 0 ? `${c.accepted} accepted` : ""
  ].filter((p) => p !== "");
  return parts.length === 0 ? "nothing to review" : parts.join(", ");
}
function openFindings(r) {
  return r.findings.filter((f) => !f.accepted).sort((a, b) => ORDER[a.verdict] - ORDER[b.verdict] || compareStrings(a.rule, b.rule));
}
function fleetHeadline(fleet) {
  const withQuestions = fleet.repositories.filter((r) => r.counts.question > 0).length;
  const title = `Architecture review of ${plural(fleet.counts.repositories, "repository", "repositories")}`;
  if (withQuestions > 0) return `${ICON.question} ${title}: ${plural(withQuestions, "repository has", "repositories have")} open questions`;
  return `${ICON[fleet.conclusion]} ${title}: no open question`;
}
function repositoryLink(r) {
  const name = escapeInline(r.repository.name, 200);
  const url = safeUrl(r.repository.url);
  return url ? `[${name}](${url})` : name;
}
function renderTable(fleet) {
  const header = `| repository | service | ${CRITERIA.map((c) => CRITERION_LABELS[c]).join(" | ")} | questions | recommendations | notes | accepted |`;
  const rule = `| --- | --- | ${CRITERIA.map(() => ":---:").join(" | ")} | ---: | ---: | ---: | ---: |`;
  const rows = [];
  for (const r of fleet.repositories) {
    const services = r.services.length > 0 ? r.services : [{ name: "", criteria: null, counts: r.counts }];
    for (const s of services) {
      const profile = r.profile.found ? "" : " (no profile)";
      const cells = CRITERIA.map((c) => s.criteria ? CELL[criterionState(s.criteria[c])] : CELL["not declared"]);
      const k = s.counts;
      const service = s.name === "" ? "nothing read" : escapeTableCell(s.name, 100);
      rows.push(`| ${repositoryLink(r)} | ${service}${profile} | ${cells.join(" | ")} | ${k.question} | ${k.recommend} | ${k.info} | ${k.accepted} |`);
    }
  }
  return [
    "### Repositories and services",
    "",
    "Go is justified only for a service that meets all four criteria: \u2705 met, \u274C not met, \u26AA not declared.",
    "",
    header,
    rule,
    ...rows
  ].join("\n");
}
function ruleLabel(rule, info) {
  const code = escapeCode(rule, 100);
  const url = info ? safeUrl(info.docs) : null;
  return url ? `[${code}](${url})` : code;
}
function renderRules(fleet) {
  if (fleet.rules.length === 0) return "";
  const rows = fleet.rules.slice(0, 10).map((r) => `| ${ruleLabel(r.rule, fleet.ruleInfo.get(r.rule))} | ${r.verdict} | ${r.findings} | ${r.repositories} |`);
  return ["### Rules that fire most", "", "| rule | verdict | open findings | repositories |", "| --- | --- | ---: | ---: |", ...rows].join("\n");
}
function renderPlace(r, loc) {
  const text = escapeCode(`${sanitizeText(loc.path, 300)}:${loc.line}`, Infinity);
  const url = lineUrl(r, loc.path, loc.line);
  const place = url ? `[${text}](${url})` : text;
  return loc.evidence ? `${place} ${escapeCode(loc.evidence, 200)}` : place;
}
function renderFindingLine(r, f, info) {
  const title = info?.title ? ` ${escapeInline(info.title, 200)}` : "";
  const first = f.locations[0];
  const where = first ? ` at ${renderPlace(r, first)}${f.locations.length > 1 ? ` and ${f.locations.length - 1} more` : ""}` : ` in ${escapeCode(r.profile.path, 300)}`;
  return `- ${ICON[f.verdict]} **${ruleLabel(f.rule, info)}**${title} \xB7 service ${escapeCode(f.service, 100)}${where}`;
}
function renderRepositoryFindings(fleet, r) {
  const open = openFindings(r);
  if (open.length === 0) return "";
  const shown = open.slice(0, FINDINGS_PER_REPOSITORY).map((f) => renderFindingLine(r, f, fleet.ruleInfo.get(f.rule)));
  if (open.length > shown.length) shown.push(`- and ${plural(open.length - shown.length, "more open finding")}: see this repository's report in the fleet's JSON`);
  const name = sanitizeText(r.repository.name, 200).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return [`<details><summary>${ICON[r.conclusion]} ${name}: ${countWords(r.counts)}</summary>`, "", ...shown, "", "</details>"].join("\n");
}
function renderFleetMarkdown(fleet, maxLength = FLEET_MARKDOWN_MAX) {
  const totals = `${plural(fleet.counts.repositories, "repository", "repositories")}, ${plural(fleet.counts.services, "service")}: ${countWords(fleet.counts)}.`;
  const head = [`## ${fleetHeadline(fleet)}`, totals, renderTable(fleet), renderRules(fleet)].filter((p) => p !== "");
  const footer = `<sub>Rules paraphrase *${SOURCE_TITLE}* (${SOURCE_YEAR}).</sub>`;
  const blocks = fleet.repositories.map((r) => renderRepositoryFindings(fleet, r)).filter((b) => b !== "");
  const parts = [...head, ...blocks.length > 0 ? ["### Open findings by repository"] : []];
  let length = parts.reduce((n, p) => n + p.length + 2, 0) + footer.length + 200;
  let shownBlocks = 0;
  for (const block of blocks) {
    if (length + block.length + 2 > maxLength) break;
    parts.push(block);
    length += block.length + 2;
    shownBlocks++;
  }
  if (shownBlocks < blocks.length) parts.push(`**${plural(blocks.length - shownBlocks, "more repository", "more repositories")} with open findings not shown here** (the job summary's limit): see the fleet's JSON report.`);
  parts.push(footer);
  return `${parts.join("\n\n")}
`;
}
function renderFleetText(fleet) {
  const lines = [
    fleetHeadline(fleet).replace(/^\S+ /, ""),
    `${plural(fleet.counts.repositories, "repository", "repositories")}, ${plural(fleet.counts.services, "service")}: ${countWords(fleet.counts)}`,
    ""
  ];
  for (const r of fleet.repositories) {
    lines.push(`${sanitizeText(r.repository.name, 200)} (${r.conclusion}${r.profile.found ? "" : ", no profile"}): ${countWords(r.counts)}`);
    for (const s of r.services) {
      const criteria = CRITERIA.map((c) => `${CRITERION_LABELS[c]} ${criterionState(s.criteria[c])}`).join(", ");
      lines.push(`  ${sanitizeText(s.name, 100)}: ${criteria}; ${countWords(s.counts)}`);
    }
    for (const f of openFindings(r)) {
      const first = f.locations[0];
      const where = first ? `${sanitizeText(first.path, 300)}:${first.line}` : sanitizeText(r.profile.path, 300);
      lines.push(`  ${f.verdict} ${f.rule} (${sanitizeText(f.service, 100)}) ${where}`);
    }
  }
  if (fleet.rules.length > 0) {
    lines.push("", "Rules that fire most:");
    for (const r of fleet.rules.slice(0, 10)) lines.push(`  ${r.rule} (${r.verdict}): ${plural(r.findings, "open finding")} in ${plural(r.repositories, "repository", "repositories")}`);
  }
  return `${lines.join("\n")}
`;
}
function asFinding(f, info) {
  return {
    rule: f.rule,
    verdict: f.verdict,
    service: f.service,
    signal: f.signal,
    locations: f.locations,
    message: f.message,
    detail: { title: info?.title ?? f.rule, headline: f.message, reason: info?.reason ?? "", alternative: info?.alternative ?? "", facts: [], docs: info?.docs ?? "" },
    accepted: f.accepted,
    acceptedBy: f.acceptedBy
  };
}
function renderFleetSarif(fleet, tool) {
  const runs = [];
  for (const r of fleet.repositories) {
    const report = {
      schemaVersion: 1,
      mode: "audit",
      repository: r.repository,
      base: null,
      head: null,
      profile: r.profile,
      services: [],
      signals: [],
      findings: r.findings.map((f) => asFinding(f, fleet.ruleInfo.get(f.rule))),
      conclusion: r.conclusion,
      notes: [],
      warnings: []
    };
    const used = [...new Set(r.findings.map((f) => f.rule))].flatMap((id) => fleet.ruleInfo.get(id) ?? []);
    for (const run of toSarifLog(report, used, tool).runs) {
      runs.push({
        ...run,
        versionControlProvenance: [{ repositoryUri: r.repository.url, ...r.repository.commit ? { revisionId: r.repository.commit } : {} }],
        automationDetails: { id: `architecture-review/fleet/${r.repository.name}/` }
      });
    }
  }
  const log = { $schema: SARIF_SCHEMA, version: SARIF_VERSION, runs };
  return `${JSON.stringify(log, null, 2)}
`;
}

// src/report/text.ts
var SGR = {
  bold: "1",
  dim: "2",
  red: "31",
  green: "32",
  yellow: "33",
  cyan: "36"
};
function painter(color) {
  if (!color) return (text) => text;
  return (text, ...styles) => styles.length === 0 || text === "" ? text : `\x1B[${styles.map((s) => SGR[s]).join(";")}m${text}\x1B[0m`;
}
var VERDICT_STYLE = {
  question: "red",
  recommend: "green",
  info: "cyan",
  none: "green"
};
var GROUP_STYLE = {
  question: "red",
  recommend: "green",
  info: "cyan",
  accepted: "dim"
};
var STATE_STYLE = {
  met: "green",
  "not met": "red",
  "not declared": "yellow"
};
function renderText(report, options) {
  const paint = painter(options.color);
  const acceptLabel = options.acceptLabel ?? DEFAULT_ACCEPT_LABEL;
  const out = [];
  out.push(paint(headline(report).text, "bold", VERDICT_STYLE[report.conclusion]));
  const intro = renderIntro(report, acceptLabel);
  if (intro) out.push("", intro);
  const table = renderCriteriaTable(report, paint);
  if (table) out.push("", table);
  for (const group of groupFindings(report.findings)) {
    out.push("", paint(`${group.title} (${group.findings.length})`, "bold", GROUP_STYLE[group.key]));
    for (const f of group.findings) out.push("", renderFinding(f, acceptLabel, paint));
  }
  if (report.notes.length > 0) {
    out.push("", paint("Notes", "bold"), ...report.notes.map((n) => `  - ${sanitizeText(n, 500)}`));
  }
  out.push("", paint(`Rules paraphrase "${SOURCE_TITLE}" (${SOURCE_YEAR}).`, "dim"));
  return out.join("\n") + "\n";
}
function renderIntro(report, acceptLabel) {
  if (report.findings.length === 0) return "";
  const profile = sanitizeText(report.profile.path, 300);
  const sentences = [];
  if (report.findings.some((f) => f.verdict === "question")) {
    sentences.push(
      `A question means the rules doubt this choice for this service, and an unaccepted one fails the check. Answer it by changing the code or by declaring the service's needs in ${profile}, or accept it: an accept: entry in the profile, an inline comment "# architecture-review: accept <rule-id> -- <reason>" on the line or the line above (// in Go), or the ${sanitizeText(acceptLabel, 100)} label (maintainers only).`
    );
  } else {
    sentences.push("Recommendations and notes never fail the check: they say which choice the rules favour, and why.");
  }
  if (!report.profile.found) {
    sentences.push(`No service profile was found at ${profile}, so every need counts as not declared.`);
  } else if (report.mode === "review" && report.profile.from === "base" && changeEditsProfile(report)) {
    sentences.push("The profile is read from the base commit: this change's own edits to it do not count here.");
  }
  return sentences.join(" ");
}
function renderCriteriaTable(report, paint) {
  const services = servicesForCriteria(report);
  if (services.length === 0) return "";
  const header = ["service", ...CRITERIA.map((c) => CRITERION_LABELS[c])];
  const rows = services.map((s) => ({
    name: sanitizeText(s.name, 100),
    states: CRITERIA.map((c) => criterionState(s.criteria[c]))
  }));
  const widths = header.map(
    (h, i) => Math.max(h.length, ...rows.map((r) => i === 0 ? r.name.length : (r.states[i - 1] ?? "").length))
  );
  const pad = (text, i) => i === header.length - 1 ? text : text.padEnd(widths[i] ?? 0);
  const lines = [
    paint("Golang criteria (Go is justified only when a service meets all four):", "bold"),
    `  ${header.map(pad).join("  ")}`,
    ...rows.map(
      (r) => `  ${[pad(r.name, 0), ...r.states.map((st, i) => paint(pad(st, i + 1), STATE_STYLE[st]))].join("  ")}`
    )
  ];
  return lines.join("\n");
}
function renderLocation(loc) {
  const place = `${sanitizeText(loc.path, 300)}:${loc.line}`;
  return loc.evidence ? `${place}: ${sanitizeText(loc.evidence, 200)}` : place;
}
function renderFinding(f, acceptLabel, paint) {
  const d = f.detail;
  const lines = [];
  const title = sanitizeText(d.title, 200);
  lines.push(
    `  ${paint(sanitizeText(f.rule, 100), "bold")}${title ? `: ${title}` : ""} ` + paint(`[${serviceWords(f.service, (n) => sanitizeText(n, 100))}, signal ${sanitizeText(f.signal, 50)}]`, "dim")
  );
  if (d.headline) lines.push(`    ${sanitizeText(d.headline, 1e3)}`);
  for (const loc of sortedLocations(f)) lines.push(`    ${renderLocation(loc)}`);
  const used = d.facts.filter((fact) => fact.value !== null);
  const undeclared = d.facts.filter((fact) => fact.value === null);
  const facts = [];
  if (used.length > 0) facts.push(used.map((fact) => sanitizeText(`${fact.key}: ${String(fact.value)}`, 200)).join(", "));
  if (undeclared.length > 0) facts.push(`not declared: ${undeclared.map((fact) => sanitizeText(fact.key, 100)).join(", ")}`);
  if (facts.length > 0) lines.push(`    Profile facts: ${facts.join("; ")}`);
  if (d.reason) lines.push(`    Why: ${sanitizeText(d.reason, 600)}`);
  if (d.alternative) lines.push(`    ${f.verdict === "question" ? "Instead" : "Next"}: ${sanitizeText(d.alternative, 600)}`);
  if (!d.headline && !d.reason && !d.alternative && f.message) lines.push(`    ${sanitizeText(f.message, 1e3)}`);
  if (d.hint) lines.push(`    ${paint("Would change the verdict:", "bold")} ${sanitizeText(d.hint, 600)}`);
  const by = f.acceptedBy;
  if (f.accepted && by) {
    const place = acceptancePlace(by);
    const label = by.kind === "label" ? ` ${sanitizeText(by.label || acceptLabel, 100)}` : by.kind === "comment" ? ` of @${sanitizeText(by.login ?? "", 100)}${by.url ? ` (${sanitizeText(by.url, 300)})` : ""}` : "";
    const where = place ? ` (${sanitizeText(place, 300)})` : "";
    const reason = by.reason ? `: ${sanitizeText(by.reason, 300)}` : "";
    const warning = selfAcceptanceWarning(by);
    lines.push(
      `    Accepted by ${acceptanceKind(by)}${label}${where}${reason}${warning ? ` ${paint(`(${warning})`, "bold", "yellow")}` : ""}`
    );
  } else if (f.accepted) {
    lines.push("    Accepted");
  }
  if (d.docs) lines.push(paint(`    Docs: ${sanitizeText(d.docs, 300)}`, "dim"));
  return lines.join("\n");
}

// src/cli/render.ts
function renderReport(report, rules, format, options) {
  return format === "json" ? renderJsonChunks(report) : [renderWhole(report, rules, format, options)];
}
function renderWhole(report, rules, format, options) {
  switch (format) {
    case "markdown":
      return renderMarkdown(report);
    case "sarif":
      return renderSarif(
        report,
        rules.map((r) => toRuleInfo(r, options.docsUrl)),
        { name: "architecture-review", version: VERSION, informationUri: options.docsUrl }
      );
    default:
      return renderText(report, { color: options.color });
  }
}
function renderFleet(fleet, format) {
  switch (format) {
    case "json":
      return renderFleetJson(fleet);
    case "markdown":
      return [renderFleetMarkdown(fleet)];
    case "sarif":
      return [renderFleetSarif(fleet, { name: "architecture-review", version: VERSION, informationUri: DOCS_URL })];
    default:
      return [renderFleetText(fleet)];
  }
}

export {
  renderReport,
  renderFleet
};
