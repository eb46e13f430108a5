/**
 * A stateful fake of GitHub's REST API on 127.0.0.1, for end-to-end tests of the action
 * (`GITHUB_API_URL=server.url node dist/index.js`), benchmarks and fault injection.
 *
 * Every request is checked against GitHub's published OpenAPI description; anything the real
 * API would not accept, or that the description does not know, lands in `server.violations`,
 * which tests assert to be empty. Limits follow GitHub's documentation (3000 files per PR
 * listing, 65,536 characters per comment, 100 per page, Link headers on `/repositories/{id}`,
 * 50 annotations per check run request). Besides REST it answers two GraphQL operations (a
 * PR's review threads, `resolveReviewThread`; see `graphql.ts`) at `server.graphqlUrl`.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { FileTree } from './diff.js';
import { answerGraphql } from './graphql.js';
import { GITHUB_ACTIONS_BOT, makeLabel, stableId, type Hosts, type LabelState, type UserRef } from './objects.js';
import { loadOpenApi, type OpenApiOperation, type RequestProblem } from './openapi.js';
import { seedReviewComments } from './reviews.js';
import { HANDLERS, acceptedPermissions, errorReply, type RouteReply } from './routes.js';
import {
  FIXED_TIME,
  commitShaOf,
  gitObjects,
  makeComment,
  makePull,
  type CommentInput,
  type CommentState,
  type GitHubState,
  type GitObjects,
  type PermissionsState,
  type PullRequestInput,
  type PullRequestState,
  type RateLimitState,
  type RepositoryState,
  type ReviewCommentInput,
  type ReviewCommentState,
  type ReviewThreadState,
} from './state.js';
import { buildTarball } from './tar.js';

export { GITHUB_ACTIONS_APP, MAX_CHECK_OUTPUT_BYTES } from './checks.js';
export type { FileTree, PatchLine, PullFile } from './diff.js';
export { diffTrees, findPatchLine, patchLines, unifiedPatch } from './diff.js';
export { MAX_GRAPHQL_PAGE } from './graphql.js';
export { DEPENDABOT, GITHUB_ACTIONS_BOT, blobSha, fakeSha, type UserRef } from './objects.js';
export { MAX_COMMENT_LENGTH, MAX_PULL_FILES } from './routes.js';
export {
  makeManyFiles,
  makePullFile,
  type AppRef,
  type CheckAnnotationState,
  type CheckRunState,
  type CommentInput,
  type CommentState,
  type DiffSide,
  type GitHubState,
  type PermissionsState,
  type PullFileInput,
  type PullRequestInput,
  type PullRequestState,
  type RateLimitState,
  type RepositoryState,
  type ReviewCommentInput,
  type ReviewCommentState,
  type ReviewState,
  type ReviewThreadState,
} from './state.js';
export { readTarball, type TarEntry } from './tar.js';

/** Options of {@link startGitHubServer}; every field has a default. */
export interface GitHubServerOptions {
  /** The token requests must carry. Default `ghs_testtoken0000000000000000000000000000`. */
  token?: string;
  /** Answer every write with 403, like the token of a fork PR or a Dependabot run. Default false. */
  readOnly?: boolean;
  /**
   * The token's permissions, as a workflow's `permissions:` grants them. Default `{ checks:
   * 'write', contents: 'read', pullRequests: 'write' }`. A write they do not grant answers 403
   * "Resource not accessible by integration" with `x-accepted-github-permissions` naming the
   * permission (as `readOnly` does for every write); `checks: 'none'` refuses check run reads
   * too; `resolveReviewThread` needs `contents: 'write'` (GraphQL FORBIDDEN otherwise).
   */
  permissions?: Partial<PermissionsState>;
  /** Default `{ owner: 'octo-org', repo: 'octo-repo', default_branch: 'main' }`. */
  repository?: Partial<RepositoryState>;
  pulls?: PullRequestInput[];
  /** Existing issue comments (ids are assigned in order). */
  comments?: CommentInput[];
  /**
   * Existing review comments, by people or the bot, replies included (`replyTo`: index of an
   * earlier entry); each top-level one starts a thread. Ids follow those of `comments`.
   */
  reviewComments?: ReviewCommentInput[];
  /** ref (sha, branch or tag) → path → text. PR trees given in `pulls` are added to it. */
  contents?: Record<string, FileTree>;
  /** Ref aliases: name → key of `contents`. */
  refs?: Record<string, string>;
  /** People's roles on the repository (default: none; anyone else reads it). */
  collaborators?: GitHubState['collaborators'];
  /** Organisation login → its repositories, served by `GET /orgs/{org}/repos` in the order given. */
  organizations?: GitHubState['organizations'];
  /** Repository labels (PR labels not listed are created on demand). */
  labels?: (string | (Partial<LabelState> & { name: string }))[];
  /** Who the token acts as (author of created comments). Default `github-actions[bot]`. */
  actor?: UserRef | string;
  /** Primary rate limit; default 5000/hour, reset an hour after start. */
  rateLimit?: Partial<RateLimitState>;
  /** Serve the API under a path, as GitHub Enterprise Server does (`/api/v3`). Default ''. */
  apiPrefix?: string;
  /** The web host in `html_url`s. Default `https://github.com`. */
  serverUrl?: string;
  /**
   * Also check every JSON response against the documented response schema (violations are
   * prefixed "response:"). Off by default: compiling the larger schemas costs ~0.3 s per
   * operation and process; this server's own tests turn it on.
   */
  validateResponses?: boolean;
  /** The `@octokit/openapi` file to validate against. Default the api.github.com description. */
  openapiFile?: string;
  /** Clock for timestamps of created/updated comments and rate-limit resets. Default real time. */
  now?: () => Date;
  /** Id of the first comment (issue and review comments). Default 2_200_000_001 (above 2^31, like GitHub's ids today). */
  firstCommentId?: number;
}

