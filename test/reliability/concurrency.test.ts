/**
 * Two runs of the action on one pull request at the same time: a re-run of the older head
 * (GITHUB_RUN_ATTEMPT 2) racing the run of a `synchronize` whose head is the pull request's
 * current one. Whatever the interleaving, the pull request ends with exactly one comment, and
 * it shows the newer head; the stale run still writes its summary and outputs.
 *
 * Plain concurrency (both with Promise.all, several times) and, through a gate in front of the
 * server, the interleavings that matter forced deterministically: both runs list the comments
 * before either posts, and the posts land in one order or the other.
 */
import { describe, expect, it, type TestContext } from 'vitest';
import { makePullRequestEvent } from '../support/events.js';
import { fakeSha, startGitHubServer, type FileTree, type GitHubServer } from '../support/github-server/index.js';
import { startGate, type Gate } from './gate.js';
import { runStep, type StepRun } from './harness.js';

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
/** The older head: threads, a question. */
const older: FileTree = { ...base, 'reports/render.py': 'import threading\n\ndef render(p):\n    threading.Thread(target=p).start()\n' };
/** The newer head: processes, a recommendation. */
const newer: FileTree = { ...base, 'reports/render.py': 'from multiprocessing import Pool\n\ndef render(p):\n    return Pool(2).map(str, p)\n' };

const LIST = { method: 'GET', path: /\/issues\/\d+\/comments\?/ };
const POST = { method: 'POST', path: /\/issues\/\d+\/comments$/ };

/** A server (and gates) for one test, checked and closed when it ends: the tests run concurrently. */
async function serverForTest(t: TestContext): Promise<{ server: GitHubServer; gate(): Promise<Gate> }> {
  const server = await startGitHubServer();
  const gates: Gate[] = [];
  t.onTestFinished(async () => {
    try {
      t.expect(server.violations).toEqual([]);
    } finally {
      for (const gate of gates) await gate.close();
      await server.close();
    }
  });
  return {
    server,
    async gate() {
      const gate = await startGate(server.origin);
      gates.push(gate);
      return gate;
    },
  };
}

interface Race {
  server: GitHubServer;
  number: number;
  olderSha: string;
  newerSha: string;
  /** The re-run of the older head's `opened` run. */
  rerun: Parameters<typeof runStep>[0];
  /** The run of the `synchronize` that made the newer head current. */
  sync: Parameters<typeof runStep>[0];
}

/** Pull request `number` pushed from the older head to the newer one; the two runs' steps. */
function race(server: GitHubServer, number: number): Race {
  const olderSha = fakeSha(`older:${number}`);
  const newerSha = fakeSha(`newer:${number}`);
  const baseSide = { sha: fakeSha(`base:${number}`), tree: base };
  const first = server.addPull({ number, base: baseSide, head: { sha: olderSha, tree: older } });
  const opened = makePullRequestEvent({ pull: first });
  const current = server.addPull({ number, base: baseSide, head: { sha: newerSha, tree: newer } });
  const pushed = makePullRequestEvent({ action: 'synchronize', pull: current, before: olderSha });
  return {
    server,
    number,
    olderSha,
    newerSha,
    rerun: { server, payload: opened, env: { GITHUB_RUN_ATTEMPT: '2' } },
    sync: { server, payload: pushed },
  };
}

/** The end state every interleaving must reach. */
function expectOneCommentOnNewerHead(r: Race, runs: { rerun: StepRun; sync: StepRun }): void {
  const comments = r.server.commentsOn(r.number);
  expect(comments, `PR #${r.number}: ${comments.map((c) => c.body.split('\n')[0]).join(' | ')}`).toHaveLength(1);
  const body = comments[0]!.body;
  expect(body.startsWith(`<!-- architecture-review --><!-- architecture-review:head ${r.newerSha} -->\n`)).toBe(true);
  expect(body).toContain('multiprocessing-ok');
  expect(body).not.toContain('threads-io-only');

  // Both runs end as their own review says; neither fails on the race.
  expect(runs.sync.stderr).toBe('');
  expect(runs.sync.status).toBe(0);
  expect(runs.sync.outputs.conclusion).toBe('recommend');
  expect(runs.sync.outputs['comment-url']).toBe(`https://github.com/octo-org/octo-repo/pull/${r.number}#issuecomment-${comments[0]!.id}`);
  expect(runs.rerun.stderr).toBe('');
  expect(runs.rerun.status).toBe(1);
  expect(runs.rerun.outputs.conclusion).toBe('question');
  expect(runs.rerun.summary).toContain('threads-io-only');
}

async function runBoth(r: Race): Promise<{ rerun: StepRun; sync: StepRun }> {
  const [rerun, sync] = await Promise.all([runStep(r.rerun), runStep(r.sync)]);
  return { rerun: rerun!, sync: sync! };
}

