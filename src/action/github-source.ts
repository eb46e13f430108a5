import { Parser, type ReadEntry } from 'tar';
import { addedLinesFromPatch } from '../changes/diff.js';
import { DEFAULT_MAX_FILE_BYTES, diffCommits, mergeBase, readBlobs, resolveCommit } from '../changes/git.js';
import type { ReviewSource } from '../review.js';
import type { ChangedFile, ChangeSet } from '../types.js';
import { explainGitHubError, type GitHubClient } from './github-client.js';

/** GitHub's PR files API lists at most this many files. */
export const PR_FILES_LIMIT = 3000;

/** Up to this many files are fetched one by one; more come in one tarball. */
const SINGLE_FILE_FETCHES = 2;

export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
  baseSha: string;
  headSha: string;
}

interface PullFile {
  filename: string;
  status: string;
  previous_filename?: string;
  patch?: string;
  additions: number;
  changes: number;
}

/** Does the runner's checkout hold this commit? Then files are read from it, not the API. */
async function hasCommit(workspace: string | undefined, sha: string): Promise<boolean> {
  if (!workspace) return false;
  try {
    return (await resolveCommit(workspace, `${sha}^{commit}`)) === sha;
  } catch {
    return false;
  }
}

function toChangedFile(f: PullFile, notes: string[]): ChangedFile {
  const status =
    f.status === 'added'
      ? 'added'
      : f.status === 'removed'
        ? 'deleted'
        : f.status === 'renamed' || f.status === 'copied'
          ? 'renamed'
          : 'modified';
  let addedLines: ChangedFile['addedLines'];
  if (status === 'added') addedLines = 'all';
  else if (f.patch !== undefined) addedLines = addedLinesFromPatch(f.patch);
  else if (f.additions === 0) addedLines = new Set();
  else {
    // GitHub leaves the patch out of very large diffs: without it, every line counts as added.
    notes.push(`GitHub sent no diff for ${f.filename} (too large): all its lines count as added.`);
    addedLines = 'all';
  }
  return {
    path: f.filename,
    previousPath: f.previous_filename,
    status,
    addedLines,
    // The files API says nothing of binary; a text-less patch on a changed file is the tell.
    binary: f.patch === undefined && f.changes === 0 && status !== 'deleted',
  };
}

/**
 * The change of a pull request, from the PR files API (100 per page, Link pagination, up to
 * 3000 files) and file contents from the checkout when it holds the commit, or else from the API
 * in a bounded number of requests (a tarball for more than a couple of files).
 */
export class GitHubReviewSource implements ReviewSource {
  /** Notes for the report: truncation, missing patches. */
  readonly notes: string[] = [];
  private readonly local = new Map<string, Promise<boolean>>();

  constructor(
    private readonly octokit: GitHubClient,
    private readonly pr: PullRequestRef,
    private readonly workspace: string | undefined,
  ) {}

  private inCheckout(sha: string): Promise<boolean> {
    let known = this.local.get(sha);
    if (!known) {
      known = hasCommit(this.workspace, sha);
      this.local.set(sha, known);
    }
    return known;
  }

  async changes(): Promise<ChangeSet> {
    const { owner, repo, number, baseSha, headSha } = this.pr;
    let files: PullFile[];
    try {
      files = (await this.octokit.paginate(this.octokit.rest.pulls.listFiles, {
        owner,
        repo,
        pull_number: number,
        per_page: 100,
      })) as PullFile[];
    } catch (err) {
      throw explainGitHubError(err, `listing the files of pull request #${number}`);
    }
    if (files.length >= PR_FILES_LIMIT) {
      // The API stops at 3000 files; a checkout with both commits can give the whole diff.
      if (this.workspace && (await this.inCheckout(baseSha)) && (await this.inCheckout(headSha))) {
        const base = await mergeBase(this.workspace, baseSha, headSha);
        return { base, head: headSha, files: await diffCommits(this.workspace, base, headSha) };
      }
      const truncated =
        `This pull request changes more than ${PR_FILES_LIMIT} files and GitHub lists only the first ${PR_FILES_LIMIT}: ` +
        'the rest were not reviewed. Check out both commits (actions/checkout with fetch-depth: 0) to review them all.';
      return { base: baseSha, head: headSha, files: files.map((f) => toChangedFile(f, this.notes)), truncated };
    }
    return { base: baseSha, head: headSha, files: files.map((f) => toChangedFile(f, this.notes)) };
  }

  async readFiles(commit: string, paths: string[]): Promise<Map<string, string | null>> {
    if (paths.length === 0) return new Map();
    if (this.workspace && (await this.inCheckout(commit))) return readBlobs(this.workspace, commit, paths);
    if (paths.length <= SINGLE_FILE_FETCHES) {
      const out = new Map<string, string | null>();
      for (const p of paths) out.set(p, await this.fetchContent(commit, p));
      return out;
    }
    return this.fetchFromTarball(commit, paths);
  }

  private async fetchContent(ref: string, path: string): Promise<string | null> {
    const { owner, repo } = this.pr;
    try {
      const res = await this.octokit.rest.repos.getContent({
        owner,
        repo,
        path,
        ref,
        mediaType: { format: 'raw' },
      });
      return typeof res.data === 'string' ? res.data : null;
    } catch (err) {
      if ((err as { status?: number }).status === 404) return null;
      throw explainGitHubError(err, `reading ${path} at ${ref.slice(0, 12)}`);
    }
  }

  private async fetchFromTarball(ref: string, paths: string[]): Promise<Map<string, string | null>> {
    const { owner, repo } = this.pr;
    let archive: ArrayBuffer;
    try {
      const res = await this.octokit.rest.repos.downloadTarballArchive({ owner, repo, ref });
      archive = res.data as ArrayBuffer;
    } catch (err) {
      throw explainGitHubError(err, `downloading the files of ${ref.slice(0, 12)}`);
    }
    return extractFiles(Buffer.from(archive), paths);
  }
}

/**
 * Reads the wanted files out of a GitHub tarball (gzip, one top folder named after the
 * commit). Files over the size cap are left out, as the git reader does.
 */
export function extractFiles(archive: Buffer, paths: string[], maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<Map<string, string | null>> {
  const wanted = new Set(paths);
  const out = new Map<string, string | null>(paths.map((p) => [p, null]));
  return new Promise((resolve, reject) => {
    const parser = new Parser({
      onReadEntry: (entry: ReadEntry) => {
        const inside = entry.path.replace(/^[^/]*\//, '');
        if (entry.type !== 'File' || !wanted.has(inside) || (entry.size ?? 0) > maxBytes) {
          entry.resume();
          return;
        }
        const chunks: Buffer[] = [];
        entry.on('data', (c: Buffer) => chunks.push(c));
        entry.on('end', () => out.set(inside, new TextDecoder().decode(Buffer.concat(chunks)).replace(/^\uFEFF/, '')));
      },
    });
    parser.on('error', reject);
    parser.on('end', () => resolve(out));
    parser.end(archive);
  });
}
