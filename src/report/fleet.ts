/**
 * The fleet report (`merge` of the audits of several repositories) in every `--format`: one row
 * per repository and service with the four golang criteria and the counts by verdict, the rules
 * that fire most, and each repository's open findings linked to their lines at the audited commit.
 * Everything that comes from a repository (names, paths, evidence, messages) is escaped as in
 * the PR comment.
 */
import type { FleetCounts, FleetFinding, FleetReport, FleetRepository } from '../fleet.js';
import { CRITERIA, type Conclusion, type Finding, type Report, type RuleInfo, type Verdict } from '../types.js';
import { nested } from './json.js';
import { escapeCode, escapeInline, escapeTableCell, safeUrl, sanitizeText } from './escape.js';
import { CRITERION_LABELS, SOURCE_TITLE, SOURCE_YEAR, compareStrings, criterionState, plural, type CriterionState } from './outline.js';
import { SARIF_SCHEMA, SARIF_VERSION, toSarifLog, type SarifLog, type SarifTool } from './sarif.js';

/** GitHub's limit on a job summary is 1 MiB; the report stays under it with room to spare. */
export const FLEET_MARKDOWN_MAX = 1_000_000;

/** Open findings listed per repository; the rest are counted. */
export const FINDINGS_PER_REPOSITORY = 10;

const CELL: Record<CriterionState, string> = { met: '✅', 'not met': '❌', 'not declared': '⚪' };
const ICON: Record<Conclusion, string> = { question: '❓', recommend: '✅', info: 'ℹ️', none: '✅' };
const ORDER: Record<Verdict, number> = { question: 0, recommend: 1, info: 2 };

/** One repository of the JSON fleet report. */
function repositoryJson(r: FleetRepository): object {
  return {
    repository: r.repository,
    profile: r.profile,
    conclusion: r.conclusion,
    counts: r.counts,
    services: r.services,
    // SPEC 8's findings: the evidence the fleet kept for its links stays out of the JSON.
    findings: r.findings.map((f) => ({ ...f, locations: f.locations.map((l) => ({ path: l.path, line: l.line })) })),
  };
}

/** The JSON fleet report: the fleet's fields in their documented order, nothing internal. */
export function toFleetJson(fleet: FleetReport): object {
  const { schemaVersion, mode, counts, rules, conclusion } = fleet;
  return { schemaVersion, mode, counts, rules, repositories: fleet.repositories.map(repositoryJson), conclusion };
}

/** `JSON.stringify(toFleetJson(fleet), null, 2)` and a newline, a repository at a time: never the whole text at once. */
export function* renderFleetJson(fleet: FleetReport): Generator<string> {
  const { schemaVersion, mode, counts, rules, conclusion } = fleet;
  const head = JSON.stringify({ schemaVersion, mode, counts, rules }, null, 2);
  yield `${head.slice(0, head.lastIndexOf('\n}'))},\n  "repositories": [`;
  for (const [i, r] of fleet.repositories.entries()) yield `${i === 0 ? '' : ','}\n    ${nested(repositoryJson(r), 2)}`;
  yield `${fleet.repositories.length > 0 ? '\n  ' : ''}],\n  "conclusion": ${JSON.stringify(conclusion)}\n}\n`;
}

