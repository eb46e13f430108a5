/**
 * The two GraphQL operations the test server answers, recognised from the query text (there is
 * no GraphQL parser here):
 *
 * - a query of `repository(owner:, name:) { pullRequest(number:) { reviewThreads(first:, after:)
 *   { pageInfo { hasNextPage endCursor } nodes { id isResolved comments(first: 1) { nodes {
 *   databaseId } } } } } }`: pages of a PR's review threads (`first` ≤ 100, opaque cursors);
 * - the mutation `resolveReviewThread(input: { threadId: }) { thread { id isResolved } }`.
 *
 * Clients must pass arguments as variables (`owner: $owner`; `input: $input` works too) or as
 * plain scalar literals (`first: 100`, `name: "repo"`, `after: null`); they must not use aliases,
 * fragments or directives, and get exactly the fields above (they may select fewer). A field
 * outside them, an object or list literal, or any other operation is answered with a GraphQL
 * error and recorded as a violation, so a test notices what the fake does not serve.
 *
 * Before any of that, every document is parsed and validated against GitHub's published schema
 * (`@octokit/graphql-schema`, with graphql-js), and its variables coerced to the types it
 * declares: a field, argument or type GitHub does not have, or a variable of the wrong type, is
 * answered with the GraphQL error GitHub would give and recorded as a violation.
 *
 * Answers follow GitHub's: HTTP 200 with `errors` (`type`, `path`, `locations`, `message`) for
 * NOT_FOUND, FORBIDDEN and pagination mistakes. `resolveReviewThread` needs `contents: write`
 * besides `pull-requests: write`: with the default `contents: read` of a `GITHUB_TOKEN`,
 * GitHub answers FORBIDDEN "Resource not accessible by integration" (github/gh-aw#35726).
 */
