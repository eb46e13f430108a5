/**
 * The test server's state: one repository, its pull requests, issue comments, review comments,
 * reviews and their threads, check runs, labels and file contents per ref, and builders that fill
 * in what a test does not care about.
 */
import { createHash } from 'node:crypto';
import { countPatch, diffTrees, type FileTree, type PullFile } from './diff.js';
import {
  GITHUB_ACTIONS_BOT,
  blobSha,
  fakeSha,
  makeLabel,
  mergeCommitSha,
  type LabelState,
  type RepositoryFacts,
  type UserRef,
} from './objects.js';

/** The repository every route serves (requests for another owner/repo get 404). */
export interface RepositoryState {
  owner: string;
  repo: string;
  /** Numeric id; GitHub's pagination links use `/repositories/{id}/…`. */
  id: number;
  default_branch: string;
  private: boolean;
  ownerType: 'User' | 'Organization';
}

/** A pull request as the server holds it; `files` is the full list (the API shows ≤3000). */
export interface PullRequestState {
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  draft: boolean;
  merged: boolean;
  user: UserRef;
  /** `repoFullName` other than the base repository's makes this a fork PR. */
  head: { sha: string; ref: string; repoFullName: string };
  base: { sha: string; ref: string };
  /** Label names; their objects come from {@link GitHubState.labels} (created on demand). */
  labels: string[];
  files: PullFile[];
  /** Commits in the PR (shown in the PR object only). */
  commits: number;
  created_at: string;
  updated_at: string;
}

/** An issue comment (on a PR: issue number = PR number). */
/** A reaction on a comment: one per person, comment and content, as on GitHub. */
export interface ReactionState {
  id: number;
  subject: 'issue-comment' | 'review-comment';
  comment_id: number;
  content: string;
  user: UserRef;
  created_at: string;
}

export interface CommentState {
  /** Global and increasing, like GitHub's (and above 2^31, like GitHub's today). */
  id: number;
  issue_number: number;
  body: string;
  user: UserRef;
  created_at: string;
  updated_at: string;
}

/** Which side of the diff a review comment is on: the new file (RIGHT) or the old one (LEFT). */
export type DiffSide = 'RIGHT' | 'LEFT';

/** A pull request review comment (a comment on a line of the diff). */
export interface ReviewCommentState {
  /** From the same counter as issue comments: unique across both, increasing, above 2^31. */
  id: number;
  node_id: string;
  pull_number: number;
  /** Every review comment belongs to a review (GitHub makes one for a lone comment or a reply). */
  review_id: number;
  user: UserRef;
  body: string;
  path: string;
  /** The (last) line commented on, in the file of `side`. */
  line: number;
  side: DiffSide;
  /** First line of a multi-line comment; null for a one-line comment. */
  start_line: number | null;
  commit_id: string;
  original_commit_id: string;
  /** The comment this one answers (always the first comment of the thread, as on GitHub). */
  in_reply_to_id?: number;
  /** The hunk header through the commented line, as GitHub shows it. */
  diff_hunk: string;
  /** Line index in the file's patch (1 = the line below the first `@@`); null when not in the diff. */
  position: number | null;
  created_at: string;
  updated_at: string;
  /** `${serverUrl}/${owner}/${repo}/pull/${n}#discussion_r${id}`. */
  html_url: string;
}

/** A pull request review; `PENDING` (created without `event`) is visible to its author only. */
export interface ReviewState {
  id: number;
  node_id: string;
  pull_number: number;
  user: UserRef;
  body: string;
  state: 'COMMENTED' | 'CHANGES_REQUESTED' | 'APPROVED' | 'PENDING';
  commit_id: string;
  /** Absent while pending. */
  submitted_at?: string;
}

/** A review thread: a top-level review comment and its replies (GraphQL `PullRequestReviewThread`). */
export interface ReviewThreadState {
  /** GraphQL node id (`PRRT_kwDO…`). */
  id: string;
  pull_number: number;
  isResolved: boolean;
  resolvedBy?: UserRef;
  /** The comments in the thread, first the one that started it. */
  commentIds: number[];
}

