/**
 * The action's inline review comments end to end: dist/index.js as the runner runs it, against
 * the local GitHub API server (reviews, review comments, threads over GraphQL), with a real git
 * checkout. Each test reads the server's stored state, not the action's log.
 */
import { Octokit } from '@octokit/rest';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePullRequestEvent } from '../support/events.js';
import { startGitHubServer, type FileTree, type GitHubServer, type GitHubServerOptions } from '../support/github-server/index.js';
import { removeRepos } from '../support/git-repo.js';
import { githubReferences, parseGfm } from '../report/gfm.js';
import { makePullScenario, runAction, type PullScenario } from './harness.js';

afterAll(removeRepos);

const MARKER = '<!-- architecture-review:finding ';
const SETTLED = '<!-- architecture-review:settled -->';
const INPUTS = { inline: 'questions', 'check-name': '' };
const repoRef = { owner: 'octo-org', repo: 'octo-repo' };
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** Thread(...) in a CPU-bound service with profiling evidence: a threads-io-only question. */
const PROFILE = `version: 1
services:
  - name: reports
    paths: ["reports/**"]
    workload: cpu-bound
    evidence: { profiling: "pprofile, 2026-11" }
  - name: billing
    paths: ["billing/**"]
    workload: cpu-bound
    evidence: { profiling: "pprofile, 2026-11" }
  - name: search
    paths: ["search/**"]
    workload: cpu-bound
    evidence: { profiling: "pprofile, 2026-11" }
`;
const base: FileTree = { '.github/service-profile.yml': PROFILE };
const THREAD_FILE = 'import threading\n\ndef render(p):\n    threading.Thread(target=p).start()\n';
// Thread(...) on line 4 of a new file: an added line.
const questioned: FileTree = { ...base, 'reports/render.py': THREAD_FILE };
const fixed: FileTree = { ...base, 'reports/render.py': 'from multiprocessing import Pool\n\ndef render(p):\n    return Pool(2).map(str, p)\n' };

let server: GitHubServer;
async function restart(options: GitHubServerOptions): Promise<void> {
  await server.close();
  server = await startGitHubServer(options);
}
beforeEach(async () => {
  server = await startGitHubServer();
});
afterEach(async () => {
  expect(server.violations).toEqual([]);
  await server.close();
});

function calls(s: GitHubServer, operationId: string): number {
  return s.requests.filter((r) => r.server === 'api' && r.operationId === operationId).length;
}

function botComments(s: GitHubServer, n: number) {
  return s.reviewCommentsOn(n).filter((c) => c.user.login === 'github-actions[bot]' && c.body.startsWith(MARKER));
}

async function run(pr: PullScenario, number: number, inputs: Record<string, string> = {}, action: 'opened' | 'synchronize' | 'reopened' = 'opened') {
  return runAction({
    server,
    eventName: 'pull_request',
    payload: makePullRequestEvent({ action, pull: server.state.pulls.get(number) }),
    workspace: pr.repo.dir,
    inputs: { ...INPUTS, ...inputs },
  });
}

/** synchronize: a new head commit with `head`'s files, in the checkout and on the server. */
function pushHead(pr: PullScenario, number: number, head: FileTree): string {
  for (const [p, text] of Object.entries(head)) pr.repo.write(p, text);
  const headSha = pr.repo.commit('new head');
  server.addPull({
    number,
    base: { sha: pr.baseSha, ref: 'main', tree: base },
    head: { sha: headSha, ref: `pr-${number}`, tree: head },
  });
  return headSha;
}

/** A request made as someone else than the token's bot (the server's actor is who writes). */
async function as<T>(login: string, call: (octokit: Octokit) => Promise<T>): Promise<T> {
  const actor = server.state.actor;
  server.state.actor = { login, type: 'User' };
  try {
    return await call(new Octokit({ auth: server.state.token, baseUrl: server.url, log: quiet }));
  } finally {
    server.state.actor = actor;
  }
}

