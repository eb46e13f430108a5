import { Octokit } from '@octokit/rest';
import { afterEach, describe, expect, test } from 'vitest';
import {
  MAX_COMMENT_LENGTH,
  startGitHubServer,
  type GitHubServer,
  type GitHubServerOptions,
  type ReviewCommentInput,
} from './github-server/index.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const running: GitHubServer[] = [];

/** A server that checks its own responses too; closed after each test. */
async function start(options: GitHubServerOptions = {}): Promise<GitHubServer> {
  const server = await startGitHubServer({ validateResponses: true, ...options });
  running.push(server);
  return server;
}

function clientFor(server: GitHubServer, baseUrl = server.url): Octokit {
  return new Octokit({ auth: server.state.token, baseUrl, log: quiet });
}

const repo = { owner: 'octo-org', repo: 'octo-repo' };

/** The error an Octokit call fails with. */
async function failure(call: Promise<unknown>): Promise<{ status: number; response: { data: unknown; headers: Record<string, string> } }> {
  try {
    await call;
  } catch (error) {
    return error as { status: number; response: { data: unknown; headers: Record<string, string> } };
  }
  throw new Error('expected the request to fail');
}

afterEach(async () => {
  const servers = running.splice(0);
  const leftovers = servers.flatMap((s) => s.violations);
  await Promise.all(servers.map((s) => s.close()));
  expect(leftovers).toEqual([]);
});

// app.py: line 10 changes, so the patch shows lines 7–13 (three lines of context each side).
const lines = (n: number, change?: (i: number) => string | undefined) =>
  `${Array.from({ length: n }, (_, i) => change?.(i + 1) ?? `line ${i + 1}`).join('\n')}\n`;
const BASE = { 'app.py': lines(20), 'old.py': 'gone = 1\n' };
const HEAD = { 'app.py': lines(20, (i) => (i === 10 ? 'changed 10' : undefined)), 'new.py': 'a = 1\nb = 2\n' };
/** PR 7, by octo-contributor, changing app.py, adding new.py and removing old.py. */
const PULL = { number: 7, base: { tree: BASE }, head: { tree: HEAD } };