/** One check run annotation as received. */
export interface CheckAnnotationState {
  path: string;
  start_line: number;
  end_line: number;
  start_column: number | null;
  end_column: number | null;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title: string | null;
  raw_details: string | null;
}

/** The GitHub App that owns a check run. */
export interface AppRef {
  id: number;
  slug: string;
  name: string;
}

/** A check run, with every annotation it received across its create and update requests. */
export interface CheckRunState {
  /** Increasing, above 2^31 (GitHub's are in the tens of billions today). */
  id: number;
  node_id: string;
  head_sha: string;
  name: string;
  status: 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
  conclusion: string | null;
  started_at: string | null;
  completed_at: string | null;
  output: { title: string | null; summary: string | null; text: string | null; annotations_count: number };
  annotations: CheckAnnotationState[];
  details_url: string | null;
  external_id: string | null;
  /** `${serverUrl}/${owner}/${repo}/runs/${id}`. */
  html_url: string;
  app: AppRef;
}

/**
 * What the token may do, as a workflow's `permissions:` grants it. `readOnly` overrides all of
 * it (every write refused).
 */
export interface PermissionsState {
  checks: 'write' | 'none';
  contents: 'read' | 'write';
  pullRequests: 'write' | 'read';
}

/** Primary rate limit of the `core` resource, decremented by each API request. */
export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Epoch seconds. */
  reset: number;
  used: number;
}

/** Everything the server knows; tests may read and mutate it between requests. */
export interface GitHubState {
  repository: RepositoryState;
  pulls: Map<number, PullRequestState>;
  /** All issue comments of the repository, in creation order. */
  comments: CommentState[];
  /** ref (commit sha or branch/tag name) → path → text. */
  contents: Record<string, FileTree>;
  /** Extra ref aliases: name (branch, tag, `refs/heads/x`) → key of {@link contents}. */
  refs: Record<string, string>;
  /** Repository labels. */
  labels: LabelState[];
  rateLimit: RateLimitState;
  /** The token requests must carry (`token X` or `Bearer X`). */
  token: string;
  /** Fork PR / Dependabot token: every write answers 403. */
  readOnly: boolean;
  /** The token's permissions (writes they do not grant answer 403). */
  permissions: PermissionsState;
  /** All review comments of the repository, in creation order. */
  reviewComments: ReviewCommentState[];
  /** All reviews, in creation order. */
  reviews: ReviewState[];
  /** Review threads, in creation order (of their first comment). */
  reviewThreads: ReviewThreadState[];
  /** All check runs, in creation order. */
  checkRuns: CheckRunState[];
  /** Who the token acts as: the author of comments it creates. */
  actor: UserRef;
  /**
   * People's roles on the repository (login, lower case → `admin`, `maintain`, `write`,
   * `triage` or `read`), for the collaborator permission endpoint; anyone else reads (a public
   * repository).
   */
  collaborators: Record<string, 'admin' | 'maintain' | 'write' | 'triage' | 'read'>;
  /** Organisations and their repositories, for `GET /orgs/{org}/repos` (the fleet listing). */
  organizations: Record<string, OrganizationRepository[]>;
  /** Reactions on issue comments and review comments, in creation order. */
  reactions: ReactionState[];
  /** Next comment id (issue and review comments share it, as on GitHub). */
  nextCommentId: number;
  /** Next review id. */
  nextReviewId: number;
  /** Next check run id. */
  nextCheckRunId: number;
}

/** A changed file as a test states it; counts are derived from `patch` when not given. */
export interface PullFileInput {
  filename: string;
  status?: PullFile['status'];
  patch?: string;
  additions?: number;
  deletions?: number;
  changes?: number;
  previous_filename?: string;
  sha?: string;
}

