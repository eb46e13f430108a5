/**
 * The report for a terminal: the same content as the PR comment, as plain text, with ANSI
 * colours only when asked. Text from the repository is sanitized (`sanitizeText`): a code line
 * must not be able to send escape sequences to the reader's terminal or reorder it with bidi
 * controls.
 */
import { CRITERIA, serviceWords } from '../types.js';
import type { Finding, Location, Report, Verdict } from '../types.js';
import { sanitizeText } from './escape.js';
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
  selfAcceptanceWarning,
  servicesForCriteria,
  changeEditsProfile,
  sortedLocations,
} from './outline.js';
import type { CriterionState, GroupKey } from './outline.js';

export interface TextOptions {
  /** ANSI colours (the CLI passes true for a TTY without `NO_COLOR`). */
  color: boolean;
  /** The label that accepts questions (default `architecture-accepted`). */
  acceptLabel?: string;
}

/** The few SGR codes used; hand-written since `util.styleText` is newer than Node 20.0. */
const SGR = {
  bold: '1',
  dim: '2',
  red: '31',
  green: '32',
  yellow: '33',
  cyan: '36',
} as const;
type Style = keyof typeof SGR;

type Paint = (text: string, ...styles: Style[]) => string;

function painter(color: boolean): Paint {
  if (!color) return (text) => text;
  return (text, ...styles) =>
    styles.length === 0 || text === '' ? text : `\u001b[${styles.map((s) => SGR[s]).join(';')}m${text}\u001b[0m`;
}

const VERDICT_STYLE: Record<Verdict | 'none', Style> = {
  question: 'red',
  recommend: 'green',
  info: 'cyan',
  none: 'green',
};

const GROUP_STYLE: Record<GroupKey, Style> = {
  question: 'red',
  recommend: 'green',
  info: 'cyan',
  accepted: 'dim',
};

const STATE_STYLE: Record<CriterionState, Style> = {
  met: 'green',
  'not met': 'red',
  'not declared': 'yellow',
};

/**
 * Renders the report for a terminal.
 *
 * @param report the report to render
 * @param options `color`: wrap headings, verdicts and criteria in ANSI colour codes
 * @returns text ending with a newline; free of control characters except newlines (and the
 *   colour codes when `color` is true)
 */
export function renderText(report: Report, options: TextOptions): string {
  const paint = painter(options.color);
  const acceptLabel = options.acceptLabel ?? DEFAULT_ACCEPT_LABEL;
  const out: string[] = [];

  out.push(paint(headline(report).text, 'bold', VERDICT_STYLE[report.conclusion]));

  const intro = renderIntro(report, acceptLabel);
  if (intro) out.push('', intro);

  const table = renderCriteriaTable(report, paint);
  if (table) out.push('', table);

  for (const group of groupFindings(report.findings)) {
    out.push('', paint(`${group.title} (${group.findings.length})`, 'bold', GROUP_STYLE[group.key]));
    for (const f of group.findings) out.push('', renderFinding(f, acceptLabel, paint));
  }

  if (report.notes.length > 0) {
    out.push('', paint('Notes', 'bold'), ...report.notes.map((n) => `  - ${sanitizeText(n, 500)}`));
  }
  out.push('', paint(`Rules paraphrase "${SOURCE_TITLE}" (${SOURCE_YEAR}).`, 'dim'));
  return out.join('\n') + '\n';
}

function renderIntro(report: Report, acceptLabel: string): string {
  if (report.findings.length === 0) return '';
  const profile = sanitizeText(report.profile.path, 300);
  const sentences: string[] = [];
  if (report.findings.some((f) => f.verdict === 'question')) {
    sentences.push(
      'A question means the rules doubt this choice for this service, and an unaccepted one fails the check. ' +
        `Answer it by changing the code or by declaring the service's needs in ${profile}, or accept it: ` +
        'an accept: entry in the profile, ' +
        'an inline comment "# architecture-review: accept <rule-id> -- <reason>" on the line or the line above (// in Go), ' +
        `or the ${sanitizeText(acceptLabel, 100)} label (maintainers only).`,
    );
  } else {
    sentences.push('Recommendations and notes never fail the check: they say which choice the rules favour, and why.');
  }
  if (!report.profile.found) {
    sentences.push(`No service profile was found at ${profile}, so every need counts as not declared.`);
  } else if (report.mode === 'review' && report.profile.from === 'base' && changeEditsProfile(report)) {
    sentences.push("The profile is read from the base commit: this change's own edits to it do not count here.");
  }
  return sentences.join(' ');
}

