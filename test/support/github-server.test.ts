import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  actionEnv,
  makePullRequestEvent,
  makePushEvent,
  makeScheduleEvent,
  makeWorkflowDispatchEvent,
  writeEventFile,
} from './events.js';
import {
  DEPENDABOT,
  MAX_COMMENT_LENGTH,
  makeManyFiles,
  readTarball,
  startGitHubServer,
  unifiedPatch,
  type GitHubServer,
  type GitHubServerOptions,
} from './github-server/index.js';
import { loadOpenApi } from './github-server/openapi.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const running: GitHubServer[] = [];

/** A server that checks its own responses too; closed after each test. */
async function start(options: GitHubServerOptions = {}): Promise<GitHubServer> {
  const server = await startGitHubServer({ validateResponses: true, ...options });
  running.push(server);
  return server;
}

function clientFor(server: GitHubServer, token = server.state.token): Octokit {
  return new Octokit({ auth: token, baseUrl: server.url, log: quiet });
}

function repoOf(server: GitHubServer): { owner: string; repo: string } {
  return { owner: server.state.repository.owner, repo: server.state.repository.repo };
}

/** Status of an Octokit call that is expected to fail. */
async function statusOf(call: Promise<unknown>): Promise<number> {
  try {
    await call;
  } catch (error) {
    return (error as { status: number }).status;
  }
  throw new Error('expected the request to fail');
}

afterEach(async () => {
  const servers = running.splice(0);
  const leftovers = servers.flatMap((s) => s.violations);
  await Promise.all(servers.map((s) => s.close()));
  // Every test ends with a clean contract; tests that provoke violations clear what they expect.
  expect(leftovers).toEqual([]);
});

