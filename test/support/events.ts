/**
 * Event payloads for the action's `GITHUB_EVENT_PATH`, built from the real webhook examples
 * of `@octokit/webhooks-examples` (deep copies, retargeted), never written from scratch, plus
 * the environment a workflow step sees for them.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DEPENDABOT,
  GITHUB_ACTIONS_BOT,
  GITHUB_COM,
  fakeSha,
  makeLabel,
  mapStrings,
  renderLabel,
  renderPullRequest,
  renderRepository,
  renderUser,
  retargetHosts,
  stableId,
  webhookExample,
  type Hosts,
  type JsonObject,
  type RepositoryFacts,
  type UserRef,
} from './github-server/objects.js';
import { noReactions } from './github-server/context.js';
import type { PullRequestState } from './github-server/state.js';

export { DEPENDABOT, GITHUB_ACTIONS_BOT, type Hosts, type JsonObject, type UserRef };

/** The repository an event is about. Default `octo-org/octo-repo`, branch `main`, like the server's. */
export interface EventRepository {
  owner?: string;
  repo?: string;
  id?: number;
  default_branch?: string;
  private?: boolean;
  ownerType?: 'User' | 'Organization';
}

/** Options of {@link makePullRequestEvent}; every field has a default. */
export interface PullRequestEventOptions {
  /** Default `opened`. `opened`, `synchronize`, `labeled` start from their own real example. */
  action?: 'opened' | 'synchronize' | 'labeled' | 'unlabeled' | 'reopened' | 'edited' | 'ready_for_review' | 'closed';
  repository?: EventRepository;
  /**
   * Take number, title, body, draft, state, author, head, base and labels from a pull request
   * of the test server (`server.state.pulls.get(7)`), so payload and API agree.
   */
  pull?: PullRequestState;
  /** Default 1 (or `pull.number`). */
  number?: number;
  head?: { sha?: string; ref?: string };
  base?: { sha?: string; ref?: string };
  /** The head is a fork (`{author}/{repo}`, `head.repo.fork: true`) — a read-only token at run time. */
  fork?: boolean;
  /** Head repository `owner/name`; other than the base repository's makes it a fork. */
  headRepoFullName?: string;
  labels?: string[];
  /** The label just added/removed (`labeled`/`unlabeled`); default the last of `labels`. */
  label?: string;
  /** Author; e.g. `DEPENDABOT` or `'dependabot[bot]'`. */
  user?: UserRef | string;
  /** Who triggered the event; default the author. */
  sender?: UserRef | string;
  title?: string;
  body?: string | null;
  draft?: boolean;
  state?: 'open' | 'closed';
  /** `synchronize`: the head before the push. */
  before?: string;
  hosts?: Hosts;
}

/** Options of {@link makePushEvent}. */
export interface PushEventOptions {
  repository?: EventRepository;
  /** Default `refs/heads/<default branch>`. */
  ref?: string;
  before?: string;
  after?: string;
  /** Files of the single pushed commit (default: none). */
  added?: string[];
  modified?: string[];
  removed?: string[];
  message?: string;
  sender?: UserRef | string;
  forced?: boolean;
  hosts?: Hosts;
}

/** Options of {@link makeWorkflowDispatchEvent}. */
export interface WorkflowDispatchEventOptions {
  repository?: EventRepository;
  /** Default `refs/heads/<default branch>`. */
  ref?: string;
  /** Inputs as the form sends them (strings, or booleans for boolean inputs). */
  inputs?: Record<string, string | boolean>;
  sender?: UserRef | string;
  workflow?: string;
  hosts?: Hosts;
}

function facts(repository: EventRepository = {}): Required<Pick<RepositoryFacts, 'owner' | 'repo' | 'default_branch'>> & RepositoryFacts {
  const owner = repository.owner ?? 'octo-org';
  const repo = repository.repo ?? 'octo-repo';
  return {
    owner,
    repo,
    id: repository.id ?? stableId(`repo:${owner}/${repo}`),
    default_branch: repository.default_branch ?? 'main',
    private: repository.private ?? false,
    ownerType: repository.ownerType ?? 'Organization',
  };
}

function asUser(user: UserRef | string | undefined, fallback: UserRef): UserRef {
  if (user === undefined) return fallback;
  return typeof user === 'string' ? { login: user } : user;
}