/** A pull request as a test states it; everything but `number` has a default. */
export interface PullRequestInput {
  number: number;
  title?: string;
  body?: string | null;
  state?: 'open' | 'closed';
  draft?: boolean;
  merged?: boolean;
  /** Author; a string is a login (`dependabot[bot]` becomes a Bot). */
  user?: UserRef | string;
  head?: {
    sha?: string;
    ref?: string;
    /** Default: the base repository, or `{user}/{repo}` when `fork` is true. */
    repoFullName?: string;
    fork?: boolean;
    /** Files at the head commit: registered as contents; with `base.tree`, the PR files are derived. */
    tree?: FileTree;
  };
  base?: { sha?: string; ref?: string; tree?: FileTree };
  labels?: string[];
  /** The changed files; default: derived from `base.tree` → `head.tree`, else none. */
  files?: PullFileInput[];
  commits?: number;
}

/** A comment as a test states it. */
export interface CommentInput {
  issue_number: number;
  body: string;
  /** Default: `github-actions[bot]`. */
  user?: UserRef | string;
  created_at?: string;
  updated_at?: string;
}

/** A review comment as a test states it (written by a person or by the bot). */
export interface ReviewCommentInput {
  pull_number: number;
  body: string;
  /** Default: the path of the comment answered, else required. */
  path?: string;
  /** Default: the line of the comment answered, else 1. Not checked against the diff. */
  line?: number;
  /** Default `RIGHT`. */
  side?: DiffSide;
  start_line?: number;
  /**
   * Index, in the same `reviewComments` list, of an earlier comment this one answers: it joins
   * that comment's thread (a reply to a reply answers the thread's first comment, as on GitHub).
   */
  replyTo?: number;
  /** Default: `github-actions[bot]`. */
  user?: UserRef | string;
  /** Default: the PR's head sha. */
  commit_id?: string;
  /** Marks the thread this comment starts as resolved (by `user`). Top-level comments only. */
  resolved?: boolean;
  created_at?: string;
  updated_at?: string;
}

/** Fixed timestamps keep rendered objects stable between runs. */
export const FIXED_TIME = '2024-05-01T12:00:00Z';

function asUser(user: UserRef | string | undefined, fallback: UserRef): UserRef {
  if (user === undefined) return fallback;
  return typeof user === 'string' ? { login: user } : user;
}

/** A {@link PullFile} with counts derived from its patch and a stable sha. */
export function makePullFile(input: PullFileInput): PullFile {
  const counted = input.patch !== undefined ? countPatch(input.patch) : { additions: 0, deletions: 0 };
  const additions = input.additions ?? counted.additions;
  const deletions = input.deletions ?? counted.deletions;
  const file: PullFile = {
    filename: input.filename,
    status: input.status ?? 'modified',
    additions,
    deletions,
    changes: input.changes ?? additions + deletions,
    sha: input.sha ?? fakeSha(`file:${input.filename}:${input.patch ?? ''}`),
  };
  if (input.patch !== undefined) file.patch = input.patch;
  if (input.previous_filename !== undefined) file.previous_filename = input.previous_filename;
  return file;
}

/**
 * `count` added one-line files `dir/file-00001.py`…, for tests of the 3000-file listing cap
 * and of pagination.
 */
export function makeManyFiles(count: number, dir = 'many'): PullFile[] {
  const width = String(count).length;
  return Array.from({ length: count }, (_, i) =>
    makePullFile({
      filename: `${dir}/file-${String(i + 1).padStart(width, '0')}.py`,
      status: 'added',
      patch: `@@ -0,0 +1 @@\n+value = ${i + 1}`,
    }),
  );
}

/**
 * A full {@link PullRequestState} from a partial input. Trees given for base and head are
 * also returned as contents to register under both shas (and the branch names).
 */
