import { UsageError } from '../errors.js';
import { COMMENT_MARKER, DEFAULT_MAX_LENGTH } from '../report/markdown.js';
import type { Finding, Verdict } from '../types.js';
import { explainGitHubError, isReadOnlyRejection, isRecord, listAll, unexpectedAnswer, type GitHubClient } from './github-client.js';
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
 * Returns the annotations to write and how many were left out. `warningsTaken` warnings were
 * already written in the step (the profile's own), and count against GitHub's 10.
 */
export function planAnnotations(findings: Finding[], warningsTaken = 0): { annotations: Annotation[]; omitted: number } {
  const ordered = [...findings].sort(
    (a, b) =>
      Number(a.accepted) - Number(b.accepted) ||
      ['question', 'recommend', 'info'].indexOf(a.verdict) - ['question', 'recommend', 'info'].indexOf(b.verdict),
  );
  const used: Record<AnnotationLevel, number> = { warning: Math.min(warningsTaken, ANNOTATIONS_PER_LEVEL), notice: 0 };
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
  body?: string | null;
  html_url: string;
  user?: { type?: string; login?: string } | null;
}

function isIssueComment(v: unknown): v is IssueComment {
  return (
    isRecord(v) &&
    typeof v.id === 'number' &&
    typeof v.html_url === 'string' &&
    (v.body === undefined || v.body === null || typeof v.body === 'string')
  );
}

/** The action's own comment: written by a bot, starting with the hidden marker. */
function isOwnComment(c: IssueComment): boolean {
  return (c.body ?? '').startsWith(COMMENT_MARKER) && c.user?.type === 'Bot';
}

const HEAD_TAG = /^<!-- architecture-review --><!-- architecture-review:head ([0-9a-f]{7,64}) -->/;

/**
 * The first line of the comment: the marker by which it is found again, then, hidden as well,
 * the head commit it reviews (for readers of the source, and for the notice of a stale run;
 * which head is current is asked of GitHub). One line, so that the comment still starts with
 * {@link COMMENT_MARKER} and renders as one HTML block.
 */
export function commentMarker(headSha: string): string {
  return `${COMMENT_MARKER}<!-- architecture-review:head ${headSha} -->`;
}

/** The head commit an own comment says it reviews; undefined for comments of older versions. */
export function commentHead(body: string | null | undefined): string | undefined {
  return HEAD_TAG.exec(body ?? '')?.[1];
}

/** When GitHub refuses a comment (422) although it is within the limit, it is posted once more cut to this. */
export const SHORT_COMMENT_LENGTH = 10_000;

/** Posts of the comment before giving up, when a post may or may not have taken effect. */
const MAX_CREATE_ATTEMPTS = 3;

export type CommentOutcome =
  | { kind: 'created' | 'updated' | 'unchanged'; url: string }
  /** Another run reviews the pull request's current head: this run leaves the comment to it. */
  | { kind: 'stale'; why: string; url: string }
  | { kind: 'skipped'; why: string }
  | { kind: 'read-only'; why: string };

export interface CommentRequest {
  pr: PullRequestRef;
  /** Renders the comment: `marker` as its first line, at most `maxLength` characters. */
  render: (options: { marker: string; maxLength: number }) => string;
  /** `auto` posts only when there is something to say (and turns an earlier comment all clear). */
  mode: 'auto' | 'always' | 'never';
  hasFindings: boolean;
  /** The pull request's comments as already listed in this run: the first listing is not repeated. */
  listed?: () => Promise<unknown[]>;
  /** The pull request's head now, as read once for the whole run (src/action/conversation.ts). */
  currentHead: () => Promise<string>;
  log: (message: string) => void;
}

/**
 * Keeps exactly one comment per pull request, also when runs race (a re-run and a push) and
 * when GitHub fails half-way:
 * - the comment is found by its marker across every page of comments; the oldest one is kept
 *   and any other is deleted;
 * - a comment that already says what this run would say is left alone;
 * - a comment about another head is overwritten only after GitHub confirms that this run's head
 *   is the pull request's current one; otherwise this run is stale and leaves it (`stale`);
 * - a post that failed in a way that may have taken effect (5xx, broken connection) is never
 *   simply repeated: the comments are listed again and a comment found there is adopted;
 * - a 422 on a comment within GitHub's limit is retried once with a much shorter comment.
 * With `mode: auto` it posts only when there are findings, and turns an earlier comment into
 * "all clear" when they are gone.
 */
export async function upsertComment(octokit: GitHubClient, request: CommentRequest): Promise<CommentOutcome> {
  if (request.mode === 'never') return { kind: 'skipped', why: 'input comment is never' };
  try {
    return await new CommentPublisher(octokit, request).publish();
  } catch (err) {
    if (isReadOnlyRejection(err)) {
      return { kind: 'read-only', why: 'the token is read-only (GitHub answered "Resource not accessible by integration")' };
    }
    throw err;
  }
}

/** A write that failed with a 4xx did not take effect; anything else (5xx, no answer) may have. */
function mayHaveTakenEffect(err: unknown): boolean {
  const e = err as { status?: number; response?: unknown };
  return !(e.response !== undefined && typeof e.status === 'number' && e.status >= 400 && e.status < 500);
}

class CommentPublisher {
  private body: string;
  private shortened = false;
  /** Set when the comment vanished during an update and the work started over. */
  private restarted = false;
  private readonly where: string;

  constructor(
    private readonly octokit: GitHubClient,
    private readonly request: CommentRequest,
  ) {
    this.body = request.render({ marker: commentMarker(request.pr.headSha), maxLength: DEFAULT_MAX_LENGTH });
    this.where = `pull request #${request.pr.number}`;
  }

  async publish(): Promise<CommentOutcome> {
    const own = await this.listOwn(this.request.listed);
    if (own.length === 0) {
      if (this.request.mode === 'auto' && !this.request.hasFindings) return { kind: 'skipped', why: 'nothing to review and no earlier comment' };
      return this.create();
    }
    return this.settle(own, {});
  }

  /** Own comments, oldest first. */
  private async listOwn(listed?: () => Promise<unknown[]>): Promise<IssueComment[]> {
    const { owner, repo, number } = this.request.pr;
    const doing = `listing the comments of ${this.where}`;
    try {
      const comments = listed ? (await listed()).filter(isIssueComment) : await listAll(
        this.octokit,
        'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
        { owner, repo, issue_number: number },
        isIssueComment,
        doing,
        'a list of comments',
      );
      return comments.filter(isOwnComment).sort((a, b) => a.id - b.id);
    } catch (err) {
      throw explainGitHubError(err, doing);
    }
  }

  private async create(): Promise<CommentOutcome> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= MAX_CREATE_ATTEMPTS; attempt++) {
      let created: IssueComment | undefined;
      try {
        created = await this.post();
        if (!created) this.request.log(`posting the comment on ${this.where}: GitHub's answer is not a comment; checking whether it was created`);
      } catch (err) {
        if (!mayHaveTakenEffect(err)) throw explainGitHubError(err, this.posting());
        lastError = err;
        this.request.log(`posting the comment on ${this.where} failed (${(err as Error).message.split('\n')[0]}); checking whether it was created`);
      }
      // Every create is followed by a second listing: a concurrent run (a push, a label, a second
      // workflow on the same event, even the first run of `opened`) may have posted a twin.
      let own: IssueComment[];
      try {
        own = await this.listOwn();
      } catch (err) {
        // The comment is there; only the check for a twin failed.
        if (created) {
          this.request.log(`${(err as Error).message}; the comment was created, but not checked for a twin`);
          return { kind: 'created', url: created.html_url };
        }
        throw err;
      }
      if (own.length > 0) return this.settle(own, { created: created?.id, afterPost: true });
      // Not listed (yet): never post a second one after a clean create.
      if (created) return { kind: 'created', url: created.html_url };
    }
    if (lastError === undefined) throw unexpectedAnswer(this.posting(), 'the created comment', undefined);
    throw explainGitHubError(lastError, this.posting());
  }

  private posting(): string {
    return `posting the review comment on ${this.where}${this.shortened ? ` (even cut to ${SHORT_COMMENT_LENGTH} characters)` : ''}`;
  }

  /** Keeps the oldest own comment, deletes the others, and brings the kept one up to date when this run is current. */
  private async settle(own: IssueComment[], how: { created?: number; afterPost?: boolean }): Promise<CommentOutcome> {
    const [keep, ...twins] = own as [IssueComment, ...IssueComment[]];
    for (const twin of twins) await this.remove(twin);
    // After a post: the kept comment is this run's (created, or adopted after a failed answer),
    // unless a concurrent run's is older.
    const mine = how.created === keep.id || (how.afterPost === true && how.created === undefined && keep.body === this.body);
    if (keep.body === this.body) return { kind: mine ? 'created' : 'unchanged', url: keep.html_url };
    // Overwrite only as the run of the current head. Also when the comment shows this run's
    // head: a re-run whose comment differs (a label since) must not undo a newer push's run.
    const current = await this.request.currentHead();
    if (current !== this.request.pr.headSha) {
      const short = (sha: string) => sha.slice(0, 7);
      const shown = commentHead(keep.body);
      return {
        kind: 'stale',
        why:
          `this run reviewed ${short(this.request.pr.headSha)}, but ${this.where} is now at ${short(current)}: ` +
          `the comment${shown ? ` (on ${short(shown)})` : ''} is left to the run for ${short(current)}`,
        url: keep.html_url,
      };
    }
    const updated = await this.patch(keep);
    if (updated === 'gone') {
      // Deleted since it was listed (by a person, or a concurrent run): start over, once.
      if (this.restarted) throw new UsageError(`updating the review comment on ${this.where} failed: it was deleted twice while being updated; re-run the job`);
      this.restarted = true;
      return this.publish();
    }
    return { kind: mine ? 'created' : 'updated', url: updated ?? keep.html_url };
  }

  /** POST, never retried by the client: a retry of a post that took effect would be a twin. */
  private async post(): Promise<IssueComment | undefined> {
    const { owner, repo, number } = this.request.pr;
    const res = await this.shortenOn422(() =>
      this.octokit.rest.issues.createComment({ owner, repo, issue_number: number, body: this.body, request: { retries: 0 } }),
    );
    return isIssueComment(res.data) ? res.data : undefined;
  }

  /** PATCH (idempotent, so retried by the client); 'gone' when the comment no longer exists. */
  private async patch(comment: IssueComment): Promise<string | undefined | 'gone'> {
    const { owner, repo } = this.request.pr;
    try {
      const res = await this.shortenOn422(() => this.octokit.rest.issues.updateComment({ owner, repo, comment_id: comment.id, body: this.body }));
      return isIssueComment(res.data) ? res.data.html_url : undefined;
    } catch (err) {
      if ((err as { status?: number }).status === 404) return 'gone';
      throw explainGitHubError(err, `updating the review comment on ${this.where}${this.shortened ? ` (even cut to ${SHORT_COMMENT_LENGTH} characters)` : ''}`);
    }
  }

  private async remove(comment: IssueComment): Promise<void> {
    const { owner, repo } = this.request.pr;
    this.request.log(`deleting a second review comment on ${this.where} (${comment.html_url}), posted by a concurrent run or a retried post`);
    try {
      await this.octokit.rest.issues.deleteComment({ owner, repo, comment_id: comment.id });
    } catch (err) {
      // Already deleted, by the concurrent run that found the same twin.
      if ((err as { status?: number }).status === 404) return;
      throw explainGitHubError(err, `deleting a second review comment on ${this.where}`);
    }
  }

  /** Runs a write; on a 422 (GitHub refuses the comment) renders a much shorter one and tries once more. */
  private async shortenOn422<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if ((err as { status?: number }).status !== 422 || this.shortened) throw err;
      this.request.log(`GitHub refused the comment (422: ${(err as Error).message.split('\n')[0]}); posting it cut to ${SHORT_COMMENT_LENGTH} characters`);
      this.shortened = true;
      this.body = this.request.render({ marker: commentMarker(this.request.pr.headSha), maxLength: SHORT_COMMENT_LENGTH });
      return await write();
    }
  }

}
