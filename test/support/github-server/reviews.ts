/**
 * Pull request reviews and review comments (comments on lines of the diff), and the threads
 * they form: each top-level review comment starts a thread, replies join it.
 *
 * Lines are checked as GitHub checks them: a comment on `line` of side RIGHT must name a line of
 * the new file that the file's patch shows (added or context), on LEFT a line of the old file
 * (deleted or context); otherwise GitHub answers 422 "Line could not be resolved" and creates
 * nothing of the review.
 */
import {
  MAX_COMMENT_LENGTH,
  authorAssociation,
  bodyText,
  docs,
  errorReply,
  longerThan,
  noReactions,
  notFound,
  pageReply,
  pullOf,
  repoApi,
  repoHtml,
  timestamp,
  unprocessable,
  type Handler,
  type RouteContext,
  type RouteReply,
} from './context.js';
import { findPatchLine, patchLines, type PatchLine } from './diff.js';
import { GITHUB_ACTIONS_BOT, renderUser, type JsonObject, type UserRef } from './objects.js';
import {
  FIXED_TIME,
  graphNodeId,
  takeCommentId,
  takeReviewId,
  threadOf,
  type DiffSide,
  type GitHubState,
  type PullRequestState,
  type ReviewCommentInput,
  type ReviewCommentState,
  type ReviewState,
} from './state.js';

/** Where a review comment sits in a PR's diff, once resolved. */
interface Anchor {
  path: string;
  line: number;
  side: DiffSide;
  start_line: number | null;
  diff_hunk: string;
  position: number | null;
}

/** A comment of a review (or a lone review comment) as a client sends it. */
interface DraftComment {
  path?: unknown;
  body?: unknown;
  line?: unknown;
  side?: unknown;
  start_line?: unknown;
  start_side?: unknown;
  position?: unknown;
}

const EVENT_STATES = { APPROVE: 'APPROVED', REQUEST_CHANGES: 'CHANGES_REQUESTED', COMMENT: 'COMMENTED' } as const;

function sameLogin(a: UserRef, b: UserRef): boolean {
  return a.login.toLowerCase() === b.login.toLowerCase();
}

function discussionUrl(state: GitHubState, serverUrl: string, pull: number, id: number): string {
  return `${serverUrl}/${state.repository.owner}/${state.repository.repo}/pull/${pull}#discussion_r${id}`;
}

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

/**
 * Resolves a comment's path and line(s) against the PR's patch, or says why GitHub would not.
 * `position` (the deprecated way) is accepted when no `line` is given.
 */
function anchorOf(pull: PullRequestState, draft: DraftComment): Anchor | { error: string } {
  const file = pull.files.find((f) => f.filename === draft.path);
  if (!file) return { error: 'Path could not be resolved' };
  if (file.patch === undefined || file.patch === '') return { error: 'Line could not be resolved' };
  let target: PatchLine | undefined;
  if (isInteger(draft.line)) {
    const side = draft.side ?? 'RIGHT';
    if (side !== 'RIGHT' && side !== 'LEFT') return { error: 'Line could not be resolved' };
    target = findPatchLine(file.patch, draft.line, side);
  } else if (isInteger(draft.position)) {
    target = patchLines(file.patch).find((l) => l.position === draft.position);
  }
  if (!target) return { error: 'Line could not be resolved' };
  const side: DiffSide = target.kind === '-' ? 'LEFT' : (draft.side as DiffSide | undefined) ?? 'RIGHT';
  const line = (side === 'RIGHT' ? target.newLine : target.oldLine) as number;
  let startLine: number | null = null;
  if (isInteger(draft.start_line)) {
    const startSide = draft.start_side === 'LEFT' || draft.start_side === 'RIGHT' ? draft.start_side : side;
    const start = findPatchLine(file.patch, draft.start_line, startSide);
    if (!start || start.hunk !== target.hunk) return { error: 'Pull request review thread start line must be part of the same hunk as the line.' };
    if (start.position >= target.position) return { error: 'Pull request review thread start line must precede the end line.' };
    startLine = draft.start_line;
  }
  return { path: file.filename, line, side, start_line: startLine, diff_hunk: target.diffHunk, position: target.position };
}