describe('startup', () => {
  test('loads the OpenAPI description once per process and starts quickly afterwards', async () => {
    const t0 = performance.now();
    const first = await start();
    const firstMs = performance.now() - t0;
    const t1 = performance.now();
    await start();
    const secondMs = performance.now() - t1;
    console.info(`github-server startup: first ${firstMs.toFixed(0)} ms, next ${secondMs.toFixed(0)} ms`);
    expect(secondMs).toBeLessThan(200);
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});

describe('pull request files', () => {
  test('octokit.paginate yields all 3000 files over 30 pages of 100', async () => {
    const server = await start({ pulls: [{ number: 7, files: makeManyFiles(3000) }] });
    const octokit = clientFor(server);
    const files = await octokit.paginate(octokit.rest.pulls.listFiles, { ...repoOf(server), pull_number: 7, per_page: 100 });
    expect(files).toHaveLength(3000);
    expect(new Set(files.map((f) => f.filename)).size).toBe(3000);
    expect(server.requests.filter((r) => r.operationId === 'pulls/list-files')).toHaveLength(30);
  });

  test('stops at 3000 files like GitHub, while the PR still counts all of them', async () => {
    const server = await start({ pulls: [{ number: 7, files: makeManyFiles(3500) }] });
    const octokit = clientFor(server);
    const files = await octokit.paginate(octokit.rest.pulls.listFiles, { ...repoOf(server), pull_number: 7, per_page: 100 });
    expect(files).toHaveLength(3000);
    const { data: pull } = await octokit.rest.pulls.get({ ...repoOf(server), pull_number: 7 });
    expect(pull.changed_files).toBe(3500);
    const beyond = await fetch(`${server.url}/repos/octo-org/octo-repo/pulls/7/files?per_page=100&page=31`, {
      headers: { authorization: `token ${server.state.token}` },
    });
    expect(await beyond.json()).toEqual([]);
  });

  test('Link header: GitHub format, on /repositories/{id}, rels prev, next, last, first', async () => {
    const server = await start({ pulls: [{ number: 7, files: makeManyFiles(250) }] });
    const id = server.state.repository.id;
    const get = (query: string) =>
      fetch(`${server.url}/repos/octo-org/octo-repo/pulls/7/files${query}`, { headers: { authorization: `token ${server.state.token}` } });
    const base = `${server.url}/repositories/${id}/pulls/7/files`;
    expect((await get('?per_page=100')).headers.get('link')).toBe(
      `<${base}?per_page=100&page=2>; rel="next", <${base}?per_page=100&page=3>; rel="last"`,
    );
    expect((await get('?per_page=100&page=2')).headers.get('link')).toBe(
      `<${base}?per_page=100&page=1>; rel="prev", <${base}?per_page=100&page=3>; rel="next", ` +
        `<${base}?per_page=100&page=3>; rel="last", <${base}?per_page=100&page=1>; rel="first"`,
    );
    expect((await get('?per_page=100&page=3')).headers.get('link')).toBe(
      `<${base}?per_page=100&page=2>; rel="prev", <${base}?per_page=100&page=1>; rel="first"`,
    );
    expect((await get('')).headers.get('link')).toBe(`<${base}?page=2>; rel="next", <${base}?page=9>; rel="last"`);
    const single = await start({ pulls: [{ number: 1, files: makeManyFiles(3) }] });
    const one = await fetch(`${single.url}/repos/octo-org/octo-repo/pulls/1/files`, { headers: { authorization: `token ${single.state.token}` } });
    expect(one.headers.get('link')).toBeNull();
  });

  test('a PR stated as two trees gets git-style patches, renames and blob shas', async () => {
    const server = await start({
      pulls: [
        {
          number: 3,
          base: { tree: { 'app/a.py': 'x = 1\n', 'old/name.txt': 'moved\n', 'gone.py': 'print(1)\n' } },
          head: { tree: { 'app/a.py': 'import threading\nx = 1\n', 'new/name.txt': 'moved\n', 'go/main.go': 'package main\n' } },
        },
      ],
    });
    const octokit = clientFor(server);
    const { data } = await octokit.rest.pulls.listFiles({ ...repoOf(server), pull_number: 3 });
    expect(data.map((f) => [f.filename, f.status, f.additions, f.deletions, f.previous_filename ?? null])).toEqual([
      ['app/a.py', 'modified', 1, 0, null],
      ['go/main.go', 'added', 1, 0, null],
      ['gone.py', 'removed', 0, 1, null],
      ['new/name.txt', 'renamed', 0, 0, 'old/name.txt'],
    ]);
    expect(data[0]?.patch).toBe('@@ -1 +1,2 @@\n+import threading\n x = 1');
    expect(data[3]?.patch).toBeUndefined();
  });
});

describe('comments', () => {
  test('create, update, list (paginated), delete; ids increase; author is github-actions[bot]', async () => {
    const server = await start({ pulls: [{ number: 5 }], comments: [{ issue_number: 5, body: 'by a human', user: 'octo-maintainer' }] });
    const octokit = clientFor(server);
    const created = await octokit.rest.issues.createComment({ ...repoOf(server), issue_number: 5, body: '<!-- marker -->\nfirst' });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`${server.url}/repos/octo-org/octo-repo/issues/comments/${created.data.id}`);
    expect(created.data.user).toMatchObject({ login: 'github-actions[bot]', type: 'Bot' });
    expect(created.data.html_url).toBe(`https://github.com/octo-org/octo-repo/pull/5#issuecomment-${created.data.id}`);
    const second = await octokit.rest.issues.createComment({ ...repoOf(server), issue_number: 5, body: 'second' });
    expect(second.data.id).toBeGreaterThan(created.data.id);
    expect(created.data.id).toBeGreaterThan(2 ** 31);

    const updated = await octokit.rest.issues.updateComment({ ...repoOf(server), comment_id: created.data.id, body: '<!-- marker -->\nall clear' });
    expect(updated.data.body).toBe('<!-- marker -->\nall clear');

    const all = await octokit.paginate(octokit.rest.issues.listComments, { ...repoOf(server), issue_number: 5, per_page: 2 });
    expect(all.map((c) => c.body)).toEqual(['by a human', '<!-- marker -->\nall clear', 'second']);
    expect(server.requests.filter((r) => r.operationId === 'issues/list-comments')).toHaveLength(2);

    await octokit.rest.issues.deleteComment({ ...repoOf(server), comment_id: second.data.id });
    expect(server.commentsOn(5).map((c) => c.body)).toEqual(['by a human', '<!-- marker -->\nall clear']);
  });

  test(`a body over ${MAX_COMMENT_LENGTH} characters is refused with GitHub's 422, on create and on update`, async () => {
    const server = await start({ pulls: [{ number: 5 }] });
    const octokit = clientFor(server);
    const ok = await octokit.rest.issues.createComment({ ...repoOf(server), issue_number: 5, body: 'x'.repeat(65_536) });
    expect(ok.status).toBe(201);
    const response = await fetch(`${server.url}/repos/octo-org/octo-repo/issues/5/comments`, {
      method: 'POST',
      headers: { authorization: `token ${server.state.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'x'.repeat(65_537) }),
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      message: 'Validation Failed',
      errors: [{ resource: 'IssueComment', code: 'unprocessable', field: 'data', message: 'Body is too long (maximum is 65536 characters)' }],
      documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
      status: '422',
    });
    expect(await statusOf(octokit.rest.issues.updateComment({ ...repoOf(server), comment_id: ok.data.id, body: 'y'.repeat(65_537) }))).toBe(422);
    expect(server.commentsOn(5)).toHaveLength(1);
  });
});

describe('pull requests, labels, identity', () => {
  test('labels of a PR, as objects; the PR object lists them too', async () => {
    const server = await start({ labels: [{ name: 'architecture-accepted', color: '0e8a16' }], pulls: [{ number: 2, labels: ['architecture-accepted', 'bug'] }] });
    const octokit = clientFor(server);
    const { data } = await octokit.rest.issues.listLabelsOnIssue({ ...repoOf(server), issue_number: 2 });
    expect(data.map((l) => [l.name, l.color])).toEqual([
      ['architecture-accepted', '0e8a16'],
      ['bug', 'ededed'],
    ]);
    const { data: pull } = await octokit.rest.pulls.get({ ...repoOf(server), pull_number: 2 });
    expect(pull.labels.map((l) => l.name)).toEqual(['architecture-accepted', 'bug']);
  });

  test('the diff media type: a git diff up to 300 files, 406 above, as GitHub', async () => {
    const server = await start({
      pulls: [
        { number: 1, base: { tree: { 'a.py': 'x = 1\n' } }, head: { tree: { 'a.py': 'x = 2\n' } } },
        { number: 2, files: makeManyFiles(301) },
      ],
    });
    const octokit = clientFor(server);
    const diff = await octokit.rest.pulls.get({ ...repoOf(server), pull_number: 1, mediaType: { format: 'diff' } });
    expect(diff.data).toBe('diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n@@ -1 +1 @@\n-x = 1\n+x = 2\n');
    expect(await statusOf(octokit.rest.pulls.get({ ...repoOf(server), pull_number: 2, mediaType: { format: 'diff' } }))).toBe(406);
  });

  test('GITHUB_TOKEN is not a user: GET /user is 403; GET /repos/{owner}/{repo} names the default branch', async () => {
    const server = await start({ repository: { owner: 'acme', repo: 'shop', default_branch: 'trunk' } });
    const octokit = clientFor(server);
    expect(await statusOf(octokit.rest.users.getAuthenticated())).toBe(403);
    const { data } = await octokit.rest.repos.get({ owner: 'acme', repo: 'shop' });
    expect([data.full_name, data.default_branch, data.owner.login]).toEqual(['acme/shop', 'trunk', 'acme']);
    expect(await statusOf(octokit.rest.repos.get({ owner: 'acme', repo: 'other' }))).toBe(404);
  });

  test('GITHUB_SHA of a pull_request run (the merge commit) reads as the head tree', async () => {
    const server = await start({ pulls: [{ number: 6, head: { tree: { 'a.py': 'import gevent\n' } } }] });
    const payload = makePullRequestEvent({ pull: server.state.pulls.get(6) });
    const env = actionEnv({ eventName: 'pull_request', payload, eventPath: '/dev/null', apiUrl: server.url });
    const octokit = clientFor(server);
    const { data } = await octokit.rest.repos.getContent({ ...repoOf(server), path: 'a.py', ref: env.GITHUB_SHA, mediaType: { format: 'raw' } });
    expect(data).toBe('import gevent\n');
    const { data: pull } = await octokit.rest.pulls.get({ ...repoOf(server), pull_number: 6 });
    expect(pull.merge_commit_sha).toBe(env.GITHUB_SHA);
  });

  test('addPull and state edits between requests are served; unknown PRs are 404', async () => {
    const server = await start();
    const octokit = clientFor(server);
    expect(await statusOf(octokit.rest.pulls.get({ ...repoOf(server), pull_number: 3 }))).toBe(404);
    const pull = server.addPull({ number: 3, user: DEPENDABOT, head: { ref: 'dependabot/pip/gevent-24.2.1' } });
    pull.title = 'Bump gevent';
    const { data } = await octokit.rest.pulls.get({ ...repoOf(server), pull_number: 3 });
    expect([data.title, data.user.login, data.user.type, data.head.ref]).toEqual(['Bump gevent', 'dependabot[bot]', 'Bot', 'dependabot/pip/gevent-24.2.1']);
  });

  test('validateResponses catches a response the description does not allow', async () => {
    const server = await start({ pulls: [{ number: 1, files: [{ filename: 'a.py', patch: '@@ -0,0 +1 @@\n+x' }] }] });
    (server.state.pulls.get(1)?.files[0] as { status: string }).status = 'mangled';
    await clientFor(server).rest.pulls.listFiles({ ...repoOf(server), pull_number: 1 });
    expect(server.violations).toEqual([
      'response: GET /repos/octo-org/octo-repo/pulls/1/files (pulls/list-files): response 200 body[0].status must be equal to one of the allowed values ("added", "removed", "modified", "renamed", "copied", "changed", "unchanged")',
    ]);
    server.violations.length = 0;
  });
});

describe('auth and permissions', () => {
  test('a wrong or missing token gets 401 Bad credentials / Requires authentication', async () => {
    const server = await start({ pulls: [{ number: 1 }] });
    expect(await statusOf(clientFor(server, 'ghs_wrong').rest.pulls.get({ ...repoOf(server), pull_number: 1 }))).toBe(401);
    const response = await fetch(`${server.url}/repos/octo-org/octo-repo/pulls/1`, { headers: { authorization: 'Bearer nope' } });
    expect(await response.json()).toEqual({ message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
    expect(response.headers.get('x-ratelimit-limit')).toBe('60');
    const anonymous = await fetch(`${server.url}/repos/octo-org/octo-repo/pulls/1`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { message: string }).message).toBe('Requires authentication');
    const bearer = await fetch(`${server.url}/repos/octo-org/octo-repo/pulls/1`, { headers: { authorization: `Bearer ${server.state.token}` } });
    expect(bearer.status).toBe(200);
  });

  test('read-only token (fork PR, Dependabot): reads work, every write is 403 and changes nothing', async () => {
    const server = await start({ readOnly: true, pulls: [{ number: 9, head: { fork: true } }] });
    const octokit = clientFor(server);
    const { data: pull } = await octokit.rest.pulls.get({ ...repoOf(server), pull_number: 9 });
    expect(pull.head.repo?.fork).toBe(true);
    const response = await fetch(`${server.url}/repos/octo-org/octo-repo/issues/9/comments`, {
      method: 'POST',
      headers: { authorization: `token ${server.state.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'hello' }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-accepted-github-permissions')).toBe('issues=write; pull_requests=write');
    expect(await response.json()).toEqual({
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
      status: '403',
    });
    expect(await statusOf(octokit.rest.issues.updateComment({ ...repoOf(server), comment_id: 1, body: 'x' }))).toBe(403);
    expect(server.state.comments).toEqual([]);
  });

  test('the token never appears in the request log', async () => {
    const server = await start({ token: 'ghs_SECRETSECRETSECRET', pulls: [{ number: 1 }] });
    await clientFor(server).rest.pulls.get({ ...repoOf(server), pull_number: 1 });
    await fetch(`${server.url}/rate_limit`, { headers: { authorization: `Bearer ${server.state.token}` } });
    expect(server.requests[0]?.headers.authorization).toBe('token [REDACTED]');
    expect(server.requests[1]?.headers.authorization).toBe('Bearer [REDACTED]');
    expect(JSON.stringify(server.requests)).not.toContain('SECRET');
  });
});

describe('contract validation', () => {
  test('per_page above 100 is a violation (and is capped, as GitHub does)', async () => {
    const server = await start({ pulls: [{ number: 7, files: makeManyFiles(150) }] });
    const { data } = await clientFor(server).rest.pulls.listFiles({ ...repoOf(server), pull_number: 7, per_page: 500 });
    expect(data).toHaveLength(100);
    expect(server.violations).toEqual([
      'GET /repos/octo-org/octo-repo/pulls/7/files?per_page=500 (pulls/list-files): query per_page must be <= 100, got 500',
    ]);
    server.violations.length = 0;
  });

  test('an unknown route is a violation and a 404', async () => {
    const server = await start();
    expect(await statusOf(clientFor(server).request('GET /repos/{owner}/{repo}/pull/{n}', { ...repoOf(server), n: 1 }))).toBe(404);
    expect(server.violations).toEqual(["GET /repos/octo-org/octo-repo/pull/1: no such route in GitHub's REST API"]);
    server.violations.length = 0;
  });

  test('a body missing a required field is a violation and a 422', async () => {
    const server = await start({ pulls: [{ number: 2 }] });
    const status = await statusOf(
      // The typed client would refuse this at compile time: exactly the mistake to catch at run time.
      clientFor(server).request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        ...repoOf(server),
        issue_number: 2,
        text: 'hi',
      } as never),
    );
    expect(status).toBe(422);
    expect(server.violations).toEqual([
      "POST /repos/octo-org/octo-repo/issues/2/comments (issues/create-comment): body must have required property 'body'",
    ]);
    server.violations.length = 0;
  });

  test('undocumented query parameters, wrong types and undocumented methods are violations', async () => {
    const server = await start({ pulls: [{ number: 2 }] });
    const headers = { authorization: `token ${server.state.token}` };
    await fetch(`${server.url}/repos/octo-org/octo-repo/issues/2/comments?perPage=10&since=yesterday`, { headers });
    await fetch(`${server.url}/repos/octo-org/octo-repo/pulls/abc`, { headers });
    await fetch(`${server.url}/rate_limit`, { method: 'DELETE', headers });
    await fetch(`${server.url}/repos/octo-org/octo-repo/pulls?state=merged`, { headers });
    expect(server.violations).toEqual([
      'GET /repos/octo-org/octo-repo/issues/2/comments?perPage=10&since=yesterday (issues/list-comments): query parameter "perPage" is not documented for issues/list-comments',
      'GET /repos/octo-org/octo-repo/issues/2/comments?perPage=10&since=yesterday (issues/list-comments): query since must match format "date-time", got "yesterday"',
      'GET /repos/octo-org/octo-repo/pulls/abc (pulls/get): path pull_number must be integer, got "abc"',
      'DELETE /rate_limit: DELETE is not documented for /rate_limit (only GET)',
      'GET /repos/octo-org/octo-repo/pulls?state=merged (pulls/list): query state must be equal to one of the allowed values ("open", "closed", "all"), got "merged"',
      'GET /repos/octo-org/octo-repo/pulls?state=merged (pulls/list): documented, but not implemented by the test server (add it to test/support/github-server/routes.ts)',
    ]);
    server.violations.length = 0;
  });

  test('a documented operation the server lacks is reported, not silently 404', async () => {
    const server = await start();
    expect(await statusOf(clientFor(server).rest.repos.listBranches(repoOf(server)))).toBe(404);
    expect(server.violations).toEqual([
      'GET /repos/octo-org/octo-repo/branches (repos/list-branches): documented, but not implemented by the test server (add it to test/support/github-server/routes.ts)',
    ]);
    server.violations.length = 0;
  });

  test('GHES-style API prefix: requests outside it are violations', async () => {
    const server = await start({ apiPrefix: '/api/v3', pulls: [{ number: 4, files: makeManyFiles(40) }] });
    expect(server.url).toBe(`${server.origin}/api/v3`);
    const octokit = clientFor(server);
    const files = await octokit.paginate(octokit.rest.pulls.listFiles, { ...repoOf(server), pull_number: 4, per_page: 30 });
    expect(files).toHaveLength(40);
    await fetch(`${server.origin}/repos/octo-org/octo-repo/pulls/4`, { headers: { authorization: `token ${server.state.token}` } });
    expect(server.violations).toEqual(['GET /repos/octo-org/octo-repo/pulls/4: outside the API root /api/v3 (GITHUB_API_URL not honoured?)']);
    server.violations.length = 0;
  });
});

describe('contents, git data and archives', () => {
  const tree = {
    '.github/service-profile.yml': 'version: 1\nservices:\n  - name: shop\n',
    'src/app.py': 'import asyncio\n',
    'src/deep/er/worker.py': 'import threading\n',
    [`long/${'d'.repeat(120)}/${'f'.repeat(90)}.py`]: 'x = 1\n',
  };

  test('file contents: JSON with base64 at any ref, raw with the raw media type, directories, 404s', async () => {
    const server = await start({ contents: { main: tree }, pulls: [{ number: 1, base: { ref: 'main', sha: 'a'.repeat(40), tree } }] });
    const octokit = clientFor(server);
    const { data } = await octokit.rest.repos.getContent({ ...repoOf(server), path: '.github/service-profile.yml', ref: 'a'.repeat(40) });
    if (Array.isArray(data) || data.type !== 'file') throw new Error('expected a file');
    expect(data.encoding).toBe('base64');
    expect(Buffer.from(data.content, 'base64').toString('utf8')).toBe(tree['.github/service-profile.yml']);
    const raw = await octokit.rest.repos.getContent({ ...repoOf(server), path: 'src/app.py', mediaType: { format: 'raw' } });
    expect(raw.data).toBe('import asyncio\n');
    const unencoded = await fetch(`${server.url}/repos/octo-org/octo-repo/contents/src/app.py?ref=refs/heads/main`, {
      headers: { authorization: `token ${server.state.token}`, accept: 'application/vnd.github.raw+json' },
    });
    expect(await unencoded.text()).toBe('import asyncio\n');
    const dir = await octokit.rest.repos.getContent({ ...repoOf(server), path: 'src' });
    expect(Array.isArray(dir.data) && dir.data.map((e) => [e.name, e.type])).toEqual([
      ['app.py', 'file'],
      ['deep', 'dir'],
    ]);
    expect(await statusOf(octokit.rest.repos.getContent({ ...repoOf(server), path: 'missing.txt' }))).toBe(404);
    expect(await statusOf(octokit.rest.repos.getContent({ ...repoOf(server), path: 'src/app.py', ref: 'no-such-branch' }))).toBe(404);
  });

  test('files over 1 MiB come back with encoding "none" in JSON, whole when raw', async () => {
    const big = 'x'.repeat(1024 * 1024 + 1);
    const server = await start({ contents: { main: { 'big.txt': big } } });
    const octokit = clientFor(server);
    const { data } = await octokit.rest.repos.getContent({ ...repoOf(server), path: 'big.txt' });
    expect(data).toMatchObject({ encoding: 'none', content: '', size: big.length });
    const raw = await octokit.rest.repos.getContent({ ...repoOf(server), path: 'big.txt', mediaType: { format: 'raw' } });
    expect((raw.data as unknown as string).length).toBe(big.length);
  });

  test('trees and blobs carry the ids git computes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gh-server-git-'));
    try {
      for (const [path, text] of Object.entries(tree)) {
        await mkdir(dirname(join(dir, path)), { recursive: true });
        await writeFile(join(dir, path), text);
      }
      const git = (...args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' }).stdout.trim();
      git('init', '-q');
      git('add', '-A');
      const gitTree = git('write-tree');
      const server = await start({ contents: { main: tree } });
      const octokit = clientFor(server);
      const { data } = await octokit.rest.git.getTree({ ...repoOf(server), tree_sha: 'main', recursive: '1' });
      expect(data.sha).toBe(gitTree);
      expect(data.truncated).toBe(false);
      const listed = git('ls-tree', '-r', '-t', '--format=%(objectmode) %(objecttype) %(objectname) %(path)', gitTree);
      expect(data.tree.map((e) => `${e.mode} ${e.type} ${e.sha} ${e.path}`).join('\n')).toBe(listed);
      const worker = data.tree.find((e) => e.path === 'src/deep/er/worker.py');
      const blob = await octokit.rest.git.getBlob({ ...repoOf(server), file_sha: worker?.sha ?? '' });
      expect(Buffer.from(blob.data.content, 'base64').toString('utf8')).toBe('import threading\n');
      const top = await octokit.rest.git.getTree({ ...repoOf(server), tree_sha: gitTree });
      expect(top.data.tree.map((e) => e.path)).toEqual(['.github', 'long', 'src']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('tarball: 302 to a one-time archive URL, a gzip tar that tar(1) reads, with the commit id', async () => {
    const sha = 'b'.repeat(40);
    const server = await start({ contents: { [sha]: tree } });
    const octokit = clientFor(server);
    const response = await octokit.rest.repos.downloadTarballArchive({ ...repoOf(server), ref: sha });
    expect(response.url).toMatch(new RegExp(`^${server.codeloadOrigin}/octo-org/octo-repo/legacy\\.tar\\.gz/${sha}\\?token=`));
    const archive = Buffer.from(response.data as ArrayBuffer);
    const { comment, entries } = readTarball(archive);
    expect(comment).toBe(sha);
    const top = `octo-org-octo-repo-${sha.slice(0, 7)}`;
    const files = entries.filter((e) => e.type === 'file');
    expect(Object.fromEntries(files.map((e) => [e.path, e.content.toString('utf8')]))).toEqual(
      Object.fromEntries(Object.entries(tree).map(([p, t]) => [`${top}/${p}`, t])),
    );
    const dir = await mkdtemp(join(tmpdir(), 'gh-server-tar-'));
    try {
      await writeFile(join(dir, 'a.tar.gz'), archive);
      const listing = spawnSync('tar', ['-tzf', 'a.tar.gz'], { cwd: dir, encoding: 'utf8' });
      expect(listing.status).toBe(0);
      expect(listing.stdout.split('\n')).toContain(`${top}/long/${'d'.repeat(120)}/${'f'.repeat(90)}.py`);
      expect(spawnSync('tar', ['-xzf', 'a.tar.gz'], { cwd: dir }).status).toBe(0);
      expect(await readFile(join(dir, top, 'src/deep/er/worker.py'), 'utf8')).toBe('import threading\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    // Another origin, like codeload.github.com: the client drops the token on the redirect.
    const codeload = server.requests.find((r) => r.server === 'codeload');
    expect(codeload?.path).toBe(`/octo-org/octo-repo/legacy.tar.gz/${sha}`);
    expect(codeload?.headers.authorization).toBeUndefined();
    const reused = await fetch(response.url.replace(/token=\w+/, 'token=forged'));
    expect(reused.status).toBe(404);
  });

  test('compare (push events): files between two refs', async () => {
    const server = await start({ contents: { base1: { 'a.py': 'x = 1\n' }, head1: { 'a.py': 'x = 2\n', 'b.go': 'package b\n' } } });
    const { data } = await clientFor(server).rest.repos.compareCommitsWithBasehead({ ...repoOf(server), basehead: 'base1...head1' });
    expect(data.files?.map((f) => [f.filename, f.status])).toEqual([
      ['a.py', 'modified'],
      ['b.go', 'added'],
    ]);
  });
});

describe('patches match git', () => {
  const cases: [string, string, string][] = [
    ['insert in the middle', 'a\nb\nc\nd\ne\nf\ng\nh\n', 'a\nb\nc\nd\nNEW\ne\nf\ng\nh\n'],
    ['two hunks far apart', `${Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n')}\n`, `${Array.from({ length: 30 }, (_, i) => (i === 2 || i === 25 ? `changed ${i}` : `line ${i}`)).join('\n')}\n`],
    ['no newline at end', 'a\nb', 'a\nc'],
    ['newline added at end', 'a\nb', 'a\nb\n'],
    ['new file', '', 'x\ny\n'],
    ['deleted file', 'x\ny\n', ''],
  ];
  test.each(cases)('%s', async (_name, before, after) => {
    const dir = await mkdtemp(join(tmpdir(), 'gh-server-diff-'));
    try {
      await writeFile(join(dir, 'old'), before);
      await writeFile(join(dir, 'new'), after);
      const result = spawnSync('git', ['diff', '--no-index', '--no-color', '-U3', 'old', 'new'], { cwd: dir, encoding: 'utf8' });
      const hunks = result.stdout.slice(result.stdout.indexOf('@@')).replace(/\n$/, '');
      expect(unifiedPatch(before, after)).toBe(hunks);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('rate limits', () => {
  test('headers count down; /rate_limit does not count; an exhausted limit answers 403 with remaining 0', async () => {
    const server = await start({ pulls: [{ number: 1 }], rateLimit: { limit: 5000, remaining: 2 } });
    const octokit = clientFor(server);
    const first = await octokit.rest.pulls.get({ ...repoOf(server), pull_number: 1 });
    expect(first.headers['x-ratelimit-remaining']).toBe('1');
    expect(first.headers['x-ratelimit-used']).toBe('4999');
    expect(first.headers['x-ratelimit-resource']).toBe('core');
    expect(first.headers['x-github-request-id']).toMatch(/^[0-9A-F]{4}:[0-9A-F]{6}:[0-9A-F]{7}:[0-9A-F]{7}:[0-9A-F]{8}$/);
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    const limits = await octokit.rest.rateLimit.get();
    expect(limits.data.resources.core.remaining).toBe(1);
    await octokit.rest.pulls.get({ ...repoOf(server), pull_number: 1 });
    const response = await fetch(`${server.url}/repos/octo-org/octo-repo/pulls/1`, { headers: { authorization: `token ${server.state.token}` } });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(((await response.json()) as { message: string }).message).toMatch(/^API rate limit exceeded for installation ID \d+/);
  });
});

describe('fault injection', () => {
  const headersOf = (server: GitHubServer) => ({ authorization: `token ${server.state.token}` });

  test.each([500, 502, 503])('status %i, then the fault stops and the request succeeds', async (status) => {
    const server = await start({ pulls: [{ number: 1 }] });
    const fault = server.setFault({ method: 'GET', path: /\/pulls\/1$/ }, { type: 'status', status });
    const url = `${server.url}/repos/octo-org/octo-repo/pulls/1`;
    const failed = await fetch(url, { headers: headersOf(server) });
    expect(failed.status).toBe(status);
    expect(((await failed.json()) as { status: string }).status).toBe(String(status));
    expect((await fetch(url, { headers: headersOf(server) })).status).toBe(200);
    expect(fault.hits).toBe(1);
    expect(fault.remaining).toBe(0);
    expect(server.requests.map((r) => r.fault)).toEqual(['status', undefined]);
  });

  test('plugin-retry gets through two 502s', async () => {
    const server = await start({ pulls: [{ number: 1 }] });
    server.setFault({ path: /\/pulls\/1$/, times: 2 }, { type: 'status', status: 502 });
    const RetryingOctokit = Octokit.plugin(retry);
    const octokit = new RetryingOctokit({ auth: server.state.token, baseUrl: server.url, log: quiet, retry: { retryAfterBaseValue: 1 } });
    const { data } = await octokit.rest.pulls.get({ ...repoOf(server), pull_number: 1 });
    expect(data.number).toBe(1);
    expect(server.requests.map((r) => r.status)).toEqual([502, 502, 200]);
  });

  test.each([403, 429] as const)('secondary rate limit (%i): retry-after and the documented message reach plugin-throttling', async (status) => {
    const server = await start({ pulls: [{ number: 1 }] });
    server.setFault({ path: /\/pulls\/1$/ }, { type: 'secondary-rate-limit', status, retryAfter: 7 });
    const seen: number[] = [];
    const ThrottledOctokit = Octokit.plugin(throttling);
    const octokit = new ThrottledOctokit({
      auth: server.state.token,
      baseUrl: server.url,
      log: quiet,
      throttle: {
        retryAfterBaseValue: 1, // milliseconds instead of seconds: no real waiting
        onSecondaryRateLimit: (retryAfter: number) => {
          seen.push(retryAfter);
          return true;
        },
        onRateLimit: () => false,
      },
    });
    const { data } = await octokit.rest.pulls.get({ ...repoOf(server), pull_number: 1 });
    expect(data.number).toBe(1);
    expect(seen).toEqual([7]);
    expect(server.requests.map((r) => r.status)).toEqual([status, 200]);
  });

  test('primary rate limit: 403 with x-ratelimit-remaining 0 and a reset time reaches onRateLimit', async () => {
    const now = new Date('2024-05-01T12:00:00Z');
    const server = await start({ pulls: [{ number: 1 }], now: () => now });
    server.setFault({ path: /\/pulls\/1$/ }, { type: 'primary-rate-limit', resetAfter: 30 });
    const response = await fetch(`${server.url}/repos/octo-org/octo-repo/pulls/1`, { headers: headersOf(server) });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(response.headers.get('x-ratelimit-reset')).toBe(String(now.getTime() / 1000 + 30));

    server.setFault({ path: /\/pulls\/1$/ }, { type: 'primary-rate-limit', resetAfter: 0 });
    const limited: number[] = [];
    const ThrottledOctokit = Octokit.plugin(throttling);
    const octokit = new ThrottledOctokit({
      auth: server.state.token,
      baseUrl: server.url,
      log: quiet,
      throttle: {
        retryAfterBaseValue: 1,
        onSecondaryRateLimit: () => false,
        onRateLimit: (retryAfter: number) => {
          limited.push(retryAfter);
          return true;
        },
      },
    });
    expect((await octokit.rest.pulls.get({ ...repoOf(server), pull_number: 1 })).status).toBe(200);
    expect(limited).toHaveLength(1);
  });

  test('connection reset before the headers: fetch fails; the request had no effect', async () => {
    const server = await start({ pulls: [{ number: 1 }] });
    server.setFault({ method: 'POST', path: /\/comments$/ }, { type: 'reset', when: 'before-headers' });
    await expect(
      fetch(`${server.url}/repos/octo-org/octo-repo/issues/1/comments`, {
        method: 'POST',
        headers: { ...headersOf(server), 'content-type': 'application/json' },
        body: JSON.stringify({ body: 'hi' }),
      }),
    ).rejects.toThrow();
    expect(server.state.comments).toEqual([]);
    expect(server.requests[0]).toMatchObject({ status: 0, fault: 'reset' });
  });

  test('connection reset mid-body: the client sees a truncated response; with processed, the write happened', async () => {
    const server = await start({ pulls: [{ number: 1 }] });
    server.setFault({ method: 'POST', path: /\/comments$/ }, { type: 'reset', processed: true });
    const response = await fetch(`${server.url}/repos/octo-org/octo-repo/issues/1/comments`, {
      method: 'POST',
      headers: { ...headersOf(server), 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'hi' }),
    });
    expect(response.status).toBe(201);
    await expect(response.text()).rejects.toThrow();
    // The comment exists although the client never saw it: a retry must look before posting again.
    expect(server.commentsOn(1).map((c) => c.body)).toEqual(['hi']);
  });

  test('connection reset mid-body: Octokit resolves with status 200 and data "" (no error, no retry)', async () => {
    // Worth knowing: @octokit/request swallows the failed body read of a JSON response.
    const server = await start({ pulls: [{ number: 1 }] });
    server.setFault({ path: /\/pulls\/1$/ }, { type: 'reset' });
    const RetryingOctokit = Octokit.plugin(retry);
    const octokit = new RetryingOctokit({ auth: server.state.token, baseUrl: server.url, log: quiet, retry: { retryAfterBaseValue: 1 } });
    const response = await octokit.rest.pulls.get({ ...repoOf(server), pull_number: 1 });
    expect(response.status).toBe(200);
    expect(response.data).toBe('');
    expect(server.requests).toHaveLength(1);
  });

  test('connection reset before the headers: plugin-retry retries it', async () => {
    const server = await start({ pulls: [{ number: 1 }] });
    server.setFault({ path: /\/pulls\/1$/ }, { type: 'reset', when: 'before-headers' });
    const RetryingOctokit = Octokit.plugin(retry);
    const octokit = new RetryingOctokit({ auth: server.state.token, baseUrl: server.url, log: quiet, retry: { retryAfterBaseValue: 1 } });
    expect((await octokit.rest.pulls.get({ ...repoOf(server), pull_number: 1 })).data.number).toBe(1);
    expect(server.requests.map((r) => [r.status, r.fault])).toEqual([
      [0, 'reset'],
      [200, undefined],
    ]);
  });

  test('a 502 after the write took effect (processed)', async () => {
    const server = await start({ pulls: [{ number: 1 }] });
    server.setFault({ method: 'POST', path: /\/comments$/ }, { type: 'status', status: 502, processed: true });
    expect(await statusOf(clientFor(server).rest.issues.createComment({ ...repoOf(server), issue_number: 1, body: 'x' }))).toBe(502);
    expect(server.commentsOn(1)).toHaveLength(1);
  });

  test('404 and 422 faults, with GitHub-shaped bodies', async () => {
    const server = await start({ pulls: [{ number: 1 }] });
    server.setFault({ path: /\/pulls\/1$/ }, { type: 'status', status: 404 });
    server.setFault({ method: 'POST', path: /\/comments$/ }, { type: 'status', status: 422 });
    const octokit = clientFor(server);
    expect(await statusOf(octokit.rest.pulls.get({ ...repoOf(server), pull_number: 1 }))).toBe(404);
    const error = await octokit.rest.issues.createComment({ ...repoOf(server), issue_number: 1, body: 'x' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 422, response: { data: { message: 'Validation Failed', errors: [] } } });
    expect(server.state.comments).toEqual([]);
  });

  test('hang: the request is never answered, and close() still ends it promptly', async () => {
    const server = await startGitHubServer({ pulls: [{ number: 1 }] });
    server.setFault({ path: /\/pulls\/1$/, times: Infinity }, { type: 'hang' });
    const pending = fetch(`${server.url}/repos/octo-org/octo-repo/pulls/1`, { headers: headersOf(server) });
    const outcome = pending.then(
      () => 'answered',
      () => 'failed',
    );
    await vi.waitFor(() => expect(server.requests).toHaveLength(1));
    // Keep-alive connections of earlier requests must not keep close() waiting either.
    const t0 = performance.now();
    await server.close();
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(await outcome).toBe('failed');
    expect(server.requests[0]).toMatchObject({ status: 0, fault: 'hang' });
  });

  test('faults can target archive downloads too', async () => {
    const server = await start({ contents: { main: { 'a.py': 'x\n' } } });
    server.setFault({ path: /legacy\.tar\.gz/ }, { type: 'status', status: 503 });
    const octokit = clientFor(server);
    expect(await statusOf(octokit.rest.repos.downloadTarballArchive({ ...repoOf(server), ref: 'main' }))).toBe(503);
    const again = await octokit.rest.repos.downloadTarballArchive({ ...repoOf(server), ref: 'main' });
    expect(again.status).toBe(200);
  });
});

describe('event payloads', () => {
  test('pull_request opened / synchronize / labeled, fork and Dependabot variants, match the webhook schemas', async () => {
    const openapi = await loadOpenApi();
    const opened = makePullRequestEvent({ number: 12, head: { sha: 'c'.repeat(40), ref: 'topic' }, base: { sha: 'd'.repeat(40) } });
    expect(opened).toMatchObject({
      action: 'opened',
      number: 12,
      pull_request: { number: 12, head: { sha: 'c'.repeat(40), ref: 'topic', repo: { full_name: 'octo-org/octo-repo', fork: false } }, base: { sha: 'd'.repeat(40), ref: 'main' } },
      repository: { full_name: 'octo-org/octo-repo', name: 'octo-repo', owner: { login: 'octo-org' } },
    });
    expect(JSON.stringify(opened)).not.toMatch(/Codertocat|Hello-World/);
    expect(openapi.checkWebhook('pull-request-opened', opened)).toEqual([]);

    const sync = makePullRequestEvent({ action: 'synchronize', number: 12, before: 'e'.repeat(40), head: { sha: 'f'.repeat(40) } });
    expect(sync).toMatchObject({ action: 'synchronize', before: 'e'.repeat(40), after: 'f'.repeat(40) });
    expect(openapi.checkWebhook('pull-request-synchronize', sync)).toEqual([]);

    const labeled = makePullRequestEvent({ action: 'labeled', labels: ['bug', 'architecture-accepted'] });
    expect(labeled).toMatchObject({ label: { name: 'architecture-accepted' } });
    expect((labeled.pull_request as { labels: { name: string }[] }).labels.map((l) => l.name)).toEqual(['bug', 'architecture-accepted']);
    expect(openapi.checkWebhook('pull-request-labeled', labeled)).toEqual([]);

    const fork = makePullRequestEvent({ fork: true, user: 'outside-dev', repository: { owner: 'acme', repo: 'shop', ownerType: 'User' } });
    expect(fork).toMatchObject({
      pull_request: { head: { repo: { full_name: 'outside-dev/shop', fork: true }, label: 'outside-dev:feature-1' }, base: { repo: { full_name: 'acme/shop' } } },
      sender: { login: 'outside-dev' },
    });
    expect(fork.organization).toBeUndefined();
    expect(openapi.checkWebhook('pull-request-opened', fork)).toEqual([]);

    const bump = makePullRequestEvent({ user: DEPENDABOT, head: { ref: 'dependabot/pip/gevent-24.2.1' } });
    expect(bump).toMatchObject({ pull_request: { user: { login: 'dependabot[bot]', type: 'Bot' } }, sender: { login: 'dependabot[bot]', type: 'Bot' } });
    expect(openapi.checkWebhook('pull-request-opened', bump)).toEqual([]);
  });

  test('a payload made from the server state agrees with what the API serves', async () => {
    const server = await start({ pulls: [{ number: 8, head: { fork: true }, labels: ['architecture-accepted'] }] });
    const payload = makePullRequestEvent({ action: 'synchronize', pull: server.state.pulls.get(8), hosts: { apiUrl: server.url, serverUrl: 'https://github.com' } });
    const { data } = await clientFor(server).rest.pulls.get({ ...repoOf(server), pull_number: 8 });
    const pr = payload.pull_request as typeof data;
    expect([pr.head.sha, pr.head.repo?.full_name, pr.base.sha, pr.url, pr.labels.map((l) => l.name)]).toEqual([
      data.head.sha,
      data.head.repo?.full_name,
      data.base.sha,
      data.url,
      ['architecture-accepted'],
    ]);
  });

  test('push, workflow_dispatch and schedule payloads; writeEventFile and actionEnv', async () => {
    const openapi = await loadOpenApi();
    const push = makePushEvent({ before: '1'.repeat(40), after: '2'.repeat(40), added: ['go/main.go'] });
    expect(push).toMatchObject({ ref: 'refs/heads/main', after: '2'.repeat(40), head_commit: { id: '2'.repeat(40), added: ['go/main.go'] } });
    expect(openapi.checkWebhook('push', push)).toEqual([]);
    const dispatch = makeWorkflowDispatchEvent({ inputs: { 'pull-request': '7', mode: 'review' } });
    expect(dispatch).toMatchObject({ ref: 'refs/heads/main', inputs: { 'pull-request': '7' }, repository: { full_name: 'octo-org/octo-repo' } });
    expect(openapi.checkWebhook('workflow-dispatch', dispatch)).toEqual([]);
    expect(makeScheduleEvent('0 3 * * *')).toMatchObject({ schedule: '0 3 * * *' });

    const dir = await mkdtemp(join(tmpdir(), 'gh-server-event-'));
    try {
      const payload = makePullRequestEvent({ number: 4 });
      const eventPath = await writeEventFile(dir, payload);
      expect(JSON.parse(await readFile(eventPath, 'utf8'))).toEqual(payload);
      const env = actionEnv({ eventName: 'pull_request', payload, eventPath, apiUrl: 'http://127.0.0.1:1', inputs: { 'github-token': 't', 'fail-on': 'never' } });
      expect(env).toMatchObject({
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_REPOSITORY: 'octo-org/octo-repo',
        GITHUB_REF: 'refs/pull/4/merge',
        GITHUB_REF_NAME: '4/merge',
        GITHUB_HEAD_REF: 'feature-4',
        GITHUB_BASE_REF: 'main',
        'INPUT_GITHUB-TOKEN': 't',
        'INPUT_FAIL-ON': 'never',
      });
      const target = actionEnv({ eventName: 'pull_request_target', payload, eventPath, apiUrl: 'http://127.0.0.1:1' });
      expect(target.GITHUB_REF).toBe('refs/heads/main');
      expect(target.GITHUB_SHA).toBe((payload.pull_request as { base: { sha: string } }).base.sha);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
