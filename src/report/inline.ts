/**
 * The text of inline review comments: one per finding, on the line it is about, each starting
 * with a hidden marker that carries the finding's fingerprint, so that later runs find it again,
 * edit it, and say when the finding is gone.
 */
import type { AcceptedBy, Finding } from '../types.js';
import { serviceWords } from '../types.js';
import { escapeCode, escapeInline, escapeRuleText, personLink, safeUrl } from './escape.js';

/** The start of every inline comment's marker; the fingerprint follows. */
export const FINDING_MARKER_PREFIX = '<!-- architecture-review:finding ';
/** Marks a comment whose finding is gone or accepted (the thread is then resolved). */
export const SETTLED_TAG = '<!-- architecture-review:settled -->';

const MARKER_RE = /^<!-- architecture-review:finding ([0-9a-f]{32}:[0-9]+) -->/;

export function findingMarker(fingerprint: string): string {
  return `${FINDING_MARKER_PREFIX}${fingerprint} -->`;
}

/** The fingerprint an inline comment carries; undefined for any other text. */
export function markerFingerprint(body: string | null | undefined): string | undefined {
  return MARKER_RE.exec(body ?? '')?.[1];
}

export function isSettled(body: string | null | undefined): boolean {
  return (body ?? '').includes(SETTLED_TAG);
}

const ICON = { question: '❓', recommend: '✅', info: 'ℹ️' } as const;
const WORD = { question: 'Question', recommend: 'Recommended', info: 'Note' } as const;

export interface InlineOptions {
  fingerprint: string;
  profilePath: string;
  acceptLabel: string;
  /** A one-click rewrite of the commented line (a GitHub suggestion block), when one is a drop-in. */
  suggestion?: string;
}

/**
 * The comment on a finding's line: verdict and rule (linked to its docs), what was found, why,
 * the alternative, the declaration that would change the verdict, and, for a question, the
 * three ways to accept it. Everything from the PR and the profile is escaped.
 */
export function renderInlineComment(f: Finding, options: InlineOptions): string {
  const d = f.detail;
  const rule = escapeCode(f.rule, 100);
  const url = safeUrl(d.docs);
  const lines = [
    findingMarker(options.fingerprint),
    `**${ICON[f.verdict]} ${WORD[f.verdict]} · ${url ? `[${rule}](${url})` : rule}** · ${serviceWords(f.service, (n) => escapeCode(n, 100))}`,
    '',
    escapeRuleText(d.headline || d.title, 1000),
  ];
  if (d.reason) lines.push('', `**Why:** ${escapeRuleText(d.reason, 600)}`);
  if (d.alternative) lines.push('', `**${f.verdict === 'question' ? 'Instead' : 'Next'}:** ${escapeRuleText(d.alternative, 600)}`);
  if (d.hint) lines.push('', `**Would change the verdict:** ${escapeRuleText(d.hint, 600)}`);
  if (options.suggestion !== undefined) lines.push('', '```suggestion', options.suggestion, '```');
  if (f.verdict === 'question') {
    lines.push(
      '',
      `<sub>To accept it: an ${escapeCode('accept:')} entry for ${rule} in ${escapeCode(options.profilePath, 300)} on the base branch, ` +
        `${escapeCode(`# architecture-review: accept ${f.rule} -- <reason>`, 200)} on this line or the one above, ` +
        `or the ${escapeCode(options.acceptLabel, 100)} label (maintainers only).</sub>`,
    );
  }
  return lines.join('\n') + '\n';
}

function acceptedBy(by: AcceptedBy | null): string {
  if (!by) return 'accepted';
  const reason = by.reason ? `: ${escapeInline(by.reason, 300)}` : '';
  switch (by.kind) {
    case 'profile':
      return `accepted by the profile's ${escapeCode('accept:')} entry${by.line ? ` (line ${by.line})` : ''}${reason}`;
    case 'inline':
      return `accepted by an inline comment${by.path ? ` (${escapeCode(`${by.path}:${by.line ?? 0}`, 300)})` : ''}${reason}`;
    case 'label':
      return `accepted by the ${escapeCode(by.label ?? '', 100)} label`;
    case 'comment':
      return `accepted by ${personLink(by.login ?? '', by.url)}${reason}`;
  }
}

/**
 * The comment once its finding no longer stands: the reason first, the earlier text folded
 * below it. `why` is plain text of ours; an acceptance's reason comes from the repository and
 * is escaped.
 */
export function renderSettledComment(
  previous: string,
  fingerprint: string,
  settled: { kind: 'resolved'; sha: string; why: string } | { kind: 'accepted'; finding: Finding },
): string {
  const earlier = previous.replace(MARKER_RE, '').replace(SETTLED_TAG, '').trim();
  const head =
    settled.kind === 'resolved'
      ? `☑️ **Resolved** at ${escapeCode(settled.sha.slice(0, 7), 20)}: ${escapeInline(settled.why, 300)}`
      : `☑️ **${capitalise(acceptedBy(settled.finding.acceptedBy))}**`;
  return [
    `${findingMarker(fingerprint)}${SETTLED_TAG}`,
    head,
    '',
    '<details><summary>What it said</summary>',
    '',
    earlier,
    '',
    '</details>',
    '',
  ].join('\n');
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