export function makePull(
  input: PullRequestInput,
  repository: Pick<RepositoryState, 'owner' | 'repo' | 'default_branch'>,
): { pull: PullRequestState; contents: Record<string, FileTree> } {
  const user = asUser(input.user, { login: 'octo-contributor' });
  const baseFull = `${repository.owner}/${repository.repo}`;
  const headRepo =
    input.head?.repoFullName ?? (input.head?.fork ? `${user.login.replace(/\[bot\]$/, '')}/${repository.repo}` : baseFull);
  const head = {
    sha: input.head?.sha ?? fakeSha(`head:${input.number}`),
    ref: input.head?.ref ?? `feature-${input.number}`,
    repoFullName: headRepo,
  };
  const base = { sha: input.base?.sha ?? fakeSha(`base:${input.number}`), ref: input.base?.ref ?? repository.default_branch };
  const files =
    input.files?.map(makePullFile) ??
    (input.base?.tree || input.head?.tree ? diffTrees(input.base?.tree ?? {}, input.head?.tree ?? {}) : []);
  const contents: Record<string, FileTree> = {};
  if (input.base?.tree) contents[base.sha] = input.base.tree;
  if (input.head?.tree) contents[head.sha] = input.head.tree;
  const pull: PullRequestState = {
    number: input.number,
    title: input.title ?? `Change #${input.number}`,
    body: input.body === undefined ? 'A change under review.' : input.body,
    state: input.state ?? 'open',
    draft: input.draft ?? false,
    merged: input.merged ?? false,
    user,
    head,
    base,
    labels: input.labels ?? [],
    files,
    commits: input.commits ?? 1,
    created_at: FIXED_TIME,
    updated_at: FIXED_TIME,
  };
  return { pull, contents };
}

/** The repository facts that object renderers take. */
export function repositoryFacts(repository: RepositoryState): RepositoryFacts {
  return {
    owner: repository.owner,
    repo: repository.repo,
    id: repository.id,
    default_branch: repository.default_branch,
    private: repository.private,
    ownerType: repository.ownerType,
  };
}

/** A repository of an organisation, as the fleet listing sees it. */
export interface OrganizationRepository {
  name: string;
  default_branch?: string;
  private?: boolean;
  fork?: boolean;
  archived?: boolean;
  topics?: string[];
}

/** The label object for a name, created (like GitHub's add-labels does) when missing. */
export function ensureLabel(state: GitHubState, name: string): LabelState {
  let label = state.labels.find((l) => l.name.toLowerCase() === name.toLowerCase());
  if (!label) {
    label = makeLabel(name);
    state.labels.push(label);
  }
  return label;
}

/** A new comment id after every existing one. */
export function takeCommentId(state: GitHubState): number {
  return state.nextCommentId++;
}

/** A new review id after every existing one. */
export function takeReviewId(state: GitHubState): number {
  return state.nextReviewId++;
}

/** A new check run id after every existing one. */
export function takeCheckRunId(state: GitHubState): number {
  return state.nextCheckRunId++;
}

/** A GraphQL-style node id: `prefix` + base64url of the repository and object ids. */
export function graphNodeId(prefix: string, repositoryId: number, id: number): string {
  return `${prefix}_kwDO${Buffer.from(`${repositoryId}:${id}`).toString('base64url')}`;
}

/** The thread a review comment belongs to. */
export function threadOf(state: GitHubState, commentId: number): ReviewThreadState | undefined {
  return state.reviewThreads.find((t) => t.commentIds.includes(commentId));
}

/** A comment from its input, given the next id. */
export function makeComment(input: CommentInput, id: number): CommentState {
  const created = input.created_at ?? FIXED_TIME;
  return {
    id,
    issue_number: input.issue_number,
    body: input.body,
    user: asUser(input.user, GITHUB_ACTIONS_BOT),
    created_at: created,
    updated_at: input.updated_at ?? created,
  };
}

/**
 * The key of {@link GitHubState.contents} that a ref names, as GitHub resolves refs: a known
 * key, `refs/heads/x` / `refs/tags/x`, an alias in `refs`, a PR's `refs/pull/N/head`, a
 * same-repo PR head branch or a base branch, or a unique abbreviated sha (≥7 hex digits).
 */
