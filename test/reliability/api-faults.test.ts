/**
 * The action (dist/index.js) against a GitHub API that fails: 5xx, rate limits, connections
 * that break or never answer, answers of the wrong shape, 401/404/422. Each fault is injected
 * by the local server; each test checks what survives (the review, exactly one comment), the
 * bounded retries, the exit status and the one line that ends a failed step. After every test,
 * the token is searched for in everything the runs wrote.
 *
 * The cases are the table of docs/reliability.md.
 */
import { describe, it, type TestContext } from 'vitest';
import { makePullRequestEvent } from '../support/events.js';
import { startGitHubServer, type CommentInput, type FileTree, type GitHubServer } from '../support/github-server/index.js';
import { lastLine, runStep, type StepOptions, type StepRun } from './harness.js';

/** A token of the shape GitHub issues, so that a leak of any part of it is recognisable. */
const TOKEN = 'ghs_R3liab1lityT0kenDoNotPrint0000000042';
/** The request timeout of the runs that meet a server that never answers. */
const SHORT_TIMEOUT = { ARCHITECTURE_REVIEW_REQUEST_TIMEOUT_MS: '300' };

const PROFILE = `version: 1
services:
  - name: reports
    paths: ["reports/**"]
    workload: cpu-bound
    evidence: { profiling: "pprofile, 2026-11" }
`;
const base: FileTree = { '.github/service-profile.yml': PROFILE };
// reports/render.py is new in each change: a modified file with a use on an added line costs one more
// request, for its base version (review.ts, readBases), which the request counts here leave out.
const questioned: FileTree = { ...base, 'reports/render.py': 'import threading\n\ndef render(p):\n    threading.Thread(target=p).start()\n' };

/** Many services with a question each: a comment of tens of thousands of characters. */
function largeReview(services: number): { base: FileTree; head: FileTree } {
  const lines = Array.from({ length: services }, (_, i) => `  - name: s${i}\n    paths: ["s${i}/**"]\n    workload: cpu-bound\n    evidence: { profiling: "yes" }\n`);
  const largeBase: FileTree = { '.github/service-profile.yml': `version: 1\nservices:\n${lines.join('')}` };
  const head: FileTree = { ...largeBase };
  for (let i = 0; i < services; i++) head[`s${i}/worker.py`] = 'import threading\nthreading.Thread(target=print).start()\n';
  return { base: largeBase, head };
}

const FILES = /\/pulls\/7\/files/;
const COMMENTS = /\/issues\/7\/comments/;
const A_COMMENT = /\/issues\/comments\/\d+$/;
const OLD_COMMENT: CommentInput = { issue_number: 7, body: '<!-- architecture-review -->\n### an earlier review' };

interface Fixture {
  server: GitHubServer;
  step(options?: Partial<StepOptions>): Promise<StepRun>;
  /** How many requests of one operation the server received. */
  calls(operationId: string): number;
}

/**
 * A server with pull request #7 (no checkout: every file comes through the API). When the test
 * ends: no contract violation, and the token nowhere in what the runs wrote or posted.
 */
async function fixture(
  t: TestContext,
  options: { tree?: { base: FileTree; head: FileTree }; comments?: CommentInput[]; readOnly?: boolean } = {},
): Promise<Fixture> {
  const server = await startGitHubServer({ token: TOKEN, comments: options.comments });
  server.addPull({ number: 7, base: { tree: options.tree?.base ?? base }, head: { tree: options.tree?.head ?? questioned } });
  const runs: StepRun[] = [];
  t.onTestFinished(async () => {
    try {
      t.expect(server.violations).toEqual([]);
      expectNoSecret(t, runs, server, TOKEN);
    } finally {
      await server.close();
    }
  });
  return {
    server,
    async step(step = {}) {
      const run = await runStep({ server, payload: makePullRequestEvent({ pull: server.state.pulls.get(7) }), ...step });
      runs.push(run);
      return run;
    },
    calls: (operationId) => server.requests.filter((r) => r.operationId === operationId).length,
  };
}

/** The token, and its Basic-auth form, appear in no log, output, summary, report or comment. */
function expectNoSecret(t: TestContext, runs: StepRun[], server: GitHubServer, secret: string): void {
  const forms = [secret, Buffer.from(`x-access-token:${secret}`).toString('base64'), secret.slice(4, 24)];
  const places: [string, string][] = runs.flatMap((run, i) => [
    [`run ${i} stdout`, run.stdout],
    [`run ${i} stderr`, run.stderr],
    [`run ${i} outputs`, JSON.stringify(run.outputs)],
    [`run ${i} summary`, run.summary],
    [`run ${i} report`, run.report],
  ]);
  for (const c of server.state.comments) places.push([`comment ${c.id}`, c.body]);
  const leaks = places.filter(([, text]) => forms.some((f) => text.includes(f))).map(([where]) => where);
  t.expect(leaks).toEqual([]);
}