/** A line of a file at the audited commit, on the repository's own site; null when not a safe link. */
export function lineUrl(r: FleetRepository, path: string, line: number): string | null {
  const encoded = path
    .split('/')
    .map((s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
  return safeUrl(`${r.repository.url}/blob/${r.repository.commit ?? 'HEAD'}/${encoded}${line >= 1 ? `#L${line}` : ''}`);
}

function countWords(c: FleetCounts): string {
  const parts = [
    c.question > 0 ? plural(c.question, 'question') : '',
    c.recommend > 0 ? plural(c.recommend, 'recommendation') : '',
    c.info > 0 ? plural(c.info, 'note') : '',
    c.accepted > 0 ? `${c.accepted} accepted` : '',
  ].filter((p) => p !== '');
  return parts.length === 0 ? 'nothing to review' : parts.join(', ');
}

/** Open findings first by verdict, then by rule and first place; accepted ones are only counted. */
function openFindings(r: FleetRepository): FleetFinding[] {
  return r.findings
    .filter((f) => !f.accepted)
    .sort((a, b) => ORDER[a.verdict] - ORDER[b.verdict] || compareStrings(a.rule, b.rule));
}

function fleetHeadline(fleet: FleetReport): string {
  const withQuestions = fleet.repositories.filter((r) => r.counts.question > 0).length;
  const title = `Architecture review of ${plural(fleet.counts.repositories, 'repository', 'repositories')}`;
  if (withQuestions > 0) return `${ICON.question} ${title}: ${plural(withQuestions, 'repository has', 'repositories have')} open questions`;
  return `${ICON[fleet.conclusion]} ${title}: no open question`;
}

function repositoryLink(r: FleetRepository): string {
  const name = escapeInline(r.repository.name, 200);
  const url = safeUrl(r.repository.url);
  return url ? `[${name}](${url})` : name;
}

function renderTable(fleet: FleetReport): string {
  const header = `| repository | service | ${CRITERIA.map((c) => CRITERION_LABELS[c]).join(' | ')} | questions | recommendations | notes | accepted |`;
  const rule = `| --- | --- | ${CRITERIA.map(() => ':---:').join(' | ')} | ---: | ---: | ---: | ---: |`;
  const rows: string[] = [];
  for (const r of fleet.repositories) {
    const services = r.services.length > 0 ? r.services : [{ name: '', criteria: null, counts: r.counts }];
    for (const s of services) {
      const profile = r.profile.found ? '' : ' (no profile)';
      const cells = CRITERIA.map((c) => (s.criteria ? CELL[criterionState(s.criteria[c])] : CELL['not declared']));
      const k = s.counts;
      const service = s.name === '' ? 'nothing read' : escapeTableCell(s.name, 100);
      rows.push(`| ${repositoryLink(r)} | ${service}${profile} | ${cells.join(' | ')} | ${k.question} | ${k.recommend} | ${k.info} | ${k.accepted} |`);
    }
  }
  return [
    '### Repositories and services',
    '',
    'Go is justified only for a service that meets all four criteria: ✅ met, ❌ not met, ⚪ not declared.',
    '',
    header,
    rule,
    ...rows,
  ].join('\n');
}

function ruleLabel(rule: string, info: RuleInfo | undefined): string {
  const code = escapeCode(rule, 100);
  const url = info ? safeUrl(info.docs) : null;
  return url ? `[${code}](${url})` : code;
}

function renderRules(fleet: FleetReport): string {
  if (fleet.rules.length === 0) return '';
  const rows = fleet.rules.slice(0, 10).map((r) => `| ${ruleLabel(r.rule, fleet.ruleInfo.get(r.rule))} | ${r.verdict} | ${r.findings} | ${r.repositories} |`);
  return ['### Rules that fire most', '', '| rule | verdict | open findings | repositories |', '| --- | --- | ---: | ---: |', ...rows].join('\n');
}

function renderPlace(r: FleetRepository, loc: FleetFinding['locations'][number]): string {
  const text = escapeCode(`${sanitizeText(loc.path, 300)}:${loc.line}`, Infinity);
  const url = lineUrl(r, loc.path, loc.line);
  const place = url ? `[${text}](${url})` : text;
  return loc.evidence ? `${place} ${escapeCode(loc.evidence, 200)}` : place;
}

function renderFindingLine(r: FleetRepository, f: FleetFinding, info: RuleInfo | undefined): string {
  const title = info?.title ? ` ${escapeInline(info.title, 200)}` : '';
  // The fleet keeps a finding's places by path, then line (src/fleet.ts).
  const first = f.locations[0];
  const where = first ? ` at ${renderPlace(r, first)}${f.locations.length > 1 ? ` and ${f.locations.length - 1} more` : ''}` : ` in ${escapeCode(r.profile.path, 300)}`;
  return `- ${ICON[f.verdict]} **${ruleLabel(f.rule, info)}**${title} · service ${escapeCode(f.service, 100)}${where}`;
}

function renderRepositoryFindings(fleet: FleetReport, r: FleetRepository): string {
  const open = openFindings(r);
  if (open.length === 0) return '';
  const shown = open.slice(0, FINDINGS_PER_REPOSITORY).map((f) => renderFindingLine(r, f, fleet.ruleInfo.get(f.rule)));
  if (open.length > shown.length) shown.push(`- and ${plural(open.length - shown.length, 'more open finding')}: see this repository's report in the fleet's JSON`);
  // An HTML block: markdown escapes would show there as backslashes, so the name is escaped as HTML.
  const name = sanitizeText(r.repository.name, 200).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return [`<details><summary>${ICON[r.conclusion]} ${name}: ${countWords(r.counts)}</summary>`, '', ...shown, '', '</details>'].join('\n');
}

/**
 * The fleet report in markdown, for the job summary: headline, totals, the table, the rules,
 * then each repository's open findings, as many whole repositories as fit in `maxLength`.
 */
export function renderFleetMarkdown(fleet: FleetReport, maxLength = FLEET_MARKDOWN_MAX): string {
  const totals = `${plural(fleet.counts.repositories, 'repository', 'repositories')}, ${plural(fleet.counts.services, 'service')}: ${countWords(fleet.counts)}.`;
  const head = [`## ${fleetHeadline(fleet)}`, totals, renderTable(fleet), renderRules(fleet)].filter((p) => p !== '');
  const footer = `<sub>Rules paraphrase *${SOURCE_TITLE}* (${SOURCE_YEAR}).</sub>`;
  const blocks = fleet.repositories.map((r) => renderRepositoryFindings(fleet, r)).filter((b) => b !== '');
  const parts = [...head, ...(blocks.length > 0 ? ['### Open findings by repository'] : [])];
  let length = parts.reduce((n, p) => n + p.length + 2, 0) + footer.length + 200;
  let shownBlocks = 0;
  for (const block of blocks) {
    if (length + block.length + 2 > maxLength) break;
    parts.push(block);
    length += block.length + 2;
    shownBlocks++;
  }
  if (shownBlocks < blocks.length) parts.push(`**${plural(blocks.length - shownBlocks, 'more repository', 'more repositories')} with open findings not shown here** (the job summary's limit): see the fleet's JSON report.`);
  parts.push(footer);
  return `${parts.join('\n\n')}\n`;
}

/** The fleet report for a terminal: a line per repository and service, then the open findings. */
export function renderFleetText(fleet: FleetReport): string {
  const lines: string[] = [
    fleetHeadline(fleet).replace(/^\S+ /, ''),
    `${plural(fleet.counts.repositories, 'repository', 'repositories')}, ${plural(fleet.counts.services, 'service')}: ${countWords(fleet.counts)}`,
    '',
  ];
  for (const r of fleet.repositories) {
    lines.push(`${sanitizeText(r.repository.name, 200)} (${r.conclusion}${r.profile.found ? '' : ', no profile'}): ${countWords(r.counts)}`);
    for (const s of r.services) {
      const criteria = CRITERIA.map((c) => `${CRITERION_LABELS[c]} ${criterionState(s.criteria[c])}`).join(', ');
      lines.push(`  ${sanitizeText(s.name, 100)}: ${criteria}; ${countWords(s.counts)}`);
    }
    for (const f of openFindings(r)) {
      const first = f.locations[0];
      const where = first ? `${sanitizeText(first.path, 300)}:${first.line}` : sanitizeText(r.profile.path, 300);
      lines.push(`  ${f.verdict} ${f.rule} (${sanitizeText(f.service, 100)}) ${where}`);
    }
  }
  if (fleet.rules.length > 0) {
    lines.push('', 'Rules that fire most:');
    for (const r of fleet.rules.slice(0, 10)) lines.push(`  ${r.rule} (${r.verdict}): ${plural(r.findings, 'open finding')} in ${plural(r.repositories, 'repository', 'repositories')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A fleet finding as the SARIF renderer takes findings: described from the rule it names. */
function asFinding(f: FleetFinding, info: RuleInfo | undefined): Finding {
  return {
    rule: f.rule,
    verdict: f.verdict,
    service: f.service,
    signal: f.signal as Finding['signal'],
    locations: f.locations,
    message: f.message,
    detail: { title: info?.title ?? f.rule, headline: f.message, reason: info?.reason ?? '', alternative: info?.alternative ?? '', facts: [], docs: info?.docs ?? '' },
    accepted: f.accepted,
    acceptedBy: f.acceptedBy,
  };
}

/**
 * SARIF 2.1.0 with one run per repository, each naming its repository and commit
 * (`versionControlProvenance`), results and fingerprints as in that repository's own SARIF.
 */
export function renderFleetSarif(fleet: FleetReport, tool: SarifTool): string {
  const runs: SarifLog['runs'] = [];
  for (const r of fleet.repositories) {
    const report: Report = {
      schemaVersion: 1,
      mode: 'audit',
      repository: r.repository,
      base: null,
      head: null,
      profile: r.profile,
      services: [],
      signals: [],
      findings: r.findings.map((f) => asFinding(f, fleet.ruleInfo.get(f.rule))),
      conclusion: r.conclusion,
      notes: [],
      warnings: [],
    };
    const used = [...new Set(r.findings.map((f) => f.rule))].flatMap((id) => fleet.ruleInfo.get(id) ?? []);
    for (const run of toSarifLog(report, used, tool).runs) {
      runs.push({
        ...run,
        versionControlProvenance: [{ repositoryUri: r.repository.url, ...(r.repository.commit ? { revisionId: r.repository.commit } : {}) }],
        automationDetails: { id: `architecture-review/fleet/${r.repository.name}/` },
      });
    }
  }
  const log: SarifLog = { $schema: SARIF_SCHEMA, version: SARIF_VERSION, runs };
  return `${JSON.stringify(log, null, 2)}\n`;
}