describe('review comments', () => {
  test('250 comments list oldest first over 3 pages of 100, with GitHub Link headers', async () => {
    const reviewComments: ReviewCommentInput[] = Array.from({ length: 250 }, (_, i) => ({
      pull_number: 7,
      path: 'app.py',
      line: 10,
      body: `note ${i + 1}`,
      user: i % 2 === 0 ? 'octo-reviewer' : undefined,
    }));
    const server = await start({ pulls: [PULL], reviewComments });
    const octokit = clientFor(server);
    const all = await octokit.paginate(octokit.rest.pulls.listReviewComments, { ...repo, pull_number: 7, per_page: 100 });
    expect(all.map((c) => c.body)).toEqual(reviewComments.map((c) => c.body));
    expect(all.map((c) => c.id)).toEqual([...all.map((c) => c.id)].sort((a, b) => a - b));
    expect(server.requests.filter((r) => r.operationId === 'pulls/list-review-comments')).toHaveLength(3);
    expect(all[0]).toMatchObject({
      path: 'app.py',
      line: 10,
      original_line: 10,
      side: 'RIGHT',
      position: 5,
      diff_hunk: '@@ -7,7 +7,7 @@ line 6\n line 7\n line 8\n line 9\n-line 10\n+changed 10',
      commit_id: server.state.pulls.get(7)?.head.sha,
      user: { login: 'octo-reviewer', type: 'User' },
      author_association: 'MEMBER',
      html_url: `https://github.com/octo-org/octo-repo/pull/7#discussion_r${all[0]?.id}`,
    });
    expect(all[1]).toMatchObject({ user: { login: 'github-actions[bot]', type: 'Bot' }, author_association: 'NONE' });
    const first = await fetch(`${server.url}/repos/octo-org/octo-repo/pulls/7/comments?per_page=100`, {
      headers: { authorization: `token ${server.state.token}` },
    });
    const base = `${server.url}/repositories/${server.state.repository.id}/pulls/7/comments`;
    expect(first.headers.get('link')).toBe(`<${base}?per_page=100&page=2>; rel="next", <${base}?per_page=100&page=3>; rel="last"`);
    expect(server.threadsOn(7)).toHaveLength(250);
    const { data: pull } = await octokit.rest.pulls.get({ ...repo, pull_number: 7 });
    expect(pull.review_comments).toBe(250);
  });

  test('ids come from the issue comments counter: unique across both kinds, above 2^31', async () => {
    const server = await start({
      pulls: [PULL],
      comments: [{ issue_number: 7, body: 'summary' }],
      reviewComments: [{ pull_number: 7, path: 'new.py', line: 1, body: 'inline' }],
    });
    const octokit = clientFor(server);
    const issue = await octokit.rest.issues.createComment({ ...repo, issue_number: 7, body: 'another' });
    const [seeded] = server.reviewCommentsOn(7);
    const ids = [server.commentsOn(7)[0]?.id, seeded?.id, issue.data.id];
    expect(new Set(ids).size).toBe(3);
    expect(Math.min(...(ids as number[]))).toBeGreaterThan(2 ** 31);
    expect(issue.data.id).toBeGreaterThan(seeded?.id ?? Infinity);
  });

  test('a reply joins its parent thread; seeded replies too; a reply to a reply is reported and joins the thread', async () => {
    const server = await start({
      pulls: [PULL],
      reviewComments: [
        { pull_number: 7, path: 'app.py', line: 10, body: 'Why a thread here?', user: 'octo-reviewer' },
        { pull_number: 7, replyTo: 0, body: 'It is I/O-bound.' },
        { pull_number: 7, path: 'new.py', line: 2, body: 'ok', resolved: true, user: 'octo-reviewer' },
      ],
    });
    const octokit = clientFor(server);
    const [question, answer, other] = server.reviewCommentsOn(7);
    expect(answer).toMatchObject({ in_reply_to_id: question?.id, path: 'app.py', line: 10 });
    const reply = await octokit.rest.pulls.createReplyForReviewComment({ ...repo, pull_number: 7, comment_id: question?.id ?? 0, body: 'Measured: 40 ms.' });
    expect(reply.status).toBe(201);
    expect(reply.data).toMatchObject({ in_reply_to_id: question?.id, path: 'app.py', line: 10, side: 'RIGHT', user: { login: 'github-actions[bot]' } });
    expect(reply.headers.location).toBe(`${server.url}/repos/octo-org/octo-repo/pulls/comments/${reply.data.id}`);
    expect(server.threadsOn(7).map((t) => [t.isResolved, t.commentIds])).toEqual([
      [false, [question?.id, answer?.id, reply.data.id]],
      [true, [other?.id]],
    ]);
    expect(server.threadsOn(7)[0]?.id).toMatch(/^PRRT_kwDO/);

    await octokit.rest.pulls.createReplyForReviewComment({ ...repo, pull_number: 7, comment_id: reply.data.id, body: 'again' });
    expect(server.violations).toEqual([
      `POST /repos/octo-org/octo-repo/pulls/7/comments/${reply.data.id}/replies (pulls/create-reply-for-review-comment): comment ${reply.data.id} is a reply; GitHub documents that replies to replies are not supported (the reply joins the thread)`,
    ]);
    server.violations.length = 0;
    expect(server.threadsOn(7)[0]?.commentIds).toHaveLength(4);
    expect(server.reviewCommentsOn(7).at(-1)?.in_reply_to_id).toBe(question?.id);
    // A reply is filed as a review of its own, as GitHub does.
    const reviews = await octokit.rest.pulls.listReviews({ ...repo, pull_number: 7 });
    expect(reviews.data.map((r) => r.state)).toEqual(['COMMENTED', 'COMMENTED', 'COMMENTED', 'COMMENTED', 'COMMENTED']);
    expect(await failure(octokit.rest.pulls.createReplyForReviewComment({ ...repo, pull_number: 7, comment_id: 1, body: 'x' }))).toMatchObject({ status: 404 });
  });

  test('get, update, delete; deleting the only comment removes its thread, a first comment with replies does not', async () => {
    const server = await start({
      pulls: [PULL],
      reviewComments: [
        { pull_number: 7, path: 'app.py', line: 10, body: 'alone' },
        { pull_number: 7, path: 'new.py', line: 1, body: 'first' },
        { pull_number: 7, replyTo: 1, body: 'reply' },
      ],
    });
    const octokit = clientFor(server);
    const [alone, first, reply] = server.reviewCommentsOn(7);
    const got = await octokit.rest.pulls.getReviewComment({ ...repo, comment_id: alone?.id ?? 0 });
    expect(got.data.body).toBe('alone');
    const updated = await octokit.rest.pulls.updateReviewComment({ ...repo, comment_id: alone?.id ?? 0, body: 'edited' });
    expect(updated.data.body).toBe('edited');
    const tooLong = await failure(octokit.rest.pulls.updateReviewComment({ ...repo, comment_id: alone?.id ?? 0, body: 'x'.repeat(MAX_COMMENT_LENGTH + 1) }));
    expect(tooLong.status).toBe(422);
    expect(server.reviewCommentsOn(7)[0]?.body).toBe('edited');

    expect((await octokit.rest.pulls.deleteReviewComment({ ...repo, comment_id: alone?.id ?? 0 })).status).toBe(204);
    expect((await octokit.rest.pulls.deleteReviewComment({ ...repo, comment_id: first?.id ?? 0 })).status).toBe(204);
    expect(server.threadsOn(7).map((t) => t.commentIds)).toEqual([[reply?.id]]);
    expect((await failure(octokit.rest.pulls.getReviewComment({ ...repo, comment_id: first?.id ?? 0 }))).status).toBe(404);
  });
});