/** Adds a review comment to the state: a top-level one starts a thread, a reply joins its parent's. */
function addComment(
  state: GitHubState,
  serverUrl: string,
  fields: Omit<ReviewCommentState, 'id' | 'node_id' | 'html_url'>,
): ReviewCommentState {
  const id = takeCommentId(state);
  const comment: ReviewCommentState = {
    id,
    node_id: graphNodeId('PRRC', state.repository.id, id),
    ...fields,
    html_url: discussionUrl(state, serverUrl, fields.pull_number, id),
  };
  state.reviewComments.push(comment);
  const thread = comment.in_reply_to_id === undefined ? undefined : threadOf(state, comment.in_reply_to_id);
  if (thread) thread.commentIds.push(id);
  else state.reviewThreads.push({ id: graphNodeId('PRRT', state.repository.id, id), pull_number: comment.pull_number, isResolved: false, commentIds: [id] });
  return comment;
}

function addReview(state: GitHubState, fields: Omit<ReviewState, 'id' | 'node_id'>): ReviewState {
  const id = takeReviewId(state);
  const review: ReviewState = { id, node_id: graphNodeId('PRR', state.repository.id, id), ...fields };
  state.reviews.push(review);
  return review;
}

/**
 * Registers the review comments a test states (`reviewComments` option), each in a review of its
 * own, as GitHub files a lone comment or a reply. Throws on an input that names no PR or no
 * earlier comment: a mistake in the test, not a request to answer.
 */
export function seedReviewComments(state: GitHubState, inputs: ReviewCommentInput[], serverUrl: string): void {
  const created: ReviewCommentState[] = [];
  inputs.forEach((input, index) => {
    const pull = state.pulls.get(input.pull_number);
    if (!pull) throw new Error(`reviewComments[${index}]: pull_number ${input.pull_number} is not one of the server's pulls`);
    const parent = input.replyTo === undefined ? undefined : created[input.replyTo];
    if (input.replyTo !== undefined && !parent) throw new Error(`reviewComments[${index}]: replyTo ${input.replyTo} names no earlier comment`);
    const root = parent?.in_reply_to_id ?? parent?.id;
    const path = input.path ?? parent?.path;
    if (path === undefined) throw new Error(`reviewComments[${index}]: a top-level review comment needs a path`);
    const user = typeof input.user === 'string' ? { login: input.user } : (input.user ?? GITHUB_ACTIONS_BOT);
    const created_at = input.created_at ?? FIXED_TIME;
    const line = input.line ?? parent?.line ?? 1;
    const side = input.side ?? parent?.side ?? 'RIGHT';
    const patch = pull.files.find((f) => f.filename === path)?.patch;
    const at = patch === undefined ? undefined : findPatchLine(patch, line, side);
    const commit = input.commit_id ?? pull.head.sha;
    const review = addReview(state, { pull_number: pull.number, user, body: '', state: 'COMMENTED', commit_id: commit, submitted_at: created_at });
    const comment = addComment(state, serverUrl, {
      pull_number: pull.number,
      review_id: review.id,
      user,
      body: input.body,
      path,
      line,
      side,
      start_line: input.start_line ?? null,
      commit_id: commit,
      original_commit_id: commit,
      ...(root !== undefined ? { in_reply_to_id: root } : {}),
      diff_hunk: at?.diffHunk ?? `@@ -${line} +${line} @@`,
      position: at?.position ?? null,
      created_at,
      updated_at: input.updated_at ?? created_at,
    });
    if (input.resolved && root === undefined) {
      const thread = threadOf(state, comment.id);
      if (thread) Object.assign(thread, { isResolved: true, resolvedBy: user });
    }
    created.push(comment);
  });
}

function reviewOf(state: GitHubState, id: number): ReviewState | undefined {
  return state.reviews.find((r) => r.id === id);
}

/** Pending reviews and their comments are seen by their author only. */
function visible(ctx: RouteContext, comment: ReviewCommentState): boolean {
  const review = reviewOf(ctx.state, comment.review_id);
  return review?.state !== 'PENDING' || sameLogin(review.user, ctx.state.actor);
}