/** One request as received (the authorization value redacted). */
export interface RecordedRequest {
  /** Which host got it: the API, or the archive host (codeload). */
  server: 'api' | 'codeload';
  method: string;
  /** Path as requested, with the API prefix, without the query. */
  path: string;
  /** Query parameters (a repeated name keeps its last value). */
  query: Record<string, string>;
  /** Lower-case header names; `authorization` becomes `<scheme> [REDACTED]`. */
  headers: Record<string, string>;
  /** Parsed JSON body, raw text for other bodies, undefined when empty. */
  body: unknown;
  /** Status sent; 0 while pending, and for a request held or reset before its headers. */
  status: number;
  /** The OpenAPI operation (`pulls/list-files`) and path template, when documented. */
  operationId?: string;
  route?: string;
  /** The injected fault that answered, if any. */
  fault?: Fault['type'];
}

/** Which requests a fault applies to. */
export interface FaultMatcher {
  /** Default: any method. */
  method?: string;
  /**
   * A RegExp is tested against path + query (`/api/v3/repos/o/r/pulls/1/files?page=2`; archive
   * downloads: `/o/r/legacy.tar.gz/<sha>?token=…`); a string must equal the path.
   */
  path: RegExp | string;
  /** How many matching requests get the fault before it stops (default 1; `Infinity` for always). */
  times?: number;
}

/**
 * A failure to inject. By default the request does not take effect; with `processed: true`
 * it does (a comment is created) and only the answer fails, as happens behind real proxies.
 */
export type Fault =
  | { type: 'status'; status: number; body?: unknown; headers?: Record<string, string>; processed?: boolean }
  /** 403 (or 429) with `retry-after` and GitHub's secondary-rate-limit message. */
  | { type: 'secondary-rate-limit'; status?: 403 | 429; retryAfter?: number }
  /** 403 (or 429) with `x-ratelimit-remaining: 0` and a reset `resetAfter` seconds from now. */
  | { type: 'primary-rate-limit'; status?: 403 | 429; resetAfter?: number }
  /** Destroy the connection: before any byte, or after the headers and part of the body. */
  | { type: 'reset'; when?: 'before-headers' | 'after-headers'; processed?: boolean }
  /** Never answer; the request is held until `close()`. */
  | { type: 'hang' };

/** A registered fault. */
export interface FaultHandle {
  /** Requests that got the fault so far. */
  readonly hits: number;
  /** How many more requests will get it. */
  readonly remaining: number;
  /** Stop injecting it. */
  clear(): void;
}

/** A running server. */
export interface GitHubServer {
  /** The API root to use as `GITHUB_API_URL` / Octokit `baseUrl` (no trailing slash). */
  url: string;
  /**
   * Where GraphQL is served: `{url}/graphql`, or `{origin}/api/graphql` with the API prefix
   * `/api/v3`, as GitHub Enterprise Server does and `octokit.graphql` computes from `baseUrl`.
   */
  graphqlUrl: string;
  /** `http://127.0.0.1:<port>` (without the API prefix). */
  origin: string;
  /** The archive host the tarball route redirects to (another port: another origin, like codeload.github.com). */
  codeloadOrigin: string;
  /** Live state: read it in assertions, mutate it between requests. */
  state: GitHubState;
  /** Every request, in arrival order (archive downloads too, with `server: 'codeload'`). */
  requests: RecordedRequest[];
  /** Contract problems found in requests (and responses with `validateResponses`); tests assert `[]`. */
  violations: string[];
  /** Injects `fault` into the next `matcher.times` matching requests. */
  setFault(matcher: FaultMatcher, fault: Fault): FaultHandle;
  clearFaults(): void;
  /** Adds (or replaces) a pull request, registering its base/head trees as contents. */
  addPull(input: PullRequestInput): PullRequestState;
  /** The comments of one issue/PR, in creation order. */
  commentsOn(issueNumber: number): CommentState[];
  /** The review comments of one PR (pending reviews' included), in creation order. */
  reviewCommentsOn(pullNumber: number): ReviewCommentState[];
  /** The review threads of one PR, in creation order. */
  threadsOn(pullNumber: number): ReviewThreadState[];
  /** Ends every connection (held ones included) and stops listening. */
  close(): Promise<void>;
}

