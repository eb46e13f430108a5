/**
 * Handlers of the REST operations the test server implements, keyed by GitHub's operationId.
 * Each takes the decoded request and the state and returns a reply; the server does routing,
 * validation, auth, faults and headers. Behaviour follows GitHub's documented limits.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { CHECK_HANDLERS } from './checks.js';
import {
  MAX_COMMENT_LENGTH,
  authorAssociation,
  bodyText,
  docs,
  encodePath,
  errorReply,
  longerThan,
  noReactions,
  notFound,
  pageReply,
  pullOf,
  repoApi,
  repoHtml,
  timestamp,
  type Handler,
  type RouteContext,
  type RouteReply,
} from './context.js';
import { diffTrees, type FileTree, type PullFile } from './diff.js';
import { blobSha, mapStrings, renderLabel, renderPullRequest, renderRepository, renderUser, retargetHosts, type JsonObject } from './objects.js';
import { REVIEW_HANDLERS } from './reviews.js';
import {
  commitShaOf,
  ensureLabel,
  repositoryFacts,
  resolveRef,
  takeCommentId,
  type CommentState,
  type ReactionState,
  type GitObjects,
  type PullRequestState,
} from './state.js';

export { errorReply, type RouteContext, type RouteReply } from './context.js';

export { MAX_COMMENT_LENGTH } from './context.js';
/** The pull request files listing stops after this many files. */
export const MAX_PULL_FILES = 3000;
/** The diff media type of a pull request is refused above this many files. */
export const MAX_DIFF_FILES = 300;
/** The compare API lists at most this many files. */
export const MAX_COMPARE_FILES = 300;
/** Above this size the contents API returns no content in JSON (raw still works). */
export const MAX_JSON_CONTENT_BYTES = 1024 * 1024;

function wrapBase64(data: Buffer): string {
  // GitHub wraps base64 content at 60 characters, each line ending with a newline.
  const text = data.toString('base64');
  return text.length === 0 ? '' : `${text.match(/.{1,60}/g)?.join('\n') ?? ''}\n`;
}

function wantsRaw(headers: IncomingHttpHeaders): boolean {
  return /application\/vnd\.github(?:\.v3)?\.raw/.test(headers.accept ?? '');
}

function rawReply(text: string): RouteReply {
  return { status: 200, raw: text, contentType: 'text/plain; charset=utf-8' };
}

function renderPull(ctx: RouteContext, pull: PullRequestState): JsonObject {
  const files = pull.files;
  return {
    ...renderPullRequest(
    {
      ...pull,
      labels: pull.labels.map((name) => ensureLabel(ctx.state, name)),
      additions: files.reduce((sum, f) => sum + f.additions, 0),
      deletions: files.reduce((sum, f) => sum + f.deletions, 0),
      changed_files: files.length,
      comments: ctx.state.comments.filter((c) => c.issue_number === pull.number).length,
    },
    repositoryFacts(ctx.state.repository),
    ctx.hosts,
    ),
    review_comments: ctx.state.reviewComments.filter((c) => c.pull_number === pull.number).length,
  };
}

function renderFile(ctx: RouteContext, file: PullFile, headSha: string): JsonObject {
  const path = encodePath(file.filename);
  const out: JsonObject = {
    sha: file.sha,
    filename: file.filename,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    changes: file.changes,
    blob_url: `${repoHtml(ctx)}/blob/${headSha}/${path}`,
    raw_url: `${repoHtml(ctx)}/raw/${headSha}/${path}`,
    contents_url: `${repoApi(ctx)}/contents/${path}?ref=${headSha}`,
  };
  if (file.patch !== undefined) out.patch = file.patch;
  if (file.previous_filename !== undefined) out.previous_filename = file.previous_filename;
  return out;
}

