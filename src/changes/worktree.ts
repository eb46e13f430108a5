/**
 * The diff between a commit and the work tree as it is on disk, untracked files included.
 *
 * `git diff <commit>` would do, but it runs the clean filters and the fsmonitor hook that the
 * repository's config names: code we promised not to run. So the work tree is snapshotted as
 * git objects without filters (`hash-object --no-filters`), into a temporary object store that
 * borrows the repository's objects as an alternate (the repository itself is never written),
 * and the snapshot is diffed like any commit.
 */
import { copyFile, lstat, mkdir, mkdtemp, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ChangedFile } from '../types.js';
import type { GitContext } from './blobs.js';
import { resolveCommit } from './commits.js';
import { gitOutput } from './run-git.js';
import { diffTrees } from './tree-diff.js';

const PARALLEL_STATS = 64;

interface Snapshot {
  path: string;
  mode: string;
  /** The file git hashes: the file itself, or a copy when its name cannot go on a line. */
  source: string;
}

/**
 * The files that differ between commit `base` and the work tree (tracked files as they are on
 * disk, plus untracked files that are not ignored), in the shape of {@link diffCommits}:
 * renames detected, new files `'all'`, binary by content. Lines that differ only by a CR at the
 * end are unchanged, so a CRLF checkout does not turn every line into an added one.
 * Runs no filter, hook or fsmonitor of the repository, and writes nothing to it.
 * Every file of the work tree is hashed, so this costs a read of the whole tree.
 * Paths are relative to the top of the work tree; read their contents from disk (`readFiles`).
 */
export async function diffWorktree(repo: string, base: string): Promise<ChangedFile[]> {
  const commit = await resolveCommit(repo, base);
  const top = (await gitOutput(repo, ['rev-parse', '--show-toplevel'], 'finding the work tree'))
    .toString('utf8')
    .replace(/\n$/, '');
  const objects = resolve(
    top,
    (await gitOutput(top, ['rev-parse', '--git-path', 'objects'], 'finding the object store'))
      .toString('utf8')
      .replace(/\n$/, ''),
  );
  const listing = await gitOutput(
    top,
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    'listing the work tree',
  );
  const paths = [...new Set(listing.toString('utf8').split('\0').filter((p) => p !== ''))];

  const tmp = await mkdtemp(join(tmpdir(), 'architecture-review-'));
  try {
    await mkdir(join(tmp, 'objects'));
    const ctx: GitContext = {
      repo: top,
      env: {
        GIT_OBJECT_DIRECTORY: join(tmp, 'objects'),
        GIT_ALTERNATE_OBJECT_DIRECTORIES: objects,
        GIT_INDEX_FILE: join(tmp, 'index'),
      },
    };
    const entries = await snapshot(top, tmp, paths);
    const hashed =
      entries.length === 0
        ? Buffer.alloc(0)
        : await gitOutput(top, ['hash-object', '-w', '--no-filters', '--stdin-paths'], 'reading the work tree', {
            env: ctx.env!,
            input: entries.map((e) => e.source).join('\n') + '\n',
          });
    const shas = hashed.toString('utf8').split('\n');
    const info = entries.map((e, i) => `${e.mode} ${shas[i]}\t${e.path}\0`).join('');
    await gitOutput(top, ['update-index', '-z', '--index-info'], 'reading the work tree', {
      env: ctx.env!,
      input: info,
    });
    const tree = (await gitOutput(top, ['write-tree'], 'reading the work tree', { env: ctx.env! }))
      .toString('utf8')
      .trim();
    return await diffTrees(ctx, commit, tree, { ignoreCrAtEol: true });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/**
 * Mode and hashing source of each path on disk. Missing paths (deleted files) and folders
 * (submodules) are left out, so they show as deleted or not at all. A symbolic link is stored
 * as git stores it, its target text, and is never followed.
 */
async function snapshot(top: string, tmp: string, paths: string[]): Promise<Snapshot[]> {
  const out: (Snapshot | null)[] = [];
  for (let i = 0; i < paths.length; i += PARALLEL_STATS) {
    const batch = paths.slice(i, i + PARALLEL_STATS);
    out.push(
      ...(await Promise.all(
        batch.map(async (path, j): Promise<Snapshot | null> => {
          const abs = join(top, path);
          const st = await lstat(abs).catch(() => null);
          if (st === null) return null;
          const alias = join(tmp, `file-${i + j}`);
          if (st.isSymbolicLink()) {
            await writeFile(alias, await readlink(abs, { encoding: 'buffer' }));
            return { path, mode: '120000', source: alias };
          }
          if (!st.isFile()) return null;
          const mode = st.mode & 0o111 ? '100755' : '100644';
          // hash-object reads one name per line and drops a trailing CR.
          if (!/[\r\n]/.test(abs)) return { path, mode, source: abs };
          await copyFile(abs, alias);
          return { path, mode, source: alias };
        }),
      )),
    );
  }
  return out.filter((s): s is Snapshot => s !== null);
}
