/**
 * Inline review comments that follow the code: one per finding, on the added line it is about,
 * kept as one conversation across runs (found again by the fingerprint in its hidden marker),
 * and settled when the finding goes away: edited to say why, and its thread resolved.
 */
import { findingFingerprints, sortedPlaces } from '../report/fingerprint.js';
import { isSettled, markerFingerprint, renderInlineComment, renderSettledComment } from '../report/inline.js';
import { suggestionFor } from '../report/suggest.js';
import type { ChangeSet, Finding, Report } from '../types.js';
import { explainGitHubError, isReadOnlyRejection, isRecord, listAll, type GitHubClient } from './github-client.js';
import type { PullRequestRef } from './github-source.js';

export type InlineMode = 'questions' | 'all' | 'none';

export interface InlineRequest {
  pr: PullRequestRef;
  report: Report;
  changes: ChangeSet;
  mode: InlineMode;
  /** New comments per run at most; the rest stay in the summary comment. */
  limit: number;
  event: 'COMMENT' | 'REQUEST_CHANGES';
  acceptLabel: string;
  /** The head's text of some files, for suggestions (which must keep a line's indentation). */
  readHead?: (paths: string[]) => Promise<Map<string, string | null>>;
  /** The pull request's review comments as already listed in this run: the first listing is not repeated. */
  listed?: () => Promise<unknown[]>;
  /** The pull request's head now, as read once for the whole run (src/action/conversation.ts). */
  currentHead: () => Promise<string>;
  log: (message: string) => void;
}

export interface InlineOutcome {
  /** Findings on their line as a review comment after this run (earlier comments and new ones). */
  onLine: number;
  posted: number;
  edited: number;
  settled: number;
  resolved: number;
  /** Findings that would have had an inline comment but did not fit the limit. */
  overLimit: number;
  /** Findings whose place is not an added line of the diff: the summary comment only. */
  offDiff: number;
  /** Set when threads could not be resolved (the token lacks `contents: write`). */
  cannotResolve?: string;
  /** Set when this run's head is no longer the pull request's: nothing was written. */
  stale?: string;
}

interface ReviewComment {
  id: number;
  body: string;
  user?: { type?: string; login?: string } | null;
  in_reply_to_id?: number | null;
}

function isReviewComment(v: unknown): v is ReviewComment {
  return isRecord(v) && typeof v.id === 'number' && typeof v.body === 'string';
}

interface Wanted {
  finding: Finding;
  fingerprint: string;
  path: string;
  line: number;
  body: string;
}

/** Whether the finding is one the mode puts on its line. */
function inlineWorthy(f: Finding, mode: InlineMode): boolean {
  if (mode === 'none' || f.accepted) return false;
  return mode === 'all' || f.verdict === 'question';
}

function onAddedLine(files: Map<string, ChangeSet['files'][number]>, path: string, line: number): boolean {
  const file = files.get(path);
  if (!file || file.status === 'deleted' || line < 1) return false;
  return file.addedLines === 'all' || file.addedLines.has(line);
}

/**
 * Brings the pull request's inline comments in line with the report. Never touches a comment
 * that is not this action's own (a bot's, starting with the finding marker) and never a reply.
 */