/** A failed step: status 2, exactly one `::error::`, and it is the last line. */
function expectOneError(t: TestContext, run: StepRun, message: RegExp): void {
  t.expect(run.status).toBe(2);
  const errors = run.commands.filter((c) => c.level === 'error');
  t.expect(errors).toHaveLength(1);
  t.expect(errors[0]!.message).toMatch(message);
  t.expect(lastLine(run)).toBe(`::error::${errors[0]!.message}`);
  t.expect(run.stderr).toBe('');
}

/** The review went through: the question is in the one comment, the report and the outputs. */
function expectReviewed(t: TestContext, f: Fixture, run: StepRun): void {
  t.expect(run.status).toBe(1);
  t.expect(run.stderr).toBe('');
  t.expect(run.commands.filter((c) => c.level === 'error').map((c) => c.message)).toEqual([
    '1 unaccepted question(s) about concurrency or language choices: see the review comment or the job summary.',
  ]);
  const comments = f.server.commentsOn(7);
  t.expect(comments).toHaveLength(1);
  t.expect(comments[0]!.body).toContain('threads-io-only');
  t.expect(run.outputs['comment-url']).toBe(`https://github.com/octo-org/octo-repo/pull/7#issuecomment-${comments[0]!.id}`);
  t.expect(run.outputs.questions).toBe('1');
  t.expect(JSON.parse(run.report).findings.map((x: { rule: string }) => x.rule)).toContain('threads-io-only');
}

