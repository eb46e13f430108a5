/**
 * The check run end to end: dist/index.js as the runner runs it, with input `check-name`,
 * against the local GitHub API server, which keeps check runs and their annotations as the
 * Checks API does (50 annotations per request at most, annotations appended on every update).
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePullRequestEvent } from '../support/events.js';
import { startGitHubServer, type GitHubServer, type RecordedRequest } from '../support/github-server/index.js';
import { removeRepos } from '../support/git-repo.js';
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

const CHECK = { 'check-name': 'architecture-review' };

let server: GitHubServer;
beforeEach(async () => {
  server = await startGitHubServer();
});
afterEach(async () => {
  expect(server.violations).toEqual([]);
  await server.close();
});

const base = { '.github/service-profile.yml': PROFILE };
// Line 4, an added line: a question for the cpu-bound service "reports".
const questioned = { ...base, 'reports/render.py': 'import threading\n\ndef render(p):\n    threading.Thread(target=p).start()\n' };
// The same threads in the io-bound service "tools": only a note (threads-for-io).
const noted = { ...base, 'tools/fetch.py': 'import threading\n\ndef fetch(p):\n    threading.Thread(target=p).start()\n' };

function checkCalls(s: GitHubServer, operationId: string): RecordedRequest[] {
  return s.requests.filter((r) => r.server === 'api' && r.operationId === operationId);
}

/** How many annotations a create or update request carried. */
function annotationsSent(r: RecordedRequest): number {
  const body = r.body as { output?: { annotations?: unknown[] } } | undefined;
  return body?.output?.annotations?.length ?? 0;
}

/**
 * Findings are grouped by rule, service and signal (the places of one group are named in its
 * annotation's message): n cpu-bound services with threads make n questions.
 */
function manyServices(n: number) {
  const names = Array.from({ length: n }, (_, i) => `svc${String(i).padStart(3, '0')}`);
  const profile = `version: 1\nservices:\n${names
    .map((s) => `  - name: ${s}\n    paths: ["${s}/**"]\n    workload: cpu-bound\n    evidence: { profiling: "x" }\n`)
    .join('')}`;
  const head: Record<string, string> = { '.github/service-profile.yml': profile };
  for (const s of names) head[`${s}/work.py`] = 'import threading\nthreading.Thread(target=print).start()\n';
  return { names, profile, head };
}