export async function syncInlineComments(octokit: GitHubClient, request: InlineRequest): Promise<InlineOutcome> {
  const { pr, report, changes } = request;
  const outcome: InlineOutcome = { onLine: 0, posted: 0, edited: 0, settled: 0, resolved: 0, overLimit: 0, offDiff: 0 };
  const fingerprints = findingFingerprints(report);
  const wanted = new Map<string, Wanted>();
  const accepted = new Map<string, Finding>();
  const texts = await headTexts(request);
  const files = new Map(changes.files.map((f) => [f.path, f]));
  for (const [i, f] of report.findings.entries()) {
    const fingerprint = fingerprints[i]!;
    if (f.accepted) accepted.set(fingerprint, f);
    if (!inlineWorthy(f, request.mode)) continue;
    const first = sortedPlaces(f, report.profile.path)[0];
    if (f.locations.length === 0 || !onAddedLine(files, first.path, first.line)) {
      outcome.offDiff++;
      continue;
    }
    const text = texts.get(first.path);
    const suggestion = text ? suggestionFor(f, first, text.split(/\r\n|\r|\n/)[first.line - 1]) : undefined;
    const body = renderInlineComment(f, { fingerprint, profilePath: report.profile.path, acceptLabel: request.acceptLabel, suggestion });
    wanted.set(fingerprint, { finding: f, fingerprint, path: first.path, line: first.line, body });
  }

  const own = await listOwn(octokit, pr, request.listed);
  if (own.length === 0 && wanted.size === 0) return outcome;

  // What this run would write: twins to delete, comments to edit or settle, new ones to post.
  const twins = twinsOf(own);
  const kept = new Map(own.filter((c) => !twins.includes(c)).map((c) => [markerFingerprint(c.body)!, c]));
  const edits: { id: number; body: string; settles: boolean }[] = [];
  for (const [fingerprint, comment] of kept) {
    const want = wanted.get(fingerprint);
    if (want) {
      wanted.delete(fingerprint);
      outcome.onLine++;
      if (comment.body !== want.body) edits.push({ id: comment.id, body: want.body, settles: false });
      continue;
    }
    if (isSettled(comment.body)) continue;
    const acceptedFinding = accepted.get(fingerprint);
    const body = acceptedFinding
      ? renderSettledComment(comment.body, fingerprint, { kind: 'accepted', finding: acceptedFinding })
      : renderSettledComment(comment.body, fingerprint, { kind: 'resolved', sha: pr.headSha, why: whyGone(report) });
    edits.push({ id: comment.id, body, settles: true });
  }
  // A re-run with nothing to write costs the listing alone.
  if (twins.length === 0 && edits.length === 0 && wanted.size === 0) return outcome;

  // Writes come from the run of the pull request's current head only: lines of an older head
  // are not the lines a reader sees.
  const current = await request.currentHead();
  if (current !== pr.headSha) {
    outcome.stale = `this run reviewed ${pr.headSha.slice(0, 7)}, but the pull request is now at ${current.slice(0, 7)}`;
    outcome.onLine = 0;
    return outcome;
  }

  await deleteTwins(octokit, pr, twins);
  const toResolve: number[] = [];
  for (const edit of edits) {
    await editComment(octokit, pr, edit.id, edit.body);
    if (edit.settles) {
      outcome.settled++;
      toResolve.push(edit.id);
    } else outcome.edited++;
  }

  const fresh = [...wanted.values()];
  const posting = fresh.slice(0, request.limit);
  outcome.overLimit = fresh.length - posting.length;
  if (posting.length > 0) {
    if (await postReview(octokit, request, posting)) {
      outcome.posted = posting.length;
      outcome.onLine += posting.length;
      // A concurrent run may have posted the same findings: keep the oldest of each, as for the summary comment.
      await deleteTwins(octokit, pr, twinsOf(await listOwn(octokit, pr)));
    } else outcome.offDiff += posting.length;
  }

  if (toResolve.length > 0) {
    const resolved = await resolveThreads(octokit, pr, toResolve, request.log);
    if (typeof resolved === 'string') outcome.cannotResolve = resolved;
    else outcome.resolved = resolved;
  }
  return outcome;
}

/** The head's text of the files where a question could carry a suggestion (thread pools only). */
async function headTexts(request: InlineRequest): Promise<Map<string, string | null>> {
  if (!request.readHead) return new Map();
  const paths = new Set<string>();
  for (const f of request.report.findings) {
    if (f.rule !== 'threads-io-only' || f.accepted || !inlineWorthy(f, request.mode)) continue;
    const first = sortedPlaces(f, request.report.profile.path)[0];
    if (first.evidence !== undefined && /ThreadPool|multiprocessing\.dummy/.test(first.evidence)) paths.add(first.path);
  }
  if (paths.size === 0) return new Map();
  return request.readHead([...paths]);
}

/** Why a finding with an inline comment is no longer in the report. */
function whyGone(report: Report): string {
  return report.profile.found
    ? 'the code it was about no longer introduces it, or the profile on the base branch now declares what makes it fit'
    : 'the code it was about no longer introduces it';
}

async function listOwn(octokit: GitHubClient, pr: PullRequestRef, listed?: () => Promise<unknown[]>): Promise<ReviewComment[]> {
  const doing = `listing the review comments of pull request #${pr.number}`;
  try {
    const all = listed ? (await listed()).filter(isReviewComment) : await listAll(
      octokit,
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments',
      { owner: pr.owner, repo: pr.repo, pull_number: pr.number },
      isReviewComment,
      doing,
      'a list of review comments',
    );
    return all
      .filter((c) => c.user?.type === 'Bot' && !c.in_reply_to_id && markerFingerprint(c.body) !== undefined)
      .sort((a, b) => a.id - b.id);
  } catch (err) {
    throw explainGitHubError(err, doing);
  }
}

/** Every own comment after the oldest of its fingerprint (a concurrent run's twin). */
function twinsOf(own: ReviewComment[]): ReviewComment[] {
  const seen = new Set<string>();
  return own.filter((c) => {
    const fingerprint = markerFingerprint(c.body)!;
    if (seen.has(fingerprint)) return true;
    seen.add(fingerprint);
    return false;
  });
}

