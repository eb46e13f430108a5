import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { UsageError } from '../errors.js';

const ReviewOctokit = Octokit.plugin(retry, throttling);
export type GitHubClient = InstanceType<typeof ReviewOctokit>;

/** Retries after a server error, a broken connection or a rate limit, before giving up. */
export const DEFAULT_MAX_RETRIES = 3;
/**
 * How long a request may stay silent (no headers, or no byte of the body) before it is given up
 * and retried. GitHub itself gives up on a request after 10 s; a large archive keeps sending.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** The environment variable that overrides {@link DEFAULT_REQUEST_TIMEOUT_MS} (docs/reliability.md). */
export const REQUEST_TIMEOUT_VARIABLE = 'ARCHITECTURE_REVIEW_REQUEST_TIMEOUT_MS';
/**
 * The retry plugin waits (n+1)² × this before retry n: 0.3 s, 1.2 s, 2.7 s. Octokit's default
 * (1 s: 1 s, 4 s, 9 s) holds a job 14 s on an outage that a re-run would handle as well.
 */
const RETRY_BASE_MS = 300;
/**
 * The longest rate-limit wait the action sits out. A primary limit can reset an hour later;
 * waiting that long would burn an hour of runner time for nothing a re-run could not do.
 */
export const MAX_RATE_LIMIT_WAIT_S = 120;
/**
 * Statuses the retry plugin leaves alone: client errors, and 429, which the throttling plugin
 * retries after the `retry-after` GitHub asks for (the retry plugin would ignore it).
 */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];

export interface ClientOptions {
  token: string;
  /** GITHUB_API_URL: api.github.com, or a GitHub Enterprise Server's /api/v3. */
  baseUrl: string;
  /** Where the client says that it waits for a rate limit or retries a failed request. */
  log: (message: string) => void;
  /** Retries after a rate limit, a server error or a broken connection, before giving up. */
  maxRetries?: number;
  /** Per-request inactivity timeout, so a response that never comes cannot hang the job. */
  requestTimeoutMs?: number;
  /** Where Octokit's own lines go (a failed request, with its id); default {@link log}. */
  octokitLog?: (message: string) => void;
}

/**
 * Reads {@link REQUEST_TIMEOUT_VARIABLE} from the environment: undefined when unset.
 * @throws UsageError when it is not a whole number of milliseconds
 */
export function requestTimeoutFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env[REQUEST_TIMEOUT_VARIABLE]?.trim();
  if (!raw) return undefined;
  if (!/^[1-9][0-9]{0,8}$/.test(raw)) {
    throw new UsageError(`${REQUEST_TIMEOUT_VARIABLE} must be a whole number of milliseconds like 30000 (got "${raw}")`);
  }
  return Number(raw);
}

/**
 * An Octokit with GitHub's recommended retry and throttling plugins. Primary and secondary
 * rate limits are waited out (honouring `retry-after` and `x-ratelimit-reset`, up to
 * {@link MAX_RATE_LIMIT_WAIT_S}) a bounded number of times; 5xx answers, timeouts and
 * connections that break mid-answer are retried by the retry plugin.
 */