function renderComment(ctx: RouteContext, comment: CommentState): JsonObject {
  const api = repoApi(ctx);
  const kind = ctx.state.pulls.has(comment.issue_number) ? 'pull' : 'issues';
  return {
    url: `${api}/issues/comments/${comment.id}`,
    html_url: `${repoHtml(ctx)}/${kind}/${comment.issue_number}#issuecomment-${comment.id}`,
    issue_url: `${api}/issues/${comment.issue_number}`,
    id: comment.id,
    node_id: `IC_kwDO${Buffer.from(String(comment.id)).toString('base64url')}`,
    user: renderUser(comment.user, ctx.hosts),
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    author_association: authorAssociation(comment.user),
    body: comment.body,
    reactions: noReactions(`${api}/issues/comments/${comment.id}/reactions`),
    performed_via_github_app: null,
  };
}

function tooLong(ctx: RouteContext, body: string): RouteReply | undefined {
  if (!longerThan(body, MAX_COMMENT_LENGTH)) return undefined;
  // The shape GitHub answers with (seen in the wild); note `code` and `field`.
  return errorReply(422, 'Validation Failed', docs(ctx), {
    errors: [
      {
        resource: 'IssueComment',
        code: 'unprocessable',
        field: 'data',
        message: `Body is too long (maximum is ${MAX_COMMENT_LENGTH} characters)`,
      },
    ],
  });
}

function findComment(ctx: RouteContext): CommentState | undefined {
  const id = Number(ctx.params.comment_id);
  return ctx.state.comments.find((c) => c.id === id);
}

function diffText(pull: PullRequestState): string {
  return pull.files
    .map((file) => {
      const from = file.previous_filename ?? file.filename;
      const header = [`diff --git a/${from} b/${file.filename}`];
      if (file.status === 'added') header.push('new file mode 100644');
      if (file.status === 'removed') header.push('deleted file mode 100644');
      if (file.status === 'renamed') header.push('similarity index 100%', `rename from ${from}`, `rename to ${file.filename}`);
      if (file.patch) {
        header.push(`--- ${file.status === 'added' ? '/dev/null' : `a/${from}`}`);
        header.push(`+++ ${file.status === 'removed' ? '/dev/null' : `b/${file.filename}`}`);
        header.push(file.patch);
      }
      return `${header.join('\n')}\n`;
    })
    .join('');
}

function contentEntry(ctx: RouteContext, key: string, path: string, type: 'file' | 'dir', sha: string, size: number): JsonObject {
  const api = repoApi(ctx);
  const ref = ctx.query.get('ref') ?? ctx.state.repository.default_branch;
  const self = `${api}/contents/${encodePath(path)}?ref=${encodeURIComponent(ref)}`;
  const git = `${api}/git/${type === 'dir' ? 'trees' : 'blobs'}/${sha}`;
  const html = `${repoHtml(ctx)}/${type === 'dir' ? 'tree' : 'blob'}/${ref}/${encodePath(path)}`;
  return {
    name: path.split('/').pop() ?? path,
    path,
    sha,
    size,
    url: self,
    html_url: html,
    git_url: git,
    download_url: type === 'dir' ? null : `${repoHtml(ctx)}/raw/${commitShaOf(key)}/${encodePath(path)}`,
    type,
    _links: { self, git, html },
  };
}

