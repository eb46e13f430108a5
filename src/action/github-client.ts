import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { UsageError } from '../errors.js';

const ReviewOctokit = Octokit.plugin(retry, throttling);
export type GitHubClient = InstanceType<typeof ReviewOctokit>;

export interface ClientOptions {
  token: string;
  /** GITHUB_API_URL: api.github.com, or a GitHub Enterprise Server's /api/v3. */
  baseUrl: string;
  /** Where the client says that it waits for a rate limit. */
  log: (message: string) => void;
  /** Retries after a rate limit or a server error before giving up. */
  maxRetries?: number;
  /** Per-request timeout, so a response that never comes cannot hang the job. */
  requestTimeoutMs?: number;
}

/**
 * An Octokit with GitHub's recommended retry and throttling plugins. Primary and secondary
 * rate limits are waited out (honouring `retry-after` and `x-ratelimit-reset`) a bounded number
 * of times; 5xx answers are retried by the retry plugin.
 */
export function createGitHubClient(options: ClientOptions): GitHubClient {
  const maxRetries = options.maxRetries ?? 3;
  const timeout = options.requestTimeoutMs ?? 60_000;
  return new ReviewOctokit({
    auth: options.token,
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    userAgent: 'architecture-review',
    request: {
      // No `retries` here: set per request it would make the retry plugin retry 401/404 too.
      fetch: (url: string | URL | Request, init?: RequestInit) =>
        fetch(url, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeout) }),
    },
    retry: { retries: maxRetries },
    throttle: {
      onRateLimit: (retryAfter: number, req: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
        options.log(`rate limit reached on ${req.method} ${req.url}; retrying in ${retryAfter}s`);
        return retryCount < maxRetries;
      },
      onSecondaryRateLimit: (retryAfter: number, req: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
        options.log(`secondary rate limit on ${req.method} ${req.url}; retrying in ${retryAfter}s`);
        return retryCount < maxRetries;
      },
    },
    log: { debug: () => {}, info: () => {}, warn: options.log, error: options.log },
  });
}

interface HttpErrorLike {
  status?: number;
  message?: string;
  response?: { data?: unknown; headers?: Record<string, string | number | undefined> };
}

/**
 * The one place that turns GitHub's HTTP errors into a line that says what to fix: a token
 * without the permission, a pull request that does not exist, a comment too long.
 * `doing` is what the action was doing ("listing the pull request's files").
 */
export function explainGitHubError(err: unknown, doing: string): UsageError {
  const e = (err ?? {}) as HttpErrorLike;
  const status = e.status;
  const apiMessage = firstLine(
    (typeof e.response?.data === 'object' && e.response?.data && 'message' in e.response.data
      ? String((e.response.data as { message: unknown }).message)
      : e.message) ?? 'no message',
  );
  let fix: string;
  switch (status) {
    case 401:
      fix = 'the token is invalid or expired: pass a valid token in the github-token input';
      break;
    case 403:
      if (/rate limit/i.test(apiMessage)) fix = 'the rate limit is exhausted: re-run the job later';
      else if (/not accessible by integration/i.test(apiMessage))
        fix = 'the token lacks a permission: grant `pull-requests: write` (comments) and `contents: read` in the workflow\'s permissions block';
      else fix = 'the token is not allowed to do this: check the workflow\'s permissions block (`pull-requests: write`, `contents: read`)';
      break;
    case 404:
      fix = 'not found: check the pull-request number and that the token can read this repository (`contents: read`, `pull-requests: read`)';
      break;
    case 422:
      fix = 'GitHub rejected the content';
      break;
    default:
      fix =
        status === undefined
          ? 'the GitHub API could not be reached (network error or timeout): re-run the job'
          : `GitHub answered ${status}: re-run the job; if it persists, check githubstatus.com`;
  }
  return new UsageError(`${doing} failed (${status ?? 'no response'}: ${apiMessage}): ${fix}`, { cause: err });
}

function firstLine(s: string): string {
  return s.split('\n')[0]?.slice(0, 300) ?? '';
}

/** True for the 403 a read-only token (fork PR, Dependabot) gets on any write. */
export function isReadOnlyRejection(err: unknown): boolean {
  const e = (err ?? {}) as HttpErrorLike;
  const data = e.response?.data as { message?: string } | undefined;
  return e.status === 403 && /not accessible by integration/i.test(data?.message ?? e.message ?? '');
}