function renderReviewComment(ctx: RouteContext, c: ReviewCommentState): JsonObject {
  const api = repoApi(ctx);
  const self = `${api}/pulls/comments/${c.id}`;
  const pullUrl = `${api}/pulls/${c.pull_number}`;
  const out: JsonObject = {
    url: self,
    pull_request_review_id: c.review_id,
    id: c.id,
    node_id: c.node_id,
    diff_hunk: c.diff_hunk,
    path: c.path,
  };
  if (c.position !== null) Object.assign(out, { position: c.position, original_position: c.position });
  Object.assign(out, { commit_id: c.commit_id, original_commit_id: c.original_commit_id });
  if (c.in_reply_to_id !== undefined) out.in_reply_to_id = c.in_reply_to_id;
  return {
    ...out,
    user: renderUser(c.user, ctx.hosts),
    body: c.body,
    created_at: c.created_at,
    updated_at: c.updated_at,
    html_url: c.html_url,
    pull_request_url: pullUrl,
    author_association: authorAssociation(c.user),
    _links: { self: { href: self }, html: { href: c.html_url }, pull_request: { href: pullUrl } },
    reactions: noReactions(`${self}/reactions`),
    start_line: c.start_line,
    original_start_line: c.start_line,
    start_side: c.start_line === null ? null : c.side,
    line: c.line,
    original_line: c.line,
    side: c.side,
    subject_type: 'line',
  };
}

function renderReview(ctx: RouteContext, review: ReviewState): JsonObject {
  const pullUrl = `${repoApi(ctx)}/pulls/${review.pull_number}`;
  const html = `${repoHtml(ctx)}/pull/${review.pull_number}#pullrequestreview-${review.id}`;
  return {
    id: review.id,
    node_id: review.node_id,
    user: renderUser(review.user, ctx.hosts),
    body: review.body,
    state: review.state,
    html_url: html,
    pull_request_url: pullUrl,
    author_association: authorAssociation(review.user),
    _links: { html: { href: html }, pull_request: { href: pullUrl } },
    ...(review.submitted_at !== undefined ? { submitted_at: review.submitted_at } : {}),
    commit_id: review.commit_id,
  };
}

/** The 422 of a review comment body above the limit (the shape of GitHub's other body limits). */
function commentTooLong(ctx: RouteContext, body: string): RouteReply | undefined {
  if (!longerThan(body, MAX_COMMENT_LENGTH)) return undefined;
  return errorReply(422, 'Validation Failed', docs(ctx), {
    errors: [{ resource: 'PullRequestReviewComment', code: 'custom', field: 'body', message: `body is too long (maximum is ${MAX_COMMENT_LENGTH} characters)` }],
  });
}

function findReviewComment(ctx: RouteContext): ReviewCommentState | undefined {
  const id = Number(ctx.params.comment_id);
  const comment = ctx.state.reviewComments.find((c) => c.id === id);
  return comment && visible(ctx, comment) ? comment : undefined;
}

/** A reply by the token's actor to `parent`'s thread (in a review of its own, as GitHub files it). */
function reply(ctx: RouteContext, pull: PullRequestState, parent: ReviewCommentState, body: string): RouteReply {
  if (parent.in_reply_to_id !== undefined) {
    ctx.report(`comment ${parent.id} is a reply; GitHub documents that replies to replies are not supported (the reply joins the thread)`);
  }
  const root = ctx.state.reviewComments.find((c) => c.id === parent.in_reply_to_id) ?? parent;
  const now = timestamp(ctx.now());
  const review = addReview(ctx.state, { pull_number: pull.number, user: ctx.state.actor, body: '', state: 'COMMENTED', commit_id: pull.head.sha, submitted_at: now });
  const comment = addComment(ctx.state, ctx.hosts.serverUrl, {
    pull_number: pull.number,
    review_id: review.id,
    user: ctx.state.actor,
    body,
    path: root.path,
    line: root.line,
    side: root.side,
    start_line: root.start_line,
    commit_id: pull.head.sha,
    original_commit_id: root.original_commit_id,
    in_reply_to_id: root.id,
    diff_hunk: root.diff_hunk,
    position: root.position,
    created_at: now,
    updated_at: now,
  });
  const json = renderReviewComment(ctx, comment);
  return { status: 201, json, headers: { location: String(json.url) } };
}