function getContent(ctx: RouteContext): RouteReply {
  const ref = ctx.query.get('ref') ?? ctx.state.repository.default_branch;
  const key = resolveRef(ctx.state, ref);
  if (key === undefined) return notFound(ctx, `No commit found for the ref ${ref}`);
  const tree = ctx.state.contents[key] as FileTree;
  const path = (ctx.params.path ?? '').replace(/^\/+|\/+$/g, '');
  const text = tree[path];
  if (text !== undefined) {
    if (wantsRaw(ctx.headers)) return rawReply(text);
    const data = Buffer.from(text, 'utf8');
    const entry = contentEntry(ctx, key, path, 'file', blobSha(text), data.length);
    const tooBig = data.length > MAX_JSON_CONTENT_BYTES;
    return { status: 200, json: { ...entry, content: tooBig ? '' : wrapBase64(data), encoding: tooBig ? 'none' : 'base64' } };
  }
  // Not a file: maybe a directory, listed as its direct children in git tree order.
  const objects = ctx.objectsOf(key);
  const prefix = path === '' ? '' : `${path}/`;
  const treeSha = [...objects.treePaths].find(([, at]) => at === path)?.[0];
  if (treeSha === undefined) return notFound(ctx);
  const entries = (objects.trees.get(treeSha) ?? []).map((e) =>
    contentEntry(ctx, key, `${prefix}${e.path}`, e.type === 'tree' ? 'dir' : 'file', e.sha, e.size ?? 0),
  );
  return { status: 200, json: entries };
}

function getTree(ctx: RouteContext): RouteReply {
  const wanted = ctx.params.tree_sha ?? '';
  let found: { objects: GitObjects; sha: string } | undefined;
  for (const key of Object.keys(ctx.state.contents)) {
    const objects = ctx.objectsOf(key);
    if (objects.trees.has(wanted)) found = { objects, sha: wanted };
  }
  if (!found) {
    const key = resolveRef(ctx.state, wanted);
    if (key !== undefined) {
      const objects = ctx.objectsOf(key);
      found = { objects, sha: objects.rootSha };
    }
  }
  if (!found) return notFound(ctx);
  const { objects, sha } = found;
  const api = repoApi(ctx);
  const render = (entry: { path: string; mode: string; type: string; sha: string; size?: number }): JsonObject => ({
    path: entry.path,
    mode: entry.mode,
    type: entry.type,
    sha: entry.sha,
    ...(entry.size !== undefined ? { size: entry.size } : {}),
    url: `${api}/git/${entry.type === 'tree' ? 'trees' : 'blobs'}/${entry.sha}`,
  });
  const out: JsonObject[] = [];
  // "Setting this parameter to any value returns the objects or subtrees referenced by the tree."
  const recursive = ctx.query.has('recursive');
  const walk = (treeSha: string, prefix: string) => {
    for (const entry of objects.trees.get(treeSha) ?? []) {
      out.push(render({ ...entry, path: `${prefix}${entry.path}` }));
      if (recursive && entry.type === 'tree') walk(entry.sha, `${prefix}${entry.path}/`);
    }
  };
  walk(sha, '');
  // GitHub truncates recursive listings at 100,000 entries.
  const truncated = out.length > 100_000;
  return { status: 200, json: { sha, url: `${api}/git/trees/${sha}`, tree: truncated ? out.slice(0, 100_000) : out, truncated } };
}

function getBlob(ctx: RouteContext): RouteReply {
  const sha = ctx.params.file_sha ?? '';
  for (const key of Object.keys(ctx.state.contents)) {
    const text = ctx.objectsOf(key).blobs.get(sha);
    if (text === undefined) continue;
    if (wantsRaw(ctx.headers)) return rawReply(text);
    const data = Buffer.from(text, 'utf8');
    return {
      status: 200,
      json: {
        sha,
        node_id: `B_kwDO${sha.slice(0, 16)}`,
        size: data.length,
        url: `${repoApi(ctx)}/git/blobs/${sha}`,
        content: wrapBase64(data),
        encoding: 'base64',
      },
    };
  }
  return notFound(ctx);
}