describe('check run', () => {
  it('a question: one completed check run on the head sha, failure, a warning annotation on the added line, and its url as output', async () => {
    const pr = makePullScenario(server, { number: 21, base, head: questioned });
    const run = await runAction({ server, payload: makePullRequestEvent({ pull: server.state.pulls.get(21) }), workspace: pr.repo.dir, inputs: CHECK });

    expect(run.stderr).toBe('');
    // The step fails for the question (fail-on: question by default), not for the check run.
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('::error::1 unaccepted question(s)');

    expect(server.state.checkRuns).toHaveLength(1);
    const check = server.state.checkRuns[0]!;
    expect(check.name).toBe('architecture-review');
    expect(check.head_sha).toBe(pr.headSha);
    expect(check.status).toBe('completed');
    expect(check.conclusion).toBe('failure');
    expect(check.external_id).toMatch(/^architecture-review:[0-9a-f]{16}$/);
    expect(check.details_url).toBe('https://github.com/octo-org/octo-repo/actions/runs/1658821493');
    expect(check.output.title).toBe('1 open question(s) about concurrency or language choices');
    expect(check.output.summary).toContain('threads-io-only');
    expect(check.output.summary!.length).toBeLessThanOrEqual(65_535);

    expect(check.annotations).toHaveLength(1);
    expect(check.output.annotations_count).toBe(1);
    const [a] = check.annotations;
    expect(a).toMatchObject({ path: 'reports/render.py', start_line: 4, end_line: 4, annotation_level: 'warning', title: 'threads-io-only (question)' });
    expect(a!.message).toContain('service reports');

    // The check carries the annotations: no workflow-command copy of the finding.
    expect(run.commands.some((c) => c.props.includes('file=reports/render.py'))).toBe(false);
    expect(run.outputs['check-run-url']).toBe(check.html_url);
    expect(run.outputs['check-run-url']).toBe(`https://github.com/octo-org/octo-repo/runs/${check.id}`);
    expect(run.stdout).toContain(`Check run "architecture-review" created (failure, 1 annotation(s)): ${check.html_url}`);
    expect(checkCalls(server, 'checks/create')).toHaveLength(1);
    expect(checkCalls(server, 'checks/update')).toHaveLength(0);
  });

  it('a re-run on the same sha leaves an unchanged check run alone, and updates it (annotations not sent twice) for a new run', async () => {
    const pr = makePullScenario(server, { number: 22, base, head: questioned });
    const payload = makePullRequestEvent({ pull: server.state.pulls.get(22) });
    const first = await runAction({ server, payload, workspace: pr.repo.dir, inputs: CHECK });
    // The first attempt of `opened` creates without looking; "Re-run jobs" is attempt 2.
    expect(checkCalls(server, 'checks/list-for-ref')).toHaveLength(0);
    const rerun = await runAction({ server, payload, workspace: pr.repo.dir, inputs: CHECK, env: { GITHUB_RUN_ATTEMPT: '2' } });

    expect(first.status).toBe(1);
    expect(rerun.status).toBe(1);
    expect(server.state.checkRuns).toHaveLength(1);
    const check = server.state.checkRuns[0]!;
    expect(check.conclusion).toBe('failure');
    expect(check.annotations).toHaveLength(1);
    expect(checkCalls(server, 'checks/list-for-ref')).toHaveLength(1);
    expect(checkCalls(server, 'checks/list-for-ref')[0]!.query).toMatchObject({ check_name: 'architecture-review' });
    expect(checkCalls(server, 'checks/create')).toHaveLength(1);
    // Same conclusion, title, summary and run page: nothing to write.
    expect(checkCalls(server, 'checks/update')).toHaveLength(0);
    expect(rerun.outputs['check-run-url']).toBe(check.html_url);
    expect(rerun.stdout).toContain('Check run "architecture-review" unchanged (failure, 1 annotation(s))');

    // Another workflow run (a new run page) on the same head, here for `reopened`: the check run
    // is brought to it, without its annotations again.
    const reopened = makePullRequestEvent({ action: 'reopened', pull: server.state.pulls.get(22) });
    const other = await runAction({ server, payload: reopened, workspace: pr.repo.dir, inputs: CHECK, env: { GITHUB_RUN_ID: '1658821999' } });
    expect(other.status).toBe(1);
    expect(server.state.checkRuns).toHaveLength(1);
    const updates = checkCalls(server, 'checks/update');
    expect(updates.map(annotationsSent)).toEqual([0]);
    expect(check.details_url).toBe('https://github.com/octo-org/octo-repo/actions/runs/1658821999');
    expect(check.annotations).toHaveLength(1);
    expect(other.stdout).toContain('Check run "architecture-review" updated (failure, 1 annotation(s))');
  });

  it("a re-run whose annotations differ (the accept label) supersedes the earlier run with a new one of the same name", async () => {
    const pr = makePullScenario(server, { number: 23, base, head: questioned });
    const first = await runAction({ server, payload: makePullRequestEvent({ pull: server.state.pulls.get(23) }), workspace: pr.repo.dir, inputs: CHECK });
    expect(first.status).toBe(1);

    server.state.pulls.get(23)!.labels = ['architecture-accepted'];
    const labeled = await runAction({
      server,
      payload: makePullRequestEvent({ action: 'labeled', pull: server.state.pulls.get(23) }),
      workspace: pr.repo.dir,
      inputs: CHECK,
    });
    expect(labeled.status).toBe(0);
    expect(labeled.outputs.questions).toBe('0');

    // GitHub never removes an annotation: the old run keeps its warning, the new one (the latest,
    // which GitHub shows and a required check reads) has the accepted finding as a notice.
    expect(server.state.checkRuns).toHaveLength(2);
    const [old, latest] = server.state.checkRuns;
    expect(old!.conclusion).toBe('failure');
    expect(old!.annotations.map((a) => a.annotation_level)).toEqual(['warning']);
    expect(latest!.name).toBe('architecture-review');
    expect(latest!.head_sha).toBe(pr.headSha);
    expect(latest!.conclusion).toBe('success');
    expect(latest!.external_id).not.toBe(old!.external_id);
    expect(latest!.annotations).toHaveLength(1);
    expect(latest!.annotations[0]).toMatchObject({ path: 'reports/render.py', start_line: 4, annotation_level: 'notice', title: 'threads-io-only (accepted)' });
    expect(latest!.output.title).toBe('The rules have no open question');
    expect(labeled.outputs['check-run-url']).toBe(latest!.html_url);
    expect(checkCalls(server, 'checks/create')).toHaveLength(2);
    expect(checkCalls(server, 'checks/update')).toHaveLength(0);
  });

  it('sends every one of 120 annotations, in requests of at most 50', async () => {
    const { names, profile, head } = manyServices(120);
    // svc000's second thread is in the same finding: one annotation, the other place in its message.
    head['svc000/work.py'] += 'threading.Thread(target=print).start()\n';
    const pr = makePullScenario(server, { number: 24, base: { '.github/service-profile.yml': profile }, head });
    const run = await runAction({ server, payload: makePullRequestEvent({ pull: server.state.pulls.get(24) }), workspace: pr.repo.dir, inputs: CHECK });

    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.outputs.questions).toBe('120');

    expect(server.state.checkRuns).toHaveLength(1);
    const check = server.state.checkRuns[0]!;
    expect(check.conclusion).toBe('failure');
    expect(check.output.title).toBe('120 open question(s) about concurrency or language choices');
    expect(check.annotations).toHaveLength(120);
    expect(check.output.annotations_count).toBe(120);
    expect(check.annotations.every((a) => a.start_line === 2 && a.annotation_level === 'warning')).toBe(true);
    expect(check.annotations.map((a) => a.path).sort()).toEqual(names.map((n) => `${n}/work.py`));
    expect(check.annotations.find((a) => a.path === 'svc000/work.py')!.message).toContain('Also at svc000/work.py:3.');

    const writes = [...checkCalls(server, 'checks/create'), ...checkCalls(server, 'checks/update')];
    expect(writes.map((r) => r.operationId)).toEqual(['checks/create', 'checks/update', 'checks/update']);
    expect(writes.map(annotationsSent)).toEqual([50, 50, 20]);
    // Marked complete only by the last batch.
    expect(writes.map((r) => (r.body as { external_id?: string }).external_id)).toEqual(['architecture-review:incomplete', undefined, check.external_id]);
    expect(check.external_id).toMatch(/^architecture-review:[0-9a-f]{16}$/);
    expect(writes.every((r) => r.status < 300)).toBe(true);
    // No workflow-command copy of the findings (those would stop at 10 per level).
    expect(run.commands.filter((c) => c.props.includes('/work.py'))).toEqual([]);
    expect(run.stdout).toContain('created (failure, 120 annotation(s))');
  });

  it('a run cut off between annotation batches leaves no run that a re-run takes for complete', async () => {
    const { profile, head } = manyServices(120);
    const pr = makePullScenario(server, { number: 29, base: { '.github/service-profile.yml': profile }, head });
    const payload = makePullRequestEvent({ pull: server.state.pulls.get(29) });
    // The second batch is refused (a 4xx: not retried); the step fails, the run has 50 annotations.
    const fault = server.setFault({ method: 'PATCH', path: /\/check-runs\/\d+$/ }, { type: 'status', status: 422, body: { message: 'Validation Failed' } });
    const cut = await runAction({ server, payload, workspace: pr.repo.dir, inputs: CHECK });
    expect(fault.hits).toBe(1);
    expect(cut.status).toBe(2);
    expect(server.state.checkRuns).toHaveLength(1);
    expect(server.state.checkRuns[0]!.annotations).toHaveLength(50);
    expect(server.state.checkRuns[0]!.external_id).toBe('architecture-review:incomplete');

    const rerun = await runAction({ server, payload, workspace: pr.repo.dir, inputs: CHECK, env: { GITHUB_RUN_ATTEMPT: '2' } });
    expect(rerun.status).toBe(1);
    // The latest run of the name (what GitHub shows and a required check reads) has them all.
    const latest = server.state.checkRuns[server.state.checkRuns.length - 1]!;
    expect(latest.conclusion).toBe('failure');
    expect(latest.annotations).toHaveLength(120);
    expect(rerun.outputs['check-run-url']).toBe(latest.html_url);
    // And a third run finds that complete one and only updates it.
    const third = await runAction({ server, payload, workspace: pr.repo.dir, inputs: CHECK, env: { GITHUB_RUN_ATTEMPT: '3' } });
    expect(third.status).toBe(1);
    expect(server.state.checkRuns[server.state.checkRuns.length - 1]).toBe(latest);
    expect(latest.annotations).toHaveLength(120);
    expect(third.stdout).toContain('updated (failure, 120 annotation(s))');
  });

  it('without checks: write, falls back to workflow-command annotations, warns why, and fails only for the question', async () => {
    await server.close();
    server = await startGitHubServer({ permissions: { checks: 'none' } });
    const pr = makePullScenario(server, { number: 25, base, head: questioned });
    const run = await runAction({ server, payload: makePullRequestEvent({ pull: server.state.pulls.get(25) }), workspace: pr.repo.dir, inputs: CHECK });

    expect(run.stderr).toBe('');
    expect(server.state.checkRuns).toEqual([]);
    // The first attempt of `opened` goes straight to creating it.
    expect(checkCalls(server, 'checks/list-for-ref')).toEqual([]);
    expect(checkCalls(server, 'checks/create').map((r) => r.status)).toEqual([403]);

    const why = run.commands.filter((c) => c.message.startsWith('No check run'));
    expect(why).toHaveLength(1);
    expect(why[0]!.level).toBe('warning');
    expect(why[0]!.message).toContain('checks: write');
    expect(why[0]!.message).toContain('fall back to workflow commands');

    const finding = run.commands.filter((c) => c.props.includes('file=reports/render.py'));
    expect(finding).toHaveLength(1);
    expect(finding[0]!.level).toBe('warning');
    expect(finding[0]!.props).toContain('line=4');

    // Failed for the question under fail-on: question, with the usual message, and nothing else.
    expect(run.status).toBe(1);
    const errors = run.commands.filter((c) => c.level === 'error');
    expect(errors.map((c) => c.message)).toEqual([expect.stringMatching(/^1 unaccepted question\(s\)/)]);
    expect(run.outputs['check-run-url']).toBe('');
    // The rest of the review is there.
    expect(server.commentsOn(25)).toHaveLength(1);
    expect(run.outputs.conclusion).toBe('question');
  });

  it('without checks: write and fail-on: never, the step passes', async () => {
    await server.close();
    server = await startGitHubServer({ permissions: { checks: 'none' } });
    const pr = makePullScenario(server, { number: 26, base, head: questioned });
    const run = await runAction({
      server,
      payload: makePullRequestEvent({ pull: server.state.pulls.get(26) }),
      workspace: pr.repo.dir,
      inputs: { ...CHECK, 'fail-on': 'never' },
    });
    expect(run.status).toBe(0);
    expect(run.commands.filter((c) => c.level === 'error')).toEqual([]);
    expect(run.commands.filter((c) => c.message.startsWith('No check run'))).toHaveLength(1);
    expect(server.state.checkRuns).toEqual([]);
  });

  it('fail-on: never makes an open question a success; notes only are neutral', async () => {
    const pr = makePullScenario(server, { number: 27, base, head: questioned });
    const never = await runAction({
      server,
      payload: makePullRequestEvent({ pull: server.state.pulls.get(27) }),
      workspace: pr.repo.dir,
      inputs: { ...CHECK, 'fail-on': 'never' },
    });
    expect(never.status).toBe(0);
    const notes = makePullScenario(server, { number: 28, base, head: noted });
    const info = await runAction({ server, payload: makePullRequestEvent({ pull: server.state.pulls.get(28) }), workspace: notes.repo.dir, inputs: CHECK });
    expect(info.status).toBe(0);

    expect(server.state.checkRuns).toHaveLength(2);
    const [q, n] = server.state.checkRuns;
    expect(q!.head_sha).toBe(pr.headSha);
    expect(q!.conclusion).toBe('success');
    // Still an open question, said in the title and as a warning.
    expect(q!.output.title).toBe('1 open question(s) about concurrency or language choices');
    expect(q!.annotations.map((a) => a.annotation_level)).toEqual(['warning']);

    expect(n!.head_sha).toBe(notes.headSha);
    expect(n!.status).toBe('completed');
    expect(n!.conclusion).toBe('neutral');
    expect(n!.output.title).toBe('Notes only');
    expect(n!.annotations).toHaveLength(1);
    expect(n!.annotations[0]).toMatchObject({ path: 'tools/fetch.py', start_line: 4, annotation_level: 'notice', title: 'threads-for-io (info)' });
    expect(info.outputs['check-run-url']).toBe(n!.html_url);
  });
});