describe('reviews', () => {
  test('create-review with comments on added, context and deleted lines: one review, a thread per comment', async () => {
    const server = await start({ pulls: [PULL] });
    const octokit = clientFor(server);
    const { status, data } = await octokit.rest.pulls.createReview({
      ...repo,
      pull_number: 7,
      commit_id: server.state.pulls.get(7)?.head.sha,
      event: 'COMMENT',
      body: 'Two questions.',
      comments: [
        { path: 'app.py', line: 10, side: 'RIGHT', body: 'changed line' },
        { path: 'app.py', line: 13, side: 'RIGHT', body: 'context line' },
        { path: 'app.py', line: 10, side: 'LEFT', body: 'the old line' },
        { path: 'app.py', start_line: 8, line: 11, side: 'RIGHT', body: 'a range' },
        { path: 'new.py', line: 2, body: 'side defaults to RIGHT' },
      ],
    });
    expect(status).toBe(200);
    expect(data).toMatchObject({ state: 'COMMENTED', body: 'Two questions.', user: { login: 'github-actions[bot]' } });
    expect(data.html_url).toBe(`https://github.com/octo-org/octo-repo/pull/7#pullrequestreview-${data.id}`);
    const comments = await octokit.rest.pulls.listReviewComments({ ...repo, pull_number: 7 });
    expect(comments.data.map((c) => [c.path, c.line, c.side, c.start_line, c.pull_request_review_id])).toEqual([
      ['app.py', 10, 'RIGHT', null, data.id],
      ['app.py', 13, 'RIGHT', null, data.id],
      ['app.py', 10, 'LEFT', null, data.id],
      ['app.py', 11, 'RIGHT', 8, data.id],
      ['new.py', 2, 'RIGHT', null, data.id],
    ]);
    expect(comments.data[2]?.diff_hunk).toBe('@@ -7,7 +7,7 @@ line 6\n line 7\n line 8\n line 9\n-line 10');
    expect(server.threadsOn(7)).toHaveLength(5);
    const reviews = await octokit.rest.pulls.listReviews({ ...repo, pull_number: 7 });
    expect(reviews.data.map((r) => r.id)).toEqual([data.id]);
  });

  test('a line outside the diff: 422 "Line could not be resolved" and nothing is created (atomic)', async () => {
    const server = await start({ pulls: [PULL] });
    const octokit = clientFor(server);
    const error = await failure(
      octokit.rest.pulls.createReview({
        ...repo,
        pull_number: 7,
        event: 'COMMENT',
        body: 'review',
        comments: [
          { path: 'app.py', line: 10, side: 'RIGHT', body: 'fine' },
          { path: 'app.py', line: 2, side: 'RIGHT', body: 'outside every hunk' },
        ],
      }),
    );
    expect(error.status).toBe(422);
    expect(error.response.data).toEqual({
      message: 'Unprocessable Entity',
      errors: ['Line could not be resolved'],
      documentation_url: 'https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request',
      status: '422',
    });
    const refused = async (comment: { path: string; line: number; side?: string; start_line?: number }) =>
      (
        (await failure(octokit.rest.pulls.createReview({ ...repo, pull_number: 7, event: 'COMMENT', comments: [{ ...comment, body: 'x' }] })))
          .response.data as { errors: string[] }
      ).errors;
    expect(await refused({ path: 'new.py', line: 1, side: 'LEFT' })).toEqual(['Line could not be resolved']); // an added file has no old lines
    expect(await refused({ path: 'app.py', line: 14 })).toEqual(['Line could not be resolved']);
    expect(await refused({ path: 'missing.py', line: 1 })).toEqual(['Path could not be resolved']);
    expect(await refused({ path: 'app.py', start_line: 11, line: 10 })).toEqual(['Pull request review thread start line must precede the end line.']);
    expect(await refused({ path: 'app.py', start_line: 2, line: 10 })).toEqual(['Pull request review thread start line must be part of the same hunk as the line.']);
    expect(server.state.reviews).toEqual([]);
    expect(server.state.reviewComments).toEqual([]);
    expect(server.state.reviewThreads).toEqual([]);
  });

  test("the PR's author cannot approve or request changes; COMMENT and REQUEST_CHANGES need a body or comments; bodies over 65,536 characters", async () => {
    const server = await start({ pulls: [{ ...PULL, user: 'github-actions[bot]' }, { number: 8, base: { tree: BASE }, head: { tree: HEAD } }] });
    const octokit = clientFor(server);
    const errorsOf = async (call: Promise<unknown>) => {
      const error = await failure(call);
      return [error.status, (error.response.data as { errors: string[] }).errors];
    };
    expect(await errorsOf(octokit.rest.pulls.createReview({ ...repo, pull_number: 7, event: 'APPROVE' }))).toEqual([422, ['Can not approve your own pull request']]);
    expect(await errorsOf(octokit.rest.pulls.createReview({ ...repo, pull_number: 7, event: 'REQUEST_CHANGES', body: 'no' }))).toEqual([
      422,
      ['Can not request changes on your own pull request'],
    ]);
    expect((await octokit.rest.pulls.createReview({ ...repo, pull_number: 7, event: 'COMMENT', body: 'own PR: comments are fine' })).status).toBe(200);
    expect((await failure(octokit.rest.pulls.createReview({ ...repo, pull_number: 8, event: 'REQUEST_CHANGES' }))).status).toBe(422);
    expect((await failure(octokit.rest.pulls.createReview({ ...repo, pull_number: 8, event: 'COMMENT', body: '' }))).status).toBe(422);
    const long = 'x'.repeat(MAX_COMMENT_LENGTH + 1);
    expect((await failure(octokit.rest.pulls.createReview({ ...repo, pull_number: 8, event: 'COMMENT', body: long }))).status).toBe(422);
    expect(
      (await failure(octokit.rest.pulls.createReview({ ...repo, pull_number: 8, event: 'COMMENT', comments: [{ path: 'app.py', line: 10, body: long }] }))).status,
    ).toBe(422);
    const approved = await octokit.rest.pulls.createReview({ ...repo, pull_number: 8, event: 'APPROVE', body: 'x'.repeat(MAX_COMMENT_LENGTH) });
    expect(approved.data.state).toBe('APPROVED');
    expect(server.state.reviews.map((r) => [r.pull_number, r.state])).toEqual([
      [7, 'COMMENTED'],
      [8, 'APPROVED'],
    ]);
  });

  test('without event the review is PENDING: listed for its author, its comments hidden from the PR', async () => {
    const server = await start({ pulls: [PULL] });
    const octokit = clientFor(server);
    const { data } = await octokit.rest.pulls.createReview({ ...repo, pull_number: 7, comments: [{ path: 'app.py', line: 10, body: 'draft' }] });
    expect(data.state).toBe('PENDING');
    expect(data.submitted_at).toBeUndefined();
    expect((await octokit.rest.pulls.listReviews({ ...repo, pull_number: 7 })).data).toHaveLength(1);
    expect((await failure(octokit.rest.pulls.createReview({ ...repo, pull_number: 7 }))).status).toBe(422);
  });

  test('writes need pull-requests: write (403 naming pull_requests=write); reads do not', async () => {
    for (const options of [{ readOnly: true }, { permissions: { pullRequests: 'read' as const } }]) {
      const server = await start({ pulls: [PULL], reviewComments: [{ pull_number: 7, path: 'app.py', line: 10, body: 'x' }], ...options });
      const octokit = clientFor(server);
      const error = await failure(octokit.rest.pulls.createReview({ ...repo, pull_number: 7, event: 'COMMENT', body: 'hi' }));
      expect(error.status).toBe(403);
      expect(error.response.headers['x-accepted-github-permissions']).toBe('pull_requests=write');
      expect((error.response.data as { message: string }).message).toBe('Resource not accessible by integration');
      const id = server.reviewCommentsOn(7)[0]?.id ?? 0;
      expect((await failure(octokit.rest.pulls.createReplyForReviewComment({ ...repo, pull_number: 7, comment_id: id, body: 'x' }))).status).toBe(403);
      expect((await octokit.rest.pulls.listReviewComments({ ...repo, pull_number: 7 })).data).toHaveLength(1);
      expect(server.state.reviews).toHaveLength(1);
    }
  });
});

