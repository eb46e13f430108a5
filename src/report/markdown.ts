/**
 * The PR comment: GitHub-flavoured markdown, one comment per PR, found again by its hidden
 * marker. Everything that comes from the repository goes through `escape.ts`; the only HTML in
 * the output is our own (`<details>`, `<summary>`, `<sub>`, the marker).
 */
import { CRITERIA, serviceWords } from '../types.js';
import type { Finding, Location, Report } from '../types.js';
import { formatProblem } from '../errors.js';
import { escapeCode, escapeInline, escapeRuleText, escapeTableCell, personLink, safeUrl, sanitizeText } from './escape.js';
import {
  CRITERION_LABELS,
  DEFAULT_ACCEPT_LABEL,
  SOURCE_TITLE,
  SOURCE_YEAR,
  acceptanceKind,
  acceptancePlace,
  criterionState,
  groupFindings,
  headline,
  plural,
  selfAcceptanceWarning,
  servicesForCriteria,
  changeEditsProfile,
  sortedLocations,
} from './outline.js';
import type { CriterionState, FindingGroup } from './outline.js';

/** The hidden first line by which the publisher finds its own comment again. */
export const COMMENT_MARKER = '<!-- architecture-review -->';

/** GitHub's limit on a comment body, in characters. */
export const DEFAULT_MAX_LENGTH = 65536;

/** Locations listed per finding; the rest are counted ("and N more"). */
export const MAX_LISTED_LOCATIONS = 20;

/** Up to this many locations are shown in the open; more are folded in `<details>`. */
const FOLD_AFTER = 3;

export interface MarkdownOptions {
  /** The hidden marker, first line of the comment (default {@link COMMENT_MARKER}). */
  marker?: string;
  /** Maximum length of the result in UTF-16 code units (default {@link DEFAULT_MAX_LENGTH}). */
  maxLength?: number;
  /** The label that accepts questions, named in the how-to-accept sentence (default `architecture-accepted`). */
  acceptLabel?: string;
  /**
   * Where to find what did not fit (default `see the job summary / JSON report`); the job
   * summary itself would rather say `see the JSON report`.
   */
  elsewhere?: string;
}

const CELL: Record<CriterionState, string> = {
  met: '✅ met',
  'not met': '❌ not met',
  'not declared': '⚪ not declared',
};

/**
 * Renders the PR comment.
 *
 * Layout: marker; the conclusion in one heading line; how to answer or accept a question; the
 * golang criteria of the services that have findings; the findings grouped as questions,
 * recommendations, notes, accepted (each sorted by path and line); run notes; the citation.
 *
 * When the whole comment is longer than `maxLength`, it keeps the header, the table, the run
 * notes (they say when the review itself is incomplete) and as many whole findings as fit in
 * that order of importance, and says how many more there are. Only when those fixed parts alone
 * do not fit does it drop the notes (counting them), then the intro and table. Pieces are only
 * ever dropped whole, so no HTML tag, code span or `<details>` block is cut.
 *
 * @throws RangeError when `maxLength` cannot hold even the marker and the conclusion line
 */
export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const marker = options.marker ?? COMMENT_MARKER;
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  const acceptLabel = options.acceptLabel ?? DEFAULT_ACCEPT_LABEL;
  const elsewhere = escapeInline(options.elsewhere ?? 'see the job summary / JSON report', 200);

  const { icon, text } = headline(report);
  const head = `${marker}\n### ${icon} ${text}`;
  const intro = renderIntro(report, acceptLabel);
  const table = [renderCriteriaTable(report), renderServiceEvidence(report)].filter((p) => p !== '').join('\n\n');
  const blocks = groupFindings(report.findings).flatMap((g) => renderGroup(g, acceptLabel));
  // The profile's warnings (a glob that matches no file) change verdicts: they lead the notes.
  const allNotes = [...report.warnings.map((w) => `Profile: ${formatProblem(w)}`), ...report.notes];
  const notes = renderNotes(allNotes);
  const footer = `<sub>Rules paraphrase *${SOURCE_TITLE}* (${SOURCE_YEAR}).</sub>`;

  // From the richest layout to the barest; the first one whose fixed parts fit wins.
  const layouts: Array<{ before: string[]; after: string[] }> = [
    { before: [head, intro, table], after: [notes, footer] },
    { before: [head, intro, table], after: [notesOmitted(allNotes.length, elsewhere), footer] },
    { before: [head, intro], after: [footer] },
    { before: [head], after: [] },
  ];
  for (const { before, after } of layouts) {
    const out = fitBlocks(before, blocks, after, maxLength, elsewhere);
    if (out !== null) return out;
  }
  throw new RangeError(`maxLength ${maxLength} is too small for the comment's header (${head.length + 1} characters)`);
}

