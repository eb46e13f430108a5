/**
 * Commits by name, and where two histories meet.
 */
import { UsageError } from '../errors.js';
import { assertRevision, gitFailure, runGit } from './run-git.js';

/**
 * Resolves a branch, tag, `HEAD`, `HEAD~2` or (abbreviated) sha to the full sha of a commit.
 * Throws "unknown revision X in REPO: fetch it or check the name" when there is no such commit,
 * pointing at `origin/X` when that exists (CI checkouts often have only the remote branch).
 */
export async function resolveCommit(repo: string, ref: string): Promise<string> {
  assertRevision(ref, repo);
  const result = await runGit(repo, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (result.code === 0) return result.stdout.toString('utf8').trim();
  // rev-parse --quiet is silent about a missing revision; any message is a repository problem.
  if (result.stderr.trim() !== '') throw await gitFailure(repo, `resolving ${ref}`, result);
  let hint = '';
  if (!ref.startsWith('origin/')) {
    const remote = await runGit(repo, ['rev-parse', '--verify', '--quiet', `refs/remotes/origin/${ref}^{commit}`]);
    if (remote.code === 0) hint = ` (origin/${ref} exists: use that)`;
  }
  throw new UsageError(`unknown revision ${ref} in ${repo}: fetch it or check the name${hint}`);
}

/**
 * The best common ancestor of two commits, as a sha: where a branch left the base, so that
 * changes made on the base branch since then are not taken for changes of the branch.
 * Throws a UsageError when there is none, saying whether the clone is shallow (the usual cause
 * in CI, fixed by fetching more history) or the two histories are unrelated.
 */
export async function mergeBase(repo: string, a: string, b: string): Promise<string> {
  assertRevision(a, repo);
  assertRevision(b, repo);
  const result = await runGit(repo, ['merge-base', a, b]);
  if (result.code === 0) return result.stdout.toString('utf8').trim();
  // Exit 1 with nothing said means "no common ancestor"; anything else is a real failure.
  if (result.code !== 1 || result.stderr.trim() !== '') {
    throw await gitFailure(repo, `finding the merge base of ${a} and ${b}`, result);
  }
  const shallow = await runGit(repo, ['rev-parse', '--is-shallow-repository']);
  if (shallow.stdout.toString('utf8').trim() === 'true') {
    throw new UsageError(
      `no merge base between ${a} and ${b} in ${repo}: the clone is shallow, so their common history ` +
        `is missing; fetch more history (actions/checkout with fetch-depth: 0, or git fetch --unshallow)`,
    );
  }
  throw new UsageError(
    `no merge base between ${a} and ${b} in ${repo}: they share no history; compare branches of the same project`,
  );
}