describe('check runs', () => {
  const annotation = (i: number) => ({ path: 'app.py', start_line: i, end_line: i, annotation_level: 'warning' as const, message: `finding ${i}` });
  const annotations = (from: number, count: number) => Array.from({ length: count }, (_, i) => annotation(from + i));

  test('create, then updates: annotations accumulate (50 + 50 + 10), listed with blob_href; conclusion completes the run', async () => {
    const now = new Date('2024-05-01T12:00:00Z');
    const server = await start({ pulls: [PULL], now: () => now });
    const octokit = clientFor(server);
    const headSha = server.state.pulls.get(7)?.head.sha ?? '';
    const created = await octokit.rest.checks.create({
      ...repo,
      name: 'architecture-review',
      head_sha: headSha,
      status: 'in_progress',
      output: { title: 'Reviewing', summary: 'started', annotations: annotations(1, 50) },
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      status: 'in_progress',
      conclusion: null,
      started_at: '2024-05-01T12:00:00Z',
      app: { slug: 'github-actions' },
      output: { annotations_count: 50 },
      pull_requests: [{ number: 7 }],
      html_url: `https://github.com/octo-org/octo-repo/runs/${created.data.id}`,
    });
    expect(created.data.id).toBeGreaterThan(2 ** 31);
    const id = created.data.id;
    await octokit.rest.checks.update({ ...repo, check_run_id: id, output: { title: 'Reviewing', summary: 'more', annotations: annotations(51, 50) } });
    const done = await octokit.rest.checks.update({
      ...repo,
      check_run_id: id,
      conclusion: 'failure',
      output: { title: '1 question', summary: 'done', annotations: annotations(101, 10) },
    });
    expect(done.data).toMatchObject({ status: 'completed', conclusion: 'failure', completed_at: '2024-05-01T12:00:00Z', output: { title: '1 question', summary: 'done', annotations_count: 110 } });
    const listed = await octokit.paginate(octokit.rest.checks.listAnnotations, { ...repo, check_run_id: id, per_page: 100 });
    expect(listed.map((a) => a.message)).toEqual(annotations(1, 110).map((a) => a.message));
    expect(listed[0]).toMatchObject({ annotation_level: 'warning', start_column: null, title: null, blob_href: `https://github.com/octo-org/octo-repo/blob/${headSha}/app.py` });
    expect(server.state.checkRuns[0]?.annotations).toHaveLength(110);
    expect((await octokit.rest.checks.get({ ...repo, check_run_id: id })).data.output.annotations_count).toBe(110);
  });

  test("51 annotations in one request: GitHub's 422, a violation, nothing created", async () => {
    const server = await start({ pulls: [PULL] });
    const octokit = clientFor(server);
    const head_sha = server.state.pulls.get(7)?.head.sha ?? '';
    const error = await failure(octokit.rest.checks.create({ ...repo, name: 'a', head_sha, output: { title: 't', summary: 's', annotations: annotations(1, 51) } }));
    expect(error.status).toBe(422);
    expect(error.response.data).toEqual({
      message: 'Invalid request.\n\nNo more than 50 items are allowed; 51 were supplied.',
      documentation_url: 'https://docs.github.com/rest/reference/checks#create-a-check-run',
      status: '422',
    });
    expect(server.state.checkRuns).toEqual([]);
    expect(server.violations).toEqual([
      `POST /repos/octo-org/octo-repo/check-runs (checks/create): body.output.annotations must NOT have more than 50 items`,
    ]);
    server.violations.length = 0;
  });

  test('summary and text: 65,535 characters pass, 65,536 are refused (and so are 65,536 bytes)', async () => {
    const server = await start({ pulls: [PULL] });
    const octokit = clientFor(server);
    const head_sha = server.state.pulls.get(7)?.head.sha ?? '';
    const ok = await octokit.rest.checks.create({ ...repo, name: 'a', head_sha, output: { title: 't', summary: 's'.repeat(65_535), text: 't'.repeat(65_535) } });
    expect(ok.status).toBe(201);
    const error = await failure(octokit.rest.checks.create({ ...repo, name: 'a', head_sha, output: { title: 't', summary: 's'.repeat(65_536) } }));
    expect(error.status).toBe(422);
    expect((error.response.data as { message: string }).message).toBe('Invalid request.\n\nOnly 65535 characters are allowed; 65536 were supplied.');
    const update = await failure(octokit.rest.checks.update({ ...repo, check_run_id: ok.data.id, output: { summary: 's', text: 'x'.repeat(65_536) } }));
    expect(update.status).toBe(422);
    expect(server.violations).toEqual([
      'POST /repos/octo-org/octo-repo/check-runs (checks/create): body.output.summary must NOT have more than 65535 characters, got 65536 characters',
      `PATCH /repos/octo-org/octo-repo/check-runs/${ok.data.id} (checks/update): body.output.text must NOT have more than 65535 characters, got 65536 characters`,
    ]);
    server.violations.length = 0;
    // Within the characters, over the bytes: GitHub's other answer.
    const bytes = await failure(octokit.rest.checks.update({ ...repo, check_run_id: ok.data.id, output: { summary: '€'.repeat(30_000) } }));
    expect(bytes.response.data).toMatchObject({
      message: 'Validation Failed',
      errors: [{ resource: 'CheckRun', code: 'custom', field: 'summary', message: 'summary exceeds a maximum bytesize of 65535' }],
    });
    expect(server.state.checkRuns).toHaveLength(1);
    expect(server.state.checkRuns[0]?.output.summary).toHaveLength(65_535);
  });

  test('list-for-ref: by sha or branch, check_name filter, latest run per name, total_count and pages', async () => {
    const server = await start({ pulls: [PULL] });
    const octokit = clientFor(server);
    const pull = server.state.pulls.get(7);
    const head_sha = pull?.head.sha ?? '';
    for (const name of ['architecture-review', 'lint', 'architecture-review', 'tests']) {
      await octokit.rest.checks.create({ ...repo, name, head_sha, conclusion: 'success' });
    }
    await octokit.rest.checks.create({ ...repo, name: 'architecture-review', head_sha: pull?.base.sha ?? '', conclusion: 'success' });
    const named = await octokit.rest.checks.listForRef({ ...repo, ref: head_sha, check_name: 'architecture-review' });
    expect(named.data.total_count).toBe(1);
    expect(named.data.check_runs.map((r) => r.id)).toEqual([server.state.checkRuns[2]?.id]);
    const all = await octokit.rest.checks.listForRef({ ...repo, ref: head_sha, check_name: 'architecture-review', filter: 'all' });
    expect(all.data.total_count).toBe(2);
    const byBranch = await octokit.rest.checks.listForRef({ ...repo, ref: pull?.head.ref ?? '', per_page: 2 });
    expect(byBranch.data.total_count).toBe(3);
    expect(byBranch.data.check_runs).toHaveLength(2);
    expect(byBranch.headers.link).toContain('rel="next"');
    const paged = await octokit.paginate(octokit.rest.checks.listForRef, { ...repo, ref: head_sha, per_page: 2 });
    expect(paged.map((r) => r.name).sort()).toEqual(['architecture-review', 'lint', 'tests']);
    expect((await failure(octokit.rest.checks.listForRef({ ...repo, ref: 'no-such-branch' }))).status).toBe(422);
  });

  test('completed needs a conclusion; an unknown head_sha or annotation level is refused', async () => {
    const server = await start({ pulls: [PULL] });
    const octokit = clientFor(server);
    const head_sha = server.state.pulls.get(7)?.head.sha ?? '';
    const missing = await failure(octokit.rest.checks.create({ ...repo, name: 'a', head_sha, status: 'completed' }));
    expect(missing.status).toBe(422);
    expect((missing.response.data as { message: string }).message).toBe('Invalid request.\n\n"conclusion" wasn\'t supplied.');
    expect((await failure(octokit.rest.checks.create({ ...repo, name: 'a', head_sha: 'f'.repeat(40) }))).response.data).toMatchObject({
      message: `No commit found for SHA: ${'f'.repeat(40)}`,
    });
    const { data } = await octokit.rest.checks.create({ ...repo, name: 'a', head_sha });
    expect(data.status).toBe('queued');
    const update = await failure(octokit.rest.checks.update({ ...repo, check_run_id: data.id, status: 'completed' }));
    expect([update.status, (update.response.data as { message: string }).message]).toEqual([422, 'Invalid request.\n\n"conclusion" wasn\'t supplied.']);
    const level = await failure(
      octokit.rest.checks.update({
        ...repo,
        check_run_id: data.id,
        output: { summary: 's', annotations: [{ ...annotation(1), annotation_level: 'error' as never }] },
      }),
    );
    expect(level.status).toBe(422);
    expect(server.violations).toHaveLength(5);
    expect(server.violations[0]).toBe('POST /repos/octo-org/octo-repo/check-runs (checks/create): conclusion is required with status "completed" or completed_at');
    expect(server.violations[1]).toMatch(/checks\/update\): body must have required property 'conclusion'$/);
    expect(server.violations[4]).toMatch(/annotation_level must be equal to one of the allowed values \("notice", "warning", "failure"\), got "error"/);
    server.violations.length = 0;
    expect(server.state.checkRuns[0]?.status).toBe('queued');
  });

  test('without checks: write, check run writes are 403 with x-accepted-github-permissions: checks=write', async () => {
    for (const options of [{ readOnly: true }, { permissions: { checks: 'none' as const } }]) {
      const server = await start({ pulls: [PULL], ...options });
      const octokit = clientFor(server);
      const error = await failure(octokit.rest.checks.create({ ...repo, name: 'a', head_sha: server.state.pulls.get(7)?.head.sha ?? '' }));
      expect(error.status).toBe(403);
      expect(error.response.headers['x-accepted-github-permissions']).toBe('checks=write');
      expect(error.response.data).toEqual({
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest/reference/checks#create-a-check-run',
        status: '403',
      });
      expect(server.state.checkRuns).toEqual([]);
    }
    // No checks permission at all: reads are refused too.
    const none = await start({ pulls: [PULL], permissions: { checks: 'none' } });
    const read = await failure(clientFor(none).rest.checks.listForRef({ ...repo, ref: none.state.pulls.get(7)?.head.sha ?? '' }));
    expect([read.status, read.response.headers['x-accepted-github-permissions']]).toEqual([403, 'checks=read']);
  });
});

