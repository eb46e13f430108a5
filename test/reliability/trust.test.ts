/**
 * Trust, end to end through the action (dist/index.js, the local API server, real git
 * checkouts): on `pull_request_target` the profile and the rules file come from the base commit,
 * so a pull request cannot justify its own Go by editing them; what it can do (an inline
 * acceptance) is shown as its own doing; `profile-from: head` is an explicit opt-in. And the
 * token never appears in anything a run writes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePullScenario, runAction, type ActionRun } from '../action/harness.js';
import { makePullRequestEvent } from '../support/events.js';
import { startGitHubServer, type GitHubServer } from '../support/github-server/index.js';
import { cloneRepo, removeRepos } from '../support/git-repo.js';

afterAll(removeRepos);

/** A token no other test uses, so that any trace of it is this run's leak. */
const TOKEN = 'ghs_TrustTestT0ken9f3b2c1d0e8a7b6c5d4e3f2';
const PROFILE_PATH = '.github/service-profile.yml';
const RULES_PATH = '.github/arch-rules.yml';

/** Go in a service that declares only low latency: golang is questioned. */
const BASE_PROFILE = `version: 1
services:
  - name: storage
    paths: ["storage/**"]
    needs:
      low-latency: true
`;

/** The same service declaring all four golang criteria, as the pull request would like it. */
const HEAD_PROFILE = `version: 1
services:
  - name: storage
    paths: ["storage/**"]
    needs:
      low-latency: true
      high-concurrency: true
      multi-core: true
      shared-memory: true
      cython-parallel: false
    evidence:
      profiling: "trust me"
`;

const GO = 'package main\n\nfunc main() {\n\tgo serve()\n}\n';

interface Finding {
  rule: string;
  verdict: string;
  accepted: boolean;
  acceptedBy: { kind: string; byThisChange: boolean; reason: string } | null;
}
interface Report {
  profile: { path: string; from: string; found: boolean };
  findings: Finding[];
  conclusion: string;
}

let server: GitHubServer;
beforeEach(async () => {
  server = await startGitHubServer({ token: TOKEN });
});
afterEach(async () => {
  expect(server.violations).toEqual([]);
  await server.close();
});

/**
 * A pull request on `pull_request_target`: the workflow checks out the base branch only (as it
 * must there: the PR's code is not trusted), so the head's files come from the API.
 */
async function runTarget(
  number: number,
  base: Record<string, string>,
  head: Record<string, string>,
  inputs: Record<string, string> = {},
  options: { fullCheckout?: boolean } = {},
): Promise<{ run: ActionRun; report: Report | null }> {
  const pr = makePullScenario(server, { number, base, head });
  const workspace = options.fullCheckout ? pr.repo.dir : cloneRepo(pr.repo, ['--branch', 'main', '--single-branch']).dir;
  const payload = makePullRequestEvent({ pull: server.state.pulls.get(number) });
  const run = await runAction({ server, eventName: 'pull_request_target', payload, workspace, inputs });
  expectNoToken(run);
  const report = run.report ? (JSON.parse(run.report) as Report) : null;
  return { run, report };
}

/** Every artifact of a run: the log, the outputs, the summary, the report, the SARIF file, the comments. */
function expectNoToken(run: ActionRun, extraFiles: string[] = []): void {
  const artifacts: Array<[string, string]> = [
    ['stdout', run.stdout],
    ['stderr', run.stderr],
    ['outputs', JSON.stringify(run.outputs)],
    ['summary', run.summary],
    ...server.state.comments.map((c): [string, string] => [`comment ${c.id}`, c.body]),
  ];
  if (run.report) artifacts.push(['report', run.report]);
  for (const file of extraFiles) artifacts.push([file, readFileSync(file, 'utf8')]);
  // The token itself, a distinctive piece of it, and its base64 forms (as in a Basic header).
  const needles = [TOKEN, TOKEN.slice(4, 20), Buffer.from(TOKEN).toString('base64'), Buffer.from(`x-access-token:${TOKEN}`).toString('base64')];
  for (const [name, text] of artifacts) {
    for (const needle of needles) expect(text.includes(needle), `${name} holds the token`).toBe(false);
  }
}

function rules(report: Report | null): string[] {
  return (report?.findings ?? []).map((f) => `${f.rule}:${f.verdict}${f.accepted ? ':accepted' : ''}`).sort();
}

