/**
 * Maintainers' commands in the pull request, end to end: dist/index.js on `issue_comment` and
 * `pull_request_review_comment` events (payloads from @octokit/webhooks-examples), against the
 * local GitHub API server, which answers the collaborator permission endpoint and reactions.
 * Each test first runs the `opened` review (a threads-io-only question, its inline comment and
 * a failing check run), then writes comments as people and runs the comment events.
 */
import { Octokit } from '@octokit/rest';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeIssueCommentEvent, makePullRequestEvent, makeReviewCommentEvent } from '../support/events.js';
import { startGitHubServer, type FileTree, type GitHubServer, type GitHubServerOptions } from '../support/github-server/index.js';
import { loadOpenApi } from '../support/github-server/openapi.js';
import { githubReferences, parseGfm } from '../report/gfm.js';
import { removeRepos } from '../support/git-repo.js';
import { makePullScenario, runAction, type PullScenario } from './harness.js';

afterAll(removeRepos);

const PROFILE = `version: 1
services:
  - name: reports
    paths: ["reports/**"]
    workload: cpu-bound
    evidence: { profiling: "pprofile, 2026-11" }
`;
const base: FileTree = { '.github/service-profile.yml': PROFILE };
const THREADS = 'import threading\n\ndef render(p):\n    threading.Thread(target=p).start()\n';
const head: FileTree = { ...base, 'reports/render.py': THREADS };
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const repoRef = { owner: 'octo-org', repo: 'octo-repo' };
const REPLY = '<!-- architecture-review:reply ';
const ACCEPT = '/architecture-review accept threads-io-only -- the pool only waits on the render service over HTTP';
const COLLABORATORS = { 'octo-maintainer': 'maintain', 'octo-admin': 'admin', 'octo-reader': 'read', 'octo-contributor': 'write' } as const;

let server: GitHubServer;
async function start(options: GitHubServerOptions = {}): Promise<void> {
  server = await startGitHubServer({ collaborators: { ...COLLABORATORS }, permissions: { contents: 'write' }, ...options });
}
beforeEach(async () => {
  await start();
});
afterEach(async () => {
  expect(server.violations).toEqual([]);
  await server.close();
});

function calls(operationId: string): number {
  return server.requests.filter((r) => r.server === 'api' && r.operationId === operationId).length;
}

/** Opened: the review of the question, with the defaults. */
async function opened(number: number, tree: FileTree = head): Promise<PullScenario> {
  const pr = makePullScenario(server, { number, base, head: tree });
  const run = await runAction({ server, payload: makePullRequestEvent({ pull: server.state.pulls.get(number) }), workspace: pr.repo.dir });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(1);
  return pr;
}

/** A request made as `login` (the server's actor writes the comment). */
async function as<T>(login: string, call: (octokit: Octokit) => Promise<T>, type: 'User' | 'Bot' = 'User'): Promise<T> {
  const actor = server.state.actor;
  server.state.actor = { login, type };
  try {
    return await call(new Octokit({ auth: server.state.token, baseUrl: server.url, log: quiet }));
  } finally {
    server.state.actor = actor;
  }
}

async function say(login: string, number: number, body: string, type: 'User' | 'Bot' = 'User') {
  const { data } = await as(login, (o) => o.rest.issues.createComment({ ...repoRef, issue_number: number, body }), type);
  return { id: data.id, body, user: { login, type } };
}

/** The issue_comment run, as the base branch's workflow runs it: no checkout of the PR. */
async function onComment(number: number, comment: { id: number; body: string; user: { login: string; type?: 'User' | 'Bot' } }, action: 'created' | 'edited' | 'deleted' = 'created', previousBody?: string, inputs: Record<string, string> = {}) {
  const payload = makeIssueCommentEvent({ action, pull: server.state.pulls.get(number)!, comment, previousBody });
  return runAction({ server, eventName: 'issue_comment', payload, inputs });
}

function summaryOf(number: number): string {
  return server.commentsOn(number).find((c) => c.body.startsWith('<!-- architecture-review -->'))!.body;
}
function repliesOn(number: number) {
  return server.commentsOn(number).filter((c) => c.body.startsWith(REPLY));
}
function reactionsOn(commentId: number): string[] {
  return server.state.reactions.filter((r) => r.comment_id === commentId).map((r) => r.content);
}
function latestCheck() {
  return server.state.checkRuns[server.state.checkRuns.length - 1]!;
}
function reportOf(run: { report: string }) {
  return JSON.parse(run.report) as { findings: { rule: string; accepted: boolean; acceptedBy: unknown }[]; conclusion: string };
}