function listReviewComments(ctx: RouteContext): RouteReply {
  const pull = pullOf(ctx);
  if (!pull) return notFound(ctx);
  const since = ctx.query.get('since');
  let comments = ctx.state.reviewComments.filter((c) => c.pull_number === pull.number && visible(ctx, c));
  if (since) comments = comments.filter((c) => c.updated_at >= timestamp(new Date(since)));
  // Ascending by id unless sorted; `direction` only counts with `sort`.
  const sort = ctx.query.get('sort');
  const key = (c: ReviewCommentState) => (sort === 'updated' ? c.updated_at : sort === 'created' ? c.created_at : '');
  comments = [...comments].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id - b.id));
  if (sort && ctx.query.get('direction') === 'desc') comments.reverse();
  return pageReply(ctx.paginate(comments.map((c) => renderReviewComment(ctx, c))));
}

function createReview(ctx: RouteContext): RouteReply {
  const pull = pullOf(ctx);
  if (!pull) return notFound(ctx);
  const input = (ctx.body ?? {}) as { commit_id?: string; body?: string; event?: keyof typeof EVENT_STATES; comments?: DraftComment[] };
  const body = input.body ?? '';
  const drafts = input.comments ?? [];
  const { actor } = ctx.state;
  if (input.event === 'APPROVE' && sameLogin(pull.user, actor)) return unprocessable(ctx, ['Can not approve your own pull request']);
  if (input.event === 'REQUEST_CHANGES' && sameLogin(pull.user, actor)) return unprocessable(ctx, ['Can not request changes on your own pull request']);
  if ((input.event === 'REQUEST_CHANGES' || input.event === 'COMMENT') && body === '' && drafts.length === 0) {
    // GitHub's documented rule; the wording of its answer is not.
    return unprocessable(ctx, [`Body is required for a review with event ${input.event}`]);
  }
  if (longerThan(body, MAX_COMMENT_LENGTH) || drafts.some((d) => longerThan(String(d.body ?? ''), MAX_COMMENT_LENGTH))) {
    return unprocessable(ctx, [`Body is too long (maximum is ${MAX_COMMENT_LENGTH} characters)`]);
  }
  const state = input.event === undefined ? 'PENDING' : EVENT_STATES[input.event];
  if (state === 'PENDING' && ctx.state.reviews.some((r) => r.pull_number === pull.number && r.state === 'PENDING' && sameLogin(r.user, actor))) {
    return unprocessable(ctx, ['User can only have one pending review per pull request']);
  }
  // All or nothing: every comment must resolve before anything is created.
  const anchors: Anchor[] = [];
  const errors = new Set<string>();
  for (const draft of drafts) {
    const anchor = anchorOf(pull, draft);
    if ('error' in anchor) errors.add(anchor.error);
    else anchors.push(anchor);
  }
  if (errors.size > 0) return unprocessable(ctx, [...errors]);
  const commit = input.commit_id ?? pull.head.sha;
  const now = timestamp(ctx.now());
  const review = addReview(ctx.state, {
    pull_number: pull.number,
    user: actor,
    body,
    state,
    commit_id: commit,
    ...(state === 'PENDING' ? {} : { submitted_at: now }),
  });
  anchors.forEach((anchor, i) =>
    addComment(ctx.state, ctx.hosts.serverUrl, {
      pull_number: pull.number,
      review_id: review.id,
      user: actor,
      body: String(drafts[i]?.body ?? ''),
      ...anchor,
      commit_id: commit,
      original_commit_id: commit,
      created_at: now,
      updated_at: now,
    }),
  );
  return { status: 200, json: renderReview(ctx, review) };
}