function compare(ctx: RouteContext): RouteReply {
  const match = /^(.+?)\.{2,3}(.+)$/.exec(ctx.params.basehead ?? '');
  if (!match) return notFound(ctx);
  const [, baseRef = '', headRef = ''] = match;
  const baseKey = resolveRef(ctx.state, baseRef);
  const headKey = resolveRef(ctx.state, headRef);
  if (baseKey === undefined || headKey === undefined) return notFound(ctx);
  const example = ctx.operation.responses['200']?.content?.['application/json'] as { examples?: { default?: { value?: JsonObject } } } | undefined;
  const template = example?.examples?.default?.value ?? {};
  const { owner, repo } = ctx.state.repository;
  const retarget = (value: JsonObject, sha: string): JsonObject =>
    mapStrings(value, (text) =>
      retargetHosts(text, ctx.hosts)
        .replaceAll('octocat/Hello-World', `${owner}/${repo}`)
        .replaceAll('6dcb09b5b57875f334f61aebed695e2e4193db5e', sha),
    );
  const baseSha = commitShaOf(baseKey);
  const headSha = commitShaOf(headKey);
  const files = diffTrees(ctx.state.contents[baseKey] as FileTree, ctx.state.contents[headKey] as FileTree);
  const commit = retarget((template.base_commit ?? {}) as JsonObject, headSha);
  const basehead = `${baseRef}...${headRef}`;
  return {
    status: 200,
    json: {
      ...template,
      url: `${repoApi(ctx)}/compare/${basehead}`,
      html_url: `${repoHtml(ctx)}/compare/${basehead}`,
      permalink_url: `${repoHtml(ctx)}/compare/${owner}:${baseSha}...${owner}:${headSha}`,
      diff_url: `${repoHtml(ctx)}/compare/${basehead}.diff`,
      patch_url: `${repoHtml(ctx)}/compare/${basehead}.patch`,
      base_commit: retarget((template.base_commit ?? {}) as JsonObject, baseSha),
      merge_base_commit: retarget((template.merge_base_commit ?? {}) as JsonObject, baseSha),
      status: baseKey === headKey ? 'identical' : 'ahead',
      ahead_by: baseKey === headKey ? 0 : 1,
      behind_by: 0,
      total_commits: baseKey === headKey ? 0 : 1,
      commits: baseKey === headKey ? [] : [commit],
      files: files.slice(0, MAX_COMPARE_FILES).map((f) => renderFile(ctx, f, headSha)),
    },
  };
}

function rateLimit(ctx: RouteContext): RouteReply {
  const { limit, remaining, reset, used } = ctx.state.rateLimit;
  const core = { limit, used, remaining, reset };
  const other = (n: number) => ({ limit: n, used: 0, remaining: n, reset });
  return {
    status: 200,
    json: {
      resources: {
        core,
        search: other(30),
        graphql: other(5000),
        integration_manifest: other(5000),
        source_import: other(100),
        code_scanning_upload: other(1000),
        actions_runner_registration: other(10000),
        scim: other(15000),
        dependency_snapshots: other(100),
        code_search: other(10),
      },
      rate: core,
    },
  };
}

/** Implemented operations, by operationId. A documented operation not here answers 404 and is reported. */
const REACTIONS = ['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes'];

/** A reaction: 201 when new, 200 with the existing one when this person already reacted so. */
function react(ctx: RouteContext, subject: ReactionState['subject'], commentId: number): RouteReply {
  const content = (ctx.body as { content?: unknown } | undefined)?.content;
  if (typeof content !== 'string' || !REACTIONS.includes(content)) {
    return errorReply(422, 'Validation Failed', docs(ctx), { errors: [{ resource: 'Reaction', code: 'custom', field: 'content', message: 'content is not included in the list' }] });
  }
  const { state } = ctx;
  const render = (r: ReactionState) => ({ id: r.id, node_id: `REA_${r.id}`, user: renderUser(r.user, ctx.hosts), content: r.content, created_at: r.created_at });
  const same = state.reactions.find((r) => r.subject === subject && r.comment_id === commentId && r.content === content && r.user.login.toLowerCase() === state.actor.login.toLowerCase());
  if (same) return { status: 200, json: render(same) };
  const reaction: ReactionState = { id: state.reactions.length + 1, subject, comment_id: commentId, content, user: state.actor, created_at: timestamp(ctx.now()) };
  state.reactions.push(reaction);
  return { status: 201, json: render(reaction) };
}

