/**
 * Check runs, as the Checks API keeps them for the GitHub Actions app (the owner of every run a
 * `GITHUB_TOKEN` creates).
 *
 * GitHub's limits: at most 50 annotations per request (the description's `maxItems`, so the
 * server's schema check refuses more with GitHub's "No more than 50 items are allowed; 51 were
 * supplied."), `output.summary` and `output.text` at most 65,535 characters (idem) and bytes;
 * annotations accumulate over updates; `conclusion` is required once the run is completed.
 */
import {
  docs,
  errorReply,
  notFound,
  pageReply,
  repoApi,
  repoHtml,
  timestamp,
  encodePath,
  type Handler,
  type RouteContext,
  type RouteReply,
} from './context.js';
import { mergeCommitSha, renderUser, stableId, type JsonObject } from './objects.js';
import {
  commitShaOf,
  graphNodeId,
  resolveRef,
  takeCheckRunId,
  type AppRef,
  type CheckAnnotationState,
  type CheckRunState,
} from './state.js';

/** The GitHub Actions app, owner of the check runs a workflow's `GITHUB_TOKEN` creates. */
export const GITHUB_ACTIONS_APP: AppRef = { id: 15368, slug: 'github-actions', name: 'GitHub Actions' };

/** Most bytes GitHub stores in `output.summary` / `output.text` (it counts characters too). */
export const MAX_CHECK_OUTPUT_BYTES = 65_535;

interface OutputInput {
  title?: string;
  summary?: string;
  text?: string;
  annotations?: (Omit<CheckAnnotationState, 'start_column' | 'end_column' | 'title' | 'raw_details'> &
    Partial<Pick<CheckAnnotationState, 'start_column' | 'end_column' | 'title' | 'raw_details'>>)[];
}

interface CheckRunInput {
  name?: string;
  head_sha?: string;
  details_url?: string;
  external_id?: string;
  status?: CheckRunState['status'];
  started_at?: string;
  conclusion?: string;
  completed_at?: string;
  output?: OutputInput;
}

/** Every commit sha the server knows: PR heads, bases and merge commits, and contents keys. */
function knownShas(ctx: RouteContext): Set<string> {
  const shas = new Set(Object.keys(ctx.state.contents).map(commitShaOf));
  for (const pull of ctx.state.pulls.values()) {
    shas.add(pull.head.sha);
    shas.add(pull.base.sha);
    shas.add(mergeCommitSha(pull));
  }
  return shas;
}

function noCommit(ctx: RouteContext, sha: string): RouteReply {
  return errorReply(422, `No commit found for SHA: ${sha}`, docs(ctx));
}

/** The 422 GitHub answers for an output within 65,535 characters but above 65,535 bytes. */
function outputTooBig(ctx: RouteContext, output: OutputInput | undefined): RouteReply | undefined {
  for (const field of ['summary', 'text'] as const) {
    const value = output?.[field];
    if (value !== undefined && Buffer.byteLength(value, 'utf8') > MAX_CHECK_OUTPUT_BYTES) {
      return errorReply(422, 'Validation Failed', docs(ctx), {
        errors: [{ resource: 'CheckRun', code: 'custom', field, message: `${field} exceeds a maximum bytesize of ${MAX_CHECK_OUTPUT_BYTES}` }],
      });
    }
  }
  return undefined;
}

function annotationsOf(output: OutputInput | undefined): CheckAnnotationState[] {
  return (output?.annotations ?? []).map((a) => ({
    path: a.path,
    start_line: a.start_line,
    end_line: a.end_line,
    start_column: a.start_column ?? null,
    end_column: a.end_column ?? null,
    annotation_level: a.annotation_level,
    message: a.message,
    title: a.title ?? null,
    raw_details: a.raw_details ?? null,
  }));
}

