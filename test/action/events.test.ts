/**
 * The action on the other events and inputs: workflow_dispatch (a PR by number, or an audit),
 * push and schedule audits, unsupported events, comment modes, GitHub Enterprise Server URLs,
 * and the errors that name their fix.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DEPENDABOT, makePullRequestEvent, makePushEvent, makeScheduleEvent, makeWorkflowDispatchEvent } from '../support/events.js';
import { startGitHubServer, type GitHubServer } from '../support/github-server/index.js';
import { makeRepo, removeRepos } from '../support/git-repo.js';
import { makePullScenario, runAction } from './harness.js';

afterAll(removeRepos);

const PROFILE = `version: 1
services:
  - name: storage
    paths: ["storage/**"]
    needs: { low-latency: true }
`;
const base = { '.github/service-profile.yml': PROFILE, 'README.md': 'shop\n' };
const head = { ...base, 'storage/main.go': 'package main\n\nfunc main() {\n\tgo serve()\n}\n' };

let server: GitHubServer | undefined;
afterEach(async () => {
  if (!server) return;
  expect(server.violations).toEqual([]);
  await server.close();
  server = undefined;
});

function checkout() {
  const repo = makeRepo();
  for (const [p, t] of Object.entries(head)) repo.write(p, t);
  repo.commit('tree');
  return repo;
}

/**
 * A checkout whose commit GitHub knows, as it does the commit a push or a dispatch runs on:
 * the audit's check run goes on it. GITHUB_SHA is the checkout's commit, as on a runner.
 */
function knownCheckout(s: GitHubServer) {
  const repo = checkout();
  s.state.contents[repo.sha()] = head;
  return { repo, env: { GITHUB_SHA: repo.sha() } };
}

function checkRunsOn(s: GitHubServer, sha: string) {
  return s.state.checkRuns.filter((c) => c.head_sha === sha);
}