describe('inline review comments', () => {
  // The summary comment escapes its notes' parentheses for Markdown.
  it('puts a question on its added line in one COMMENT review; a re-run of the same head writes nothing', async () => {
    const pr = makePullScenario(server, { number: 7, base, head: questioned });
    const first = await run(pr, 7);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(1); // the question fails the step (fail-on: question), as without inline comments

    expect(server.state.reviews.filter((r) => r.pull_number === 7)).toHaveLength(1);
    const [review] = server.state.reviews;
    expect(review).toMatchObject({ state: 'COMMENTED', commit_id: pr.headSha, user: { login: 'github-actions[bot]' } });
    const comments = server.reviewCommentsOn(7);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatchObject({ path: 'reports/render.py', line: 4, side: 'RIGHT', review_id: review!.id, commit_id: pr.headSha });
    expect(comments[0]!.body.startsWith(MARKER)).toBe(true);
    expect(comments[0]!.body).toContain('threads-io-only');
    expect(comments[0]!.body).not.toContain('```suggestion'); // threading.Thread has no drop-in
    expect(server.threadsOn(7)).toHaveLength(1);
    // The summary comment still carries the finding and says it is on its line too.
    const summary = server.commentsOn(7);
    expect(summary).toHaveLength(1);
    expect(summary[0]!.body).toContain('threads-io-only');
    expect(summary[0]!.body).toContain('1 finding\\(s\\) are also on their lines as review comments');
    expect(calls(server, 'pulls/create-review')).toBe(1);

    const before = { ...comments[0]! };
    const rerun = await run(pr, 7, {}, 'reopened');
    expect(rerun.status).toBe(1);
    expect(calls(server, 'pulls/create-review')).toBe(1);
    expect(calls(server, 'pulls/update-review-comment')).toBe(0);
    expect(calls(server, 'pulls/delete-review-comment')).toBe(0);
    expect(server.reviewCommentsOn(7)).toEqual([before]);
    expect(server.state.reviews).toHaveLength(1);
  });

  it('with review-event: request-changes, the review requests changes and says how many questions', async () => {
    const pr = makePullScenario(server, { number: 8, base, head: questioned });
    const first = await run(pr, 8, { 'review-event': 'request-changes' });
    expect(first.stderr).toBe('');
    const reviews = server.state.reviews.filter((r) => r.pull_number === 8);
    expect(reviews, first.stdout).toHaveLength(1);
    expect(reviews[0]!.state).toBe('CHANGES_REQUESTED');
    expect(reviews[0]!.body).toContain('1 question(s)');
    expect(server.reviewCommentsOn(8)).toHaveLength(1);
    expect(server.reviewCommentsOn(8)[0]).toMatchObject({ path: 'reports/render.py', line: 4, side: 'RIGHT', review_id: reviews[0]!.id });
  });

  it('with contents: write, a fix settles the comment ("Resolved at <sha>") and resolves its thread', async () => {
    await restart({ permissions: { contents: 'write' } });
    const pr = makePullScenario(server, { number: 9, base, head: questioned });
    await run(pr, 9);
    const [posted] = server.reviewCommentsOn(9);
    expect(posted!.body).toContain('threads-io-only');
    expect(server.threadsOn(9).map((t) => t.isResolved)).toEqual([false]);

    const headSha = pushHead(pr, 9, fixed);
    const third = await run(pr, 9, {}, 'synchronize');
    expect(third.stderr).toBe('');
    expect(third.status).toBe(0);
    const comments = server.reviewCommentsOn(9);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.id).toBe(posted!.id);
    const body = comments[0]!.body;
    expect(body.startsWith(`${MARKER}`)).toBe(true);
    expect(body).toContain(SETTLED);
    expect(body).toContain(`**Resolved** at \`${headSha.slice(0, 7)}\`: the code it was about no longer introduces it`);
    // The earlier text is kept, folded, with the same fingerprint.
    expect(body).toContain('<details><summary>What it said</summary>');
    expect(body).toContain('threads-io-only');
    expect(body.split(MARKER)).toHaveLength(2);
    expect(body.slice(0, body.indexOf(' -->'))).toBe(posted!.body.slice(0, posted!.body.indexOf(' -->')));
    const threads = server.threadsOn(9);
    expect(threads).toHaveLength(1);
    expect(threads[0]!.isResolved).toBe(true);
    expect(third.commands.some((c) => c.message.includes('Review threads not resolved'))).toBe(false);
    // No new review for a fix, and the settled comment is not edited again on a re-run.
    expect(calls(server, 'pulls/create-review')).toBe(1);
    const updates = calls(server, 'pulls/update-review-comment');
    expect(updates).toBe(1);
    await run(pr, 9, {}, 'reopened');
    expect(calls(server, 'pulls/update-review-comment')).toBe(1);
    expect(calls(server, 'pulls/create-review')).toBe(1);
    expect(server.reviewCommentsOn(9)[0]!.body).toBe(body);
  });

  it('with the default contents: read, a fix edits the comment, leaves the thread open, and says once which permission is missing', async () => {
    const pr = makePullScenario(server, { number: 10, base, head: questioned });
    await run(pr, 10);
    const headSha = pushHead(pr, 10, fixed);
    const third = await run(pr, 10, {}, 'synchronize');
    expect(third.stderr).toBe('');
    expect(third.status).toBe(0); // not failed for the thread it could not resolve
    expect(third.commands.filter((c) => c.level === 'error')).toEqual([]);
    const comments = server.reviewCommentsOn(10);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(SETTLED);
    expect(comments[0]!.body).toContain(`Resolved** at \`${headSha.slice(0, 7)}\``);
    expect(server.threadsOn(10).map((t) => t.isResolved)).toEqual([false]);
    const notices = third.commands.filter((c) => c.message.includes('contents: write'));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.level).toBe('notice');
    expect(notices[0]!.message).toContain('Review threads not resolved');
    // The resolve was tried through GraphQL and refused; no REST write was made for it.
    expect(server.requests.filter((r) => r.path.endsWith('/graphql')).length).toBeGreaterThanOrEqual(2);
  });

  it("never edits, resolves or deletes people's comments: a reply in the bot's thread and a reviewer's own comment", async () => {
    await restart({ permissions: { contents: 'write' } });
    const pr = makePullScenario(server, { number: 11, base, head: questioned });
    await run(pr, 11);
    const [bot] = server.reviewCommentsOn(11);
    // A reply in the bot's thread, quoting its marker line, and a reviewer's own thread that quotes it too.
    await as('octo-reviewer', (o) =>
      o.rest.pulls.createReplyForReviewComment({ ...repoRef, pull_number: 11, comment_id: bot!.id, body: `> ${bot!.body.split('\n')[0]}\nIt is I/O-bound, really.` }),
    );
    await as('octo-reviewer', (o) =>
      o.rest.pulls.createReviewComment({ ...repoRef, pull_number: 11, commit_id: pr.headSha, path: 'reports/render.py', line: 4, side: 'RIGHT', body: bot!.body }),
    );
    const people = server.reviewCommentsOn(11).filter((c) => c.user.login === 'octo-reviewer').map((c) => ({ ...c }));
    expect(people).toHaveLength(2);
    expect(people[0]!.in_reply_to_id).toBe(bot!.id);
    const humanThread = server.threadsOn(11).find((t) => t.commentIds[0] === people[1]!.id)!;
    expect(humanThread.isResolved).toBe(false);

    // A re-run on the same head: the reviewer's copy (same marker, same text) is not a twin to delete.
    await run(pr, 11, {}, 'reopened');
    expect(calls(server, 'pulls/delete-review-comment')).toBe(0);
    expect(calls(server, 'pulls/create-review')).toBe(1);

    pushHead(pr, 11, fixed);
    const fix = await run(pr, 11, {}, 'synchronize');
    expect(fix.status).toBe(0);
    const after = server.reviewCommentsOn(11);
    expect(after).toHaveLength(3);
    expect(after.filter((c) => c.user.login === 'octo-reviewer')).toEqual(people);
    expect(after.find((c) => c.id === bot!.id)!.body).toContain(SETTLED);
    expect(calls(server, 'pulls/update-review-comment')).toBe(1);
    expect(calls(server, 'pulls/delete-review-comment')).toBe(0);
    const threads = server.threadsOn(11);
    expect(threads.find((t) => t.commentIds[0] === bot!.id)).toMatchObject({ isResolved: true, commentIds: [bot!.id, people[0]!.id] });
    expect(threads.find((t) => t.commentIds[0] === people[1]!.id)!.isResolved).toBe(false);
  });

  it('inline-limit: 1 with three questions on different lines: one inline comment, the summary says the rest stay in it', async () => {
    const head = { ...base, 'reports/render.py': THREAD_FILE, 'billing/charge.py': `# charges\n${THREAD_FILE}`, 'search/index.py': `# index\n\n${THREAD_FILE}` };
    const pr = makePullScenario(server, { number: 12, base, head });
    const first = await run(pr, 12, { 'inline-limit': '1' });
    expect(first.stderr).toBe('');
    expect(first.outputs.questions).toBe('3');
    expect(calls(server, 'pulls/create-review')).toBe(1);
    const comments = server.reviewCommentsOn(12);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('threads-io-only');
    expect(comments[0]!.side).toBe('RIGHT');
    expect([
      ['reports/render.py', 4],
      ['billing/charge.py', 5],
      ['search/index.py', 6],
    ]).toContainEqual([comments[0]!.path, comments[0]!.line]);
    const summary = server.commentsOn(12)[0]!.body;
    expect(summary).toContain('2 finding\\(s\\) did not get a review comment on their line \\(inline-limit 1\\): they are listed here.');
    for (const file of ['reports/render.py', 'billing/charge.py', 'search/index.py']) expect(summary).toContain(file);
    expect(first.stdout).toContain('2 over the inline-limit of 1');

    // The next run posts the next one (still one per run), never the first again.
    await run(pr, 12, { 'inline-limit': '1' }, 'reopened');
    const again = server.reviewCommentsOn(12);
    expect(again).toHaveLength(2);
    expect(new Set(again.map((c) => c.path)).size).toBe(2);
    expect(calls(server, 'pulls/create-review')).toBe(2);
  });

  it('suggests ProcessPoolExecutor for a fully named ThreadPoolExecutor in CPU-bound code, keeping the indentation', async () => {
    const head = {
      ...base,
      'reports/crunch.py': 'import concurrent.futures\n\n\ndef crunch(rows):\n    with concurrent.futures.ThreadPoolExecutor(4) as pool:\n        return list(pool.map(sum, rows))\n',
    };
    const pr = makePullScenario(server, { number: 13, base, head });
    const first = await run(pr, 13);
    expect(first.stderr).toBe('');
    const comments = server.reviewCommentsOn(13);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatchObject({ path: 'reports/crunch.py', line: 5, side: 'RIGHT' });
    expect(comments[0]!.body).toContain('threads-io-only');
    expect(comments[0]!.body).toContain('```suggestion\n    with concurrent.futures.ProcessPoolExecutor(4) as pool:\n```');
  });

  it('deletes a twin posted by a racing run: one comment per finding remains, the oldest', async () => {
    const pr = makePullScenario(server, { number: 14, base, head: questioned });
    await run(pr, 14);
    const [original] = server.reviewCommentsOn(14);
    // The racing run's copy: same bot, same marker, same line.
    const octokit = new Octokit({ auth: server.state.token, baseUrl: server.url, log: quiet });
    await octokit.rest.pulls.createReviewComment({ ...repoRef, pull_number: 14, commit_id: pr.headSha, path: 'reports/render.py', line: 4, side: 'RIGHT', body: original!.body });
    expect(botComments(server, 14)).toHaveLength(2);

    await run(pr, 14, {}, 'reopened');
    const left = botComments(server, 14);
    expect(left.map((c) => c.id)).toEqual([original!.id]);
    expect(server.threadsOn(14)).toHaveLength(1);
    expect(calls(server, 'pulls/delete-review-comment')).toBe(1);
    expect(calls(server, 'pulls/create-review')).toBe(1);
    expect(left[0]!.body).toBe(original!.body);
  });
});