/** Applies status, conclusion and their times as GitHub does: a conclusion completes the run. */
function applyStatus(run: CheckRunState, input: CheckRunInput, now: string): void {
  if (input.started_at !== undefined) run.started_at = timestamp(new Date(input.started_at));
  if (input.conclusion !== undefined) {
    run.conclusion = input.conclusion;
    run.status = 'completed';
    run.completed_at = input.completed_at !== undefined ? timestamp(new Date(input.completed_at)) : now;
  } else if (input.status !== undefined) {
    run.status = input.status;
  }
}

function renderApp(ctx: RouteContext, app: AppRef): JsonObject {
  return {
    id: app.id,
    slug: app.slug,
    node_id: graphNodeId('A', 0, app.id),
    owner: renderUser({ login: 'github', type: 'Organization', id: 9919 }, ctx.hosts),
    name: app.name,
    description: 'Automate your workflow from idea to production',
    external_url: 'https://help.github.com/en/actions',
    html_url: `${ctx.hosts.serverUrl}/apps/${app.slug}`,
    created_at: '2018-07-30T09:30:17Z',
    updated_at: '2024-04-10T20:33:16Z',
    permissions: { actions: 'write', checks: 'write', contents: 'write', issues: 'write', metadata: 'read', pull_requests: 'write', statuses: 'write' },
    events: ['branch_protection_rule', 'check_run', 'check_suite', 'pull_request', 'push', 'workflow_dispatch'],
  };
}

function renderCheckRun(ctx: RouteContext, run: CheckRunState): JsonObject {
  const api = repoApi(ctx);
  const { repository } = ctx.state;
  const repoRef = { id: repository.id, url: api, name: repository.repo };
  const pulls = [...ctx.state.pulls.values()]
    .filter((p) => p.state === 'open' && p.head.sha === run.head_sha)
    .map((p) => ({
      url: `${api}/pulls/${p.number}`,
      id: stableId(`pull:${repository.owner}/${repository.repo}#${p.number}`),
      number: p.number,
      head: { ref: p.head.ref, sha: p.head.sha, repo: repoRef },
      base: { ref: p.base.ref, sha: p.base.sha, repo: repoRef },
    }));
  return {
    id: run.id,
    name: run.name,
    node_id: run.node_id,
    head_sha: run.head_sha,
    external_id: run.external_id,
    url: `${api}/check-runs/${run.id}`,
    html_url: run.html_url,
    details_url: run.details_url,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.started_at,
    completed_at: run.completed_at,
    output: { ...run.output, annotations_url: `${api}/check-runs/${run.id}/annotations` },
    check_suite: { id: stableId(`check-suite:${run.head_sha}`) },
    app: renderApp(ctx, run.app),
    pull_requests: pulls,
  };
}

function findRun(ctx: RouteContext): CheckRunState | undefined {
  const id = Number(ctx.params.check_run_id);
  return ctx.state.checkRuns.find((r) => r.id === id);
}

function createCheckRun(ctx: RouteContext): RouteReply {
  const input = (ctx.body ?? {}) as CheckRunInput;
  const headSha = String(input.head_sha);
  if (!knownShas(ctx).has(headSha)) return noCommit(ctx, headSha);
  if (input.conclusion === undefined && (input.status === 'completed' || input.completed_at !== undefined)) {
    // Documented ("Required if you provide completed_at or a status of completed"), not in the schema.
    ctx.report('conclusion is required with status "completed" or completed_at');
    return errorReply(422, 'Invalid request.\n\n"conclusion" wasn\'t supplied.', docs(ctx));
  }
  const tooBig = outputTooBig(ctx, input.output);
  if (tooBig) return tooBig;
  const now = timestamp(ctx.now());
  const id = takeCheckRunId(ctx.state);
  const annotations = annotationsOf(input.output);
  const run: CheckRunState = {
    id,
    node_id: graphNodeId('CR', ctx.state.repository.id, id),
    head_sha: headSha,
    name: String(input.name),
    status: input.status ?? 'queued',
    conclusion: null,
    started_at: now,
    completed_at: null,
    output: {
      title: input.output?.title ?? null,
      summary: input.output?.summary ?? null,
      text: input.output?.text ?? null,
      annotations_count: annotations.length,
    },
    annotations,
    details_url: input.details_url ?? null,
    external_id: input.external_id ?? '',
    html_url: `${repoHtml(ctx)}/runs/${id}`,
    app: GITHUB_ACTIONS_APP,
  };
  applyStatus(run, input, now);
  ctx.state.checkRuns.push(run);
  return { status: 201, json: renderCheckRun(ctx, run), headers: { location: `${repoApi(ctx)}/check-runs/${id}` } };
}

