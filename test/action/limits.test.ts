/**
 * GitHub's limits: 3000 files from the PR files API (and what happens past them), the number of
 * requests a large review costs, 65,536 characters per comment, 10 annotations per level.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { makePullRequestEvent } from '../support/events.js';
import { startGitHubServer, type FileTree, type GitHubServer } from '../support/github-server/index.js';
import { removeRepos } from '../support/git-repo.js';
import { makePullScenario, runAction } from './harness.js';

afterAll(removeRepos);

let server: GitHubServer | undefined;
afterEach(async () => {
  if (!server) return;
  expect(server.violations).toEqual([]);
  await server.close();
  server = undefined;
});

const PROFILE = 'version: 1\nservices:\n  - name: app\n    workload: cpu-bound\n    evidence: { profiling: "yes" }\n';

function manyFiles(n: number, text: (i: number) => string): FileTree {
  const tree: FileTree = {};
  for (let i = 0; i < n; i++) tree[`pkg/m${String(i).padStart(4, '0')}.py`] = text(i);
  return tree;
}

describe('a 3000-file pull request', () => {
  const base = { '.github/service-profile.yml': PROFILE };
  const head = { ...base, ...manyFiles(3000, () => 'import threading\nthreading.Thread(target=print).start()\n') };

  it('with a checkout: ceil(3000/100) pages and at most 3 more requests', async () => {
    server = await startGitHubServer();
    const pr = makePullScenario(server, { number: 31, base, head });
    const run = await runAction({ server, eventName: 'pull_request', payload: makePullRequestEvent({ pull: server.state.pulls.get(31) }), workspace: pr.repo.dir, inputs: { inline: 'none', 'check-name': '' } });
    expect(run.status).toBe(1);
    const pages = server.requests.filter((r) => r.operationId === 'pulls/list-files');
    expect(pages).toHaveLength(30);
    expect(server.requests.length).toBeLessThanOrEqual(30 + 3);
    const report = JSON.parse(run.report);
    expect(report.signals).toHaveLength(6000); // an import and a thread per file
  });

  it('without a checkout: at most 6 more requests, the files coming in one archive', async () => {
    server = await startGitHubServer();
    makePullScenario(server, { number: 32, base, head });
    const run = await runAction({ server, eventName: 'pull_request', payload: makePullRequestEvent({ pull: server.state.pulls.get(32) }), inputs: { inline: 'none', 'check-name': '' } });
    expect(run.status).toBe(1);
    expect(server.requests.length).toBeLessThanOrEqual(30 + 6);
    expect(server.requests.filter((r) => r.server === 'codeload')).toHaveLength(1);
    const report = JSON.parse(run.report);
    expect(report.signals).toHaveLength(6000); // an import and a thread per file
  });
});

describe('past 3000 files', () => {
  const base = { '.github/service-profile.yml': PROFILE };
  const head = { ...base, ...manyFiles(3100, () => 'import threading\nthreading.Thread(target=print).start()\n') };

  it('reviews every file from the local git diff when the checkout has both commits', async () => {
    server = await startGitHubServer();
    const pr = makePullScenario(server, { number: 33, base, head });
    const run = await runAction({ server, eventName: 'pull_request', payload: makePullRequestEvent({ pull: server.state.pulls.get(33) }), workspace: pr.repo.dir });
    const report = JSON.parse(run.report);
    expect(report.signals).toHaveLength(6200);
    expect(server.commentsOn(33)[0]!.body).not.toContain('truncated');
  });

  it('says the review is truncated when there is no checkout', async () => {
    server = await startGitHubServer();
    makePullScenario(server, { number: 34, base, head });
    const run = await runAction({ server, eventName: 'pull_request', payload: makePullRequestEvent({ pull: server.state.pulls.get(34) }) });
    const report = JSON.parse(run.report);
    expect(report.signals).toHaveLength(6000); // an import and a thread per file
    expect(server.commentsOn(34)[0]!.body).toContain('GitHub lists only the first 3000');
    expect(run.summary).toContain('GitHub lists only the first 3000');
  });
});

describe('2,000 questioned files in 2,000 services', () => {
  it('keeps the comment under 65,536 characters, questions first, and annotates at most 10 per level', async () => {
    server = await startGitHubServer();
    const services = Array.from({ length: 2000 }, (_, i) => `  - name: s${i}\n    paths: ["s${i}/**"]\n    workload: cpu-bound\n    evidence: { profiling: "yes" }\n`);
    const base = { '.github/service-profile.yml': `version: 1\nservices:\n${services.join('')}` };
    const head: FileTree = { ...base };
    for (let i = 0; i < 2000; i++) head[`s${i}/worker.py`] = 'import threading\nthreading.Thread(target=print).start()  # <b>@octocat</b> `x`\n';
    const pr = makePullScenario(server, { number: 35, base, head });
    const run = await runAction({ server, eventName: 'pull_request', payload: makePullRequestEvent({ pull: server.state.pulls.get(35) }), workspace: pr.repo.dir, inputs: { inline: 'none', 'check-name': '' } });
    expect(run.status).toBe(1);
    const body = server.commentsOn(35)[0]!.body;
    expect(body.length).toBeLessThanOrEqual(65536);
    expect(body.startsWith('<!-- architecture-review -->')).toBe(true);
    expect(body).toMatch(/more findings not shown/);
    expect(run.outputs.questions).toBe('2000');
    expect(run.commands.filter((c) => c.level === 'warning' && c.props.includes('file='))).toHaveLength(10);
    expect(run.summary).toMatch(/finding\(s\) were not annotated/);
    expect(Buffer.byteLength(run.summary)).toBeLessThan(1024 * 1024);
  });
});