describe('workflow_dispatch', () => {
  it('reviews the pull request named by the pull-request input', async () => {
    server = await startGitHubServer();
    const pr = makePullScenario(server, { number: 21, base, head });
    const run = await runAction({
      server,
      eventName: 'workflow_dispatch',
      payload: makeWorkflowDispatchEvent({ inputs: { 'pull-request': '21' } }),
      inputs: { 'pull-request': '21' },
      workspace: pr.repo.dir,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(server.requests[0]).toMatchObject({ method: 'GET', operationId: 'pulls/get' });
    expect(server.commentsOn(21)[0]!.body).toContain('golang-unjustified');
    // A review's report names the repository at the pull request's head.
    expect(JSON.parse(run.report).repository).toEqual({ name: 'octo-org/octo-repo', url: 'https://github.com/octo-org/octo-repo', commit: server.state.pulls.get(21)!.head.sha });
  });

  it('audits the checked-out ref when no pull request is named', async () => {
    server = await startGitHubServer();
    const { repo, env } = knownCheckout(server);
    const run = await runAction({ server, eventName: 'workflow_dispatch', payload: makeWorkflowDispatchEvent(), workspace: repo.dir, env, inputs: { sarif: 'out/review.sarif' } });
    expect(run.status).toBe(1);
    expect(run.outputs.conclusion).toBe('question');
    expect(run.summary).toContain('golang-unjustified');
    // The audit reads the checkout only; the API is used for the check run alone.
    expect(server.requests.map((r) => r.operationId)).toEqual(['checks/list-for-ref', 'checks/create']);
    expect(checkRunsOn(server, repo.sha()).map((c) => c.conclusion)).toEqual(['failure']);
    const sarif = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(`${repo.dir}/out/review.sarif`, 'utf8')));
    expect(sarif.runs[0].results[0].ruleId).toBe('golang-unjustified');
  });

  it('says clearly when the pull request does not exist', async () => {
    server = await startGitHubServer();
    const run = await runAction({ server, eventName: 'workflow_dispatch', payload: makeWorkflowDispatchEvent(), inputs: { 'pull-request': '404' }, workspace: checkout().dir });
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(/::error::reading pull request #404 failed \(404: Not Found\): not found: check the pull-request number/);
  });
});

describe('push and schedule', () => {
  it.each([
    ['push', () => makePushEvent()],
    ['schedule', () => makeScheduleEvent()],
  ])('%s audits the checkout and writes the JSON report', async (eventName, payload) => {
    server = await startGitHubServer();
    const { repo, env } = knownCheckout(server);
    const run = await runAction({ server, eventName, payload: payload(), workspace: repo.dir, env, inputs: { 'fail-on': 'never' } });
    expect(run.status).toBe(0);
    expect(checkRunsOn(server, repo.sha())).toHaveLength(1);
    const report = JSON.parse(run.report);
    expect(report.mode).toBe('audit');
    expect(report.findings.map((f: { rule: string }) => f.rule)).toContain('golang-unjustified');
    // The report names the repository and the commit the audit read, for a fleet report.
    const name = ((payload().repository as { full_name?: string } | undefined)?.full_name) ?? 'octo-org/octo-repo';
    expect(report.repository).toEqual({ name, url: `https://github.com/${name}`, commit: repo.sha() });
  });

  it('an audit without a checkout says to add actions/checkout', async () => {
    server = await startGitHubServer();
    const run = await runAction({ server, eventName: 'push', payload: makePushEvent() });
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('add actions/checkout');
  });
});

describe('other events and inputs', () => {
  it('does nothing on an unsupported event, in one line, with status 0', async () => {
    server = await startGitHubServer();
    const run = await runAction({ server, eventName: 'issues', payload: {} });
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual([
      'architecture-review does nothing on issues events: run it on pull_request, pull_request_target, issue_comment, pull_request_review_comment, workflow_dispatch, push or schedule',
    ]);
  });

  it('comment: never posts nothing; comment: always posts even without findings', async () => {
    server = await startGitHubServer();
    const pr = makePullScenario(server, { number: 22, base, head });
    await runAction({ server, eventName: 'pull_request', payload: makePullRequestEvent({ pull: server.state.pulls.get(22) }), workspace: pr.repo.dir, inputs: { comment: 'never' } });
    expect(server.commentsOn(22)).toHaveLength(0);
    const quiet = makePullScenario(server, { number: 23, base, head: { ...base, 'README.md': 'shop!\n' } });
    const auto = await runAction({ server, eventName: 'pull_request', payload: makePullRequestEvent({ pull: server.state.pulls.get(23) }), workspace: quiet.repo.dir });
    expect(auto.status).toBe(0);
    expect(server.commentsOn(23)).toHaveLength(0);
    await runAction({ server, eventName: 'pull_request', payload: makePullRequestEvent({ pull: server.state.pulls.get(23) }), workspace: quiet.repo.dir, inputs: { comment: 'always' } });
    expect(server.commentsOn(23)).toHaveLength(1);
    expect(server.commentsOn(23)[0]!.body).toContain('All clear');
  });

  it('a Dependabot PR (read-only token) gets a warning instead of a comment', async () => {
    server = await startGitHubServer({ readOnly: true });
    const pr = makePullScenario(server, { number: 24, base, head });
    const run = await runAction({
      server,
      eventName: 'pull_request',
      payload: makePullRequestEvent({ pull: server.state.pulls.get(24), user: DEPENDABOT, sender: DEPENDABOT }),
      workspace: pr.repo.dir,
    });
    expect(run.status).toBe(1);
    expect(run.commands.filter((c) => c.message.includes('Dependabot'))).toHaveLength(1);
    expect(server.commentsOn(24)).toHaveLength(0);
  });

  it('a read-only token it did not foresee: the 403 becomes the same warning, not a failure', async () => {
    server = await startGitHubServer({ readOnly: true });
    const pr = makePullScenario(server, { number: 25, base, head });
    const run = await runAction({ server, eventName: 'pull_request', payload: makePullRequestEvent({ pull: server.state.pulls.get(25) }), workspace: pr.repo.dir, inputs: { 'fail-on': 'never' } });
    expect(run.status).toBe(0);
    expect(run.commands.filter((c) => c.level === 'warning' && c.message.includes('read-only'))).toHaveLength(1);
  });

  it('honours GITHUB_API_URL of a GitHub Enterprise Server', async () => {
    server = await startGitHubServer({ apiPrefix: '/api/v3' });
    expect(server.url.endsWith('/api/v3')).toBe(true);
    const pr = makePullScenario(server, { number: 26, base, head });
    const run = await runAction({ server, eventName: 'pull_request', payload: makePullRequestEvent({ pull: server.state.pulls.get(26) }), workspace: pr.repo.dir });
    expect(run.status).toBe(1);
    expect(server.requests.every((r) => r.path.startsWith('/api/v3/'))).toBe(true);
    expect(server.commentsOn(26)).toHaveLength(1);
  });

  it('a bad token fails with the fix named, and never prints the token', async () => {
    server = await startGitHubServer();
    const pr = makePullScenario(server, { number: 27, base, head });
    const token = 'ghs_wrongwrongwrongwrongwrongwrongwrong0';
    const run = await runAction({ server, eventName: 'pull_request', payload: makePullRequestEvent({ pull: server.state.pulls.get(27) }), workspace: pr.repo.dir, token });
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('the token is invalid or expired');
    expect(run.stdout + run.stderr + run.summary + JSON.stringify(run.outputs)).not.toContain(token);
  });

  it('rejects bad inputs with the allowed values, before any request', async () => {
    server = await startGitHubServer();
    const run = await runAction({ server, eventName: 'pull_request', payload: makePullRequestEvent(), inputs: { 'fail-on': 'always' } });
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('input fail-on must be one of question, never (got "always")');
    expect(server.requests).toEqual([]);
  });

  it('rejects a profile path outside the repository', async () => {
    server = await startGitHubServer();
    const run = await runAction({ server, eventName: 'pull_request', payload: makePullRequestEvent(), inputs: { profile: '../../etc/passwd' } });
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('input profile must be a path inside the repository');
  });
});