/** Parts are separated by a blank line; empty parts are skipped; the text ends with a newline. */
function join(parts: string[]): string {
  return parts.filter((p) => p !== '').join('\n\n') + '\n';
}

function joinedLength(parts: string[]): number {
  const kept = parts.filter((p) => p !== '');
  return kept.reduce((n, p) => n + p.length, 0) + 2 * Math.max(0, kept.length - 1) + 1;
}

function omittedLine(n: number, elsewhere: string): string {
  return `**${plural(n, 'more finding', 'more findings')} not shown**: ${elsewhere}.`;
}

/**
 * Everything if it fits; otherwise the longest prefix of `blocks` that fits together with the
 * fixed parts and the "N more findings not shown" line; null when the fixed parts alone do not.
 */
function fitBlocks(before: string[], blocks: string[], after: string[], max: number, elsewhere: string): string | null {
  const all = [...before, ...blocks, ...after];
  if (joinedLength(all) <= max) return join(all);
  // The line for "all omitted" is the longest one (fewer omitted never has more digits).
  let budget = max - joinedLength([...before, omittedLine(blocks.length, elsewhere), ...after]);
  if (budget < 0) return null;
  const shown: string[] = [];
  for (const block of blocks) {
    if (block.length + 2 > budget) break;
    budget -= block.length + 2;
    shown.push(block);
  }
  return join([...before, ...shown, omittedLine(blocks.length - shown.length, elsewhere), ...after]);
}

function renderIntro(report: Report, acceptLabel: string): string {
  if (report.findings.length === 0) return '';
  const profile = escapeCode(report.profile.path, 300);
  const sentences: string[] = [];
  if (report.findings.some((f) => f.verdict === 'question')) {
    sentences.push(
      'A **question** means the rules doubt this choice for this service, and an unaccepted one fails the check. ' +
        `Answer it by changing the code or by declaring the service's needs in ${profile}, or accept it: ` +
        `an ${escapeCode('accept:')} entry in the profile, ` +
        `an inline comment ${escapeCode('# architecture-review: accept <rule-id> -- <reason>')} ` +
        `on the line or the line above (${escapeCode('//')} in Go), ` +
        `or the ${escapeCode(acceptLabel, 100)} label (maintainers only).`,
    );
  } else {
    sentences.push('Recommendations and notes never fail the check: they say which choice the rules favour, and why.');
  }
  if (!report.profile.found) {
    sentences.push(`No service profile was found at ${profile}, so every need counts as not declared.`);
  } else if (report.mode === 'review' && report.profile.from === 'base' && changeEditsProfile(report)) {
    sentences.push("The profile is read from the base commit: this PR's own edits to it do not count here.");
  }
  return sentences.join(' ');
}

function renderCriteriaTable(report: Report): string {
  const services = servicesForCriteria(report);
  if (services.length === 0) return '';
  const header = `| service | ${CRITERIA.map((c) => CRITERION_LABELS[c]).join(' | ')} |`;
  const rule = `| --- | ${CRITERIA.map(() => '---').join(' | ')} |`;
  const rows = services.map(
    (s) => `| ${escapeTableCell(s.name, 100)} | ${CRITERIA.map((c) => CELL[criterionState(s.criteria[c])]).join(' | ')} |`,
  );
  return [
    '**Golang criteria**: Go is justified only when a service meets all four.',
    '',
    header,
    rule,
    ...rows,
  ].join('\n');
}

/**
 * What the profile records for the services the findings are about (`evidence`, `notes`): the
 * claims a reviewer should check against the verdicts, above all a recommended Go.
 */
function renderServiceEvidence(report: Report): string {
  const concerned = new Set(report.findings.map((f) => f.service));
  const lines: string[] = [];
  for (const s of report.services) {
    if (!concerned.has(s.name) || (!s.evidence && !s.notes)) continue;
    const parts = Object.entries(s.evidence ?? {}).map(([k, v]) => escapeCode(`${k}: ${String(v)}`, 300));
    if (s.notes) parts.push(`notes: ${escapeInline(s.notes, 500)}`);
    lines.push(`- ${escapeCode(s.name, 100)}: ${parts.join(' · ')}`);
  }
  return lines.length === 0 ? '' : ['**What the profile records**', '', ...lines].join('\n');
}

/** One block per finding; the group heading rides on the group's first block. */
function renderGroup(group: FindingGroup, acceptLabel: string): string[] {
  const heading = `#### ${group.icon} ${group.title} (${group.findings.length})`;
  return group.findings.map((f, i) => {
    const block = renderFinding(f, acceptLabel);
    return i === 0 ? `${heading}\n\n${block}` : block;
  });
}