/** An organization object retargeted from the `workflow_dispatch` example's. */
function renderOrganization(login: string, hosts: Hosts): JsonObject {
  const example = webhookExample('workflow_dispatch', (e) => e.organization !== undefined).organization as JsonObject;
  const id = stableId(`user:${login}`);
  const org = mapStrings(example, (text) => retargetHosts(text.replaceAll(example.login as string, login), hosts));
  return { ...org, login, id, avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4` };
}

/** Sets `organization` for organization-owned repositories, as GitHub does, and drops it otherwise. */
function setOrganization(payload: JsonObject, repository: RepositoryFacts, hosts: Hosts): void {
  delete payload.organization;
  if (repository.ownerType === 'Organization') payload.organization = renderOrganization(repository.owner, hosts);
}

/**
 * A `pull_request` (or `pull_request_target`: same payload) event, from the real example of
 * the same action, with number, shas, refs, repos, fork flag, labels and author overridden.
 *
 * @example
 * const payload = makePullRequestEvent({ action: 'synchronize', pull: server.state.pulls.get(7) });
 * const fork = makePullRequestEvent({ number: 3, fork: true, user: 'outside-contributor' });
 * const bump = makePullRequestEvent({ user: DEPENDABOT, head: { ref: 'dependabot/pip/gevent-24.2.1' } });
 */
export function makePullRequestEvent(options: PullRequestEventOptions = {}): JsonObject {
  const hosts = options.hosts ?? GITHUB_COM;
  const action = options.action ?? 'opened';
  const repository = facts(options.repository);
  const pull = options.pull;
  const number = options.number ?? pull?.number ?? 1;
  const user = asUser(options.user ?? pull?.user, { login: 'octo-contributor' });
  const baseFull = `${repository.owner}/${repository.repo}`;
  const headRepoFullName =
    options.headRepoFullName ??
    (options.fork ? `${user.login.replace(/\[bot\]$/, '')}/${repository.repo}` : (pull?.head.repoFullName ?? baseFull));
  const labels = options.labels ?? pull?.labels ?? (action === 'labeled' ? ['architecture-accepted'] : []);
  const exampleAction = ['opened', 'synchronize', 'labeled', 'unlabeled', 'reopened', 'closed', 'ready_for_review'].includes(action)
    ? action
    : 'opened';
  const payload = webhookExample('pull_request', (e) => e.action === exampleAction);
  const head = {
    sha: options.head?.sha ?? pull?.head.sha ?? fakeSha(`head:${number}`),
    ref: options.head?.ref ?? pull?.head.ref ?? `feature-${number}`,
    repoFullName: headRepoFullName,
  };
  const base = {
    sha: options.base?.sha ?? pull?.base.sha ?? fakeSha(`base:${number}`),
    ref: options.base?.ref ?? pull?.base.ref ?? repository.default_branch,
  };
  payload.action = action;
  payload.number = number;
  payload.pull_request = renderPullRequest(
    {
      number,
      title: options.title ?? pull?.title ?? `Change #${number}`,
      body: options.body !== undefined ? options.body : (pull?.body ?? 'A change under review.'),
      state: options.state ?? pull?.state ?? (action === 'closed' ? 'closed' : 'open'),
      draft: options.draft ?? pull?.draft ?? false,
      merged: false,
      user,
      head,
      base,
      labels: labels.map((name) => makeLabel(name)),
      created_at: pull?.created_at ?? '2024-05-01T12:00:00Z',
      updated_at: pull?.updated_at ?? '2024-05-01T12:00:00Z',
      additions: pull?.files.reduce((sum, f) => sum + f.additions, 0) ?? 1,
      deletions: pull?.files.reduce((sum, f) => sum + f.deletions, 0) ?? 1,
      changed_files: pull?.files.length ?? 1,
      commits: pull?.commits ?? 1,
      comments: 0,
    },
    repository,
    hosts,
    payload.pull_request as JsonObject,
  );
  payload.repository = renderRepository(repository, hosts, payload.repository as JsonObject);
  payload.sender = renderUser(asUser(options.sender, user), hosts);
  setOrganization(payload, repository, hosts);
  if (action === 'synchronize') {
    payload.before = options.before ?? fakeSha(`before:${head.sha}`);
    payload.after = head.sha;
  } else {
    delete payload.before;
    delete payload.after;
  }
  if (action === 'labeled' || action === 'unlabeled') {
    const name = options.label ?? labels[labels.length - 1] ?? 'architecture-accepted';
    payload.label = renderLabel(makeLabel(name), repository.owner, repository.repo, hosts);
  } else {
    delete payload.label;
  }
  return payload;
}