describe.concurrent('a re-run of the older head racing the run of a push', () => {
  it('on a pull request without a comment yet: one comment, on the newer head (5 pull requests at once)', async (t) => {
    const { server } = await serverForTest(t);
    const races = [100, 101, 102, 103, 104].map((n) => race(server, n));
    const results = await Promise.all(races.map(runBoth));
    races.forEach((r, i) => expectOneCommentOnNewerHead(r, results[i]!));
  });

  it('after the first run of the older head commented: one comment, on the newer head (4 pull requests at once)', async (t) => {
    const { server } = await serverForTest(t);
    const races = [110, 111, 112, 113].map((n) => race(server, n));
    // The first runs of the older head, before the push.
    const firsts = await Promise.all(races.map((r) => runStep({ ...r.rerun, env: {} })));
    for (const [i, r] of races.entries()) {
      t.expect(firsts[i]!.status).toBe(1);
      t.expect(server.commentsOn(r.number)[0]!.body).toContain(`architecture-review:head ${r.olderSha}`);
      // Every other re-run would write a different comment on the same head (here: it names
      // another accept label; in life: a newer version of the action).
      if (i % 2 === 1) r.rerun = { ...r.rerun, inputs: { 'accept-label': 'concurrency-accepted' } };
    }
    const results = await Promise.all(races.map(runBoth));
    for (const [i, r] of races.entries()) {
      expectOneCommentOnNewerHead(r, results[i]!);
      t.expect(server.commentsOn(r.number)[0]!.body).not.toContain('concurrency-accepted');
    }
  });

  it('after a run of a still older head commented: the stale re-run leaves the comment, with a notice', async (t) => {
    const { server } = await serverForTest(t);
    const r = race(server, 120);
    server.state.comments.push({
      id: server.state.nextCommentId++,
      issue_number: r.number,
      body: `<!-- architecture-review --><!-- architecture-review:head ${fakeSha('oldest')} -->\n### an earlier review`,
      user: server.state.actor,
      created_at: '2024-05-01T12:00:00Z',
      updated_at: '2024-05-01T12:00:00Z',
    });
    const runs = await runBoth(r);
    expectOneCommentOnNewerHead(r, runs);
    const short = (sha: string) => sha.slice(0, 7);
    const notices = runs.rerun.commands.filter((c) => c.level === 'notice' && c.message.startsWith('Comment not updated'));
    t.expect(notices.map((c) => c.message)).toEqual([
      t.expect.stringMatching(
        new RegExp(
          `^Comment not updated: this run reviewed ${short(r.olderSha)}, but pull request #${r.number} is now at ${short(r.newerSha)}: ` +
            `the comment \\(on [0-9a-f]{7}\\) is left to the run for ${short(r.newerSha)}\\.$`,
        ),
      ),
    ]);
    t.expect(runs.rerun.outputs['comment-url']).toBe(runs.sync.outputs['comment-url']);
  });

  /** Two gated runs that both list the comments before either posts; `first` posts first. */
  async function forced(t: TestContext, number: number, first: 'rerun' | 'sync') {
    const { server, gate: startGateForTest } = await serverForTest(t);
    const r = race(server, number);
    const gate = { rerun: await startGateForTest(), sync: await startGateForTest() };
    const second = first === 'rerun' ? 'sync' : 'rerun';
    gate[first].hold(POST, gate[second].answered(LIST));
    gate[second].hold(POST, Promise.all([gate[first].answered(LIST), gate[first].answered(POST)]));
    const [rerun, sync] = await Promise.all([runStep({ ...r.rerun, apiUrl: gate.rerun.url }), runStep({ ...r.sync, apiUrl: gate.sync.url })]);
    const runs = { rerun: rerun!, sync: sync! };
    // Both posted: the race really happened.
    t.expect(server.requests.filter((q) => q.operationId === 'issues/create-comment')).toHaveLength(2);
    expectOneCommentOnNewerHead(r, runs);
    return server.requests.map((q) => q.operationId);
  }

  it('forced, both list before either posts, the stale re-run posts first: its comment is kept (the oldest) and brought to the newer head', async (t) => {
    const ops = await forced(t, 130, 'rerun');
    t.expect(ops).toContain('issues/delete-comment');
    t.expect(ops).toContain('issues/update-comment');
  });

  it('forced, both list before either posts, the current run posts first: its comment is kept, the stale one deleted', async (t) => {
    const ops = await forced(t, 131, 'sync');
    t.expect(ops).toContain('issues/delete-comment');
    t.expect(ops).not.toContain('issues/update-comment');
  });
});