/** `path:line` and the line itself, both as code. */
function renderLocation(loc: Location): string {
  const place = escapeCode(`${sanitizeText(loc.path, 300)}:${loc.line}`, Infinity);
  const line = loc.evidence ? escapeCode(loc.evidence, 200) : '';
  return line ? `${place} ${line}` : place;
}

function renderFinding(f: Finding, acceptLabel: string): string {
  const d = f.detail;
  const rule = escapeCode(f.rule, 100);
  const url = safeUrl(d.docs);
  const title = [
    `**${url ? `[${rule}](${url})` : rule}**`,
    escapeRuleText(d.title, 200),
    serviceWords(f.service, (n) => escapeCode(n, 100)),
    `signal ${escapeCode(f.signal, 50)}`,
  ]
    .filter((p) => p !== '')
    .join(' · ');

  const locations = sortedLocations(f);
  const bullets: string[] = [];
  if (locations.length === 1) {
    bullets.push(`- **Evidence:** ${renderLocation(locations[0] as Location)}`);
  } else if (locations.length > 1 && locations.length <= FOLD_AFTER) {
    bullets.push('- **Evidence:**', ...locations.map((l) => `  - ${renderLocation(l)}`));
  } else if (locations.length > FOLD_AFTER) {
    bullets.push(`- **Evidence:** ${locations.length} locations, first ${renderLocation(locations[0] as Location)}`);
  }

  const used = d.facts.filter((fact) => fact.value !== null);
  const undeclared = d.facts.filter((fact) => fact.value === null);
  const facts: string[] = [];
  if (used.length > 0) facts.push(used.map((fact) => escapeCode(`${fact.key}: ${String(fact.value)}`, 200)).join(', '));
  if (undeclared.length > 0) facts.push(`**not declared:** ${undeclared.map((fact) => escapeCode(fact.key, 100)).join(', ')}`);
  if (facts.length > 0) bullets.push(`- **Profile facts:** ${facts.join(' · ')}`);

  if (d.reason) bullets.push(`- **Why:** ${escapeRuleText(d.reason, 600)}`);
  // A recommendation's alternative is a next step, not a replacement for what it recommends.
  if (d.alternative) bullets.push(`- **${f.verdict === 'question' ? 'Instead' : 'Next'}:** ${escapeRuleText(d.alternative, 600)}`);
  if (!d.headline && !d.reason && !d.alternative && f.message) bullets.push(`- ${escapeRuleText(f.message, 1000)}`);
  if (d.hint) bullets.push(`- **Would change the verdict:** ${escapeRuleText(d.hint, 600)}`);

  const by = f.acceptedBy;
  if (f.accepted && by) {
    const place = acceptancePlace(by);
    const label = by.kind === 'label' ? ` ${escapeCode(by.label || acceptLabel, 100)}` : by.kind === 'comment' ? ` of ${personLink(by.login ?? '', by.url)}` : '';
    const where = place ? ` (${escapeCode(sanitizeText(place, 300), Infinity)})` : '';
    const reason = by.reason ? `: ${escapeInline(by.reason, 300)}` : '';
    const warning = selfAcceptanceWarning(by);
    bullets.push(
      `- **Accepted** by ${acceptanceKind(by)}${label}${where}${reason}${warning ? ` ⚠️ **${warning}**` : ''}`,
    );
  } else if (f.accepted) {
    bullets.push('- **Accepted**');
  }

  const parts = [title];
  // The rule's message filled in for this finding (it names, e.g., each need a profile edit
  // flips); the full `message` repeats the parts below, so it is only a fallback.
  if (d.headline) parts.push(escapeRuleText(d.headline, 1000));
  if (bullets.length > 0) parts.push(bullets.join('\n'));
  if (locations.length > FOLD_AFTER) parts.push(renderFoldedLocations(locations));
  return parts.join('\n\n');
}

/** The locations in a `<details>` block; blank lines around the list so GitHub parses it as markdown. */
function renderFoldedLocations(locations: Location[]): string {
  const listed = locations.slice(0, MAX_LISTED_LOCATIONS).map((l) => `- ${renderLocation(l)}`);
  const rest = locations.length - MAX_LISTED_LOCATIONS;
  if (rest > 0) listed.push(`- and ${rest} more`);
  return [`<details><summary>${locations.length} locations</summary>`, listed.join('\n'), '</details>'].join('\n\n');
}

function notesOmitted(n: number, elsewhere: string): string {
  return n === 0 ? '' : `**Notes**: ${plural(n, 'note')} not shown: ${elsewhere}.`;
}

function renderNotes(notes: string[]): string {
  if (notes.length === 0) return '';
  return ['**Notes**', '', ...notes.map((n) => `- ${escapeInline(n, 500)}`)].join('\n');
}