describe.concurrent('5xx answers', () => {
  it.for([500, 502, 503])('%d on the files list: retried, the review completes', async (status, t) => {
    const f = await fixture(t);
    f.server.setFault({ method: 'GET', path: FILES, times: 2 }, { type: 'status', status });
    const run = await f.step();
    expectReviewed(t, f, run);
    t.expect(f.calls('pulls/list-files')).toBe(3);
    t.expect(run.stdout).toMatch(new RegExp(`^GET /repos/octo-org/octo-repo/pulls/7/files\\?per_page=100 - ${status} with id `, 'm'));
  });

  it('a 503 that lasts: 4 attempts, then exit 2 with one line naming the fix', async (t) => {
    const f = await fixture(t);
    f.server.setFault({ method: 'GET', path: FILES, times: Infinity }, { type: 'status', status: 503 });
    const run = await f.step();
    expectOneError(t, run, /^listing the files of pull request #7 failed \(503, 4 attempts: Service Unavailable\): GitHub is failing: re-run the job; if it persists, check https:\/\/www\.githubstatus\.com$/);
    t.expect(f.calls('pulls/list-files')).toBe(4);
    t.expect(f.server.commentsOn(7)).toHaveLength(0);
  });

  it('502 on the comment list: retried, the earlier comment updated in place', async (t) => {
    const f = await fixture(t, { comments: [OLD_COMMENT] });
    f.server.setFault({ method: 'GET', path: COMMENTS }, { type: 'status', status: 502 });
    const run = await f.step();
    expectReviewed(t, f, run);
    t.expect(f.server.commentsOn(7)[0]!.body).not.toContain('an earlier review');
  });

  it('502 on the post, which did take effect: the comment is adopted, never posted twice', async (t) => {
    const f = await fixture(t);
    f.server.setFault({ method: 'POST', path: COMMENTS }, { type: 'status', status: 502, processed: true });
    const run = await f.step();
    expectReviewed(t, f, run);
    t.expect(f.calls('issues/create-comment')).toBe(1);
    t.expect(run.stdout).toContain('checking whether it was created');
    t.expect(run.stdout).toMatch(/Comment created: https:\/\/github\.com\/octo-org\/octo-repo\/pull\/7#issuecomment-\d+$/m);
  });

  it('500 on the post, which did not take effect: posted again, one comment', async (t) => {
    const f = await fixture(t);
    f.server.setFault({ method: 'POST', path: COMMENTS }, { type: 'status', status: 500 });
    const run = await f.step();
    expectReviewed(t, f, run);
    t.expect(f.calls('issues/create-comment')).toBe(2);
  });

  it('503 on the update: retried (an update is idempotent), one comment', async (t) => {
    const f = await fixture(t, { comments: [OLD_COMMENT] });
    f.server.setFault({ method: 'PATCH', path: A_COMMENT }, { type: 'status', status: 503, processed: true });
    const run = await f.step();
    expectReviewed(t, f, run);
    t.expect(f.calls('issues/update-comment')).toBe(2);
  });
});

describe.concurrent('rate limits', () => {
  it.for([403, 429] as const)('secondary rate limit (%d, retry-after: 1): waited out, the review completes', async (status, t) => {
    const f = await fixture(t);
    f.server.setFault({ method: 'GET', path: FILES }, { type: 'secondary-rate-limit', status, retryAfter: 1 });
    const run = await f.step();
    expectReviewed(t, f, run);
    t.expect(f.calls('pulls/list-files')).toBe(2);
    t.expect(run.stdout).toMatch(/secondary rate limit on GET \/repos\/\{owner\}\/\{repo\}\/pulls\/\{pull_number\}\/files: waiting 1 s as GitHub asks \(retry 1 of 3\)/);
  });

  it('primary rate limit (x-ratelimit-remaining: 0, reset in 1 s): waited out until the reset', async (t) => {
    const f = await fixture(t);
    f.server.setFault({ method: 'GET', path: COMMENTS }, { type: 'primary-rate-limit', resetAfter: 1 });
    const run = await f.step();
    expectReviewed(t, f, run);
    t.expect(run.stdout).toMatch(/rate limit reached on GET .*: waiting [12] s as GitHub asks/);
  });

  it('primary rate limit resetting in an hour: no hour-long wait, exit 2 naming the reset time', async (t) => {
    const f = await fixture(t);
    f.server.setFault({ method: 'GET', path: FILES }, { type: 'primary-rate-limit', resetAfter: 3600 });
    const run = await f.step();
    expectOneError(t, run, /^listing the files of pull request #7 failed \(403: API rate limit exceeded .*\): the token's API rate limit is used up until \d\d:\d\d:\d\d UTC: re-run the job after that$/);
    t.expect(f.calls('pulls/list-files')).toBe(1);
  });
});

describe.concurrent('broken and silent connections', () => {
  it('a connection reset mid-answer on page 2 of 3 of the files, and mid-archive: retried, no file lost', async (t) => {
    const f = await fixture(t, { tree: largeReview(250) });
    f.server.setFault({ method: 'GET', path: /\/pulls\/7\/files\?.*page=2/ }, { type: 'reset', when: 'after-headers' });
    f.server.setFault({ method: 'GET', path: /\/legacy\.tar\.gz\// }, { type: 'reset', when: 'after-headers' });
    const run = await f.step({ inputs: { 'fail-on': 'never' } });
    t.expect(run.status).toBe(0);
    t.expect(f.calls('pulls/list-files')).toBe(4);
    t.expect(f.server.requests.filter((r) => r.server === 'codeload')).toHaveLength(2);
    t.expect(JSON.parse(run.report).signals).toHaveLength(500);
    t.expect(run.stdout).toMatch(/the connection broke during GET \/repositories\/\d+\/pulls\/7\/files/);
    t.expect(run.stdout).toMatch(/the connection broke during GET \/repos\/octo-org\/octo-repo\/tarball\//);
  });

  it('a connection reset mid-answer on the comment list: retried, no second comment', async (t) => {
    const f = await fixture(t, { comments: [OLD_COMMENT] });
    f.server.setFault({ method: 'GET', path: COMMENTS }, { type: 'reset', when: 'after-headers' });
    const run = await f.step();
    expectReviewed(t, f, run);
    t.expect(f.calls('issues/create-comment')).toBe(0);
  });

  it('a connection reset before the answer on a file read: retried', async (t) => {
    const f = await fixture(t);
    f.server.setFault({ method: 'GET', path: /\/contents\// }, { type: 'reset', when: 'before-headers' });
    const run = await f.step();
    expectReviewed(t, f, run);
  });

  it('a connection reset after the post took effect: the comment is adopted, never posted twice', async (t) => {
    const f = await fixture(t);
    f.server.setFault({ method: 'POST', path: COMMENTS }, { type: 'reset', when: 'after-headers', processed: true });
    const run = await f.step();
    expectReviewed(t, f, run);
    t.expect(f.calls('issues/create-comment')).toBe(1);
  });

  it('an answer that never comes: given up after the request timeout and retried', async (t) => {
    const f = await fixture(t);
    f.server.setFault({ method: 'GET', path: FILES }, { type: 'hang' });
    const run = await f.step({ env: SHORT_TIMEOUT });
    expectReviewed(t, f, run);
    t.expect(run.stdout).toContain('no answer to GET /repos/octo-org/octo-repo/pulls/7/files for 0.3 s (ARCHITECTURE_REVIEW_REQUEST_TIMEOUT_MS)');
  });

  it('a server that never answers: exit 2 after 4 attempts, not a hung job', async (t) => {
    const f = await fixture(t);
    f.server.setFault({ method: 'GET', path: FILES, times: Infinity }, { type: 'hang' });
    const run = await f.step({ env: SHORT_TIMEOUT });
    expectOneError(t, run, /^listing the files of pull request #7 failed \(no answer, 4 attempts: no answer to GET .* for 0\.3 s \(ARCHITECTURE_REVIEW_REQUEST_TIMEOUT_MS\)\): the GitHub API could not be reached; re-run the job/);
    t.expect(f.calls('pulls/list-files')).toBe(4);
  });

  it('a success that is not what the API documents (a proxy page): exit 2, not an empty review', async (t) => {
    const f = await fixture(t);
    f.server.setFault({ method: 'GET', path: FILES }, { type: 'status', status: 200, body: '<html><body>Please sign in to the proxy</body></html>' });
    const run = await f.step();
    expectOneError(t, run, /^listing the files of pull request #7 failed: GitHub's answer is not a list of changed files \(got 53 characters of text\): re-run the job; if it persists, check that GITHUB_API_URL points at the GitHub API/);
    t.expect(f.server.commentsOn(7)).toHaveLength(0);
  });

  it('a bad value of ARCHITECTURE_REVIEW_REQUEST_TIMEOUT_MS is refused before any request', async (t) => {
    const f = await fixture(t);
    const run = await f.step({ env: { ARCHITECTURE_REVIEW_REQUEST_TIMEOUT_MS: '5s' } });
    expectOneError(t, run, /^ARCHITECTURE_REVIEW_REQUEST_TIMEOUT_MS must be a whole number of milliseconds like 30000 \(got "5s"\)$/);
    t.expect(f.server.requests).toEqual([]);
  });
});

describe.concurrent('4xx answers', () => {
  it('401 (a bad token): exit 2 naming the fix, the bad token printed nowhere', async (t) => {
    const f = await fixture(t);
    const wrong = 'ghs_WrongTokenWrongTokenWrongToken000007';
    const run = await f.step({ token: wrong });
    expectOneError(t, run, /^listing the files of pull request #7 failed \(401: Bad credentials\): the token is invalid or expired: pass a valid token in the github-token input$/);
    t.expect(f.calls('pulls/list-files')).toBe(1);
    expectNoSecret(t, [run], f.server, wrong);
  });

  it('404 for the pull request: exit 2 naming the permissions to check, no retry', async (t) => {
    const f = await fixture(t);
    f.server.setFault({ method: 'GET', path: FILES }, { type: 'status', status: 404 });
    const run = await f.step();
    expectOneError(t, run, /^listing the files of pull request #7 failed \(404: Not Found\): not found: check the pull-request number and that the token can read this repository \(`contents: read`, `pull-requests: read`\)$/);
    t.expect(f.calls('pulls/list-files')).toBe(1);
  });

  it('422 on a comment within the limit: posted once more, much shorter', async (t) => {
    const f = await fixture(t, { tree: largeReview(300) });
    f.server.setFault({ method: 'POST', path: COMMENTS }, { type: 'status', status: 422 });
    const run = await f.step({ inputs: { 'fail-on': 'never' } });
    t.expect(run.status).toBe(0);
    const posts = f.server.requests.filter((r) => r.operationId === 'issues/create-comment').map((r) => (r.body as { body: string }).body);
    t.expect(posts).toHaveLength(2);
    t.expect(posts[0]!.length).toBeGreaterThan(20_000);
    t.expect(posts[1]!.length).toBeLessThanOrEqual(10_000);
    const comments = f.server.commentsOn(7);
    t.expect(comments).toHaveLength(1);
    t.expect(comments[0]!.body).toMatch(/^<!-- architecture-review -->/);
    t.expect(comments[0]!.body).toMatch(/more findings not shown/);
    t.expect(run.stdout).toContain('posting it cut to 10000 characters');
  });

  it('422 even on the short comment: exit 2, the summary, annotations and outputs still written', async (t) => {
    const f = await fixture(t);
    f.server.setFault({ method: 'POST', path: COMMENTS, times: Infinity }, { type: 'status', status: 422 });
    const run = await f.step();
    expectOneError(t, run, /^posting the review comment on pull request #7 \(even cut to 10000 characters\) failed \(422: Validation Failed\): GitHub rejected the content$/);
    t.expect(f.calls('issues/create-comment')).toBe(2);
    t.expect(run.summary).toContain('threads-io-only');
    t.expect(run.outputs.conclusion).toBe('question');
    // The annotations are the check run's, written although the comment failed.
    t.expect(f.server.state.checkRuns.flatMap((c) => c.annotations).some((a) => a.path === 'reports/render.py')).toBe(true);
  });
});