function updateCheckRun(ctx: RouteContext): RouteReply {
  const run = findRun(ctx);
  if (!run) return notFound(ctx);
  const input = (ctx.body ?? {}) as CheckRunInput;
  if (input.conclusion === undefined && input.completed_at !== undefined) {
    return errorReply(422, 'Invalid request.\n\n"conclusion" wasn\'t supplied.', docs(ctx));
  }
  const tooBig = outputTooBig(ctx, input.output);
  if (tooBig) return tooBig;
  if (input.name !== undefined) run.name = input.name;
  if (input.details_url !== undefined) run.details_url = input.details_url;
  if (input.external_id !== undefined) run.external_id = input.external_id;
  if (input.output) {
    // Title, summary and text replace the old ones; annotations are appended to them.
    if (input.output.title !== undefined) run.output.title = input.output.title;
    if (input.output.summary !== undefined) run.output.summary = input.output.summary;
    if (input.output.text !== undefined) run.output.text = input.output.text;
    run.annotations.push(...annotationsOf(input.output));
    run.output.annotations_count = run.annotations.length;
  }
  applyStatus(run, input, timestamp(ctx.now()));
  return { status: 200, json: renderCheckRun(ctx, run) };
}

function listForRef(ctx: RouteContext): RouteReply {
  const ref = ctx.params.ref ?? '';
  const key = resolveRef(ctx.state, ref);
  const sha = /^[0-9a-f]{40}$/.test(ref) ? ref : key !== undefined ? commitShaOf(key) : undefined;
  if (sha === undefined) return noCommit(ctx, ref);
  const name = ctx.query.get('check_name');
  const status = ctx.query.get('status');
  const appId = ctx.query.get('app_id');
  let runs = ctx.state.checkRuns.filter(
    (r) => r.head_sha === sha && (name === null || r.name === name) && (status === null || r.status === status) && (appId === null || String(r.app.id) === appId),
  );
  if ((ctx.query.get('filter') ?? 'latest') === 'latest') {
    // The most recent run of each name (and app).
    const latest = new Map<string, CheckRunState>();
    for (const run of runs) latest.set(`${run.app.id}:${run.name}`, run);
    runs = runs.filter((r) => latest.get(`${r.app.id}:${r.name}`) === r);
  }
  // Newest first.
  runs = [...runs].sort((a, b) => b.id - a.id);
  const page = ctx.paginate(runs);
  return {
    status: 200,
    json: { total_count: runs.length, check_runs: page.items.map((r) => renderCheckRun(ctx, r)) },
    headers: page.link ? { link: page.link } : {},
  };
}

/** Check run operations, by operationId. */
export const CHECK_HANDLERS: Record<string, Handler> = {
  'checks/create': createCheckRun,
  'checks/update': updateCheckRun,

  'checks/get': (ctx) => {
    const run = findRun(ctx);
    return run ? { status: 200, json: renderCheckRun(ctx, run) } : notFound(ctx);
  },

  'checks/list-for-ref': listForRef,

  'checks/list-annotations': (ctx) => {
    const run = findRun(ctx);
    if (!run) return notFound(ctx);
    const blob = `${repoHtml(ctx)}/blob/${run.head_sha}`;
    return pageReply(ctx.paginate(run.annotations.map((a) => ({ ...a, blob_href: `${blob}/${encodePath(a.path)}` }))));
  },
};