const DEFAULT_TOKEN = 'ghs_testtoken0000000000000000000000000000';
const SECONDARY_DOCS = 'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits';
const PRIMARY_DOCS = 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api';
const WRITE_METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

interface ActiveFault {
  matcher: FaultMatcher;
  fault: Fault;
  remaining: number;
  hits: number;
}

/**
 * Starts the server on 127.0.0.1 (random port). The first server of a process loads the
 * OpenAPI description (~0.8–1.3 s); later ones reuse it (~1 ms).
 *
 * The server runs in the test's own process: run the action with an asynchronous `spawn` /
 * `execFile`, never `spawnSync`, which would block the event loop that answers its requests.
 *
 * @example
 * const server = await startGitHubServer({
 *   pulls: [{ number: 7, base: { tree: { 'a.py': 'x = 1\n' } }, head: { tree: { 'a.py': 'import threading\n' } } }],
 * });
 * // run the action with GITHUB_API_URL=server.url, INPUT_GITHUB-TOKEN=server.state.token
 * expect(server.commentsOn(7)).toHaveLength(1);
 * expect(server.violations).toEqual([]);
 * await server.close();
 */
export async function startGitHubServer(options: GitHubServerOptions = {}): Promise<GitHubServer> {
  const openapi = await loadOpenApi(options.openapiFile);
  const now = options.now ?? (() => new Date());
  const state = initialState(options, now);
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  const faults: ActiveFault[] = [];
  const sockets = new Set<Socket>();
  const archives = new Map<string, string>(); // codeload token → contents key
  const objectsCache = new WeakMap<FileTree, { signature: string; objects: GitObjects }>();
  const apiPrefix = (options.apiPrefix ?? '').replace(/\/+$/, '');
  // Octokit's graphql turns a baseUrl ending in /api/v3 into /api/graphql, else appends /graphql.
  const graphqlPath = /\/api\/v3$/.test(apiPrefix) ? `${apiPrefix.slice(0, -'/v3'.length)}/graphql` : `${apiPrefix}/graphql`;
  // GraphQL has its own rate limit (points per hour); each request costs one here.
  const graphqlRate: RateLimitState = { limit: 5000, used: 0, remaining: 5000, reset: state.rateLimit.reset };
  let requestSerial = 0;

  // Two listeners, because GitHub has two hosts: the API, and codeload (archives) to which the
  // tarball route redirects. Being another origin, clients drop the Authorization header on
  // the redirect, as they do for codeload.github.com.
  const listen = async (kind: RecordedRequest['server']) => {
    const server = createServer((req, res) => {
      handle(req, res, kind).catch((error: unknown) => {
        violations.push(`server error on ${req.method} ${req.url}: ${(error as Error).stack ?? String(error)}`);
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify({ message: 'Server Error' }));
        }
      });
    });
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  };
  const api = await listen('api');
  const codeload = await listen('codeload');
  const origin = api.origin;
  const hosts: Hosts = { apiUrl: `${origin}${apiPrefix}`, serverUrl: (options.serverUrl ?? 'https://github.com').replace(/\/+$/, '') };

  function objectsOf(key: string): GitObjects {
    const tree = state.contents[key] ?? {};
    // Cheap staleness check for trees edited in place after a request.
    let size = 0;
    for (const [path, text] of Object.entries(tree)) size += path.length + text.length;
    const signature = `${Object.keys(tree).length}:${size}`;
    const cached = objectsCache.get(tree);
    if (cached?.signature === signature) return cached.objects;
    const objects = gitObjects(tree);
    objectsCache.set(tree, { signature, objects });
    return objects;
  }

  /** Headers every API answer carries; the rate-limit ones are added by {@link withRate}. */
  function baseHeaders(apiVersion: string | undefined): Record<string, string> {
    const serial = ++requestSerial;
    const hex = (n: number, width: number) => (n % 16 ** width).toString(16).toUpperCase().padStart(width, '0');
    return {
      server: 'github.com',
      'x-github-request-id': `${hex(serial, 4)}:${hex(serial * 7919, 6)}:${hex(serial * 104729, 7)}:${hex(serial * 1299709, 7)}:${hex(serial * 15485863, 8)}`,
      'x-github-api-version-selected': apiVersion ?? '2022-11-28',
      'x-github-media-type': 'github.v3; format=json',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'deny',
      vary: 'Accept, Authorization, Cookie, X-GitHub-OTP, Accept-Encoding',
    };
  }

  /** The primary rate-limit headers: the token's, or the anonymous 60/hour when unauthenticated. */
  function withRate(headers: Record<string, string>, authenticated: boolean, resource: 'core' | 'graphql' = 'core'): Record<string, string> {
    const own = resource === 'graphql' ? graphqlRate : state.rateLimit;
    const rate = authenticated ? own : { limit: 60, remaining: 59, reset: state.rateLimit.reset, used: 1 };
    return {
      ...headers,
      'x-ratelimit-limit': String(rate.limit),
      'x-ratelimit-remaining': String(rate.remaining),
      'x-ratelimit-reset': String(rate.reset),
      'x-ratelimit-used': String(rate.used),
      'x-ratelimit-resource': resource,
    };
  }

  function send(res: ServerResponse, entry: RecordedRequest, reply: RouteReply, headers: Record<string, string>): void {
    const { body, contentType } = encodeReply(reply);
    const all: Record<string, string> = { ...headers, ...(reply.headers ?? {}) };
    if (contentType) all['content-type'] = contentType;
    all['content-length'] = String(body.length);
    entry.status = reply.status;
    res.writeHead(reply.status, all);
    res.end(body);
  }

  function takeFault(method: string, pathname: string, search: string): Fault | undefined {
    for (const active of faults) {
      if (active.remaining <= 0) continue;
      const { matcher } = active;
      if (matcher.method && matcher.method.toUpperCase() !== method) continue;
      if (typeof matcher.path !== 'string') matcher.path.lastIndex = 0; // a /g or /y RegExp keeps state
      const hit = typeof matcher.path === 'string' ? matcher.path === pathname : matcher.path.test(`${pathname}${search}`);
      if (!hit) continue;
      active.remaining--;
      active.hits++;
      return active.fault;
    }
    return undefined;
  }

  function faultReply(fault: Exclude<Fault, { type: 'reset' } | { type: 'hang' }>, requestId: string): RouteReply {
    const nowSeconds = Math.floor(now().getTime() / 1000);
    switch (fault.type) {
      case 'status': {
        const defaults: Record<number, string> = {
          404: 'Not Found',
          422: 'Validation Failed',
          500: 'Server Error',
          502: 'Server Error',
          503: 'Service Unavailable',
          504: 'We couldn\'t respond to your request in time. Sorry about that. Please try resubmitting your request and contact us if the problem persists.',
        };
        if (typeof fault.body === 'string') {
          return { status: fault.status, raw: fault.body, contentType: 'text/html; charset=utf-8', headers: fault.headers };
        }
        const json = fault.body ?? {
          message: defaults[fault.status] ?? 'Error',
          ...(fault.status === 422 ? { errors: [] } : {}),
          documentation_url: 'https://docs.github.com/rest',
          status: String(fault.status),
        };
        return { status: fault.status, json, headers: fault.headers };
      }
      case 'secondary-rate-limit':
        return {
          status: fault.status ?? 403,
          json: {
            message: `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
            documentation_url: SECONDARY_DOCS,
            status: String(fault.status ?? 403),
          },
          headers: { 'retry-after': String(fault.retryAfter ?? 1) },
        };
      case 'primary-rate-limit':
        return {
          status: fault.status ?? 403,
          json: {
            message: `API rate limit exceeded for installation ID ${stableId('installation')}. If you reach out to GitHub Support for help, please include the request ID ${requestId} and timestamp ${now().toISOString()}.`,
            documentation_url: PRIMARY_DOCS,
            status: String(fault.status ?? 403),
          },
          headers: {
            'x-ratelimit-remaining': '0',
            'x-ratelimit-used': String(state.rateLimit.limit),
            'x-ratelimit-reset': String(nowSeconds + (fault.resetAfter ?? 1)),
          },
        };
    }
  }

  /** A request as received: logged first, so that even a held or reset one is counted. */
  interface Incoming {
    req: IncomingMessage;
    entry: RecordedRequest;
    method: string;
    url: URL;
    /** `METHOD /path?query`, the prefix of violation messages. */
    where: string;
    body: unknown;
    hasBody: boolean;
    parseError: boolean;
  }

  /** What the OpenAPI description says about a request. */
  interface Contract {
    operation: OpenApiOperation | undefined;
    params: Record<string, string>;
    problems: RequestProblem[];
    /** The path routed (API prefix stripped, `/repositories/{id}` turned into `/repos/{o}/{r}`). */
    routed: string;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, kind: RecordedRequest['server']): Promise<void> {
    const incoming = await receive(req, kind);
    if (!incoming) return;
    if (kind === 'codeload') {
      serveArchive(req, res, incoming.entry, incoming.url);
      return;
    }
    const { entry, url, method } = incoming;
    // GraphQL is not in the REST description: routed before it.
    const graphql = url.pathname === graphqlPath;
    const contract = graphql ? undefined : checkContract(incoming);
    if (!graphql && !contract) {
      send(res, entry, errorReply(404, 'Not Found', 'https://docs.github.com/rest'), withRate(baseHeaders(undefined), false));
      return;
    }
    if (graphql) {
      entry.operationId = 'graphql';
      entry.route = '/graphql';
    }
    const headers = baseHeaders(headerValue(req.headers['x-github-api-version']));
    const requestId = headers['x-github-request-id'] as string;
    // Rate-limit headers are the token's only when the token is right.
    const answerHeaders = () => withRate(headers, tokenOf(req.headers.authorization) === state.token, graphql ? 'graphql' : 'core');

    const fault = takeFault(method, url.pathname, url.search);
    if (fault) entry.fault = fault.type;
    if (fault?.type === 'hang') return; // the socket stays open until close()
    if (fault?.type === 'reset' && fault.when === 'before-headers') {
      req.socket.destroy();
      return;
    }
    if (fault && !('processed' in fault && fault.processed)) {
      if (fault.type === 'reset') cutResponse(res, entry, answerHeaders(), { status: 200, json: { message: 'partial' } });
      else send(res, entry, faultReply(fault, requestId), answerHeaders());
      return;
    }

    const reply = contract ? answer(incoming, contract, requestId) : answerGraphqlRequest(incoming);
    if (fault?.type === 'reset') cutResponse(res, entry, answerHeaders(), reply);
    else if (fault) send(res, entry, faultReply(fault, requestId), answerHeaders());
    else {
      if (options.validateResponses && contract?.operation && reply.json !== undefined) {
        for (const problem of openapi.checkResponse(contract.operation, reply.status, reply.json)) {
          violations.push(`response: ${incoming.where} (${contract.operation.operationId}): ${problem}`);
        }
      }
      send(res, entry, reply, answerHeaders());
    }
  }

  /** POST {graphqlPath}: authentication as GitHub's GraphQL endpoint does it, then graphql.ts. */
  function answerGraphqlRequest(incoming: Incoming): RouteReply {
    const { req, method, where } = incoming;
    if (method !== 'POST') {
      violations.push(`${where}: GitHub's GraphQL endpoint takes POST`);
      return errorReply(404, 'Not Found', 'https://docs.github.com/graphql');
    }
    const token = tokenOf(req.headers.authorization);
    if (token === undefined) {
      return errorReply(401, 'This endpoint requires you to be authenticated.', 'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql');
    }
    if (token !== state.token) return errorReply(401, 'Bad credentials', 'https://docs.github.com/graphql');
    if (graphqlRate.remaining > 0) {
      graphqlRate.remaining--;
      graphqlRate.used++;
    }
    if (incoming.parseError) {
      violations.push(`${where} (graphql): body is not valid JSON`);
      return errorReply(400, 'Problems parsing JSON', 'https://docs.github.com/graphql');
    }
    const json = answerGraphql({ state, body: incoming.body, report: (problem) => violations.push(`${where} (graphql): ${problem}`) });
    return { status: 200, json };
  }

  async function receive(req: IncomingMessage, kind: RecordedRequest['server']): Promise<Incoming | undefined> {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of req) chunks.push(chunk as Buffer);
    } catch {
      return undefined; // the client went away mid-upload: nothing to answer, nothing to report
    }
    const raw = Buffer.concat(chunks);
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', origin);
    let body: unknown;
    let parseError = false;
    if (raw.length > 0) {
      body = raw.toString('utf8');
      if (/application\/json|\+json/i.test(req.headers['content-type'] ?? '')) {
        try {
          body = JSON.parse(body as string);
        } catch {
          parseError = true;
        }
      }
    }
    const entry: RecordedRequest = {
      server: kind,
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: redactHeaders(req.headers),
      body,
      status: 0,
    };
    requests.push(entry);
    return { req, entry, method, url, where: `${method} ${url.pathname}${url.search}`, body, hasBody: raw.length > 0, parseError };
  }

  /** Routes the request and records every departure from the description; undefined: outside the API root. */
  function checkContract(incoming: Incoming): Contract | undefined {
    const { method, url, where, entry } = incoming;
    let pathname = url.pathname;
    if (apiPrefix) {
      if (pathname !== apiPrefix && !pathname.startsWith(`${apiPrefix}/`)) {
        violations.push(`${where}: outside the API root ${apiPrefix} (GITHUB_API_URL not honoured?)`);
        return undefined;
      }
      pathname = pathname.slice(apiPrefix.length) || '/';
    }
    // Pagination links name the repository by id, as GitHub's do.
    let routed = pathname;
    const byId = /^\/repositories\/(\d+)(\/.*)$/.exec(pathname);
    if (byId && Number(byId[1]) === state.repository.id) routed = `/repos/${state.repository.owner}/${state.repository.repo}${byId[2]}`;

    const lookup = openapi.lookup(method, routed);
    if (lookup.kind === 'method-not-documented') {
      violations.push(`${where}: ${method} is not documented for ${lookup.template} (only ${lookup.methods.join(', ')})`);
      return { operation: undefined, params: {}, problems: [], routed };
    }
    if (lookup.kind === 'unknown-path') {
      violations.push(`${where}: no such route in GitHub's REST API`);
      return { operation: undefined, params: {}, problems: [], routed };
    }
    const { operation, params } = lookup;
    entry.operationId = operation.operationId;
    entry.route = lookup.template;
    const problems: RequestProblem[] = incoming.parseError
      ? [{ in: 'body', message: 'body is not valid JSON' }]
      : openapi.checkRequest(operation, {
          params,
          query: url.searchParams,
          body: incoming.body,
          hasBody: incoming.hasBody,
          contentType: incoming.req.headers['content-type'],
        });
    for (const problem of problems) violations.push(`${where} (${operation.operationId}): ${problem.message}`);
    return { operation, params, problems, routed };
  }

  /** GitHub's answer, in GitHub's order: auth, rate limit, route, repository, permission, input, handler. */
  function answer(incoming: Incoming, contract: Contract, requestId: string): RouteReply {
    const { req, method, url, where } = incoming;
    const { operation, params, problems } = contract;
    const token = tokenOf(req.headers.authorization);
    if (token === undefined) return errorReply(401, 'Requires authentication', 'https://docs.github.com/rest');
    if (token !== state.token) return errorReply(401, 'Bad credentials', 'https://docs.github.com/rest');
    // GET /rate_limit is free, as documented.
    if (operation?.operationId !== 'rate-limit/get') {
      if (state.rateLimit.remaining <= 0) {
        const resetAfter = state.rateLimit.reset - Math.floor(now().getTime() / 1000);
        return faultReply({ type: 'primary-rate-limit', resetAfter }, requestId);
      }
      state.rateLimit.remaining--;
      state.rateLimit.used++;
    }
    if (!operation) return errorReply(404, 'Not Found', 'https://docs.github.com/rest');
    const docs = operation.externalDocs?.url ?? 'https://docs.github.com/rest';
    const { owner, repo } = params;
    if (owner !== undefined && repo !== undefined) {
      const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
      if (!same(owner, state.repository.owner) || !same(repo, state.repository.repo)) return errorReply(404, 'Not Found', docs);
    }
    const refused = refusedPermission(operation.operationId, WRITE_METHODS.has(method));
    if (refused !== undefined) {
      const reply = errorReply(403, 'Resource not accessible by integration', docs);
      return refused ? { ...reply, headers: { 'x-accepted-github-permissions': refused } } : reply;
    }
    if (incoming.parseError) return errorReply(400, 'Problems parsing JSON', docs);
    // GitHub does not route a malformed path value (pull_number=abc) and refuses a bad body.
    if (problems.some((p) => p.in === 'path')) return errorReply(404, 'Not Found', docs);
    const bodyProblem = problems.find((p) => p.in === 'body');
    if (bodyProblem && operation.requestBody) return errorReply(422, `Invalid request.\n\n${bodyProblem.github ?? bodyProblem.message}`, docs);
    const handler = HANDLERS[operation.operationId];
    if (!handler) {
      violations.push(
        `${where} (${operation.operationId}): documented, but not implemented by the test server (add it to test/support/github-server/routes.ts)`,
      );
      return errorReply(404, 'Not Found', docs);
    }
    return handler({
      state,
      operation,
      params,
      query: url.searchParams,
      body: incoming.body,
      headers: req.headers,
      hosts,
      now,
      paginate: (items) => paginate(items, url, contract.routed, hosts.apiUrl, state.repository),
      archiveUrl: (key) => {
        const grant = randomBytes(16).toString('hex').toUpperCase();
        archives.set(grant, key);
        return `${codeload.origin}/${state.repository.owner}/${state.repository.repo}/legacy.tar.gz/${commitShaOf(key)}?token=${grant}`;
      },
      objectsOf,
      report: (problem) => violations.push(`${where} (${operation.operationId}): ${problem}`),
    });
  }

  /**
   * The permission a request lacks, as `x-accepted-github-permissions` names it ('' when GitHub
   * names none), or undefined when the token may make it.
   */
  function refusedPermission(operationId: string, write: boolean): string | undefined {
    const { permissions } = state;
    const accepted = acceptedPermissions(operationId) ?? '';
    if (operationId.startsWith('checks/') && permissions.checks === 'none') return write ? accepted : 'checks=read';
    if (!write) return undefined;
    if (state.readOnly) return accepted;
    if (operationId.startsWith('checks/')) return permissions.checks === 'write' ? undefined : accepted;
    if (operationId.startsWith('pulls/') || operationId.startsWith('issues/') || operationId.startsWith('reactions/')) return permissions.pullRequests === 'write' ? undefined : accepted;
    if (operationId.startsWith('repos/') || operationId.startsWith('git/')) return permissions.contents === 'write' ? undefined : accepted;
    return undefined;
  }

  /** Headers and half the body, then the connection dies: the client sees a truncated response. */
  function cutResponse(res: ServerResponse, entry: RecordedRequest, headers: Record<string, string>, reply: RouteReply): void {
    const { body, contentType } = encodeReply(reply);
    const all: Record<string, string> = { ...headers, ...(reply.headers ?? {}), 'content-length': String(body.length + 1) };
    if (contentType) all['content-type'] = contentType;
    entry.status = reply.status;
    res.writeHead(reply.status, all);
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
  }

  function serveArchive(req: IncomingMessage, res: ServerResponse, entry: RecordedRequest, url: URL): void {
    // codeload.github.com authenticates by the one-time token in the URL, not a header.
    const key = archives.get(url.searchParams.get('token') ?? '');
    const fault = takeFault(entry.method, url.pathname, url.search);
    if (fault) {
      entry.fault = fault.type;
      if (fault.type === 'hang') return;
      if (fault.type === 'reset' && fault.when === 'before-headers') {
        req.socket.destroy();
        return;
      }
    }
    if (key === undefined) {
      entry.status = 404;
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('404: Not Found');
      return;
    }
    const { owner, repo } = state.repository;
    const sha = commitShaOf(key);
    const topDir = `${owner}-${repo}-${sha.slice(0, 7)}`;
    const archive = buildTarball(state.contents[key] ?? {}, topDir, sha, Date.parse(FIXED_TIME) / 1000);
    const reply: RouteReply = {
      status: 200,
      raw: archive,
      contentType: 'application/x-gzip',
      headers: { 'content-disposition': `attachment; filename=${topDir}.tar.gz`, etag: `"${sha}"` },
    };
    if (fault?.type === 'reset') cutResponse(res, entry, {}, reply);
    else if (fault) send(res, entry, faultReply(fault, 'CODELOAD'), {});
    else send(res, entry, reply, {});
  }

  return {
    url: hosts.apiUrl,
    graphqlUrl: `${origin}${graphqlPath}`,
    origin,
    codeloadOrigin: codeload.origin,
    state,
    requests,
    violations,
    setFault(matcher, fault) {
      const active: ActiveFault = { matcher, fault, remaining: matcher.times ?? 1, hits: 0 };
      faults.push(active);
      return {
        get hits() {
          return active.hits;
        },
        get remaining() {
          return active.remaining;
        },
        clear() {
          active.remaining = 0;
        },
      };
    },
    clearFaults() {
      faults.length = 0;
    },
    addPull(input) {
      const { pull, contents } = makePull(input, state.repository);
      Object.assign(state.contents, contents);
      state.pulls.set(pull.number, pull);
      return pull;
    },
    commentsOn(issueNumber) {
      return state.comments.filter((c) => c.issue_number === issueNumber);
    },
    reviewCommentsOn(pullNumber) {
      return state.reviewComments.filter((c) => c.pull_number === pullNumber);
    },
    threadsOn(pullNumber) {
      return state.reviewThreads.filter((t) => t.pull_number === pullNumber);
    },
    async close() {
      const closed = [api.server, codeload.server].map((server) => new Promise<void>((resolve) => server.close(() => resolve())));
      for (const socket of sockets) socket.destroy();
      await Promise.all(closed);
    },
  };
}