function createReviewComment(ctx: RouteContext): RouteReply {
  const pull = pullOf(ctx);
  if (!pull) return notFound(ctx);
  const input = (ctx.body ?? {}) as DraftComment & { commit_id?: string; in_reply_to?: number; subject_type?: string };
  const body = bodyText(ctx);
  const tooLong = commentTooLong(ctx, body);
  if (tooLong) return tooLong;
  if (input.in_reply_to !== undefined) {
    const parent = ctx.state.reviewComments.find((c) => c.id === input.in_reply_to && c.pull_number === pull.number);
    return parent ? reply(ctx, pull, parent, body) : notFound(ctx);
  }
  if (input.subject_type === 'file') {
    ctx.report('file-level review comments (subject_type: file) are not implemented by the test server');
    return unprocessable(ctx, ['subject_type file is not implemented by the test server']);
  }
  const anchor = anchorOf(pull, input);
  if ('error' in anchor) return unprocessable(ctx, [anchor.error]);
  const commit = input.commit_id ?? pull.head.sha;
  const now = timestamp(ctx.now());
  const review = addReview(ctx.state, { pull_number: pull.number, user: ctx.state.actor, body: '', state: 'COMMENTED', commit_id: commit, submitted_at: now });
  const comment = addComment(ctx.state, ctx.hosts.serverUrl, {
    pull_number: pull.number,
    review_id: review.id,
    user: ctx.state.actor,
    body,
    ...anchor,
    commit_id: commit,
    original_commit_id: commit,
    created_at: now,
    updated_at: now,
  });
  const json = renderReviewComment(ctx, comment);
  return { status: 201, json, headers: { location: String(json.url) } };
}

/** Review and review comment operations, by operationId. */
export const REVIEW_HANDLERS: Record<string, Handler> = {
  'pulls/list-review-comments': listReviewComments,

  'pulls/get-review-comment': (ctx) => {
    const comment = findReviewComment(ctx);
    return comment ? { status: 200, json: renderReviewComment(ctx, comment) } : notFound(ctx);
  },

  'pulls/update-review-comment': (ctx) => {
    const comment = findReviewComment(ctx);
    if (!comment) return notFound(ctx);
    const body = bodyText(ctx);
    const tooLong = commentTooLong(ctx, body);
    if (tooLong) return tooLong;
    comment.body = body;
    comment.updated_at = timestamp(ctx.now());
    return { status: 200, json: renderReviewComment(ctx, comment) };
  },

  'pulls/delete-review-comment': (ctx) => {
    const comment = findReviewComment(ctx);
    if (!comment) return notFound(ctx);
    const { state } = ctx;
    state.reviewComments.splice(state.reviewComments.indexOf(comment), 1);
    // The thread outlives its first comment while replies remain.
    const thread = threadOf(state, comment.id);
    if (thread) {
      thread.commentIds = thread.commentIds.filter((id) => id !== comment.id);
      if (thread.commentIds.length === 0) state.reviewThreads.splice(state.reviewThreads.indexOf(thread), 1);
    }
    return { status: 204 };
  },

  'pulls/create-reply-for-review-comment': (ctx) => {
    const pull = pullOf(ctx);
    if (!pull) return notFound(ctx);
    const parent = findReviewComment(ctx);
    if (!parent || parent.pull_number !== pull.number) return notFound(ctx);
    const body = bodyText(ctx);
    return commentTooLong(ctx, body) ?? reply(ctx, pull, parent, body);
  },

  'pulls/create-review-comment': createReviewComment,
  'pulls/create-review': createReview,

  'pulls/list-reviews': (ctx) => {
    const pull = pullOf(ctx);
    if (!pull) return notFound(ctx);
    const reviews = ctx.state.reviews.filter((r) => r.pull_number === pull.number && (r.state !== 'PENDING' || sameLogin(r.user, ctx.state.actor)));
    return pageReply(ctx.paginate(reviews.map((r) => renderReview(ctx, r))));
  },

  'pulls/get-review': (ctx) => {
    const pull = pullOf(ctx);
    const review = reviewOf(ctx.state, Number(ctx.params.review_id));
    if (!pull || !review || review.pull_number !== pull.number) return notFound(ctx);
    if (review.state === 'PENDING' && !sameLogin(review.user, ctx.state.actor)) return notFound(ctx);
    return { status: 200, json: renderReview(ctx, review) };
  },
};