import { schema as publishedSchema } from '@octokit/graphql-schema';
import { buildClientSchema, getOperationAST, getVariableValues, GraphQLError, parse, validate, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import type { JsonObject } from './objects.js';
import type { GitHubState, ReviewThreadState } from './state.js';

/** What the GraphQL endpoint gets. */
export interface GraphqlContext {
  state: GitHubState;
  /** The parsed JSON body (`{ query, variables, operationName }`). */
  body: unknown;
  /** Records a problem of the request that GitHub would answer with a GraphQL error. */
  report(problem: string): void;
}

interface GraphqlError {
  type?: string;
  path?: (string | number)[];
  locations?: { line: number; column: number }[];
  message: string;
}

/** The body of a GraphQL answer (always HTTP 200 once authenticated). */
export interface GraphqlReply {
  data?: JsonObject | null;
  errors?: GraphqlError[];
}

/** GitHub's cap on `first` / `last` of a connection. */
export const MAX_GRAPHQL_PAGE = 100;

const THREADS_FIELDS = new Set([
  'query', 'repository', 'owner', 'name', 'pullRequest', 'number', 'reviewThreads', 'first', 'after',
  'pageInfo', 'hasNextPage', 'endCursor', 'nodes', 'id', 'isResolved', 'comments', 'databaseId',
]);
const RESOLVE_FIELDS = new Set(['mutation', 'resolveReviewThread', 'input', 'threadId', 'thread', 'id', 'isResolved', 'clientMutationId']);

/** Where `word` first appears in the query, as GraphQL `locations` count (1-based). */
function locationOf(query: string, word: string): { line: number; column: number }[] {
  const index = query.search(new RegExp(`\\b${word}\\b`));
  if (index < 0) return [];
  const before = query.slice(0, index).split('\n');
  return [{ line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 }];
}

/** The field names of a query: identifiers outside argument lists and the operation header. */
function selectedNames(query: string): string[] {
  let text = query.replace(/#[^\n]*/g, '');
  // Drop argument lists (and variable definitions), innermost first: they may nest `{ }`.
  let previous = '';
  while (previous !== text) {
    previous = text;
    text = text.replace(/\([^()]*\)/g, ' ');
  }
  return [...text.matchAll(/[A-Za-z_]\w*/g)].map((m) => m[0]);
}

/** The variable an argument is bound to (`owner: $repoOwner` → `repoOwner`), or why not. */
function argumentOf(args: string, name: string): { variable: string } | { value: unknown } | { complex: true } | undefined {
  const match = new RegExp(`(?<!\\$)\\b${name}\\s*:\\s*(\\$?)(-?\\d+|"(?:[^"\\\\]|\\\\.)*"|\\w+|[{[])`).exec(args);
  if (!match) return undefined;
  const [, dollar, token = ''] = match;
  if (dollar === '$') return { variable: token };
  if (/^-?\d+$/.test(token)) return { value: Number(token) };
  if (token.startsWith('"')) return { value: JSON.parse(token) as string };
  if (token === 'null') return { value: null };
  if (token === 'true' || token === 'false') return { value: token === 'true' };
  return { complex: true }; // an object, a list or an enum value
}

function cursorOf(index: number): string {
  return Buffer.from(`cursor:v2:${index}`).toString('base64');
}

function offsetOf(cursor: string): number | undefined {
  const match = /^cursor:v2:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}

/** Threads of a PR a client sees: pending reviews' threads only for their author. */
function visibleThreads(state: GitHubState, pullNumber: number): ReviewThreadState[] {
  return state.reviewThreads.filter((thread) => {
    if (thread.pull_number !== pullNumber) return false;
    const first = state.reviewComments.find((c) => c.id === thread.commentIds[0]);
    const review = first && state.reviews.find((r) => r.id === first.review_id);
    return review?.state !== 'PENDING' || review.user.login.toLowerCase() === state.actor.login.toLowerCase();
  });
}

let githubSchema: GraphQLSchema | undefined;
/** GitHub's public schema, built once (its introspection JSON is several megabytes). */
function schema(): GraphQLSchema {
  if (!githubSchema) {
    githubSchema = buildClientSchema(publishedSchema.json as unknown as IntrospectionQuery);
  }
  return githubSchema;
}

/** What GitHub's schema says is wrong with the document and its variables (nothing: []). */
export function schemaErrors(query: string, variables: Record<string, unknown>): GraphqlError[] {
  let errors: readonly GraphQLError[];
  try {
    const document = parse(query);
    errors = validate(schema(), document);
    const operation = errors.length === 0 ? getOperationAST(document) : undefined;
    if (operation) {
      const coerced = getVariableValues(schema(), operation.variableDefinitions ?? [], variables);
      errors = coerced.errors ?? [];
    }
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    errors = [error];
  }
  return errors.map((e) => ({ message: e.message, ...(e.locations ? { locations: e.locations.map(({ line, column }) => ({ line, column })) } : {}) }));
}

/** Answers one GraphQL request. */
export function answerGraphql(ctx: GraphqlContext): GraphqlReply {
  const request = (ctx.body ?? {}) as { query?: unknown; variables?: unknown };
  if (typeof request.query !== 'string') {
    ctx.report('GraphQL request without a "query" string');
    return { errors: [{ message: 'A query attribute must be specified and must be a string.' }] };
  }
  const query = request.query;
  const variables = (request.variables ?? {}) as Record<string, unknown>;
  const invalid = schemaErrors(query, variables);
  if (invalid.length > 0) {
    for (const e of invalid) ctx.report(`GraphQL document not valid against GitHub's schema: ${e.message}`);
    return { errors: invalid };
  }
  if (/^\s*mutation\b/.test(query) && /\bresolveReviewThread\s*\(/.test(query)) return resolveThread(ctx, query, variables);
  if (/\brepository\s*\(/.test(query) && /\bpullRequest\s*\(/.test(query) && /\breviewThreads\s*\(/.test(query)) {
    return listThreads(ctx, query, variables);
  }
  ctx.report(`GraphQL operation not implemented by the test server (add it to test/support/github-server/graphql.ts): ${query.replace(/\s+/g, ' ').trim().slice(0, 200)}`);
  return { errors: [{ type: 'NOT_IMPLEMENTED', message: 'The test server does not implement this GraphQL operation (only the reviewThreads query and resolveReviewThread).' }] };
}

/** Refuses fields the fake does not serve and literal arguments; undefined when the query is fine. */
function unsupported(ctx: GraphqlContext, query: string, allowed: Set<string>, args: { field: string; names: string[] }[]): GraphqlReply | undefined {
  const extra = [...new Set(selectedNames(query).filter((name) => !allowed.has(name) && !/^[A-Z]/.test(name)))];
  // The operation's own name (`query ReviewThreads(...)`) is not a field.
  const opName = /^\s*(?:query|mutation)\s+(\w+)/.exec(query)?.[1];
  const fields = extra.filter((name) => name !== opName);
  if (fields.length > 0) {
    ctx.report(`GraphQL fields not served by the test server: ${fields.join(', ')} (aliases and fragments are not supported either)`);
    return { errors: fields.map((name) => ({ type: 'NOT_IMPLEMENTED', locations: locationOf(query, name), message: `The test server does not serve the field '${name}'.` })) };
  }
  for (const { field, names } of args) {
    const list = new RegExp(`\\b${field}\\s*\\(([^)]*)\\)`).exec(query)?.[1] ?? '';
    const unknown = [...list.matchAll(/(?<![$\w])(\w+)\s*:/g)].map((m) => m[1] as string).filter((name) => !names.includes(name));
    if (unknown.length > 0) {
      ctx.report(`GraphQL arguments not served by the test server: ${field}(${unknown.join(', ')})`);
      return { errors: [{ type: 'NOT_IMPLEMENTED', locations: locationOf(query, field), message: `The test server does not read ${field}(${unknown.join(', ')}).` }] };
    }
    for (const name of names) {
      const bound = argumentOf(list, name);
      // `input: { … }` is the one object literal read (its `threadId`).
      if (bound && 'complex' in bound && name !== 'input') {
        ctx.report(`GraphQL argument ${field}(${name}:) is not a variable nor a scalar literal: the test server does not read it`);
        return { errors: [{ type: 'NOT_IMPLEMENTED', locations: locationOf(query, field), message: `Pass ${field}(${name}:) as a variable or a scalar literal.` }] };
      }
    }
  }
  return undefined;
}

/** The value of argument `name` of `field`, taken from the variables it is bound to. */
function argument(query: string, variables: Record<string, unknown>, field: string, name: string): unknown {
  const list = new RegExp(`\\b${field}\\s*\\(([^)]*)\\)`).exec(query)?.[1] ?? '';
  const bound = argumentOf(list, name);
  if (!bound || 'complex' in bound) return undefined;
  return 'variable' in bound ? variables[bound.variable] : bound.value;
}

function listThreads(ctx: GraphqlContext, query: string, variables: Record<string, unknown>): GraphqlReply {
  const refused = unsupported(ctx, query, THREADS_FIELDS, [
    { field: 'repository', names: ['owner', 'name'] },
    { field: 'pullRequest', names: ['number'] },
    { field: 'reviewThreads', names: ['first', 'after'] },
  ]);
  if (refused) return refused;
  const { state } = ctx;
  const owner = String(argument(query, variables, 'repository', 'owner') ?? '');
  const name = String(argument(query, variables, 'repository', 'name') ?? '');
  const number = argument(query, variables, 'pullRequest', 'number');
  const first = argument(query, variables, 'reviewThreads', 'first');
  const after = argument(query, variables, 'reviewThreads', 'after');
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  if (!same(owner, state.repository.owner) || !same(name, state.repository.repo)) {
    return {
      data: { repository: null },
      errors: [{ type: 'NOT_FOUND', path: ['repository'], locations: locationOf(query, 'repository'), message: `Could not resolve to a Repository with the name '${owner}/${name}'.` }],
    };
  }
  const pull = typeof number === 'number' ? state.pulls.get(number) : undefined;
  if (!pull) {
    return {
      data: { repository: { pullRequest: null } },
      errors: [{ type: 'NOT_FOUND', path: ['repository', 'pullRequest'], locations: locationOf(query, 'pullRequest'), message: `Could not resolve to a PullRequest with the number of ${String(number)}.` }],
    };
  }
  const path = ['repository', 'pullRequest', 'reviewThreads'];
  const locations = locationOf(query, 'reviewThreads');
  if (typeof first !== 'number') {
    ctx.report('reviewThreads without `first`: GitHub refuses unbounded connections');
    return { data: null, errors: [{ type: 'MISSING_PAGINATION_BOUNDARIES', path, locations, message: 'You must provide a `first` or `last` value to properly paginate the `reviewThreads` connection.' }] };
  }
  if (first > MAX_GRAPHQL_PAGE || first < 0) {
    ctx.report(`reviewThreads(first: ${first}): GitHub allows 0 to ${MAX_GRAPHQL_PAGE}`);
    return {
      data: null,
      errors: [{ type: 'EXCESSIVE_PAGINATION', path, locations, message: `Requesting ${first} records on the \`reviewThreads\` connection exceeds the \`first\` limit of ${MAX_GRAPHQL_PAGE} records.` }],
    };
  }
  let offset = 0;
  if (after !== undefined && after !== null) {
    const decoded = typeof after === 'string' ? offsetOf(after) : undefined;
    if (decoded === undefined) {
      ctx.report(`reviewThreads(after: ${JSON.stringify(after)}) is not a cursor this server gave`);
      return { data: null, errors: [{ type: 'INVALID_CURSOR_ARGUMENTS', path, locations, message: `\`${String(after)}\` does not appear to be a valid cursor.` }] };
    }
    offset = decoded;
  }
  const threads = visibleThreads(state, pull.number);
  const page = threads.slice(offset, offset + first);
  const nodes = page.map((thread) => ({
    id: thread.id,
    isResolved: thread.isResolved,
    comments: { nodes: thread.commentIds.slice(0, 1).map((id) => ({ databaseId: id })) },
  }));
  const end = offset + page.length;
  return {
    data: {
      repository: {
        pullRequest: {
          reviewThreads: { pageInfo: { hasNextPage: end < threads.length, endCursor: page.length > 0 ? cursorOf(end) : null }, nodes },
        },
      },
    },
  };
}

function resolveThread(ctx: GraphqlContext, query: string, variables: Record<string, unknown>): GraphqlReply {
  const refused = unsupported(ctx, query, RESOLVE_FIELDS, [{ field: 'resolveReviewThread', names: ['input', 'threadId', 'clientMutationId'] }]);
  if (refused) return refused;
  // `input: { threadId: $id }`, `input: { threadId: "PRRT_…" }` or `input: $input`.
  const bound = argumentOf(/\bresolveReviewThread\s*\(([^)]*)\)/.exec(query)?.[1] ?? '', 'threadId');
  const threadId =
    bound && 'variable' in bound
      ? variables[bound.variable]
      : bound && 'value' in bound
        ? bound.value
        : (argument(query, variables, 'resolveReviewThread', 'input') as { threadId?: unknown } | undefined)?.threadId;
  const path = ['resolveReviewThread'];
  const locations = locationOf(query, 'resolveReviewThread');
  const { state } = ctx;
  const thread = state.reviewThreads.find((t) => t.id === threadId);
  if (!thread) {
    return { data: { resolveReviewThread: null }, errors: [{ type: 'NOT_FOUND', path, locations, message: `Could not resolve to a node with the global id of '${String(threadId)}'.` }] };
  }
  if (state.readOnly || state.permissions.contents !== 'write' || state.permissions.pullRequests !== 'write') {
    return { data: { resolveReviewThread: null }, errors: [{ type: 'FORBIDDEN', path, locations, message: 'Resource not accessible by integration' }] };
  }
  thread.isResolved = true;
  thread.resolvedBy = state.actor;
  const payload: JsonObject = { thread: { id: thread.id, isResolved: true } };
  if (/\bclientMutationId\b/.test(query)) payload.clientMutationId = null;
  return { data: { resolveReviewThread: payload } };
}