/**
 * A `push` event of one commit, from the real branch-push example.
 * @example makePushEvent({ before: baseSha, after: headSha, added: ['go/main.go'] })
 */
export function makePushEvent(options: PushEventOptions = {}): JsonObject {
  const hosts = options.hosts ?? GITHUB_COM;
  const repository = facts(options.repository);
  const payload = webhookExample('push', (e) => typeof e.ref === 'string' && e.ref.startsWith('refs/heads/') && Array.isArray(e.commits) && e.commits.length > 0);
  const sender = asUser(options.sender, { login: 'octo-contributor' });
  const before = options.before ?? fakeSha('push:before');
  const after = options.after ?? fakeSha('push:after');
  const web = `${hosts.serverUrl}/${repository.owner}/${repository.repo}`;
  const commit = {
    ...((payload.commits as JsonObject[])[0] as JsonObject),
    id: after,
    tree_id: fakeSha(`tree:${after}`),
    message: options.message ?? 'Update the service',
    url: `${web}/commit/${after}`,
    author: { name: sender.login, email: `${sender.login}@users.noreply.github.com`, username: sender.login },
    committer: { name: 'GitHub', email: 'noreply@github.com', username: 'web-flow' },
    added: options.added ?? [],
    removed: options.removed ?? [],
    modified: options.modified ?? [],
  };
  Object.assign(payload, {
    ref: options.ref ?? `refs/heads/${repository.default_branch}`,
    before,
    after,
    created: /^0+$/.test(before),
    deleted: false,
    forced: options.forced ?? false,
    compare: `${web}/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`,
    commits: [commit],
    head_commit: commit,
    pusher: { name: sender.login, email: `${sender.login}@users.noreply.github.com` },
    repository: renderRepository(repository, hosts, payload.repository as JsonObject),
    sender: renderUser(sender, hosts),
  });
  setOrganization(payload, repository, hosts);
  return payload;
}

/** A `workflow_dispatch` event, from the real example. */
export function makeWorkflowDispatchEvent(options: WorkflowDispatchEventOptions = {}): JsonObject {
  const hosts = options.hosts ?? GITHUB_COM;
  const repository = facts(options.repository);
  const payload = webhookExample('workflow_dispatch', (e) => typeof e.ref === 'string');
  Object.assign(payload, {
    inputs: options.inputs ?? {},
    ref: options.ref ?? `refs/heads/${repository.default_branch}`,
    repository: renderRepository(repository, hosts, payload.repository as JsonObject),
    sender: renderUser(asUser(options.sender, { login: 'octo-maintainer' }), hosts),
    workflow: options.workflow ?? '.github/workflows/architecture-review.yml',
  });
  setOrganization(payload, repository, hosts);
  return payload;
}

/** A `schedule` event as a run sees it (GitHub sends no webhook for it: the payload is the cron). */
export function makeScheduleEvent(cron = '17 3 * * 1'): JsonObject {
  return { schedule: cron, workflow: '.github/workflows/architecture-review.yml' };
}

/**
 * Writes a payload as JSON into `dir` (created if needed) and returns the file's path, for
 * `GITHUB_EVENT_PATH`.
 */
export async function writeEventFile(dir: string, payload: JsonObject, name = 'event.json'): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, name);
  await writeFile(path, `${JSON.stringify(payload, null, 2)}\n`, 'utf8');
  return path;
}

/** Options of {@link actionEnv}. */
export interface ActionEnvOptions {
  eventName: 'pull_request' | 'pull_request_target' | 'push' | 'workflow_dispatch' | 'schedule' | 'issue_comment' | 'pull_request_review_comment';
  payload: JsonObject;
  /** From {@link writeEventFile}. */
  eventPath: string;
  /** `server.url`. */
  apiUrl: string;
  /** Default `https://github.com`. */
  serverUrl?: string;
  /** Default the repository of the payload (else `octo-org/octo-repo`). */
  repository?: string;
  /** Action inputs by name (`github-token`, `fail-on`, …), passed as `INPUT_*` like the runner does. */
  inputs?: Record<string, string>;
}

