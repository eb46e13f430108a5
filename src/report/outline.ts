/**
 * What the text and markdown renderers say, decided once: the headline, the order of findings,
 * the wording of criteria and acceptances. The renderers only lay it out, so the terminal and
 * the PR comment cannot drift apart.
 */
import type { AcceptedBy, Criterion, Finding, Location, Report, ServiceSummary } from '../types.js';

/** The source of the rules, cited by title (the project paraphrases it, never quotes it). */
export const SOURCE_TITLE = 'High Performance Multi-core Python at Nexedi';
export const SOURCE_YEAR = 2017;

/** Default name of the label that accepts every question of a PR (SPEC 9 `accept-label`). */
export const DEFAULT_ACCEPT_LABEL = 'architecture-accepted';

/** The groups of the report, in the order shown, which is also the order of importance. */
export type GroupKey = 'question' | 'recommend' | 'info' | 'accepted';

export interface FindingGroup {
  key: GroupKey;
  icon: string;
  title: string;
  findings: Finding[];
}

const GROUPS: ReadonlyArray<{ key: GroupKey; icon: string; title: string }> = [
  { key: 'question', icon: '❓', title: 'Questions' },
  { key: 'recommend', icon: '✅', title: 'Recommendations' },
  { key: 'info', icon: 'ℹ️', title: 'For information' },
  { key: 'accepted', icon: '☑️', title: 'Accepted' },
];

/** Column headings of the golang criteria, in SPEC 8's order. */
export const CRITERION_LABELS: Record<Criterion, string> = {
  'low-latency': 'low latency',
  'high-concurrency': 'high concurrency',
  'shared-memory-multi-core': 'multi-core shared memory',
  'beyond-cython-parallel': 'beyond cython.parallel',
};

export type CriterionState = 'met' | 'not met' | 'not declared';

/** `true` is met, `false` is declared and not met, `null` is not declared (SPEC 3). */
export function criterionState(value: boolean | null): CriterionState {
  if (value === null) return 'not declared';
  return value ? 'met' : 'not met';
}

/** Plain code-unit comparison: deterministic whatever the locale of the machine. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareLocations(a: Location, b: Location): number {
  return compareStrings(a.path, b.path) || a.line - b.line;
}

/** The locations of a finding by path, then line. */
export function sortedLocations(finding: Finding): Location[] {
  return [...finding.locations].sort(compareLocations);
}

/**
 * Order within a group: findings without a location (about the profile or the whole change)
 * first, then by first location (path, line), then rule id and service.
 */
export function compareFindings(a: Finding, b: Finding): number {
  const la = sortedLocations(a)[0];
  const lb = sortedLocations(b)[0];
  if (!la !== !lb) return la ? 1 : -1;
  return (
    (la && lb ? compareLocations(la, lb) : 0) ||
    compareStrings(a.rule, b.rule) ||
    compareStrings(a.service, b.service) ||
    compareStrings(a.message, b.message)
  );
}

function groupOf(finding: Finding): GroupKey {
  return finding.accepted ? 'accepted' : finding.verdict;
}

/**
 * The non-empty groups in display order — unaccepted questions, recommendations, notes, then
 * accepted findings — each sorted by {@link compareFindings}. Showing a prefix of the
 * concatenation keeps the most important findings.
 */
export function groupFindings(findings: Finding[]): FindingGroup[] {
  return GROUPS.map((g) => ({
    ...g,
    findings: findings.filter((f) => groupOf(f) === g.key).sort(compareFindings),
  })).filter((g) => g.findings.length > 0);
}

export type Counts = Record<GroupKey, number>;

export function countFindings(findings: Finding[]): Counts {
  const counts: Counts = { question: 0, recommend: 0, info: 0, accepted: 0 };
  for (const f of findings) counts[groupOf(f)] += 1;
  return counts;
}

/** `1 question`, `2 questions`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The one line that gives the conclusion, with its icon. */
export function headline(report: Report): { icon: string; text: string } {
  const c = countFindings(report.findings);
  const accepted = c.accepted > 0 ? ` (${c.accepted} accepted)` : '';
  switch (report.conclusion) {
    case 'question':
      return { icon: '❓', text: `Architecture review: ${plural(c.question, 'question')} to answer${accepted}` };
    case 'recommend':
      return {
        icon: '✅',
        text: `Architecture review: recommended (${plural(c.recommend, 'recommendation')})${accepted}`,
      };
    case 'info':
      return { icon: 'ℹ️', text: `Architecture review: notes only (${plural(c.info, 'note')})${accepted}` };
    case 'none':
      return c.accepted > 0
        ? { icon: '✅', text: `All clear: every question is accepted${accepted}` }
        : { icon: '✅', text: 'All clear: no concurrency or language choices to review' };
  }
}

/**
 * The services that have at least one finding, in the report's order; a finding's service that
 * the report does not summarise (the implicit `default` service) gets a row with nothing
 * declared, which is what it has.
 */
/**
 * The services the golang criteria table is for: those with findings that have Go in the tree
 * or the change (a `golang` signal, use or mention). Elsewhere the four criteria answer a
 * question nobody asked.
 */
export function servicesForCriteria(report: Report): ServiceSummary[] {
  const withGo = new Set<string>();
  for (const s of report.signals) if (s.signal === 'golang') withGo.add(s.service);
  for (const f of report.findings) if (f.signal === 'golang') withGo.add(f.service);
  if (withGo.size === 0) return [];
  return servicesWithFindings(report).filter((s) => withGo.has(s.name));
}

/** True when the change under review edits the profile itself (a finding on the profile file). */
export function changeEditsProfile(report: Report): boolean {
  return report.findings.some((f) => f.signal === 'profile' && f.locations.some((l) => l.path === report.profile.path));
}

export function servicesWithFindings(report: Report): ServiceSummary[] {
  const named = new Set(report.findings.map((f) => f.service));
  const rows = report.services.filter((s) => named.has(s.name));
  const known = new Set(rows.map((s) => s.name));
  const missing = [...named].filter((n) => !known.has(n)).sort(compareStrings);
  for (const name of missing) {
    rows.push({
      name,
      criteria: {
        'low-latency': null,
        'high-concurrency': null,
        'shared-memory-multi-core': null,
        'beyond-cython-parallel': null,
      },
    });
  }
  return rows;
}

/** Where the acceptance is written, as `path:line` or `path`, or null. */
export function acceptancePlace(by: AcceptedBy): string | null {
  if (!by.path) return null;
  return by.line ? `${by.path}:${by.line}` : by.path;
}

/** What accepted a finding, in words (no punctuation from the data). */
export function acceptanceKind(by: AcceptedBy): string {
  switch (by.kind) {
    case 'profile':
      return "the profile's accept: list";
    case 'inline':
      return 'an inline comment';
    case 'label':
      return 'the label';
    case 'comment':
      return 'a comment';
  }
}

/** The warning shown when the change under review accepts its own question. */
export function selfAcceptanceWarning(by: AcceptedBy): string | null {
  if (!by.byThisChange) return null;
  return by.kind === 'inline' ? "accepted by this PR's own comment" : 'accepted by this PR itself';
}
