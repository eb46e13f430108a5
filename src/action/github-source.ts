import { Parser, type ReadEntry } from 'tar';
import { addedLinesFromPatch } from '../changes/diff.js';
import { DEFAULT_MAX_FILE_BYTES, type ReadOptions, diffCommits, listCommitFiles, mergeBase, readBlobs, resolveCommit } from '../changes/git.js';
import type { ReviewSource } from '../review.js';
import type { ChangedFile, ChangeSet } from '../types.js';
import { explainGitHubError, isRecord, listAll, unexpectedAnswer, type GitHubClient } from './github-client.js';

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

/** What the files API must send for each file; anything else is not a list of changed files. */
function isPullFile(v: unknown): v is PullFile {
  return isRecord(v) && typeof v.filename === 'string' && v.filename !== '' && typeof v.status === 'string';
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
    const doing = `listing the files of pull request #${number}`;
    try {
      files = await listAll(
        this.octokit,
        'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
        { owner, repo, pull_number: number },
        isPullFile,
        doing,
        'a list of changed files',
      );
    } catch (err) {
      throw explainGitHubError(err, doing);
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

  async readFiles(commit: string, paths: string[], options: ReadOptions = {}): Promise<Map<string, string | null>> {
    if (paths.length === 0) return new Map();
    if (this.workspace && (await this.inCheckout(commit))) return readBlobs(this.workspace, commit, paths, options);
    if (paths.length <= SINGLE_FILE_FETCHES) {
      const out = new Map<string, string | null>();
      const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
      for (const p of paths) {
        let text = await this.fetchContent(commit, p);
        const size = text === null ? 0 : Buffer.byteLength(text);
        if (size > maxBytes) {
          options.onSkip?.({ path: p, reason: 'too-large', size });
          text = null;
        }
        out.set(p, text);
      }
      return out;
    }
    return this.fetchFromTarball(commit, paths, options);
  }

  /**
   * Every file path at `commit`, from the checkout when it has the commit; else null, and the
   * profile's globs go unchecked: a recursive tree listing would cost every review without a
   * checkout one more request, and the globs are checked again by the next push's audit.
   */
  async listFiles(commit: string): Promise<string[] | null> {
    if (this.workspace && (await this.inCheckout(commit))) return listCommitFiles(this.workspace, commit);
    return null;
  }

  private async fetchContent(ref: string, path: string): Promise<string | null> {
    const { owner, repo } = this.pr;
    const doing = `reading ${path} at ${ref.slice(0, 12)}`;
    let data: unknown;
    try {
      const res = await this.octokit.rest.repos.getContent({
        owner,
        repo,
        path,
        ref,
        mediaType: { format: 'raw' },
      });
      data = res.data;
    } catch (err) {
      if ((err as { status?: number }).status === 404) return null;
      throw explainGitHubError(err, doing);
    }
    // The raw media type answers text; without a charset Octokit hands over the bytes.
    if (typeof data === 'string') return data;
    if (data instanceof ArrayBuffer) return new TextDecoder().decode(data).replace(/^\uFEFF/, '');
    throw unexpectedAnswer(doing, 'the text of a file', data);
  }

  private async fetchFromTarball(ref: string, paths: string[], options: ReadOptions): Promise<Map<string, string | null>> {
    const { owner, repo } = this.pr;
    const doing = `downloading the files of ${ref.slice(0, 12)}`;
    let data: unknown;
    try {
      const res = await this.octokit.rest.repos.downloadTarballArchive({ owner, repo, ref });
      data = res.data;
    } catch (err) {
      throw explainGitHubError(err, doing);
    }
    if (!(data instanceof ArrayBuffer) || data.byteLength === 0) throw unexpectedAnswer(doing, 'a tar.gz archive', data);
    try {
      return await extractFiles(Buffer.from(data), paths, options);
    } catch (err) {
      throw unexpectedAnswer(doing, `a readable tar.gz archive (${(err as Error).message})`, data);
    }
  }
}

/**
 * Reads the wanted files out of a GitHub tarball (gzip, one top folder named after the
 * commit). Files over the size cap are left out, as the git reader does.
 */
export function extractFiles(archive: Buffer, paths: string[], options: ReadOptions = {}): Promise<Map<string, string | null>> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const wanted = new Set(paths);
  const out = new Map<string, string | null>(paths.map((p) => [p, null]));
  return new Promise((resolve, reject) => {
    const parser = new Parser({
      onReadEntry: (entry: ReadEntry) => {
        const inside = entry.path.replace(/^[^/]*\//, '');
        if (entry.type === 'File' && wanted.has(inside) && (entry.size ?? 0) > maxBytes) {
          options.onSkip?.({ path: inside, reason: 'too-large', size: entry.size ?? 0 });
        }
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