const THREADS = `
  query ReviewThreads($owner: String!, $name: String!, $number: Int!, $first: Int!, $after: String) {
    repository(owner: $owner, name: $name) {
      pullRequest(number: $number) {
        reviewThreads(first: $first, after: $after) {
          pageInfo { hasNextPage endCursor }
          nodes { id isResolved comments(first: 1) { nodes { databaseId } } }
        }
      }
    }
  }`;
const RESOLVE = `
  mutation Resolve($threadId: ID!) {
    resolveReviewThread(input: { threadId: $threadId }) { thread { id isResolved } }
  }`;

interface ThreadsPage {
  repository: {
    pullRequest: {
      reviewThreads: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: { id: string; isResolved: boolean; comments: { nodes: { databaseId: number }[] } }[];
      };
    };
  };
}

async function allThreads(octokit: Octokit, number: number): Promise<{ nodes: ThreadsPage['repository']['pullRequest']['reviewThreads']['nodes']; pages: number }> {
  const nodes: ThreadsPage['repository']['pullRequest']['reviewThreads']['nodes'] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const page: ThreadsPage = await octokit.graphql<ThreadsPage>(THREADS, { ...repo, name: repo.repo, number, first: 100, after });
    pages++;
    const threads = page.repository.pullRequest.reviewThreads;
    nodes.push(...threads.nodes);
    if (!threads.pageInfo.hasNextPage) return { nodes, pages };
    after = threads.pageInfo.endCursor;
  }
}

