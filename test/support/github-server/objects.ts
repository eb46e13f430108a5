/**
 * GitHub objects (users, repositories, pull requests, labels) as the REST API and webhooks
 * render them, built by retargeting the real payloads of `@octokit/webhooks-examples` rather
 * than written by hand, so that fields nobody thought of are still there.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

/** Where URLs in rendered objects point: the API root and the web host (no trailing slash). */
export interface Hosts {
  /** e.g. `https://api.github.com`, or the test server's URL. */
  apiUrl: string;
  /** e.g. `https://github.com`. */
  serverUrl: string;
}

/** The hosts of github.com. */
export const GITHUB_COM: Hosts = { apiUrl: 'https://api.github.com', serverUrl: 'https://github.com' };

/** A user or bot account, as little as tests need to say. */
export interface UserRef {
  login: string;
  type?: 'User' | 'Bot' | 'Organization';
  /** Default: derived from the login, stable. */
  id?: number;
}

/** The identity behind `GITHUB_TOKEN` in a workflow run. */
export const GITHUB_ACTIONS_BOT: UserRef = { login: 'github-actions[bot]', type: 'Bot', id: 41898282 };
/** The author of Dependabot's pull requests (its runs get a read-only token). */
export const DEPENDABOT: UserRef = { login: 'dependabot[bot]', type: 'Bot', id: 49699333 };

/** Stable fake object id (SHA-1 hex) derived from a seed; not a real git object. */
export function fakeSha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}

/** The `merge_commit_sha` of a pull request (fake, stable: the server does not merge). */
export function mergeCommitSha(pull: { base: { sha: string }; head: { sha: string } }): string {
  return fakeSha(`merge:${pull.base.sha}:${pull.head.sha}`);
}

/** The git blob id of a text, as `git hash-object` computes it. */
export function blobSha(text: string | Buffer): string {
  const data = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return createHash('sha1').update(`blob ${data.length}\0`).update(data).digest('hex');
}

/** A stable positive id (below 2^31) derived from a seed, so re-runs produce the same payloads. */
export function stableId(seed: string): number {
  return (createHash('sha1').update(seed).digest().readUInt32BE(0) % 2_000_000_000) + 1;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A JSON object (as rendered for a response or a payload). */
export type JsonObject = { [key: string]: Json };

interface WebhookDefinition {
  name: string;
  examples: JsonObject[];
}

let definitions: WebhookDefinition[] | undefined;

/**
 * Deep copies of the real example payloads of one webhook event (`pull_request`, `push`, ...).
 * Loaded on first use, not at import time.
 */
export function webhookExamples(event: string): JsonObject[] {
  return examplesOf(event).map((example) => structuredClone(example));
}

/** The first example of `event` whose fields satisfy `predicate` (deep-copied). */
export function webhookExample(event: string, predicate: (example: JsonObject) => boolean = () => true): JsonObject {
  const found = examplesOf(event).find(predicate);
  if (!found) throw new Error(`@octokit/webhooks-examples has no matching "${event}" example`);
  return structuredClone(found);
}

function examplesOf(event: string): JsonObject[] {
  if (!definitions) {
    const require = createRequire(import.meta.url);
    definitions = require('@octokit/webhooks-examples') as WebhookDefinition[];
  }
  const found = definitions.find((d) => d.name === event);
  if (!found) throw new Error(`@octokit/webhooks-examples has no "${event}" event`);
  return found.examples;
}

/** Deep copy of `value` with `replace` applied to every string in it. */
export function mapStrings<T extends Json>(value: T, replace: (text: string) => string): T {
  if (typeof value === 'string') return replace(value) as T;
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, replace)) as T;
  if (value !== null && typeof value === 'object') {
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(value)) out[key] = mapStrings(item, replace);
    return out as T;
  }
  return value;
}

/** Points github.com URLs (API, web, git and ssh) at other hosts. */
export function retargetHosts(text: string, hosts: Hosts): string {
  if (hosts === GITHUB_COM) return text;
  const webHost = new URL(hosts.serverUrl).host;
  return text
    .replaceAll('https://api.github.com', hosts.apiUrl)
    .replaceAll('https://github.com', hosts.serverUrl)
    .replaceAll('git://github.com/', `git://${webHost}/`)
    .replaceAll('git@github.com:', `git@${webHost}:`);
}