describe('pull_request_target reads the profile and rules from the base commit', () => {
  it('a PR that declares all four golang needs for its own Go still gets golang-unjustified and profile-changed', async () => {
    const { run, report } = await runTarget(
      11,
      { [PROFILE_PATH]: BASE_PROFILE },
      { [PROFILE_PATH]: HEAD_PROFILE, 'storage/main.go': GO },
    );
    expect(run.status).toBe(1);
    expect(report!.profile).toEqual({ path: PROFILE_PATH, from: 'base', found: true });
    const found = rules(report);
    expect(found).toContain('golang-unjustified:question');
    expect(found).toContain('profile-changed:question');
    expect(found.some((r) => r.startsWith('golang-justified'))).toBe(false);
    const body = server.commentsOn(11)[0]!.body;
    expect(body).toContain('golang-unjustified');
    expect(body).toContain('profile-changed');
    // The edit is named need by need, so that reviewers see what the PR claims.
    expect(body).toMatch(/high-concurrency: not declared → true/);
    // Annotations were written, on the check run (and checked for the token below).
    const annotations = server.state.checkRuns.flatMap((c) => c.annotations);
    expect(annotations.some((a) => a.path === 'storage/main.go' && a.annotation_level === 'warning')).toBe(true);
    expect(JSON.stringify(server.state.checkRuns)).not.toContain(server.state.token);
    // The checkout holds the base only: the head's files came through the API, never checked out.
    expect(server.requests.some((r) => r.operationId === 'repos/get-content' || r.operationId === 'repos/download-tarball-archive')).toBe(true);
  });

  it.each([
    ['disables golang-unjustified', `version: 1\ndisable: [golang-unjustified]\n`],
    [
      'overrides golang-unjustified as a recommendation',
      `version: 1\nrules:\n  - id: golang-unjustified\n    title: Go is fine\n    verdict: recommend\n    trigger: { signals: [golang] }\n    reason: We like Go.\n    message: "{{what}} is fine."\n    alternative: Nothing.\n    docs: golang-unjustified\n`,
    ],
  ])('a rules file the PR adds (%s) is not read from the PR: the action fails, naming the base commit', async (_name, rulesFile) => {
    const { run, report } = await runTarget(
      12,
      { [PROFILE_PATH]: BASE_PROFILE },
      { [PROFILE_PATH]: BASE_PROFILE, [RULES_PATH]: rulesFile, 'storage/main.go': GO },
      { rules: RULES_PATH },
    );
    expect(run.status).toBe(2);
    const errors = run.commands.filter((c) => c.level === 'error').map((c) => c.message);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^${RULES_PATH.replace(/\./g, '\\.')}:1:1: rules file not found at the base commit [0-9a-f]{12}`));
    expect(report).toBeNull();
    expect(server.commentsOn(12)).toEqual([]);
    expect(server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('when the base has a rules file, the PR\'s edit of it is ignored: the base version is used', async () => {
    const baseRules = 'version: 1\ndisable: [measure-first]\n';
    const { run, report } = await runTarget(
      13,
      { [PROFILE_PATH]: BASE_PROFILE, [RULES_PATH]: baseRules },
      { [PROFILE_PATH]: BASE_PROFILE, [RULES_PATH]: 'version: 1\ndisable: [measure-first, golang-unjustified]\n', 'storage/main.go': GO },
      { rules: RULES_PATH },
    );
    expect(run.status).toBe(1);
    const found = rules(report);
    expect(found).toContain('golang-unjustified:question');
    // The base file is in force: it disables measure-first, which would otherwise be a note here.
    expect(found.some((r) => r.startsWith('measure-first'))).toBe(false);
  });

  it('a PR that adds its own inline acceptance gets it, flagged as accepted by its own comment', async () => {
    const accepted = 'package main\n\nfunc main() {\n\t// architecture-review: accept golang-unjustified -- we measured it\n\tgo serve()\n}\n';
    const { run, report } = await runTarget(14, { [PROFILE_PATH]: BASE_PROFILE }, { [PROFILE_PATH]: BASE_PROFILE, 'storage/main.go': accepted });
    const golang = report!.findings.find((f) => f.rule === 'golang-unjustified')!;
    expect(golang.accepted).toBe(true);
    expect(golang.acceptedBy).toMatchObject({ kind: 'inline', byThisChange: true, reason: 'we measured it' });
    expect(server.commentsOn(14)[0]!.body).toContain("accepted by this PR's own comment");
    // Accepted: the check passes, but the comment shows who silenced the question.
    expect(run.status).toBe(0);
  });

  it('a PR that adds an accept: entry is questioned for the whole profile, not for a service named after it', async () => {
    const withAccept = `${BASE_PROFILE}accept:\n  - rule: golang-unjustified\n    paths: ["storage/**"]\n    reason: "we like Go"\n`;
    const { report } = await runTarget(16, { [PROFILE_PATH]: BASE_PROFILE }, { [PROFILE_PATH]: withAccept, 'storage/main.go': GO });
    const edits = (report!.findings as unknown as { rule: string; service: string }[]).filter((f) => f.rule === 'profile-changed');
    expect(edits.map((f) => f.service)).toEqual(['*']);
    const body = server.commentsOn(16)[0]!.body;
    expect(body).toContain('the whole profile');
    expect(body).toContain('accept golang-unjustified for');
    expect(body).not.toContain('service `profile`');
    // The PR's own acceptance does not count: read from the base, the question stays open.
    expect(rules(report)).toContain('golang-unjustified:question');
  });

  it('profile-from: head is the documented opt-in: the head profile is used, and profile-changed still fires', async () => {
    const { run, report } = await runTarget(
      15,
      { [PROFILE_PATH]: BASE_PROFILE },
      { [PROFILE_PATH]: HEAD_PROFILE, 'storage/main.go': GO },
      { 'profile-from': 'head' },
    );
    expect(report!.profile).toEqual({ path: PROFILE_PATH, from: 'head', found: true });
    const found = rules(report);
    expect(found).toContain('golang-justified:recommend');
    expect(found).toContain('profile-changed:question');
    expect(found.some((r) => r.startsWith('golang-unjustified'))).toBe(false);
    expect(run.status).toBe(1);
  });

  it('the same holds with a full checkout of both commits (files read from git, not the API)', async () => {
    const { report } = await runTarget(
      16,
      { [PROFILE_PATH]: BASE_PROFILE },
      { [PROFILE_PATH]: HEAD_PROFILE, 'storage/main.go': GO },
      {},
      { fullCheckout: true },
    );
    expect(rules(report)).toEqual(expect.arrayContaining(['golang-unjustified:question', 'profile-changed:question']));
    expect(rules(report).some((r) => r.startsWith('golang-justified'))).toBe(false);
  });
});

describe('the token never appears in what a run writes', () => {
  it('a normal run with a comment, annotations, a summary, a report and a SARIF file', async () => {
    const pr = makePullScenario(server, {
      number: 21,
      base: { [PROFILE_PATH]: BASE_PROFILE },
      head: { [PROFILE_PATH]: BASE_PROFILE, 'storage/main.go': GO, 'storage/tool.py': 'import threading\n' },
    });
    const payload = makePullRequestEvent({ pull: server.state.pulls.get(21) });
    const run = await runAction({ server, eventName: 'pull_request', payload, workspace: pr.repo.dir, inputs: { sarif: 'out/review.sarif' } });
    expect(run.status).toBe(1);
    expect(server.commentsOn(21)).toHaveLength(1);
    // Annotations (the check run's), the inline comments and the summary comment carry no token.
    expect(server.state.checkRuns.flatMap((c) => c.annotations).length).toBeGreaterThan(0);
    expect(server.reviewCommentsOn(21).length).toBeGreaterThan(0);
    expect(JSON.stringify([server.state.checkRuns, server.reviewCommentsOn(21), server.commentsOn(21)])).not.toContain(TOKEN);
    expectNoToken(run, [path.join(pr.repo.dir, 'out', 'review.sarif')]);
    // The requests carried it, so the needles would have found a leak.
    expect(server.requests.some((r) => r.headers.authorization !== undefined)).toBe(true);
  });

  it('a failing run: a bad profile at the base commit', async () => {
    const bad = BASE_PROFILE.replace('low-latency', 'low-latncy');
    const pr = makePullScenario(server, {
      number: 22,
      base: { [PROFILE_PATH]: bad },
      head: { [PROFILE_PATH]: bad, 'storage/main.go': GO },
    });
    const payload = makePullRequestEvent({ pull: server.state.pulls.get(22) });
    const run = await runAction({ server, eventName: 'pull_request', payload, workspace: pr.repo.dir });
    expect(run.status).toBe(2);
    expect(run.stdout).toContain(`::error::${PROFILE_PATH}:6:7: needs.low-latncy is not a known need (did you mean low-latency?)`);
    expectNoToken(run);
  });

  it('a run whose token is refused (401) and one whose comment is refused (403)', async () => {
    const pr = makePullScenario(server, {
      number: 23,
      base: { [PROFILE_PATH]: BASE_PROFILE },
      head: { [PROFILE_PATH]: BASE_PROFILE, 'storage/main.go': GO },
    });
    const payload = makePullRequestEvent({ pull: server.state.pulls.get(23) });
    // A token the server does not know: every request fails with 401 Bad credentials.
    const wrong = await runAction({ server, eventName: 'pull_request', payload, workspace: pr.repo.dir, token: `${TOKEN.slice(0, -4)}XXXX` });
    expect(wrong.status).toBe(2);
    for (const text of [wrong.stdout, wrong.stderr, wrong.summary, JSON.stringify(wrong.outputs)]) expect(text).not.toContain(TOKEN.slice(0, -4));

    server.setFault({ method: 'POST', path: /\/issues\/23\/comments/ }, { type: 'status', status: 403, body: { message: 'Resource not accessible by integration' } });
    const refused = await runAction({ server, eventName: 'pull_request', payload, workspace: pr.repo.dir });
    expect(refused.status).not.toBe(0);
    expectNoToken(refused);
  });
});