function renderCriteriaTable(report: Report, paint: Paint): string {
  const services = servicesForCriteria(report);
  if (services.length === 0) return '';
  const header = ['service', ...CRITERIA.map((c) => CRITERION_LABELS[c])];
  const rows = services.map((s) => ({
    name: sanitizeText(s.name, 100),
    states: CRITERIA.map((c) => criterionState(s.criteria[c])),
  }));
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => (i === 0 ? r.name.length : (r.states[i - 1] ?? '').length))),
  );
  // Pad before painting, so that colour codes do not count in the widths.
  const pad = (text: string, i: number): string => (i === header.length - 1 ? text : text.padEnd(widths[i] ?? 0));
  const lines = [
    paint('Golang criteria (Go is justified only when a service meets all four):', 'bold'),
    `  ${header.map(pad).join('  ')}`,
    ...rows.map(
      (r) =>
        `  ${[pad(r.name, 0), ...r.states.map((st, i) => paint(pad(st, i + 1), STATE_STYLE[st]))].join('  ')}`,
    ),
  ];
  return lines.join('\n');
}

function renderLocation(loc: Location): string {
  const place = `${sanitizeText(loc.path, 300)}:${loc.line}`;
  return loc.evidence ? `${place}: ${sanitizeText(loc.evidence, 200)}` : place;
}

function renderFinding(f: Finding, acceptLabel: string, paint: Paint): string {
  const d = f.detail;
  const lines: string[] = [];
  const title = sanitizeText(d.title, 200);
  lines.push(
    `  ${paint(sanitizeText(f.rule, 100), 'bold')}${title ? `: ${title}` : ''} ` +
      paint(`[${serviceWords(f.service, (n) => sanitizeText(n, 100))}, signal ${sanitizeText(f.signal, 50)}]`, 'dim'),
  );
  if (d.headline) lines.push(`    ${sanitizeText(d.headline, 1000)}`);
  // The terminal has room: every location, one per line, as `path:line: code`.
  for (const loc of sortedLocations(f)) lines.push(`    ${renderLocation(loc)}`);

  const used = d.facts.filter((fact) => fact.value !== null);
  const undeclared = d.facts.filter((fact) => fact.value === null);
  const facts: string[] = [];
  if (used.length > 0) facts.push(used.map((fact) => sanitizeText(`${fact.key}: ${String(fact.value)}`, 200)).join(', '));
  if (undeclared.length > 0) facts.push(`not declared: ${undeclared.map((fact) => sanitizeText(fact.key, 100)).join(', ')}`);
  if (facts.length > 0) lines.push(`    Profile facts: ${facts.join('; ')}`);

  if (d.reason) lines.push(`    Why: ${sanitizeText(d.reason, 600)}`);
  if (d.alternative) lines.push(`    ${f.verdict === 'question' ? 'Instead' : 'Next'}: ${sanitizeText(d.alternative, 600)}`);
  if (!d.headline && !d.reason && !d.alternative && f.message) lines.push(`    ${sanitizeText(f.message, 1000)}`);
  if (d.hint) lines.push(`    ${paint('Would change the verdict:', 'bold')} ${sanitizeText(d.hint, 600)}`);

  const by = f.acceptedBy;
  if (f.accepted && by) {
    const place = acceptancePlace(by);
    const label =
      by.kind === 'label' ? ` ${sanitizeText(by.label || acceptLabel, 100)}` : by.kind === 'comment' ? ` of @${sanitizeText(by.login ?? '', 100)}${by.url ? ` (${sanitizeText(by.url, 300)})` : ''}` : '';
    const where = place ? ` (${sanitizeText(place, 300)})` : '';
    const reason = by.reason ? `: ${sanitizeText(by.reason, 300)}` : '';
    const warning = selfAcceptanceWarning(by);
    lines.push(
      `    Accepted by ${acceptanceKind(by)}${label}${where}${reason}${warning ? ` ${paint(`(${warning})`, 'bold', 'yellow')}` : ''}`,
    );
  } else if (f.accepted) {
    lines.push('    Accepted');
  }
  if (d.docs) lines.push(paint(`    Docs: ${sanitizeText(d.docs, 300)}`, 'dim'));
  return lines.join('\n');
}