export const HANDLERS: Record<string, Handler> = {
  'repos/get': (ctx) => ({ status: 200, json: renderRepository(repositoryFacts(ctx.state.repository), ctx.hosts) }),

  'pulls/get': (ctx) => {
    const pull = pullOf(ctx);
    if (!pull) return notFound(ctx);
    const accept = ctx.headers.accept ?? '';
    if (/application\/vnd\.github(?:\.v3)?\.(diff|patch)/.test(accept)) {
      if (pull.files.length > MAX_DIFF_FILES) {
        return errorReply(
          406,
          `Sorry, the diff exceeded the maximum number of files (${MAX_DIFF_FILES}). Consider using 'List pull requests files' API or locally cloning the repository instead.`,
          'https://docs.github.com/rest/pulls/pulls#list-pull-requests-files',
          { errors: [{ resource: 'PullRequest', field: 'diff', code: 'too_large' }] },
        );
      }
      return { status: 200, raw: diffText(pull), contentType: 'text/plain; charset=utf-8' };
    }
    return { status: 200, json: renderPull(ctx, pull) };
  },

  'pulls/list-files': (ctx) => {
    const pull = pullOf(ctx);
    if (!pull) return notFound(ctx);
    // GitHub lists at most 3000 files; later pages are simply empty.
    const page = ctx.paginate(pull.files.slice(0, MAX_PULL_FILES));
    return {
      status: 200,
      json: page.items.map((f) => renderFile(ctx, f, pull.head.sha)),
      headers: page.link ? { link: page.link } : {},
    };
  },

  'issues/list-labels-on-issue': (ctx) => {
    const pull = pullOf(ctx, 'issue_number');
    if (!pull) return notFound(ctx);
    const { owner, repo } = ctx.state.repository;
    return pageReply(ctx.paginate(pull.labels.map((name) => renderLabel(ensureLabel(ctx.state, name), owner, repo, ctx.hosts))));
  },

  'issues/list-comments': (ctx) => {
    const number = Number(ctx.params.issue_number);
    const comments = ctx.state.comments.filter((c) => c.issue_number === number);
    if (!ctx.state.pulls.has(number) && comments.length === 0) return notFound(ctx);
    const since = ctx.query.get('since');
    const shown = since ? comments.filter((c) => c.updated_at >= timestamp(new Date(since))) : comments;
    const page = ctx.paginate(shown.sort((a, b) => a.id - b.id));
    return { status: 200, json: page.items.map((c) => renderComment(ctx, c)), headers: page.link ? { link: page.link } : {} };
  },

  'issues/create-comment': (ctx) => {
    const number = Number(ctx.params.issue_number);
    if (!ctx.state.pulls.has(number)) return notFound(ctx);
    const body = bodyText(ctx);
    const error = tooLong(ctx, body);
    if (error) return error;
    const now = timestamp(ctx.now());
    const comment: CommentState = {
      id: takeCommentId(ctx.state),
      issue_number: number,
      body,
      user: ctx.state.actor,
      created_at: now,
      updated_at: now,
    };
    ctx.state.comments.push(comment);
    const json = renderComment(ctx, comment);
    return { status: 201, json, headers: { location: String(json.url) } };
  },

  'issues/get-comment': (ctx) => {
    const comment = findComment(ctx);
    return comment ? { status: 200, json: renderComment(ctx, comment) } : notFound(ctx);
  },

  'issues/update-comment': (ctx) => {
    const comment = findComment(ctx);
    if (!comment) return notFound(ctx);
    const body = bodyText(ctx);
    const error = tooLong(ctx, body);
    if (error) return error;
    comment.body = body;
    comment.updated_at = timestamp(ctx.now());
    return { status: 200, json: renderComment(ctx, comment) };
  },

  'issues/delete-comment': (ctx) => {
    const comment = findComment(ctx);
    if (!comment) return notFound(ctx);
    ctx.state.comments.splice(ctx.state.comments.indexOf(comment), 1);
    return { status: 204 };
  },

  'repos/get-content': getContent,
  'git/get-tree': getTree,
  'git/get-blob': getBlob,
  'repos/compare-commits-with-basehead': compare,

  'repos/download-tarball-archive': (ctx) => {
    const key = resolveRef(ctx.state, ctx.params.ref ?? ctx.state.repository.default_branch);
    if (key === undefined) return notFound(ctx);
    return { status: 302, raw: '', contentType: 'text/html;charset=utf-8', headers: { location: ctx.archiveUrl(key) } };
  },

  'rate-limit/get': rateLimit,

  // The role a person has on the repository; `permission` is GitHub's older, coarser field
  // (maintain shows as write, triage as read).
  'repos/get-collaborator-permission-level': (ctx) => {
    const login = ctx.params.username ?? '';
    const role = ctx.state.collaborators[login.toLowerCase()] ?? 'read';
    const permission = role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role;
    return { status: 200, json: { permission, role_name: role, user: renderUser({ login }, ctx.hosts) } };
  },

  // An organisation's repositories, 30 a page unless per_page says otherwise (at most 100), in
  // the order asked for (`sort`: created, updated, pushed or full_name, GitHub's default).
  'repos/list-for-org': (ctx) => {
    const org = ctx.params.org ?? '';
    const repos = ctx.state.organizations[org.toLowerCase()];
    if (!repos) return notFound(ctx);
    const type = ctx.query.get('type') ?? 'all';
    const chosen = repos.filter((r) => (type === 'forks' ? r.fork : type === 'sources' ? !r.fork : type === 'public' ? !r.private : type === 'private' ? r.private : true));
    const sort = ctx.query.get('sort') ?? 'created';
    const ordered = sort === 'full_name' ? [...chosen].sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1)) : chosen;
    if ((ctx.query.get('direction') ?? (sort === 'full_name' ? 'asc' : 'desc')) === 'desc' && sort === 'full_name') ordered.reverse();
    const page = ctx.paginate(ordered);
    return {
      status: 200,
      json: page.items.map((r) =>
        renderRepository({ owner: org, repo: r.name, default_branch: r.default_branch, private: r.private, fork: r.fork, archived: r.archived ?? false, topics: r.topics ?? [], ownerType: 'Organization' }, ctx.hosts),
      ),
      headers: page.link ? { link: page.link } : {},
    };
  },

  'reactions/create-for-issue-comment': (ctx) => {
    const comment = findComment(ctx);
    return comment ? react(ctx, 'issue-comment', comment.id) : notFound(ctx);
  },

  'reactions/create-for-pull-request-review-comment': (ctx) => {
    const id = Number(ctx.params.comment_id);
    return ctx.state.reviewComments.some((c) => c.id === id) ? react(ctx, 'review-comment', id) : notFound(ctx);
  },

  // An installation token (GITHUB_TOKEN) is not a user: GitHub refuses /user to it.
  'users/get-authenticated': (ctx) => errorReply(403, 'Resource not accessible by integration', docs(ctx)),

  ...REVIEW_HANDLERS,
  ...CHECK_HANDLERS,
};

/** Which permission a write needs, as GitHub names it in `x-accepted-github-permissions`. */
export function acceptedPermissions(operationId: string): string | undefined {
  if (operationId.startsWith('issues/') || operationId.startsWith('reactions/')) return 'issues=write; pull_requests=write';
  if (operationId.startsWith('pulls/')) return 'pull_requests=write';
  if (operationId.startsWith('repos/') || operationId.startsWith('git/')) return 'contents=write';
  if (operationId.startsWith('checks/')) return 'checks=write';
  return undefined;
}