function initialState(options: GitHubServerOptions, now: () => Date): GitHubState {
  const owner = options.repository?.owner ?? 'octo-org';
  const repo = options.repository?.repo ?? 'octo-repo';
  const repository: RepositoryState = {
    owner,
    repo,
    id: options.repository?.id ?? stableId(`repo:${owner}/${repo}`),
    default_branch: options.repository?.default_branch ?? 'main',
    private: options.repository?.private ?? false,
    ownerType: options.repository?.ownerType ?? 'Organization',
  };
  const limit = options.rateLimit?.limit ?? 5000;
  const used = options.rateLimit?.used ?? limit - (options.rateLimit?.remaining ?? limit);
  const state: GitHubState = {
    repository,
    pulls: new Map(),
    comments: [],
    contents: { ...(options.contents ?? {}) },
    refs: { ...(options.refs ?? {}) },
    labels: (options.labels ?? []).map((l) => (typeof l === 'string' ? makeLabel(l) : makeLabel(l.name, l))),
    rateLimit: {
      limit,
      used,
      remaining: options.rateLimit?.remaining ?? limit - used,
      reset: options.rateLimit?.reset ?? Math.floor(now().getTime() / 1000) + 3600,
    },
    token: options.token ?? DEFAULT_TOKEN,
    readOnly: options.readOnly ?? false,
    permissions: { checks: 'write', contents: 'read', pullRequests: 'write', ...options.permissions },
    reviewComments: [],
    reviews: [],
    reviewThreads: [],
    checkRuns: [],
    actor: typeof options.actor === 'string' ? { login: options.actor } : (options.actor ?? GITHUB_ACTIONS_BOT),
    collaborators: Object.fromEntries(Object.entries(options.collaborators ?? {}).map(([login, role]) => [login.toLowerCase(), role])),
    reactions: [],
    organizations: Object.fromEntries(Object.entries(options.organizations ?? {}).map(([login, repos]) => [login.toLowerCase(), repos])),
    nextCommentId: options.firstCommentId ?? 2_200_000_001,
    nextReviewId: 3_100_000_001,
    nextCheckRunId: 30_000_000_001,
  };
  for (const input of options.pulls ?? []) {
    const { pull, contents } = makePull(input, repository);
    Object.assign(state.contents, contents);
    state.pulls.set(pull.number, pull);
  }
  for (const input of options.comments ?? []) state.comments.push(makeComment(input, state.nextCommentId++));
  seedReviewComments(state, options.reviewComments ?? [], (options.serverUrl ?? 'https://github.com').replace(/\/+$/, ''));
  return state;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

function redactHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = headerValue(value) as string;
  }
  if (out.authorization !== undefined) {
    const scheme = out.authorization.split(' ')[0] ?? '';
    out.authorization = `${scheme} [REDACTED]`;
  }
  return out;
}

