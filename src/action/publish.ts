import { COMMENT_MARKER } from '../report/markdown.js';
import type { Finding, Report, Verdict } from '../types.js';
import { explainGitHubError, isReadOnlyRejection, type GitHubClient } from './github-client.js';
import type { PullRequestRef } from './github-source.js';

/** GitHub shows at most this many annotations of each level per step. */
export const ANNOTATIONS_PER_LEVEL = 10;

export type AnnotationLevel = 'warning' | 'notice';

export interface Annotation {
  level: AnnotationLevel;
  title: string;
  message: string;
  file: string;
  line: number;
}

const LEVEL: Record<Verdict, AnnotationLevel> = { question: 'warning', recommend: 'notice', info: 'notice' };

/**
 * File/line annotations for the findings, at most 10 per level, open questions first.
 * Returns the annotations to write and how many were left out.
 */
export function planAnnotations(findings: Finding[]): { annotations: Annotation[]; omitted: number } {
  const ordered = [...findings].sort(
    (a, b) =>
      Number(a.accepted) - Number(b.accepted) ||
      ['question', 'recommend', 'info'].indexOf(a.verdict) - ['question', 'recommend', 'info'].indexOf(b.verdict),
  );
  const used: Record<AnnotationLevel, number> = { warning: 0, notice: 0 };
  const annotations: Annotation[] = [];
  let omitted = 0;
  for (const f of ordered) {
    const loc = f.locations[0];
    if (!loc) continue;
    const level: AnnotationLevel = f.accepted ? 'notice' : LEVEL[f.verdict];
    if (used[level] >= ANNOTATIONS_PER_LEVEL) {
      omitted++;
      continue;
    }
    used[level]++;
    annotations.push({
      level,
      title: `${f.rule} (${f.accepted ? 'accepted' : f.verdict})`,
      message: f.message,
      file: loc.path,
      line: Math.max(1, loc.line),
    });
  }
  return { annotations, omitted };
}

interface IssueComment {
  id: number;
  body?: string;
  html_url: string;
  user?: { type?: string; login?: string } | null;
}

/** The action's own comment: written by a bot, starting with the hidden marker. */
function isOwnComment(c: IssueComment): boolean {
  return (c.body ?? '').startsWith(COMMENT_MARKER) && c.user?.type === 'Bot';
}

export type CommentOutcome =
  | { kind: 'created' | 'updated'; url: string }
  | { kind: 'skipped'; why: string }
  | { kind: 'read-only'; why: string };

/**
 * Keeps exactly one comment per pull request: finds it by its marker across every page of
 * comments and updates it in place, or creates it. With `mode: auto` it posts only when there
 * are findings, and turns an earlier comment into "all clear" when they are gone.
 */
export async function upsertComment(
  octokit: GitHubClient,
  pr: PullRequestRef,
  body: string,
  report: Report,
  mode: 'auto' | 'always' | 'never',
): Promise<CommentOutcome> {
  if (mode === 'never') return { kind: 'skipped', why: 'input comment is never' };
  const { owner, repo, number } = pr;
  let existing: IssueComment | undefined;
  try {
    const comments = (await octokit.paginate(octokit.rest.issues.listComments, {
      owner,
      repo,
      issue_number: number,
      per_page: 100,
    })) as IssueComment[];
    existing = comments.find(isOwnComment);
  } catch (err) {
    throw explainGitHubError(err, `listing the comments of pull request #${number}`);
  }
  if (!existing && mode === 'auto' && report.findings.length === 0) {
    return { kind: 'skipped', why: 'nothing to review and no earlier comment' };
  }
  try {
    if (existing) {
      const res = await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
      return { kind: 'updated', url: res.data.html_url };
    }
    const res = await octokit.rest.issues.createComment({ owner, repo, issue_number: number, body });
    return { kind: 'created', url: res.data.html_url };
  } catch (err) {
    if (isReadOnlyRejection(err)) {
      return { kind: 'read-only', why: 'the token is read-only (GitHub answered "Resource not accessible by integration")' };
    }
    throw explainGitHubError(err, `${existing ? 'updating' : 'posting'} the review comment on #${number}`);
  }
}