export function resolveRef(state: GitHubState, ref: string): string | undefined {
  const { contents } = state;
  const candidates = [ref, ref.replace(/^refs\/(heads|tags)\//, '')];
  for (const name of candidates) {
    if (name in contents) return name;
    const alias = state.refs[name];
    if (alias !== undefined && alias in contents) return alias;
  }
  const short = candidates[1] as string;
  const baseFull = `${state.repository.owner}/${state.repository.repo}`;
  for (const pull of state.pulls.values()) {
    // The merge commit (refs/pull/N/merge, `merge_commit_sha`, GITHUB_SHA of a pull_request
    // run) is approximated by the head tree: the server does not merge.
    const pullRef = /^(?:refs\/)?pull\/(\d+)\/(head|merge)$/.exec(ref);
    if (pullRef && Number(pullRef[1]) === pull.number && pull.head.sha in contents) return pull.head.sha;
    if (ref === mergeCommitSha(pull) && pull.head.sha in contents) return pull.head.sha;
    if (pull.head.repoFullName === baseFull && pull.head.ref === short && pull.head.sha in contents) return pull.head.sha;
  }
  for (const pull of state.pulls.values()) {
    if (pull.base.ref === short && pull.base.sha in contents) return pull.base.sha;
  }
  if (/^[0-9a-f]{7,39}$/.test(ref)) {
    const matches = Object.keys(contents).filter((key) => key.startsWith(ref));
    if (matches.length === 1) return matches[0];
  }
  return undefined;
}

/** The commit sha a resolved contents key stands for (branch names get a stable fake sha). */
export function commitShaOf(key: string): string {
  return /^[0-9a-f]{40}$/.test(key) ? key : fakeSha(`commit:${key}`);
}

/** One entry of a git tree object. */
export interface TreeEntry {
  path: string;
  mode: '100644' | '040000';
  type: 'blob' | 'tree';
  sha: string;
  size?: number;
}

/** The git objects of one file tree: real tree and blob ids, so the git API routes agree. */
export interface GitObjects {
  rootSha: string;
  /** tree sha → its direct entries (paths relative to that tree). */
  trees: Map<string, TreeEntry[]>;
  /** tree sha → path of that tree from the root ('' for the root). */
  treePaths: Map<string, string>;
  blobs: Map<string, string>;
}

/** Computes git tree and blob ids for a file tree, as `git write-tree` would. */
export function gitObjects(files: FileTree): GitObjects {
  const trees = new Map<string, TreeEntry[]>();
  const treePaths = new Map<string, string>();
  const blobs = new Map<string, string>();
  interface Dir {
    dirs: Map<string, Dir>;
    files: Map<string, string>;
  }
  const root: Dir = { dirs: new Map(), files: new Map() };
  for (const [path, text] of Object.entries(files)) {
    const parts = path.split('/');
    let dir = root;
    for (const part of parts.slice(0, -1)) {
      let next = dir.dirs.get(part);
      if (!next) {
        next = { dirs: new Map(), files: new Map() };
        dir.dirs.set(part, next);
      }
      dir = next;
    }
    dir.files.set(parts[parts.length - 1] as string, text);
  }
  const write = (dir: Dir, at: string): string => {
    const entries: (TreeEntry & { name: string })[] = [];
    for (const [name, sub] of dir.dirs) {
      entries.push({ name, path: name, mode: '040000', type: 'tree', sha: write(sub, at ? `${at}/${name}` : name) });
    }
    for (const [name, text] of dir.files) {
      const sha = blobSha(text);
      blobs.set(sha, text);
      entries.push({ name, path: name, mode: '100644', type: 'blob', sha, size: Buffer.byteLength(text) });
    }
    // git sorts tree entries by name, comparing a directory as if it ended with '/'.
    const key = (e: { name: string; type: string }) => (e.type === 'tree' ? `${e.name}/` : e.name);
    entries.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    const body = Buffer.concat(
      entries.map((e) =>
        Buffer.concat([Buffer.from(`${e.mode === '040000' ? '40000' : e.mode} ${e.name}\0`), Buffer.from(e.sha, 'hex')]),
      ),
    );
    const sha = createHash('sha1').update(`tree ${body.length}\0`).update(body).digest('hex');
    trees.set(
      sha,
      entries.map(({ name: _name, ...rest }) => rest),
    );
    treePaths.set(sha, at);
    return sha;
  };
  const rootSha = write(root, '');
  return { rootSha, trees, treePaths, blobs };
}