function nodeId(kind: string, id: number): string {
  return Buffer.from(`0${kind.length}:${kind}${id}`).toString('base64').replaceAll('=', '');
}

/** A user as the REST API and webhooks render it (simple-user). */
export function renderUser(user: UserRef, hosts: Hosts = GITHUB_COM): JsonObject {
  const id = user.id ?? stableId(`user:${user.login}`);
  const api = `${hosts.apiUrl}/users/${encodeURIComponent(user.login)}`;
  const type = user.type ?? (user.login.endsWith('[bot]') ? 'Bot' : 'User');
  return {
    login: user.login,
    id,
    node_id: nodeId(type, id),
    avatar_url:
      type === 'Bot' ? `https://avatars.githubusercontent.com/in/${id}?v=4` : `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: type === 'Bot' ? `${hosts.serverUrl}/apps/${user.login.replace(/\[bot\]$/, '')}` : `${hosts.serverUrl}/${user.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type,
    user_view_type: 'public',
    site_admin: false,
  };
}

/** The facts of a repository that tests choose; everything else comes from the example. */
export interface RepositoryFacts {
  owner: string;
  repo: string;
  /** Numeric id, used by GitHub in `/repositories/{id}` pagination links. */
  id?: number;
  default_branch?: string;
  private?: boolean;
  fork?: boolean;
  archived?: boolean;
  topics?: string[];
  ownerType?: 'User' | 'Organization';
}

/**
 * A repository retargeted from the `pull_request` example's `repository`: every URL, name and
 * owner field rewritten, plus the fields the REST `full-repository` schema also requires.
 * @param template another example's repository (e.g. a `push` payload's, whose dates are numbers)
 */
export function renderRepository(facts: RepositoryFacts, hosts: Hosts = GITHUB_COM, template?: JsonObject): JsonObject {
  const base = template ?? (webhookExample('pull_request', (e) => e.action === 'opened').repository as JsonObject);
  const exampleOwner = (base.owner as JsonObject).login as string;
  const exampleName = base.name as string;
  const repo = mapStrings(base, (text) =>
    retargetHosts(text.replaceAll(`${exampleOwner}/${exampleName}`, `${facts.owner}/${facts.repo}`), hosts)
      .replaceAll(`/users/${exampleOwner}`, `/users/${facts.owner}`)
      .replaceAll(`/${exampleOwner}`, `/${facts.owner}`),
  );
  const id = facts.id ?? stableId(`repo:${facts.owner}/${facts.repo}`);
  const defaultBranch = facts.default_branch ?? 'main';
  Object.assign(repo, {
    id,
    node_id: nodeId('Repository', id),
    name: facts.repo,
    full_name: `${facts.owner}/${facts.repo}`,
    private: facts.private ?? false,
    visibility: facts.private ? 'private' : 'public',
    fork: facts.fork ?? false,
    owner: renderUser({ login: facts.owner, type: facts.ownerType ?? 'User' }, hosts),
    default_branch: defaultBranch,
    ...(facts.archived !== undefined ? { archived: facts.archived } : {}),
    ...(facts.topics !== undefined ? { topics: facts.topics } : {}),
  });
  if ('master_branch' in repo) repo.master_branch = defaultBranch;
  // Fields of the REST full-repository schema that the webhook example predates.
  repo.has_discussions ??= false;
  repo.network_count ??= 0;
  repo.subscribers_count ??= 0;
  // Required by the webhook schemas of pull_request payloads; older examples lack it.
  repo.topics ??= [];
  return repo;
}

/** A label as the REST API renders it. */
export interface LabelState {
  id: number;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

/** A label with stable id and default colour. */
export function makeLabel(name: string, extra: Partial<LabelState> = {}): LabelState {
  return { id: stableId(`label:${name}`), name, color: 'ededed', description: null, default: false, ...extra };
}

/** A label object (`label` schema). */
export function renderLabel(label: LabelState, owner: string, repo: string, hosts: Hosts = GITHUB_COM): JsonObject {
  return {
    id: label.id,
    node_id: nodeId('Label', label.id),
    url: `${hosts.apiUrl}/repos/${owner}/${repo}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: label.default,
    description: label.description,
  };
}

/** What a pull request object is made of (the test server's state uses the same shape). */
export interface PullFacts {
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  draft: boolean;
  merged: boolean;
  user: UserRef;
  head: { sha: string; ref: string; repoFullName: string };
  base: { sha: string; ref: string };
  labels: LabelState[];
  created_at: string;
  updated_at: string;
  /** Totals over all files (GitHub reports the real count even past the 3000-file listing cap). */
  additions: number;
  deletions: number;
  changed_files: number;
  commits: number;
  comments: number;
}

/**
 * A pull request retargeted from the `pull_request` "opened" example (or `template`): URLs,
 * users, both repos (a fork head gets its own repo with `fork: true`), labels and counts.
 */
export function renderPullRequest(
  pull: PullFacts,
  base: RepositoryFacts,
  hosts: Hosts = GITHUB_COM,
  template?: JsonObject,
): JsonObject {
  const example = template ?? (webhookExample('pull_request', (e) => e.action === 'opened').pull_request as JsonObject);
  const baseFull = `${base.owner}/${base.repo}`;
  const api = `${hosts.apiUrl}/repos/${baseFull}`;
  const html = `${hosts.serverUrl}/${baseFull}`;
  const n = pull.number;
  const [headOwner = base.owner, headName = base.repo] = pull.head.repoFullName.split('/');
  const isFork = pull.head.repoFullName !== baseFull;
  const baseRepo = renderRepository(base, hosts);
  const headRepo = isFork
    ? renderRepository({ owner: headOwner, repo: headName, fork: true, default_branch: base.default_branch }, hosts)
    : baseRepo;
  const id = stableId(`pull:${baseFull}#${n}`);
  const closed = pull.state === 'closed';
  return {
    ...example,
    url: `${api}/pulls/${n}`,
    id,
    node_id: nodeId('PullRequest', id),
    html_url: `${html}/pull/${n}`,
    diff_url: `${html}/pull/${n}.diff`,
    patch_url: `${html}/pull/${n}.patch`,
    issue_url: `${api}/issues/${n}`,
    number: n,
    state: pull.state,
    locked: false,
    title: pull.title,
    user: renderUser(pull.user, hosts),
    body: pull.body,
    created_at: pull.created_at,
    updated_at: pull.updated_at,
    closed_at: closed ? pull.updated_at : null,
    merged_at: pull.merged ? pull.updated_at : null,
    merge_commit_sha: mergeCommitSha(pull),
    labels: pull.labels.map((label) => renderLabel(label, base.owner, base.repo, hosts)),
    commits_url: `${api}/pulls/${n}/commits`,
    review_comments_url: `${api}/pulls/${n}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${api}/issues/${n}/comments`,
    statuses_url: `${api}/statuses/${pull.head.sha}`,
    head: {
      label: `${headOwner}:${pull.head.ref}`,
      ref: pull.head.ref,
      sha: pull.head.sha,
      user: renderUser({ login: headOwner }, hosts),
      repo: headRepo,
    },
    base: {
      label: `${base.owner}:${pull.base.ref}`,
      ref: pull.base.ref,
      sha: pull.base.sha,
      user: renderUser({ login: base.owner, type: base.ownerType ?? 'User' }, hosts),
      repo: baseRepo,
    },
    _links: {
      self: { href: `${api}/pulls/${n}` },
      html: { href: `${html}/pull/${n}` },
      issue: { href: `${api}/issues/${n}` },
      comments: { href: `${api}/issues/${n}/comments` },
      review_comments: { href: `${api}/pulls/${n}/comments` },
      review_comment: { href: `${api}/pulls/comments{/number}` },
      commits: { href: `${api}/pulls/${n}/commits` },
      statuses: { href: `${api}/statuses/${pull.head.sha}` },
    },
    author_association: isFork ? 'CONTRIBUTOR' : 'MEMBER',
    auto_merge: null,
    draft: pull.draft,
    merged: pull.merged,
    mergeable: closed ? null : true,
    rebaseable: closed ? null : true,
    mergeable_state: closed ? 'unknown' : 'clean',
    merged_by: null,
    comments: pull.comments,
    review_comments: 0,
    maintainer_can_modify: isFork,
    commits: pull.commits,
    additions: pull.additions,
    deletions: pull.deletions,
    changed_files: pull.changed_files,
  };
}