export function createGitHubClient(options: ClientOptions): GitHubClient {
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  const timeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const onLimit =
    (kind: string) =>
    (retryAfter: number, req: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
      const what = `${kind} on ${req.method} ${req.url}`;
      if (retryCount >= maxRetries) {
        options.log(`${what}: giving up after ${retryCount} retries`);
        return false;
      }
      if (retryAfter > MAX_RATE_LIMIT_WAIT_S) {
        options.log(`${what}: GitHub asks to wait ${retryAfter} s, longer than the ${MAX_RATE_LIMIT_WAIT_S} s the action waits`);
        return false;
      }
      options.log(`${what}: waiting ${retryAfter} s as GitHub asks (retry ${retryCount + 1} of ${maxRetries})`);
      return true;
    };
  return new ReviewOctokit({
    auth: options.token,
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    userAgent: 'architecture-review',
    request: {
      // No `retries` here: set per request it would make the retry plugin retry 401/404 too.
      fetch: completeFetch(timeout, options.log),
    },
    retry: { retries: maxRetries, retryAfterBaseValue: RETRY_BASE_MS, doNotRetry: DO_NOT_RETRY },
    throttle: {
      onRateLimit: onLimit('rate limit reached'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
    },
    log: { debug: () => {}, info: () => {}, warn: options.octokitLog ?? options.log, error: options.octokitLog ?? options.log },
  });
}

/** Statuses whose answer has no body (the Response constructor refuses one). */
const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * A fetch that hands Octokit only whole answers. Octokit reads the body itself and, when the
 * connection breaks mid-body, swallows the error and returns status 200 with `data: ''`: a
 * truncated page of files or comments would pass for an empty one. Here the body is read in
 * full first, under an inactivity timeout, and a broken or silent connection, or a success
 * announced as JSON that does not parse, becomes a thrown error, which Octokit turns into a
 * status-500 RequestError without a response: the retry plugin retries it.
 */
function completeFetch(timeoutMs: number, log: (message: string) => void) {
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const method = init?.method ?? 'GET';
    // The path only: an archive URL carries a one-time token in its query.
    const where = `${method} ${new URL(input instanceof Request ? input.url : input).pathname}`;
    const controller = new AbortController();
    const outer = init?.signal ?? undefined;
    const forward = () => controller.abort(outer?.reason);
    if (outer?.aborted) forward();
    else outer?.addEventListener('abort', forward, { once: true });
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
    };
    try {
      arm();
      const res = await fetch(input, { ...init, signal: controller.signal });
      arm();
      const chunks: Uint8Array[] = [];
      if (res.body) {
        const reader = res.body.getReader();
        for (let part = await reader.read(); !part.done; part = await reader.read()) {
          chunks.push(part.value);
          arm();
        }
      }
      if (res.ok && !NULL_BODY.has(res.status) && /^application\/(?:[\w.+-]*\+)?json\b/i.test(res.headers.get('content-type') ?? '')) {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          JSON.parse(text);
        } catch {
          throw new Error(`the answer to ${where} is cut or broken (${text.length} characters of JSON that does not parse)`);
        }
      }
      // The chunks as they came: an archive is not copied once more here.
      const body = NULL_BODY.has(res.status)
        ? null
        : new ReadableStream<Uint8Array>({
            start(stream) {
              for (const chunk of chunks) stream.enqueue(chunk);
              stream.close();
            },
          });
      const whole = new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
      Object.defineProperty(whole, 'url', { value: res.url });
      return whole;
    } catch (err) {
      if (outer?.aborted) throw err;
      const reason = timedOut
        ? `no answer to ${where} for ${formatSeconds(timeoutMs)} (${REQUEST_TIMEOUT_VARIABLE})`
        : err instanceof Error && err.message.startsWith('the answer to ')
          ? err.message
          : `the connection broke during ${where} (${causeOf(err)})`;
      log(reason);
      // A plain Error: Octokit wraps it in a retryable RequestError (an AbortError it would not).
      throw new Error(reason, { cause: err });
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', forward);
    }
  };
}

