/**
 * The action end to end on pull requests: dist/index.js as the runner runs it, against the
 * local GitHub API server (stateful, OpenAPI-checked), with a real git checkout.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePullRequestEvent } from '../support/events.js';
import { startGitHubServer, type GitHubServer } from '../support/github-server/index.js';
import { cloneRepo, removeRepos } from '../support/git-repo.js';
import { githubReferences, parseGfm } from '../report/gfm.js';
import { makePullScenario, runAction } from './harness.js';

afterAll(removeRepos);

const PROFILE = `version: 1
services:
  - name: reports
    paths: ["reports/**"]
    workload: cpu-bound
    evidence: { profiling: "pprofile, 2026-11" }
  - name: tools
    paths: ["tools/**"]
    workload: io-bound
`;

let server: GitHubServer;
beforeEach(async () => {
  server = await startGitHubServer();
});
afterEach(async () => {
  expect(server.violations).toEqual([]);
  await server.close();
});

const base = { '.github/service-profile.yml': PROFILE };
// reports/render.py is new in each change: a modified file with a use on an added line costs one more
// request, for its base version (review.ts, readBases), which the request counts here leave out.
const questioned = { ...base, 'reports/render.py': 'import threading\n\ndef render(p):\n    threading.Thread(target=p).start()\n' };
const fixed = { ...base, 'reports/render.py': 'from multiprocessing import Pool\n\ndef render(p):\n    return Pool(2).map(str, p)\n' };

function apiCalls(s: GitHubServer) {
  return s.requests.filter((r) => r.server === 'api').map((r) => `${r.method} ${r.operationId ?? r.path}`);
}

describe('pull_request', () => {
  it('posts one comment and fails the step on a question; a re-run keeps one comment; a fix turns it all clear', async () => {
    const pr = makePullScenario(server, { number: 7, base, head: questioned });
    const payload = makePullRequestEvent({ pull: server.state.pulls.get(7) });

    const first = await runAction({ server, eventName: 'pull_request', payload, workspace: pr.repo.dir });
    expect(first.stderr).toBe('');
    expect(first.status).toBe(1);
    expect(first.stdout).toContain('::error::1 unaccepted question(s)');
    let comments = server.commentsOn(7);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body.startsWith('<!-- architecture-review -->')).toBe(true);
    expect(comments[0]!.body).toContain('threads-io-only');
    expect(first.outputs.conclusion).toBe('question');
    expect(first.outputs.questions).toBe('1');
    expect(first.outputs['comment-url']).toBe(`https://github.com/octo-org/octo-repo/pull/7#issuecomment-${comments[0]!.id}`);
    expect(first.summary).toContain('threads-io-only');
    // The annotation is the check run's (the default check-name), not a workflow command.
    const [check] = server.state.checkRuns.filter((c) => c.head_sha === pr.headSha);
    expect(check!.annotations.map((a) => `${a.path}:${a.start_line}:${a.annotation_level}`)).toEqual(['reports/render.py:4:warning']);
    expect(first.commands.some((c) => c.props.includes('file=reports/render.py'))).toBe(false);

    const rerun = await runAction({ server, eventName: 'pull_request', payload, workspace: pr.repo.dir });
    expect(rerun.status).toBe(1);
    expect(server.commentsOn(7)).toHaveLength(1);

    // synchronize: the author replaces the threads with processes.
    pr.repo.write('reports/render.py', fixed['reports/render.py']);
    const headSha = pr.repo.commit('use processes');
    server.addPull({
      number: 7,
      base: { sha: pr.baseSha, ref: 'main', tree: base },
      head: { sha: headSha, ref: 'pr-7', tree: fixed },
    });
    const sync = makePullRequestEvent({ action: 'synchronize', pull: server.state.pulls.get(7) });
    const third = await runAction({ server, eventName: 'pull_request', payload: sync, workspace: pr.repo.dir });
    expect(third.status).toBe(0);
    comments = server.commentsOn(7);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).not.toContain('threads-io-only');
    expect(comments[0]!.body).toContain('multiprocessing-ok');
    expect(third.outputs.conclusion).toBe('recommend');
  });

  it('with fail-on: never, passes the step and still comments', async () => {
    const pr = makePullScenario(server, { number: 8, base, head: questioned });
    const run = await runAction({
      server,
      eventName: 'pull_request',
      payload: makePullRequestEvent({ pull: server.state.pulls.get(8) }),
      workspace: pr.repo.dir,
      inputs: { 'fail-on': 'never' },
    });
    expect(run.status).toBe(0);
    expect(run.outputs.conclusion).toBe('question');
    expect(server.commentsOn(8)).toHaveLength(1);
  });

  it('with a full checkout, needs only the files pages, the comment list, one write and the twin check', async () => {
    const pr = makePullScenario(server, { number: 9, base, head: questioned });
    await runAction({ server, eventName: 'pull_request', payload: makePullRequestEvent({ pull: server.state.pulls.get(9) }), workspace: pr.repo.dir, inputs: { inline: 'none', 'check-name': '' } });
    expect(apiCalls(server)).toEqual(['GET pulls/list-files', 'GET issues/list-comments', 'POST issues/create-comment', 'GET issues/list-comments']);
  });

  it('with the defaults, inline comments and the check run add five requests on a first run: list, head, review, twin check; create', async () => {
    const pr = makePullScenario(server, { number: 19, base, head: questioned });
    await runAction({ server, eventName: 'pull_request', payload: makePullRequestEvent({ pull: server.state.pulls.get(19) }), workspace: pr.repo.dir });
    // The comments and review comments are listed once, first, for the maintainers' commands,
    // and those listings serve the summary and the inline comments too.
    expect(apiCalls(server)).toEqual([
      'GET pulls/list-files',
      'GET issues/list-comments',
      'GET pulls/list-review-comments',
      'GET pulls/get',
      'POST pulls/create-review',
      'GET pulls/list-review-comments',
      'POST issues/create-comment',
      'GET issues/list-comments',
      'POST checks/create',
    ]);
    expect(server.reviewCommentsOn(19)).toHaveLength(1);
    expect(server.state.checkRuns.filter((c) => c.head_sha === pr.headSha)).toHaveLength(1);
  });

  it('with a shallow checkout of head, reads the base profile through the API in one request', async () => {
    const pr = makePullScenario(server, { number: 15, base, head: questioned });
    const shallow = cloneRepo(pr.repo, ['--depth', '1', '--branch', 'pr-15']);
    const run = await runAction({ server, eventName: 'pull_request', payload: makePullRequestEvent({ pull: server.state.pulls.get(15) }), workspace: shallow.dir, inputs: { inline: 'none', 'check-name': '' } });
    expect(run.status).toBe(1);
    expect(apiCalls(server)).toEqual([
      'GET pulls/list-files',
      'GET repos/get-content',
      'GET issues/list-comments',
      'POST issues/create-comment',
      'GET issues/list-comments',
    ]);
  });

  it('warns on the profile line of a service glob that matches no file of the head, in the annotations and the comment', async () => {
    // PROFILE's tools/** matches nothing in this head: its files would silently go to the default service.
    const pr = makePullScenario(server, { number: 16, base, head: questioned });
    const run = await runAction({ server, eventName: 'pull_request', payload: makePullRequestEvent({ pull: server.state.pulls.get(16) }), workspace: pr.repo.dir });
    const warnings = run.commands.filter((c) => c.level === 'warning' && c.props.includes('file=.github/service-profile.yml'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.props).toContain('line=8');
    expect(warnings[0]!.message).toContain('service "tools": paths glob "tools/**" matches no file at the head commit');
    expect(server.commentsOn(16)[0]!.body).toContain('- Profile: .github/service-profile.yml:8:13: service "tools": paths glob "tools/\\*\\*" matches no file');
    // Declared globs that match stay quiet.
    expect(run.commands.some((c) => c.message.includes('"reports/**"'))).toBe(false);
  });

  it('reads the files from the API when there is no checkout', async () => {
    makePullScenario(server, { number: 10, base, head: questioned });
    const run = await runAction({ server, eventName: 'pull_request', payload: makePullRequestEvent({ pull: server.state.pulls.get(10) }), inputs: { inline: 'none', 'check-name': '' } });
    expect(run.status).toBe(1);
    expect(server.commentsOn(10)[0]!.body).toContain('threads-io-only');
    expect(apiCalls(server).length).toBeLessThanOrEqual(1 + 5);
  });

  it('on a fork PR: no comment, one warning, and still the summary, annotations, outputs and status', async () => {
    await server.close();
    server = await startGitHubServer({ readOnly: true });
    const pr = makePullScenario(server, { number: 11, base, head: questioned, fork: true });
    const run = await runAction({
      server,
      eventName: 'pull_request',
      payload: makePullRequestEvent({ pull: server.state.pulls.get(11), fork: true, user: 'outside-contributor' }),
      workspace: pr.repo.dir,
    });
    expect(run.status).toBe(1);
    expect(server.commentsOn(11)).toHaveLength(0);
    const warnings = run.commands.filter((c) => c.level === 'warning' && c.message.startsWith('No PR comment'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toContain('fork');
    expect(run.summary).toContain('threads-io-only');
    expect(run.outputs.conclusion).toBe('question');
    expect(server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    // With the defaults (inline comments, a check run): no review, no check run, not even tried;
    // the finding is a workflow-command annotation on its line instead.
    expect(server.state.reviews).toEqual([]);
    expect(server.reviewCommentsOn(11)).toEqual([]);
    expect(server.state.checkRuns).toEqual([]);
    expect(run.commands.filter((c) => c.props.includes('file=reports/render.py') && c.props.includes('line=4')).map((c) => c.level)).toEqual(['warning']);
    expect(run.commands.filter((c) => c.level === 'warning' && !c.props.includes('file='))).toHaveLength(1);
  });

  it('accepts open questions when the accept label is on the PR', async () => {
    const pr = makePullScenario(server, { number: 12, base, head: questioned, labels: ['architecture-accepted'] });
    const run = await runAction({
      server,
      eventName: 'pull_request',
      payload: makePullRequestEvent({ action: 'labeled', pull: server.state.pulls.get(12) }),
      workspace: pr.repo.dir,
    });
    expect(run.status).toBe(0);
    expect(run.outputs.questions).toBe('0');
    expect(server.commentsOn(12)[0]!.body).toContain('architecture-accepted');
  });

  it('a re-run on unlabeled opens the questions again, in the same comment', async () => {
    const pr = makePullScenario(server, { number: 16, base, head: questioned, labels: ['architecture-accepted'] });
    const labeled = await runAction({
      server,
      eventName: 'pull_request',
      payload: makePullRequestEvent({ action: 'labeled', pull: server.state.pulls.get(16) }),
      workspace: pr.repo.dir,
    });
    expect(labeled.status).toBe(0);
    const unlabeled = await runAction({
      server,
      eventName: 'pull_request',
      payload: makePullRequestEvent({ action: 'unlabeled', pull: server.state.pulls.get(16), labels: [], label: 'architecture-accepted' }),
      workspace: pr.repo.dir,
    });
    expect(unlabeled.status).toBe(1);
    expect(unlabeled.outputs.questions).toBe('1');
    const comments = server.commentsOn(16);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain('1 question to answer');
  });

  it('questions a PR that edits the profile, and judges its Go by the base profile', async () => {
    const justified = PROFILE.replace(
      'workload: io-bound',
      'workload: io-bound\n    needs: { low-latency: true, high-concurrency: true, multi-core: true, shared-memory: true, cython-parallel: false }',
    );
    const head = { ...base, '.github/service-profile.yml': justified, 'tools/server.go': 'package tools\n\nfunc Run() { go serve() }\n' };
    const pr = makePullScenario(server, { number: 13, base, head });
    const run = await runAction({
      server,
      eventName: 'pull_request_target',
      payload: makePullRequestEvent({ pull: server.state.pulls.get(13) }),
      workspace: pr.repo.dir,
      inputs: { 'fail-on': 'never' },
    });
    const body = server.commentsOn(13)[0]!.body;
    expect(body).toContain('profile-changed');
    expect(body).toContain('golang-unjustified');
    expect(body).not.toContain('golang-justified');
    expect(body).toContain('low-latency: not declared → true');
    expect(run.status).toBe(0);
  });

  it('renders hostile code lines and file names harmless', async () => {
    const hostile = {
      ...base,
      'reports/render.py': 'import threading\nthreading.Thread(target=print).start()  # @octocat see #1 <img src=x onerror=alert(1)> [x](http://evil) `tick` <!-- architecture-review -->\n',
    };
    const pr = makePullScenario(server, { number: 14, base, head: hostile });
    await runAction({ server, eventName: 'pull_request', payload: makePullRequestEvent({ pull: server.state.pulls.get(14) }), workspace: pr.repo.dir });
    const body = server.commentsOn(14)[0]!.body;
    const tokens = parseGfm(body);
    // The hostile line is there, but only as code: no image, no foreign link, no HTML of its own.
    expect(tokens.some((t) => t.type === 'code_inline' && t.content.includes('@octocat see #1 <img'))).toBe(true);
    expect(tokens.filter((t) => t.type === 'image')).toEqual([]);
    const links = tokens.filter((t) => t.type === 'link_open').map((t) => String(t.attrGet('href')));
    expect(links.every((href) => String(href).startsWith('https://github.com/architecture-review/'))).toBe(true);
    const html = tokens.filter((t) => t.type === 'html_inline' || t.type === 'html_block').map((t) => t.content.trim());
    expect(html.every((h) => /^(<!-- architecture-review -->|<\/?sub>|<\/?details>|<\/?summary>)/.test(h))).toBe(true);
    expect(githubReferences(tokens)).toEqual([]);
    expect(body.split('<!-- architecture-review -->')).toHaveLength(2);
  });
});
