/**
 * What every route handler works with: the decoded request, the state, and the few helpers
 * that shape GitHub's answers (errors, pages, URLs). Shared by the REST handlers of
 * `routes.ts`, `reviews.ts` and `checks.ts`.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Hosts, JsonObject, UserRef } from './objects.js';
import type { OpenApiOperation } from './openapi.js';
import type { GitHubState, GitObjects, PullRequestState } from './state.js';

/** GitHub's limit on a comment body (issue comments, review comments, reviews), in characters. */
export const MAX_COMMENT_LENGTH = 65_536;

/** What a handler gets. */
export interface RouteContext {
  state: GitHubState;
  operation: OpenApiOperation;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  headers: IncomingHttpHeaders;
  hosts: Hosts;
  now: () => Date;
  /** Paginates `items` per `per_page`/`page` and returns the page with GitHub's Link header. */
  paginate<T>(items: T[]): { items: T[]; link: string | undefined };
  /** A one-time URL on this server that serves the archive of a contents key. */
  archiveUrl(key: string): string;
  /** Cached git objects of a contents key. */
  objectsOf(key: string): GitObjects;
  /** Records a contract problem GitHub would not answer with an error (lands in `violations`). */
  report(problem: string): void;
}

/** What a handler returns. */
export interface RouteReply {
  status: number;
  json?: unknown;
  raw?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

/** A route handler. */
export type Handler = (ctx: RouteContext) => RouteReply;

/** An error body as GitHub sends it (`status` is a string in today's API). */
export function errorReply(status: number, message: string, documentationUrl: string, extra: JsonObject = {}): RouteReply {
  return { status, json: { message, ...extra, documentation_url: documentationUrl, status: String(status) } };
}

/** The operation's documentation URL, as GitHub puts it in error bodies. */
export function docs(ctx: RouteContext): string {
  return ctx.operation.externalDocs?.url ?? 'https://docs.github.com/rest';
}

export function notFound(ctx: RouteContext, message = 'Not Found'): RouteReply {
  return errorReply(404, message, docs(ctx));
}

/**
 * GitHub's 422 for a request its model refuses: `Unprocessable Entity` with plain strings in
 * `errors` (the `validation-error-simple` schema), e.g. `["Line could not be resolved"]`.
 */
export function unprocessable(ctx: RouteContext, errors: string[]): RouteReply {
  return errorReply(422, 'Unprocessable Entity', docs(ctx), { errors });
}

/** An ISO time without milliseconds, as GitHub writes them. */
export function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function pullOf(ctx: RouteContext, name = 'pull_number'): PullRequestState | undefined {
  return ctx.state.pulls.get(Number(ctx.params[name]));
}

/** `{apiUrl}/repos/{owner}/{repo}`. */
export function repoApi(ctx: RouteContext): string {
  return `${ctx.hosts.apiUrl}/repos/${ctx.state.repository.owner}/${ctx.state.repository.repo}`;
}

/** `{serverUrl}/{owner}/{repo}`. */
export function repoHtml(ctx: RouteContext): string {
  return `${ctx.hosts.serverUrl}/${ctx.state.repository.owner}/${ctx.state.repository.repo}`;
}

export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** A JSON list reply with the page's Link header. */
export function pageReply(page: { items: unknown[]; link: string | undefined }, status = 200): RouteReply {
  return { status, json: page.items, headers: page.link ? { link: page.link } : {} };
}

/** The body's `body` field as a string ('' when absent). */
export function bodyText(ctx: RouteContext): string {
  return String((ctx.body as { body?: unknown } | undefined)?.body ?? '');
}

/** Whether a user is a bot (by `type`, else by the `[bot]` login suffix). */
export function isBot(user: UserRef): boolean {
  return (user.type ?? (user.login.endsWith('[bot]') ? 'Bot' : 'User')) === 'Bot';
}

/** The `author_association` of a comment author: bots are `NONE`, people members. */
export function authorAssociation(user: UserRef): 'NONE' | 'MEMBER' {
  return isBot(user) ? 'NONE' : 'MEMBER';
}

/** The `reactions` rollup of an object nobody reacted to. */
export function noReactions(url: string): JsonObject {
  return { url, total_count: 0, '+1': 0, '-1': 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 };
}

/**
 * Characters as GitHub (Rails) counts them: code points, not UTF-16 units nor bytes.
 * Cheap for the common case where the UTF-16 length is already within the limit.
 */
export function longerThan(text: string, limit: number): boolean {
  return text.length > limit && [...text].length > limit;
}