describe.concurrent('the request count of a fresh pull request', () => {
  it('checks for a twin after creating the comment, even on the first run of an `opened` event', async (t) => {
    const { server } = await serverForTest(t);
    const r = race(server, 140);
    // The `opened` event of a new pull request, whose head is the newer one.
    // The summary comment's own requests: no inline comments, no check run.
    const run = await runStep({ server, payload: makePullRequestEvent({ pull: server.state.pulls.get(r.number) }), inputs: { inline: 'none', 'check-name': '' } });
    t.expect(run.status).toBe(0);
    // 1 page of files, the base profile and the changed file (no checkout), the comments, the
    // post, and the second listing: a second workflow on the same event may have posted too.
    t.expect(server.requests.map((q) => `${q.method} ${q.operationId}`)).toEqual([
      'GET pulls/list-files',
      'GET repos/get-content',
      'GET repos/get-content',
      'GET issues/list-comments',
      'POST issues/create-comment',
      'GET issues/list-comments',
    ]);
  });

  it('checks for a twin with one more request when another run may race it', async (t) => {
    const { server } = await serverForTest(t);
    const r = race(server, 141);
    const run = await runStep({ ...r.sync, inputs: { ...r.sync.inputs, inline: 'none', 'check-name': '' } });
    t.expect(run.status).toBe(0);
    t.expect(server.requests.map((q) => `${q.method} ${q.operationId}`).slice(-3)).toEqual([
      'GET issues/list-comments',
      'POST issues/create-comment',
      'GET issues/list-comments',
    ]);
    t.expect(server.commentsOn(r.number)).toHaveLength(1);
  });
});

describe.concurrent('two runs of one `opened` event (two workflows, or a label added at once), with the defaults', () => {
  /** A new pull request whose head has questions in two files: two inline comments are due. */
  function opened(server: GitHubServer, number: number) {
    const head: FileTree = { ...older, 'reports/batch.py': 'import threading\n\n\ndef batch(p):\n    threading.Thread(target=p).start()\n' };
    const pull = server.addPull({ number, base: { sha: fakeSha(`base:${number}`), tree: base }, head: { sha: fakeSha(`head:${number}`), tree: head } });
    return { server, payload: makePullRequestEvent({ pull }) };
  }

  /** One summary comment and one inline comment per finding, one review thread each. */
  function expectNoDuplicates(server: GitHubServer, number: number, runs: StepRun[]): void {
    for (const run of runs) {
      expect(run.stderr).toBe('');
      expect(run.status).toBe(1);
    }
    expect(server.commentsOn(number)).toHaveLength(1);
    const inline = server.reviewCommentsOn(number);
    // Findings are per rule and service: threads in two files of "reports" make one question,
    // and its comment sits on the first place.
    expect(inline.map((c) => `${c.path}:${c.line}`)).toEqual(['reports/batch.py:5']);
    expect(server.threadsOn(number)).toHaveLength(1);
  }

  it('at the same time (4 pull requests at once): one summary comment and no duplicate inline comment', async (t) => {
    const { server } = await serverForTest(t);
    const numbers = [150, 151, 152, 153];
    const results = await Promise.all(numbers.map(async (n) => {
      const step = opened(server, n);
      return Promise.all([runStep(step), runStep(step)]);
    }));
    numbers.forEach((n, i) => expectNoDuplicates(server, n, results[i]!));
  });

  it('forced: both list the review comments before either posts its review; the later twin is deleted', async (t) => {
    const { server, gate: startGateForTest } = await serverForTest(t);
    const step = opened(server, 160);
    const a = await startGateForTest();
    const b = await startGateForTest();
    const LIST_REVIEW = { method: 'GET', path: /\/pulls\/160\/comments\?/ };
    const POST_REVIEW = { method: 'POST', path: /\/pulls\/160\/reviews$/ };
    a.hold(POST_REVIEW, b.answered(LIST_REVIEW));
    b.hold(POST_REVIEW, Promise.all([a.answered(LIST_REVIEW), a.answered(POST_REVIEW)]));
    const runs = await Promise.all([runStep({ ...step, apiUrl: a.url }), runStep({ ...step, apiUrl: b.url })]);
    // Both posted their review: the race happened, and was repaired.
    t.expect(server.requests.filter((q) => q.operationId === 'pulls/create-review')).toHaveLength(2);
    // Each run deletes the later twin; the second delete finds it gone (404), which is fine.
    const deletes = server.requests.filter((q) => q.operationId === 'pulls/delete-review-comment');
    t.expect(new Set(deletes.map((q) => q.path)).size).toBe(1);
    t.expect(deletes.map((q) => q.status).sort()).toEqual(deletes.length === 1 ? [204] : [204, 404]);
    expectNoDuplicates(server, 160, runs);
  });
});