describe('GraphQL', () => {
  const manyThreads = (count: number): ReviewCommentInput[] =>
    Array.from({ length: count }, (_, i) => ({ pull_number: 7, path: 'app.py', line: 10, body: `thread ${i + 1}`, user: 'octo-reviewer' }));

  test('review threads page by 100 with opaque cursors; replies do not start threads', async () => {
    const server = await start({ pulls: [PULL], reviewComments: [...manyThreads(150), { pull_number: 7, replyTo: 0, body: 'reply' }] });
    const octokit = clientFor(server);
    const { nodes, pages } = await allThreads(octokit, 7);
    expect(pages).toBe(2);
    expect(nodes).toHaveLength(150);
    const threads = server.threadsOn(7);
    expect(nodes.map((n) => [n.id, n.isResolved, n.comments.nodes[0]?.databaseId])).toEqual(threads.map((t) => [t.id, false, t.commentIds[0]]));
    const graphqlRequests = server.requests.filter((r) => r.operationId === 'graphql');
    expect(graphqlRequests).toHaveLength(2);
    expect(graphqlRequests[0]).toMatchObject({ method: 'POST', path: '/graphql', route: '/graphql', status: 200 });
    const cursor = (graphqlRequests[1]?.body as { variables: { after: string } }).variables.after;
    expect(Buffer.from(cursor, 'base64').toString()).toMatch(/^cursor:v2:/);
  });

  test('resolveReviewThread with contents: write resolves the thread', async () => {
    const server = await start({ pulls: [PULL], reviewComments: manyThreads(2), permissions: { contents: 'write' } });
    const octokit = clientFor(server);
    const threadId = server.threadsOn(7)[1]?.id;
    const result = await octokit.graphql<{ resolveReviewThread: { thread: { id: string; isResolved: boolean } } }>(RESOLVE, { threadId });
    expect(result).toEqual({ resolveReviewThread: { thread: { id: threadId, isResolved: true } } });
    expect(server.threadsOn(7).map((t) => [t.isResolved, t.resolvedBy?.login])).toEqual([
      [false, undefined],
      [true, 'github-actions[bot]'],
    ]);
    const { nodes } = await allThreads(octokit, 7);
    expect(nodes.map((n) => n.isResolved)).toEqual([false, true]);
    // The `input: $input` form works too.
    const viaInput = `mutation($input: ResolveReviewThreadInput!) { resolveReviewThread(input: $input) { thread { isResolved } } }`;
    const first = server.threadsOn(7)[0]?.id;
    expect(await octokit.graphql(viaInput, { input: { threadId: first } })).toEqual({ resolveReviewThread: { thread: { id: first, isResolved: true } } });
  });

  test('with the default contents: read, GitHub answers 200 with FORBIDDEN; an unknown thread is NOT_FOUND', async () => {
    const server = await start({ pulls: [PULL], reviewComments: manyThreads(1) });
    const threadId = server.threadsOn(7)[0]?.id;
    const response = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { authorization: `bearer ${server.state.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query: RESOLVE, variables: { threadId } }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: { resolveReviewThread: null },
      errors: [{ type: 'FORBIDDEN', path: ['resolveReviewThread'], locations: [{ line: 3, column: 5 }], message: 'Resource not accessible by integration' }],
    });
    expect(server.threadsOn(7)[0]?.isResolved).toBe(false);
    const error = (await clientFor(server).graphql(RESOLVE, { threadId: 'PRRT_nope' }).catch((e: unknown) => e)) as { errors: { type: string; message: string }[] };
    expect(error.errors).toMatchObject([{ type: 'NOT_FOUND', message: "Could not resolve to a node with the global id of 'PRRT_nope'." }]);
  });

  test('other operations, extra fields and literal arguments are GraphQL errors and violations', async () => {
    const server = await start({ pulls: [PULL] });
    const octokit = clientFor(server);
    const unknown = (await octokit.graphql('query { viewer { login } }').catch((e: unknown) => e)) as { errors: { message: string }[] };
    expect(unknown.errors[0]?.message).toMatch(/does not implement this GraphQL operation/);
    const extra = THREADS.replace('isResolved', 'isResolved isOutdated');
    await octokit.graphql(extra, { ...repo, name: repo.repo, number: 7, first: 10 }).catch(() => undefined);
    await octokit.graphql('query { repository(owner: "octo-org", name: "octo-repo") { pullRequest(number: 7) { reviewThreads(first: 10, orderBy: { field: CREATED_AT }) { nodes { id } } } } }').catch(() => undefined);
    expect(server.violations).toHaveLength(3);
    expect(server.violations[1]).toBe('POST /graphql (graphql): GraphQL fields not served by the test server: isOutdated (aliases and fragments are not supported either)');
    server.violations.length = 0;
    const tooMany = (await octokit.graphql(THREADS, { ...repo, name: repo.repo, number: 7, first: 101 }).catch((e: unknown) => e)) as { errors: { type: string }[] };
    expect(tooMany.errors[0]?.type).toBe('EXCESSIVE_PAGINATION');
    server.violations.length = 0;
    const noPull = (await octokit.graphql(THREADS, { ...repo, name: repo.repo, number: 99, first: 10 }).catch((e: unknown) => e)) as { errors: { type: string; message: string }[] };
    expect(noPull.errors[0]).toMatchObject({ type: 'NOT_FOUND', message: 'Could not resolve to a PullRequest with the number of 99.' });
  });

  test("a document GitHub's schema refuses is a GraphQL error and a violation, before anything is served", async () => {
    const server = await start({ pulls: [PULL], reviewComments: manyThreads(1), permissions: { contents: 'write' } });
    const octokit = clientFor(server);
    // A field GitHub does not have (the fake's own field list would let `isResolved` through).
    const typo = (await octokit.graphql(THREADS.replace('isResolved', 'isResolved resolved'), { ...repo, name: repo.repo, number: 7, first: 10 }).catch((e: unknown) => e)) as { errors: { message: string; locations: unknown[] }[] };
    expect(typo.errors).toEqual([{ message: 'Cannot query field "resolved" on type "PullRequestReviewThread". Did you mean "isResolved" or "resolvedBy"?', locations: [{ line: 7, column: 33 }] }]);
    // A variable of the wrong type: GitHub's number is an Int.
    const badVariable = (await octokit.graphql(THREADS, { ...repo, name: repo.repo, number: '7', first: 10 }).catch((e: unknown) => e)) as { errors: { message: string }[] };
    expect(badVariable.errors[0]?.message).toMatch(/^Variable "\$number" got invalid value "7"; Int cannot represent non-integer value: "7"/);
    // The mutation's input type checked too: a thread id must be given.
    const noId = (await octokit.graphql('mutation { resolveReviewThread(input: {}) { thread { id } } }').catch((e: unknown) => e)) as { errors: { message: string }[] };
    expect(noId.errors[0]?.message).toMatch(/threadId/);
    // Not even parsable.
    const broken = (await octokit.graphql('query { repository(owner: "a" { id } }').catch((e: unknown) => e)) as { errors: { message: string }[] };
    expect(broken.errors[0]?.message).toMatch(/^Syntax Error/);
    expect(server.threadsOn(7)[0]?.isResolved).toBe(false);
    expect(server.violations).toHaveLength(4);
    expect(server.violations.every((v) => v.startsWith("POST /graphql (graphql): GraphQL document not valid against GitHub's schema: "))).toBe(true);
    server.violations.length = 0;
  });

  test('scalar literals work as arguments too (first: 100, a quoted thread id)', async () => {
    const server = await start({ pulls: [PULL], reviewComments: manyThreads(2), permissions: { contents: 'write' } });
    const octokit = clientFor(server);
    const literal = THREADS.replace('first: $first', 'first: 100').replace(', $first: Int!', '');
    const page = await octokit.graphql<ThreadsPage>(literal, { ...repo, name: repo.repo, number: 7, after: null });
    expect(page.repository.pullRequest.reviewThreads.nodes).toHaveLength(2);
    const id = server.threadsOn(7)[0]?.id ?? '';
    await octokit.graphql(`mutation { resolveReviewThread(input: { threadId: ${JSON.stringify(id)} }) { thread { id isResolved } } }`);
    expect(server.threadsOn(7)[0]?.isResolved).toBe(true);
  });

  test('GitHub Enterprise: with the prefix /api/v3, octokit.graphql reaches /api/graphql', async () => {
    const server = await start({ apiPrefix: '/api/v3', pulls: [PULL], reviewComments: manyThreads(3) });
    expect(server.graphqlUrl).toBe(`${server.origin}/api/graphql`);
    const { nodes } = await allThreads(clientFor(server), 7);
    expect(nodes).toHaveLength(3);
    expect(server.requests[0]?.path).toBe('/api/graphql');
  });

  test('token required; faults apply to /graphql too', async () => {
    const server = await start({ pulls: [PULL], reviewComments: manyThreads(1) });
    const anonymous = await fetch(server.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: THREADS }) });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { message: string }).message).toBe('This endpoint requires you to be authenticated.');
    server.setFault({ path: '/graphql' }, { type: 'status', status: 502 });
    const octokit = clientFor(server);
    expect((await failure(allThreads(octokit, 7))).status).toBe(502);
    expect((await allThreads(octokit, 7)).nodes).toHaveLength(1);
    expect(server.requests.filter((r) => r.operationId === 'graphql').map((r) => [r.status, r.fault])).toEqual([
      [401, undefined],
      [502, 'status'],
      [200, undefined],
    ]);
  });
});