describe('accept by comment', () => {
  it('a maintainer accepts with a reason: accepted everywhere, with login, link and reason; check green; thread resolved; 👍', async () => {
    await opened(50);
    expect(latestCheck().conclusion).toBe('failure');
    const comment = await say('octo-maintainer', 50, `Looked at it.\n\n${ACCEPT}\n`);
    const run = await onComment(50, comment);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.outputs.questions).toBe('0');

    const url = `https://github.com/octo-org/octo-repo/pull/50#issuecomment-${comment.id}`;
    const report = reportOf(run);
    expect(report.findings[0]).toMatchObject({
      rule: 'threads-io-only',
      accepted: true,
      acceptedBy: { kind: 'comment', login: 'octo-maintainer', url, reason: 'the pool only waits on the render service over HTTP', byThisChange: false },
    });
    // The summary says who, links the comment, and pings nobody (a zero-width space after @).
    const summary = summaryOf(50);
    expect(summary).toContain(`**Accepted** by a comment of [\\@\u200Bocto-maintainer](${url}): the pool only waits on the render service over HTTP`);
    expect(summary).not.toMatch(/(?:^|[^\u200B\\])@octo-maintainer/);
    // The check run for the head turns green.
    expect(latestCheck()).toMatchObject({ head_sha: server.state.pulls.get(50)!.head.sha, conclusion: 'success' });
    // The inline comment is settled as accepted and its thread resolved.
    const inline = server.reviewCommentsOn(50)[0]!;
    expect(inline.body).toContain('Accepted by [\\@\u200Bocto-maintainer]');
    expect(server.threadsOn(50)[0]!.isResolved).toBe(true);
    // 👍 on the command, no reply.
    expect(reactionsOn(comment.id)).toEqual(['+1']);
    expect(repliesOn(50)).toEqual([]);
    // The run read the PR's head from the API and checked the commenter's permission there.
    expect(calls('pulls/get')).toBeGreaterThanOrEqual(1);
    expect(calls('repos/get-collaborator-permission-level')).toBe(1);

    // Any later run (a push's, a re-run's) replays the conversation: still accepted.
    const again = await runAction({ server, payload: makePullRequestEvent({ action: 'reopened', pull: server.state.pulls.get(50) }) });
    expect(again.status).toBe(0);
    expect(reportOf(again).findings[0]!.accepted).toBe(true);
  });

  it("refused for the PR's author and for a reader, with a reply saying why and a 👎; nothing accepted", async () => {
    await opened(51);
    const own = await say('octo-contributor', 51, ACCEPT);
    const byAuthor = await onComment(51, own);
    expect(byAuthor.stderr).toBe('');
    expect(byAuthor.status).toBe(1);
    expect(reportOf(byAuthor).findings[0]!.accepted).toBe(false);
    expect(reactionsOn(own.id)).toEqual(['-1']);
    const [authorReply] = repliesOn(51);
    expect(authorReply!.body).toContain(`${REPLY}${own.id} -->`);
    expect(authorReply!.body).toContain("the pull request's author may not accept its questions");
    expect(authorReply!.body).toContain('allow-author-accept');

    const reader = await say('octo-reader', 51, ACCEPT);
    const byReader = await onComment(51, reader);
    expect(byReader.status).toBe(1);
    expect(reactionsOn(reader.id)).toEqual(['-1']);
    const readerReply = repliesOn(51).find((c) => c.body.startsWith(`${REPLY}${reader.id} -->`))!;
    expect(readerReply.body).toContain('only people with write, maintain or admin permission on the repository may accept');
    expect(readerReply.body).toContain('has read');
    expect(latestCheck().conclusion).toBe('failure');

    // With allow-author-accept: true the author's command counts.
    const allowed = await onComment(51, own, 'created', undefined, { 'allow-author-accept': 'true' });
    expect(allowed.status).toBe(0);
    expect(reportOf(allowed).findings[0]).toMatchObject({ accepted: true, acceptedBy: { login: 'octo-contributor' } });
    // Its earlier refusal is taken back: no stale reply stays.
    expect(repliesOn(51).map((c) => c.body.slice(0, 50))).toEqual([readerReply.body.slice(0, 50)]);
  });

  it("a bot's command is ignored: no request, no reply, and it never counts on replay", async () => {
    await opened(52);
    const bot = await say('renovate[bot]', 52, ACCEPT, 'Bot');
    const before = server.requests.length;
    const run = await onComment(52, bot);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Nothing to do: comment ${bot.id} is a bot's; commands come from people.`);
    expect(server.requests.length).toBe(before);
    const replay = await runAction({ server, payload: makePullRequestEvent({ action: 'reopened', pull: server.state.pulls.get(52) }) });
    expect(reportOf(replay).findings[0]!.accepted).toBe(false);
    expect(repliesOn(52)).toEqual([]);
  });

  it('revoke puts the question back and the check fails; an edit counts as edited; a deletion no longer counts', async () => {
    await opened(53);
    const accept = await say('octo-maintainer', 53, ACCEPT);
    expect((await onComment(53, accept)).status).toBe(0);
    const revoke = await say('octo-admin', 53, '/architecture-review revoke threads-io-only');
    const revoked = await onComment(53, revoke);
    expect(revoked.status).toBe(1);
    expect(reportOf(revoked).findings[0]!.accepted).toBe(false);
    expect(latestCheck().conclusion).toBe('failure');
    expect(reactionsOn(revoke.id)).toEqual(['+1']);

    // The revoke edited into an accept of another path: the question (in reports/) stays open...
    const edited = '/architecture-review accept threads-io-only tools/** -- only the tools wait on I/O';
    await as('octo-admin', (o) => o.rest.issues.updateComment({ ...repoRef, comment_id: revoke.id, body: edited }));
    const afterEdit = await onComment(53, { ...revoke, body: edited }, 'edited', revoke.body);
    // ...and the earlier accept counts again, since the revoke is gone.
    expect(afterEdit.status).toBe(0);
    expect(reportOf(afterEdit).findings[0]).toMatchObject({ accepted: true, acceptedBy: { login: 'octo-maintainer' } });

    // The accept deleted: nothing accepts the question any more.
    await as('octo-maintainer', (o) => o.rest.issues.deleteComment({ ...repoRef, comment_id: accept.id }));
    const afterDelete = await onComment(53, accept, 'deleted');
    expect(afterDelete.status).toBe(1);
    expect(reportOf(afterDelete).findings[0]!.accepted).toBe(false);
    expect(latestCheck().conclusion).toBe('failure');
  });

  it('a command quoted in a code block or a > quote does not count', async () => {
    await opened(54);
    const quoted = await say('octo-maintainer', 54, `Someone wrote:\n\n> ${ACCEPT}\n\nand the docs say\n\n\`\`\`\n${ACCEPT}\n\`\`\`\n\n    ${ACCEPT}\n`);
    const run = await onComment(54, quoted);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Nothing to do: comment ${quoted.id} holds no /architecture-review command.`);
    const replay = await runAction({ server, payload: makePullRequestEvent({ action: 'reopened', pull: server.state.pulls.get(54) }) });
    expect(reportOf(replay).findings[0]!.accepted).toBe(false);
    expect(reactionsOn(quoted.id)).toEqual([]);
  });
});

describe('other commands', () => {
  it('explain replies once, with the reason, the conditions, the alternative and the docs link', async () => {
    await opened(55);
    const ask = await say('octo-reader', 55, '/architecture-review explain threads-io-only');
    const first = await onComment(55, ask);
    expect(first.stderr).toBe('');
    // Still the review of the PR: the question stands.
    expect(first.status).toBe(1);
    const replies = repliesOn(55);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toContain('**`threads-io-only`** (question)');
    expect(replies[0]!.body).toContain('**Why:**');
    expect(replies[0]!.body).toContain('**When it applies:**');
    expect(replies[0]!.body).toContain('**Instead:**');
    expect(replies[0]!.body).toMatch(/Docs: https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/blob\/[\w./-]+\/README\.md#threads-io-only/);
    // "Re-run jobs" of the same event: the reply is found again, not posted twice.
    await onComment(55, ask);
    expect(repliesOn(55)).toHaveLength(1);
    expect(calls('issues/create-comment')).toBe(3); // the question, the summary and the one reply
  });

  it('rerun reviews the current head, read from the API (not the payload)', async () => {
    const pr = await opened(56);
    // A push that fixes the question; the comment event's payload knows nothing of it.
    pr.repo.write('reports/render.py', 'from multiprocessing import Pool\n\ndef render(p):\n    return Pool(2).map(str, p)\n');
    const fixedSha = pr.repo.commit('fix');
    server.addPull({ number: 56, base: { sha: pr.baseSha, ref: 'main', tree: base }, head: { sha: fixedSha, ref: 'pr-56', tree: { ...base, 'reports/render.py': 'from multiprocessing import Pool\n\ndef render(p):\n    return Pool(2).map(str, p)\n' } } });
    const ask = await say('octo-reader', 56, '/architecture-review rerun');
    const run = await onComment(56, ask);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(reportOf(run).conclusion).toBe('recommend');
    expect(latestCheck()).toMatchObject({ head_sha: fixedSha, conclusion: 'success' });
    expect(reactionsOn(ask.id)).toEqual(['+1']);
  });

  it('a malformed command gets one reply quoting it with the right form, and changes nothing', async () => {
    await opened(57);
    const bad = await say('octo-maintainer', 57, '/architecture-review accept threads-io-only');
    const run = await onComment(57, bad);
    expect(run.status).toBe(1);
    const [reply] = repliesOn(57);
    expect(reply!.body).toContain('`/architecture-review accept threads-io-only` is not a command I can run: a reason is needed after `--`. The form:');
    expect(reply!.body).toContain('```text\n/architecture-review accept <rule-id> [<path-glob>] -- <reason>\n```');
    expect(reactionsOn(bad.id)).toEqual(['confused']);
    expect(reportOf(run).findings[0]!.accepted).toBe(false);

    // Fixed by an edit: the usage reply goes, the acceptance counts.
    const good = `${bad.body} -- measured: 98% of the time in socket reads`;
    await as('octo-maintainer', (o) => o.rest.issues.updateComment({ ...repoRef, comment_id: bad.id, body: good }));
    const fixed = await onComment(57, { ...bad, body: good }, 'edited', bad.body);
    expect(fixed.status).toBe(0);
    expect(repliesOn(57)).toEqual([]);
  });

  it("a reply in the bot's inline thread accepts that thread's finding without naming the rule", async () => {
    await opened(58);
    const root = server.reviewCommentsOn(58)[0]!;
    const { data } = await as('octo-maintainer', (o) =>
      o.rest.pulls.createReplyForReviewComment({ ...repoRef, pull_number: 58, comment_id: root.id, body: '/architecture-review accept -- the threads wait on sockets' }),
    );
    const payload = makeReviewCommentEvent({
      pull: server.state.pulls.get(58)!,
      comment: { id: data.id, body: data.body, user: { login: 'octo-maintainer' }, path: root.path, line: root.line, in_reply_to_id: root.id },
    });
    const openapi = await loadOpenApi();
    expect(openapi.checkWebhook('pull-request-review-comment-created', payload)).toEqual([]);
    const run = await runAction({ server, eventName: 'pull_request_review_comment', payload });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(reportOf(run).findings[0]).toMatchObject({ accepted: true, acceptedBy: { kind: 'comment', login: 'octo-maintainer', reason: 'the threads wait on sockets' } });
    expect(server.reviewCommentsOn(58).find((c) => c.id === root.id)!.body).toContain('Accepted by');
    expect(server.threadsOn(58)[0]!.isResolved).toBe(true);
    expect(server.state.reactions.filter((r) => r.subject === 'review-comment' && r.comment_id === data.id).map((r) => r.content)).toEqual(['+1']);
  });

  it('the issue_comment payloads the tests send are valid webhook payloads', async () => {
    await opened(59);
    const comment = await say('octo-maintainer', 59, ACCEPT);
    const openapi = await loadOpenApi();
    const pull = server.state.pulls.get(59)!;
    expect(openapi.checkWebhook('issue-comment-created', makeIssueCommentEvent({ pull, comment }))).toEqual([]);
    expect(openapi.checkWebhook('issue-comment-edited', makeIssueCommentEvent({ action: 'edited', pull, comment, previousBody: 'x' }))).toEqual([]);
    expect(openapi.checkWebhook('issue-comment-deleted', makeIssueCommentEvent({ action: 'deleted', pull, comment }))).toEqual([]);
  });
});

describe('a long conversation', () => {
  it('5,000 comments: read in 50 pages shared with the summary comment, one permission request per person who accepts or revokes', async () => {
    await opened(60);
    const people = ['octo-maintainer', 'octo-admin', 'octo-reader'];
    for (let i = 0; i < 4997; i++) {
      const login = `user-${i % 40}`;
      server.state.comments.push({ id: server.state.nextCommentId++, issue_number: 60, body: i % 7 ? `note ${i}` : `> ${ACCEPT}`, user: { login, type: 'User' }, created_at: '2024-05-02T10:00:00Z', updated_at: '2024-05-02T10:00:00Z' });
    }
    const [maintainer, reader] = [await say(people[0]!, 60, ACCEPT), await say(people[2]!, 60, ACCEPT)];
    const last = await say(people[1]!, 60, '/architecture-review accept threads-io-only reports/** -- reviewed together on the call');
    expect(server.commentsOn(60)).toHaveLength(5001); // with the summary comment
    const before = server.requests.length;
    const run = await onComment(60, last);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const made = server.requests.slice(before).filter((r) => r.server === 'api');
    const count = (id: string) => made.filter((r) => r.operationId === id).length;
    expect(count('issues/list-comments')).toBe(Math.ceil(5001 / 100));
    expect(count('repos/get-collaborator-permission-level')).toBe(3);
    // The last accept stands, by the admin, with its path glob.
    expect(reportOf(run).findings[0]).toMatchObject({ accepted: true, acceptedBy: { login: 'octo-admin', reason: 'reviewed together on the call' } });
    expect(reactionsOn(maintainer.id)).toEqual([]); // only the trigger is answered
    expect(reactionsOn(reader.id)).toEqual([]);
    expect(reactionsOn(last.id)).toEqual(['+1']);
    // Everything else (12 at most): the PR, its files and two file reads (no checkout), the
    // reaction, the inline settle and the two GraphQL requests that resolve its thread, the
    // summary's update, the check run's listing and creation.
    // The PR is read once, and that read serves both publishers' check of the current head.
    expect(count('pulls/get')).toBe(1);
    expect(count('pulls/list-review-comments')).toBe(1);
    expect(made.length).toBeLessThanOrEqual(51 + 1 + 3 + 12);
  });
});

describe('acceptances belong to findings', () => {
  it('survive a force-push that keeps the line, and a hostile reason stays text', async () => {
    const pr = await opened(61);
    const reason = 'ok @octocat #12 <img src=x onerror=alert(1)> [x](https://evil.example) **b**';
    const accept = await say('octo-maintainer', 61, `/architecture-review accept threads-io-only -- ${reason}`);
    expect((await onComment(61, accept)).status).toBe(0);
    // History rewritten: a new head commit (another sha) with the same line, pushed with --force.
    pr.repo.write('reports/render.py', `# rebased\n${THREADS}`);
    const rewritten = pr.repo.commit('rebased');
    server.addPull({ number: 61, base: { sha: pr.baseSha, ref: 'main', tree: base }, head: { sha: rewritten, ref: 'pr-61', tree: { ...base, 'reports/render.py': `# rebased\n${THREADS}` } } });
    const pushed = await runAction({ server, payload: makePullRequestEvent({ action: 'synchronize', pull: server.state.pulls.get(61) }), workspace: pr.repo.dir });
    expect(pushed.stderr).toBe('');
    expect(pushed.status).toBe(0);
    expect(JSON.parse(pushed.report).findings[0]).toMatchObject({ accepted: true, acceptedBy: { kind: 'comment', login: 'octo-maintainer', reason } });
    expect(latestCheck()).toMatchObject({ head_sha: rewritten, conclusion: 'success' });
    const summary = summaryOf(61);
    // As GitHub renders it: the reason is text, the only link on its line the command's.
    const line = summary.split('\n').find((l) => l.includes('**Accepted** by a comment of'))!;
    const tokens = parseGfm(line);
    expect(tokens.filter((t) => t.type === 'html_inline' || t.type === 'image')).toEqual([]);
    expect(tokens.filter((t) => t.type === 'link_open').map((t) => t.attrGet('href'))).toEqual([`https://github.com/octo-org/octo-repo/pull/61#issuecomment-${accept.id}`]);
    expect(githubReferences(tokens)).toEqual([]);
    expect(tokens.filter((t) => t.type === 'text').map((t) => t.content).join('')).toContain('ok @\u200Bocto');
  });
});