/** n cpu-bound services, each with threads on line 2 of a new file: n questions on n added lines. */
function manyQuestions(n: number): { profile: string; head: FileTree } {
  const names = Array.from({ length: n }, (_, i) => `svc${String(i).padStart(3, '0')}`);
  const profile = `version: 1\nservices:\n${names.map((s) => `  - name: ${s}\n    paths: ["${s}/**"]\n    workload: cpu-bound\n    evidence: { profiling: "x" }\n`).join('')}`;
  const head: FileTree = { '.github/service-profile.yml': profile };
  for (const s of names) head[`${s}/work.py`] = 'import threading\nthreading.Thread(target=print).start()\n';
  return { profile, head };
}

describe('inline comments with the check run, at scale and at the edges', () => {
  it('60 questions with the defaults: 25 inline comments, all 60 annotations in the check run over a create and one update', async () => {
    const { profile, head } = manyQuestions(60);
    const pr = makePullScenario(server, { number: 30, base: { '.github/service-profile.yml': profile }, head });
    const payload = makePullRequestEvent({ pull: server.state.pulls.get(30) });
    const first = await runAction({ server, payload, workspace: pr.repo.dir });
    expect(first.stderr).toBe('');
    expect(first.outputs.questions).toBe('60');

    // The default inline-limit of 25: one review, 25 comments, one notification.
    expect(server.state.reviews).toHaveLength(1);
    const comments = botComments(server, 30);
    expect(comments).toHaveLength(25);
    expect(new Set(comments.map((c) => c.path)).size).toBe(25);
    expect(comments.every((c) => c.line === 2 && c.side === 'RIGHT')).toBe(true);
    const summary = server.commentsOn(30)[0]!.body;
    expect(summary).toContain('35 finding\\(s\\) did not get a review comment on their line \\(inline-limit 25\\)');

    // Every finding in the check run, whatever the inline-limit.
    expect(server.state.checkRuns).toHaveLength(1);
    const check = server.state.checkRuns[0]!;
    expect(check.annotations).toHaveLength(60);
    expect(new Set(check.annotations.map((a) => a.path)).size).toBe(60);
    expect(calls(server, 'checks/create')).toBe(1);
    expect(calls(server, 'checks/update')).toBe(1);
    // Within the budget of issue 13: ⌈61 files/100⌉ + ⌈25 review comments/100⌉ + ⌈60 annotations/50⌉ + 6.
    expect(server.requests.filter((r) => r.server === 'api')).toHaveLength(1 + 1 + 2 + 6);

    // "Re-run jobs": the next 25 go on their lines, none twice; the check run is updated, not duplicated.
    const rerun = await runAction({ server, payload, workspace: pr.repo.dir, env: { GITHUB_RUN_ATTEMPT: '2' } });
    expect(rerun.stderr).toBe('');
    const after = botComments(server, 30);
    expect(after).toHaveLength(50);
    expect(new Set(after.map((c) => c.path)).size).toBe(50);
    expect(server.state.checkRuns).toHaveLength(1);
    expect(server.state.checkRuns[0]!.annotations).toHaveLength(60);
  });

  it('a question about a line the PR does not add (a need deleted from the profile) stays in the summary, which says so', async () => {
    const needs = (lines: string) => `version: 1\nservices:\n  - name: api\n    paths: ["api/**"]\n    needs:\n${lines}    workload: cpu-bound\n`;
    const before: FileTree = { '.github/service-profile.yml': needs('      low-latency: true\n      high-concurrency: true\n'), 'api/a.py': 'x = 1\n' };
    const after: FileTree = { ...before, '.github/service-profile.yml': needs('      high-concurrency: true\n') };
    const pr = makePullScenario(server, { number: 31, base: before, head: after });
    const first = await run(pr, 31);
    expect(first.stderr).toBe('');
    expect(first.outputs.questions).toBe('1');
    // profile-changed sits on the service's `- name:` line (3), which the diff only shows as context.
    expect(server.state.reviews).toEqual([]);
    expect(server.reviewCommentsOn(31)).toEqual([]);
    expect(calls(server, 'pulls/create-review')).toBe(0);
    const summary = server.commentsOn(31)[0]!.body;
    expect(summary).toContain('profile-changed');
    expect(summary).toContain('1 finding\\(s\\) are about a line this pull request does not add');
    expect(first.stdout).toContain('0 posted, 0 edited, 0 settled (0 thread(s) resolved), 0 over the inline-limit of 25, 1 not on an added line.');
  });
});