/** The token of an Authorization header: `token X`, `Bearer X`, or Basic with X as password. */
function tokenOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme = '', value = ''] = header.trim().split(/\s+/, 2);
  switch (scheme.toLowerCase()) {
    case 'token':
    case 'bearer':
      return value;
    case 'basic': {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      return decoded.slice(decoded.indexOf(':') + 1);
    }
    default:
      return '';
  }
}

function encodeReply(reply: RouteReply): { body: Buffer; contentType: string | undefined } {
  if (reply.json !== undefined) return { body: Buffer.from(JSON.stringify(reply.json), 'utf8'), contentType: 'application/json; charset=utf-8' };
  if (reply.raw !== undefined) {
    return { body: typeof reply.raw === 'string' ? Buffer.from(reply.raw, 'utf8') : reply.raw, contentType: reply.contentType };
  }
  return { body: Buffer.alloc(0), contentType: undefined };
}

/**
 * One page of `items` and the Link header GitHub would send: rels in the order prev, next,
 * last, first; URLs on `/repositories/{id}/…` for repository routes; the request's query kept,
 * with `page` replaced or appended; per_page capped at 100 as GitHub does.
 */
function paginate<T>(
  items: T[],
  url: URL,
  routed: string,
  apiUrl: string,
  repository: RepositoryState,
): { items: T[]; link: string | undefined } {
  const int = (value: string | null) => (value !== null && /^\d+$/.test(value) ? Number(value) : NaN);
  const requested = int(url.searchParams.get('per_page'));
  const perPage = Number.isNaN(requested) || requested < 1 ? 30 : Math.min(requested, 100);
  const page = Math.max(1, int(url.searchParams.get('page')) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const repoPrefix = `/repos/${repository.owner}/${repository.repo}`;
  const path = routed.toLowerCase().startsWith(repoPrefix.toLowerCase())
    ? `/repositories/${repository.id}${routed.slice(repoPrefix.length)}`
    : routed;
  const link = (n: number) => {
    const query = new URLSearchParams(url.search);
    query.set('page', String(n)); // set() keeps the position of an existing page, else appends
    return `<${apiUrl}${path}?${query.toString()}>`;
  };
  const rels: string[] = [];
  if (page > 1) rels.push(`${link(page - 1)}; rel="prev"`);
  if (page < last) rels.push(`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`);
  if (page > 1) rels.push(`${link(1)}; rel="first"`);
  return { items: items.slice((page - 1) * perPage, page * perPage), link: rels.length ? rels.join(', ') : undefined };
}