/** Deletes twins; one already gone (the other run deleted it) is fine. */
async function deleteTwins(octokit: GitHubClient, pr: PullRequestRef, twins: ReviewComment[]): Promise<void> {
  for (const c of twins) {
    try {
      await octokit.rest.pulls.deleteReviewComment({ owner: pr.owner, repo: pr.repo, comment_id: c.id });
    } catch (err) {
      if ((err as { status?: number }).status !== 404) throw explainGitHubError(err, `deleting a second inline comment on pull request #${pr.number}`);
    }
  }
}

async function editComment(octokit: GitHubClient, pr: PullRequestRef, id: number, body: string): Promise<void> {
  try {
    await octokit.rest.pulls.updateReviewComment({ owner: pr.owner, repo: pr.repo, comment_id: id, body });
  } catch (err) {
    // Deleted by a person since it was listed: nothing left to edit.
    if ((err as { status?: number }).status === 404) return;
    throw explainGitHubError(err, `updating an inline comment on pull request #${pr.number}`);
  }
}

/**
 * One review holding every new comment (one notification), never retried blindly. False when
 * GitHub refuses a line as not part of its diff (422): those findings stay in the summary.
 */
async function postReview(octokit: GitHubClient, request: InlineRequest, posting: Wanted[]): Promise<boolean> {
  const { pr } = request;
  const questions = posting.filter((w) => w.finding.verdict === 'question').length;
  const body =
    request.event === 'REQUEST_CHANGES'
      ? `architecture-review: ${questions} question(s) about concurrency or language choices, on their lines below.`
      : '';
  try {
    await octokit.rest.pulls.createReview({
      owner: pr.owner,
      repo: pr.repo,
      pull_number: pr.number,
      commit_id: pr.headSha,
      event: request.event,
      ...(body ? { body } : {}),
      comments: posting.map((w) => ({ path: w.path, line: w.line, side: 'RIGHT', body: w.body })),
      request: { retries: 0 },
    });
    return true;
  } catch (err) {
    if ((err as { status?: number }).status === 422) {
      request.log(`GitHub refused the inline comments (422: ${(err as Error).message.split('\n')[0]}); they stay in the summary comment`);
      return false;
    }
    throw explainGitHubError(err, `posting ${posting.length} inline comment(s) on pull request #${pr.number}`);
  }
}

const THREADS_QUERY = `query($owner: String!, $name: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      reviewThreads(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { id isResolved comments(first: 1) { nodes { databaseId } } }
      }
    }
  }
}`;

const RESOLVE_MUTATION = `mutation($threadId: ID!) {
  resolveReviewThread(input: { threadId: $threadId }) { thread { id isResolved } }
}`;

interface ThreadPage {
  repository?: {
    pullRequest?: {
      reviewThreads?: {
        pageInfo?: { hasNextPage?: boolean; endCursor?: string | null };
        nodes?: { id: string; isResolved: boolean; comments?: { nodes?: { databaseId?: number }[] } }[];
      };
    };
  };
}

/** GraphQL errors as Octokit throws them. */
function graphqlErrorTypes(err: unknown): string[] {
  const errors = (err as { errors?: { type?: string; message?: string }[] }).errors;
  return Array.isArray(errors) ? errors.map((e) => `${e.type ?? ''} ${e.message ?? ''}`) : [];
}

/**
 * Resolves the threads that start with `commentIds`: the number resolved, or, when GitHub
 * refuses (the default token has `contents: read`), why.
 */
async function resolveThreads(octokit: GitHubClient, pr: PullRequestRef, commentIds: number[], log: (m: string) => void): Promise<number | string> {
  const wanted = new Set(commentIds);
  const threads: string[] = [];
  let after: string | null = null;
  try {
    for (let page = 0; page < 100; page++) {
      const data: ThreadPage = await octokit.graphql<ThreadPage>(THREADS_QUERY, { owner: pr.owner, name: pr.repo, number: pr.number, after });
      const list = data.repository?.pullRequest?.reviewThreads;
      for (const t of list?.nodes ?? []) {
        const first = t.comments?.nodes?.[0]?.databaseId;
        if (!t.isResolved && first !== undefined && wanted.has(first)) threads.push(t.id);
      }
      if (!list?.pageInfo?.hasNextPage) break;
      after = list.pageInfo.endCursor ?? null;
    }
  } catch (err) {
    throw explainGitHubError(err, `listing the review threads of pull request #${pr.number}`);
  }
  let resolved = 0;
  for (const threadId of threads) {
    try {
      await octokit.graphql(RESOLVE_MUTATION, { threadId });
      resolved++;
    } catch (err) {
      const types = graphqlErrorTypes(err);
      if (types.some((t) => t.startsWith('FORBIDDEN')) || isReadOnlyRejection(err)) {
        return 'resolving review threads needs `contents: write` in the workflow\'s permissions (the comments were edited)';
      }
      log(`resolving a review thread of pull request #${pr.number} failed: ${types[0] ?? (err as Error).message}`);
    }
  }
  return resolved;
}