/** What the inline renderer itself writes as HTML: its markers, the folded earlier text, <sub>. */
const INLINE_HTML = /^(?:<!-- architecture-review:finding [0-9a-f]{32}:[0-9]+ -->|<!-- architecture-review:settled -->|<details><summary>What it said<\/summary>|<\/details>|<sub>|<\/sub>|\s)+$/;

/** An inline comment as GitHub would render it: no image, link, HTML, ping or reference from the PR. */
function expectHarmlessInline(body: string): void {
  const tokens = parseGfm(body);
  expect(tokens.filter((t) => t.type === 'image')).toEqual([]);
  for (const link of tokens.filter((t) => t.type === 'link_open')) {
    expect(link.attrGet('href')).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/blob\/[\w./-]+\/README\.md#[a-z0-9-]+$/);
  }
  for (const html of tokens.filter((t) => t.type === 'html_block' || t.type === 'html_inline')) {
    expect(html.content, 'HTML the renderer did not write').toMatch(INLINE_HTML);
  }
  expect(githubReferences(tokens)).toEqual([]);
  // eslint-disable-next-line no-control-regex
  expect(body).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]/);
  expect(body.startsWith(MARKER)).toBe(true);
}

describe('hostile code in inline comments', () => {
  const HOSTILE =
    '[click](https://evil.example/x) ![p](https://evil.example/p.png) <img src=x onerror=alert(1)> @octocat @octo-org/admins #123 GH-7 ' +
    'www.evil.example **b** </details><details><summary>x</summary> <!-- x -->';
  // (A line comment naming architecture-review: would get no suggestion: never one that carries an acceptance.)
  const FORGED = '<!-- architecture-review:finding 00000000000000000000000000000000:1 -->';
  const REPORTS = 'reports/<b>@octocat</b> [x](https:evil.example) #9.py';
  const crunch = (accept: string) =>
    `import concurrent.futures\n\n\ndef crunch(rows):\n${accept}    with concurrent.futures.ThreadPoolExecutor(4) as pool:  # ${HOSTILE}\n        return list(pool.map(sum, rows))\n`;

  it('markdown, HTML, @mentions and bidi characters from the code never render: in comments, suggestions and settled comments', async () => {
    await restart({ permissions: { contents: 'write' } });
    const head: FileTree = {
      ...base,
      [REPORTS]: crunch(''),
      // A line with a bidi override gets no suggestion: a suggestion repeats its line as it is.
      'billing/pool.py': `import concurrent.futures\nex = concurrent.futures.ThreadPoolExecutor(4)  # \u202Eevil\u202C ${HOSTILE} ${FORGED}\n`,
    };
    const pr = makePullScenario(server, { number: 40, base, head });
    const first = await run(pr, 40);
    expect(first.stderr).toBe('');
    const comments = botComments(server, 40);
    expect(comments.map((c) => c.path).sort()).toEqual(['billing/pool.py', REPORTS]);
    for (const c of comments) expectHarmlessInline(c.body);
    const reports = comments.find((c) => c.path === REPORTS)!;
    // The suggestion is the line itself, name swapped: the payload stays code inside its fence.
    expect(reports.body).toContain(`\`\`\`suggestion\n    with concurrent.futures.ProcessPoolExecutor(4) as pool:  # ${HOSTILE}\n\`\`\``);
    const fences = parseGfm(reports.body).filter((t) => t.type === 'fence');
    expect(fences.map((t) => t.info)).toEqual(['suggestion']);
    const billing = comments.find((c) => c.path === 'billing/pool.py')!;
    expect(billing.body).not.toContain('```suggestion');

    // The author accepts on the line above, with a hostile reason: the comment is settled, the reason escaped.
    pushHead(pr, 40, { ...head, [REPORTS]: crunch(`    # architecture-review: accept threads-io-only -- ${HOSTILE}\n`) });
    const accepted = await run(pr, 40, {}, 'synchronize');
    expect(accepted.stderr).toBe('');
    const settled = server.reviewCommentsOn(40).find((c) => c.id === reports.id)!;
    expect(settled.body).toContain(SETTLED);
    expect(settled.body).toContain('Accepted by an inline comment');
    expectHarmlessInline(settled.body);
    expect(server.threadsOn(40).find((t) => t.commentIds[0] === reports.id)!.isResolved).toBe(true);
    // The other comment is untouched.
    expect(server.reviewCommentsOn(40).find((c) => c.id === billing.id)!.body).toBe(billing.body);
  });
});