function causeOf(err: unknown): string {
  let e: unknown = err;
  // undici's "fetch failed" / "terminated" hide the socket error in `cause`.
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  const code = (e as { code?: unknown }).code;
  const message = e instanceof Error ? e.message : String(e);
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

interface HttpErrorLike {
  status?: number;
  message?: string;
  request?: { request?: { retryCount?: number } };
  response?: { data?: unknown; headers?: Record<string, string | number | undefined> };
}

/**
 * The one place that turns GitHub's HTTP errors into a line that says what to fix: a token
 * without the permission, a pull request that does not exist, a rate limit, an outage.
 * `doing` is what the action was doing ("listing the pull request's files").
 */
export function explainGitHubError(err: unknown, doing: string): UsageError {
  if (err instanceof UsageError) return err;
  const e = (err ?? {}) as HttpErrorLike;
  const status = e.status;
  const headers = e.response?.headers ?? {};
  const apiMessage = firstLine(
    (typeof e.response?.data === 'object' && e.response?.data && 'message' in e.response.data
      ? String((e.response.data as { message: unknown }).message)
      : e.message) ?? 'no message',
  );
  const retries = e.request?.request?.retryCount ?? 0;
  const attempts = retries > 0 ? `, ${retries + 1} attempts` : '';
  if (typeof status !== 'number') return new UsageError(`${doing} failed: ${apiMessage}`, { cause: err });
  if (!e.response) {
    // No answer at all: a timeout, a refused or broken connection (Octokit says 500).
    return new UsageError(
      `${doing} failed (no answer${attempts}: ${apiMessage}): the GitHub API could not be reached; re-run the job, ` +
        `and if it persists check GITHUB_API_URL and the runner's network (a slow server: raise ${REQUEST_TIMEOUT_VARIABLE})`,
      { cause: err },
    );
  }
  let fix: string;
  switch (status) {
    case 401:
      fix = 'the token is invalid or expired: pass a valid token in the github-token input';
      break;
    case 403:
    case 429:
      if (String(headers['x-ratelimit-remaining']) === '0') {
        const reset = Number(headers['x-ratelimit-reset']);
        const when = Number.isFinite(reset) && reset > 0 ? ` until ${new Date(reset * 1000).toISOString().slice(11, 19)} UTC` : '';
        fix = `the token's API rate limit is used up${when}: re-run the job after that`;
      } else if (/secondary rate limit/i.test(apiMessage)) {
        fix = 'GitHub\'s secondary rate limit stopped the requests (too many at once): re-run the job in a few minutes';
      } else if (/rate limit/i.test(apiMessage)) {
        fix = 'the rate limit is exhausted: re-run the job later';
      } else if (/not accessible by integration/i.test(apiMessage)) {
        fix = 'the token lacks a permission: grant `pull-requests: write` (comments) and `contents: read` in the workflow\'s permissions block';
      } else {
        fix = 'the token is not allowed to do this: check the workflow\'s permissions block (`pull-requests: write`, `contents: read`)';
      }
      break;
    case 404:
      fix = 'not found: check the pull-request number and that the token can read this repository (`contents: read`, `pull-requests: read`)';
      break;
    case 422:
      fix = 'GitHub rejected the content';
      break;
    default:
      fix =
        status !== undefined && status >= 500
          ? 'GitHub is failing: re-run the job; if it persists, check https://www.githubstatus.com'
          : `GitHub answered ${status ?? 'nothing'}: re-run the job; if it persists, check https://www.githubstatus.com`;
  }
  return new UsageError(`${doing} failed (${status ?? 'no response'}${attempts}: ${apiMessage}): ${fix}`, { cause: err });
}

/**
 * The error for a success whose body is not what the endpoint documents (a proxy's login page,
 * an empty body): named, never silently read as "no files" or "no comments".
 */
export function unexpectedAnswer(doing: string, expected: string, got: unknown): UsageError {
  return new UsageError(
    `${doing} failed: GitHub's answer is not ${expected} (got ${describeValue(got)}): re-run the job; ` +
      'if it persists, check that GITHUB_API_URL points at the GitHub API and that no proxy rewrites its answers',
  );
}

function describeValue(v: unknown): string {
  if (v === '' || v === undefined || v === null) return 'an empty answer';
  if (typeof v === 'string') return `${v.length} characters of text`;
  if (v instanceof ArrayBuffer) return `${v.byteLength} bytes of binary data`;
  if (Array.isArray(v)) return `a list of ${v.length} item(s) of another shape`;
  return typeof v === 'object' ? 'an object' : typeof v;
}

function firstLine(s: string): string {
  return s.split('\n')[0]?.slice(0, 300) ?? '';
}

/**
 * True for the 403 a read-only token (fork PR, Dependabot) gets on any write, also when it is
 * the `cause` of the error a publisher raised with its own explanation.
 */
export function isReadOnlyRejection(err: unknown): boolean {
  return isReadOnly403(err) || (err instanceof Error && isReadOnly403(err.cause));
}

function isReadOnly403(err: unknown): boolean {
  const e = (err ?? {}) as HttpErrorLike;
  const data = e.response?.data as { message?: string } | undefined;
  return e.status === 403 && /not accessible by integration/i.test(data?.message ?? e.message ?? '');
}

/**
 * Every item of a list endpoint, following `Link: rel="next"` as Octokit's paginate does, but
 * checking each page: a page that is not a list of `isItem` throws {@link unexpectedAnswer}
 * instead of counting as empty. HTTP errors are thrown as they come (callers explain them).
 */
export async function listAll<T>(
  octokit: GitHubClient,
  route: string,
  params: Record<string, unknown>,
  isItem: (item: unknown) => item is T,
  doing: string,
  expected: string,
): Promise<T[]> {
  const items: T[] = [];
  let response = await octokit.request(route, { ...params, per_page: 100 });
  for (;;) {
    const page: unknown = response.data;
    if (!Array.isArray(page) || !page.every(isItem)) throw unexpectedAnswer(doing, expected, page);
    items.push(...page);
    const next = /<([^<>]+)>;\s*rel="next"/.exec(String(response.headers.link ?? ''))?.[1];
    if (!next) return items;
    response = await octokit.request({ method: 'GET', url: next });
  }
}

/** A plain object (not a list, not text). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