/**
 * The `GITHUB_*` and `INPUT_*` variables a runner sets for a step handling this event: ref and
 * sha as GitHub documents them per event (a PR runs on `refs/pull/N/merge`, a
 * `pull_request_target` on the base branch). Files such as `GITHUB_OUTPUT` are the caller's.
 */
export function actionEnv(options: ActionEnvOptions): Record<string, string> {
  const { payload, eventName } = options;
  const repository = options.repository ?? ((payload.repository as JsonObject | undefined)?.full_name as string | undefined) ?? 'octo-org/octo-repo';
  const defaultBranch = ((payload.repository as JsonObject | undefined)?.default_branch as string | undefined) ?? 'main';
  const env: Record<string, string> = {
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: options.eventPath,
    GITHUB_REPOSITORY: repository,
    GITHUB_REPOSITORY_OWNER: repository.split('/')[0] ?? '',
    GITHUB_API_URL: options.apiUrl,
    GITHUB_SERVER_URL: options.serverUrl ?? 'https://github.com',
    GITHUB_GRAPHQL_URL: `${options.apiUrl}/graphql`,
    GITHUB_ACTOR: ((payload.sender as JsonObject | undefined)?.login as string | undefined) ?? 'octo-maintainer',
    GITHUB_WORKFLOW: 'architecture-review',
    GITHUB_RUN_ID: '1658821493',
    GITHUB_RUN_NUMBER: '7',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'review',
    RUNNER_OS: 'Linux',
  };
  const pr = payload.pull_request as JsonObject | undefined;
  if ((eventName === 'pull_request' || eventName === 'pull_request_target') && pr) {
    const head = pr.head as JsonObject;
    const base = pr.base as JsonObject;
    env.GITHUB_HEAD_REF = head.ref as string;
    env.GITHUB_BASE_REF = base.ref as string;
    if (eventName === 'pull_request') {
      env.GITHUB_REF = `refs/pull/${String(pr.number)}/merge`;
      env.GITHUB_SHA = (pr.merge_commit_sha as string | null) ?? fakeSha(`merge:${String(pr.number)}`);
    } else {
      env.GITHUB_REF = `refs/heads/${base.ref as string}`;
      env.GITHUB_SHA = base.sha as string;
    }
  } else if (eventName === 'push') {
    env.GITHUB_REF = payload.ref as string;
    env.GITHUB_SHA = payload.after as string;
  } else {
    env.GITHUB_REF = (payload.ref as string | undefined) ?? `refs/heads/${defaultBranch}`;
    env.GITHUB_SHA = fakeSha(`tip:${env.GITHUB_REF}`);
  }
  env.GITHUB_REF_NAME = env.GITHUB_REF.replace(/^refs\/(?:heads|tags|pull)\//, '');
  for (const [name, value] of Object.entries(options.inputs ?? {})) {
    // @actions/core reads `INPUT_` + the name upper-cased with spaces as underscores (dashes stay).
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  return env;
}

/** Options of {@link makeIssueCommentEvent}. */
export interface IssueCommentEventOptions {
  action?: 'created' | 'edited' | 'deleted';
  /** The pull request the comment is on (a server's `state.pulls.get(n)`). */
  pull: PullRequestState;
  /** The comment as the server holds it (for `deleted`: as it was). */
  comment: { id: number; body: string; user: UserRef; created_at?: string; updated_at?: string };
  /** `edited`: the body before the edit. */
  previousBody?: string;
  repository?: EventRepository;
  hosts?: Hosts;
}

/**
 * An `issue_comment` event on a pull request (GitHub sends the PR as an issue with a
 * `pull_request` key), from the real example of the same action, retargeted.
 */
export function makeIssueCommentEvent(options: IssueCommentEventOptions): JsonObject {
  const hosts = options.hosts ?? GITHUB_COM;
  const action = options.action ?? 'created';
  const repository = facts(options.repository);
  const payload = webhookExample('issue_comment', (e) => e.action === action);
  const web = `${hosts.serverUrl}/${repository.owner}/${repository.repo}`;
  const api = `${hosts.apiUrl}/repos/${repository.owner}/${repository.repo}`;
  const { pull, comment } = options;
  const issue = payload.issue as JsonObject;
  Object.assign(issue, {
    url: `${api}/issues/${pull.number}`,
    repository_url: api,
    labels_url: `${api}/issues/${pull.number}/labels{/name}`,
    comments_url: `${api}/issues/${pull.number}/comments`,
    events_url: `${api}/issues/${pull.number}/events`,
    html_url: `${web}/pull/${pull.number}`,
    id: stableId(`issue:${repository.owner}/${repository.repo}#${pull.number}`),
    number: pull.number,
    title: pull.title,
    user: renderUser(pull.user, hosts),
    labels: pull.labels.map((name) => renderLabel(makeLabel(name), repository.owner, repository.repo, hosts)),
    state: pull.state,
    body: pull.body,
    active_lock_reason: null,
    reactions: noReactions(`${api}/issues/${pull.number}/reactions`),
    pull_request: { url: `${api}/pulls/${pull.number}`, html_url: `${web}/pull/${pull.number}`, diff_url: `${web}/pull/${pull.number}.diff`, patch_url: `${web}/pull/${pull.number}.patch` },
  });
  const c = payload.comment as JsonObject;
  Object.assign(c, {
    url: `${api}/issues/comments/${comment.id}`,
    html_url: `${web}/pull/${pull.number}#issuecomment-${comment.id}`,
    issue_url: `${api}/issues/${pull.number}`,
    id: comment.id,
    user: renderUser(comment.user, hosts),
    body: comment.body,
    created_at: comment.created_at ?? '2024-05-02T12:00:00Z',
    updated_at: comment.updated_at ?? comment.created_at ?? '2024-05-02T12:00:00Z',
    performed_via_github_app: null,
    reactions: noReactions(`${api}/issues/comments/${comment.id}/reactions`),
  });
  if (action === 'edited') payload.changes = { body: { from: options.previousBody ?? '' } };
  else delete payload.changes;
  payload.repository = renderRepository(repository, hosts, payload.repository as JsonObject);
  payload.sender = renderUser(comment.user, hosts);
  setOrganization(payload, repository, hosts);
  delete payload.installation;
  return payload;
}

/** Options of {@link makeReviewCommentEvent}. */
export interface ReviewCommentEventOptions {
  action?: 'created' | 'edited' | 'deleted';
  pull: PullRequestState;
  /** The review comment as the server holds it (a reply: `in_reply_to_id`). */
  comment: { id: number; body: string; user: UserRef; path: string; line: number | null; in_reply_to_id?: number; created_at?: string };
  repository?: EventRepository;
  hosts?: Hosts;
}

/** A `pull_request_review_comment` event, from the real example of the same action, retargeted. */
export function makeReviewCommentEvent(options: ReviewCommentEventOptions): JsonObject {
  const hosts = options.hosts ?? GITHUB_COM;
  const action = options.action ?? 'created';
  const repository = facts(options.repository);
  const payload = webhookExample('pull_request_review_comment', (e) => e.action === action);
  const web = `${hosts.serverUrl}/${repository.owner}/${repository.repo}`;
  const api = `${hosts.apiUrl}/repos/${repository.owner}/${repository.repo}`;
  const { pull, comment } = options;
  payload.pull_request = { ...(makePullRequestEvent({ pull, repository: options.repository, hosts }).pull_request as JsonObject), active_lock_reason: null };
  const c = payload.comment as JsonObject;
  Object.assign(c, {
    url: `${api}/pulls/comments/${comment.id}`,
    id: comment.id,
    path: comment.path,
    commit_id: pull.head.sha,
    original_commit_id: pull.head.sha,
    user: renderUser(comment.user, hosts),
    body: comment.body,
    created_at: comment.created_at ?? '2024-05-02T12:00:00Z',
    updated_at: comment.created_at ?? '2024-05-02T12:00:00Z',
    html_url: `${web}/pull/${pull.number}#discussion_r${comment.id}`,
    pull_request_url: `${api}/pulls/${pull.number}`,
    line: comment.line,
    original_line: comment.line,
    side: 'RIGHT',
    start_line: null,
    original_start_line: null,
    start_side: null,
    reactions: noReactions(`${api}/pulls/comments/${comment.id}/reactions`),
  });
  if (comment.in_reply_to_id !== undefined) c.in_reply_to_id = comment.in_reply_to_id;
  payload.repository = renderRepository(repository, hosts, payload.repository as JsonObject);
  payload.sender = renderUser(comment.user, hosts);
  setOrganization(payload, repository, hosts);
  delete payload.installation;
  return payload;
}
