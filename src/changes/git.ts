/**
 * The local git side of `changes/`: commits, merge base, and the diff of a change. What the CLI
 * needs from a clone, read as data only (see run-git.ts for how git is kept from running code).
 *
 * Every failure is a UsageError with one line saying what failed, in which repository, and how
 * to fix it; git's own output is kept as its `cause`.
 */
import type { ChangeSet, ChangedFile } from '../types.js';
import { mergeBase, resolveCommit } from './commits.js';
import { assertRevision, gitFailure, gitOutput, runGit } from './run-git.js';
import { diffTrees } from './tree-diff.js';
import { isGitWorkTree } from './files.js';

export { mergeBase, resolveCommit } from './commits.js';
export { readBlob, readBlobs, DEFAULT_MAX_FILE_BYTES, type ReadOptions, type SkippedFile } from './blobs.js';
export { isGitWorkTree, listTrackedFiles, openTree, readFiles } from './files.js';
export { diffWorktree } from './worktree.js';

/**
 * The files changed from commit `base` to commit `head`, with the added lines of each
 * (`git diff base..head`; pass the merge base as `base` for a PR-style `base...head`).
 * Renames are detected (a pure rename adds no line; a rename with edits adds only its edited
 * lines); new files have `addedLines: 'all'`; deleted files are listed with no added lines;
 * binary files are flagged and never read; submodules are left out. Binary means binary by
 * content: a `.gitattributes` of the change cannot hide a text file by calling it binary.
 * Paths are relative to the top of the repository, in git's order.
 */
export async function diffCommits(repo: string, base: string, head: string): Promise<ChangedFile[]> {
  assertRevision(base, repo);
  assertRevision(head, repo);
  return diffTrees({ repo }, base, head);
}

/**
 * Everything a review needs about a change, as the CLI's `review --base REF --head REF` asks:
 * both revisions resolved, their merge base, and the diff from the merge base to head
 * (`git diff base...head`), so changes made only on the base branch never appear.
 */
export async function collectChanges(repo: string, baseRef: string, headRef = 'HEAD'): Promise<ChangeSet> {
  // Both are resolved first so that a typo reads "unknown revision X", not a merge-base failure;
  // the merge base then takes the names, so that its errors speak of "main and feature".
  const [, head] = await Promise.all([resolveCommit(repo, baseRef), resolveCommit(repo, headRef)]);
  const from = await mergeBase(repo, baseRef, headRef);
  return { base: from, head, files: await diffCommits(repo, from, head) };
}

/**
 * True when `dir` is inside a git repository (a work tree or a bare repository) that git will
 * read. False when it is not, when it does not exist, or when git cannot be started. Throws a
 * UsageError when git refuses the repository because another user owns it, since "not a
 * repository" would send the user looking in the wrong place.
 */
export async function isGitRepo(dir: string): Promise<boolean> {
  const result = await runGit(dir, ['rev-parse', '--git-dir']).catch(() => null);
  if (result === null) return false;
  if (result.code === 0) return true;
  if (/dubious ownership/.test(result.stderr)) throw await gitFailure(dir, 'opening the repository', result);
  return false;
}

/**
 * Every file path of a commit's tree (`git ls-tree -r`), submodules left out: what a
 * service's globs are held to in a review.
 */
export async function listCommitFiles(repo: string, commit: string): Promise<string[]> {
  assertRevision(commit, repo);
  const out = await gitOutput(repo, ['ls-tree', '-r', '-z', '--full-tree', commit], `listing the files of ${commit.slice(0, 12)}`);
  const files: string[] = [];
  for (const record of out.toString('utf8').split('\0')) {
    const tab = record.indexOf('\t');
    // `<mode> <type> <object>\t<path>`: blobs only (a submodule is a commit).
    if (tab !== -1 && record.slice(0, tab).includes(' blob ')) files.push(record.slice(tab + 1));
  }
  return files;
}

/** The top folder of the work tree `dir` is in, or null for a bare repository. */
export async function workTreeTop(dir: string): Promise<string | null> {
  const result = await runGit(dir, ['rev-parse', '--show-toplevel']);
  return result.code === 0 ? result.stdout.toString('utf8').replace(/\n$/, '') : null;
}

/** The commit checked out in `dir`, or null outside a work tree or before its first commit. */
export async function headCommitOf(dir: string): Promise<string | null> {
  if (!(await isGitWorkTree(dir))) return null;
  const result = await runGit(dir, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  return result.code === 0 ? result.stdout.toString('utf8').trim() : null;
}
