/**
 * The files of a folder for an audit: git's list when the folder is in a work tree, a careful
 * walk otherwise; and reading them from disk with the same limits as reading them from git.
 */
import type { Dirent } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { DEFAULT_MAX_FILE_BYTES, decodeText, type ReadOptions } from './blobs.js';
import { gitFailure, gitOutput, runGit } from './run-git.js';

/**
 * Folders a walk outside git never enters: version-control data, installed dependencies and
 * caches. A folder holding `pyvenv.cfg` (a Python virtualenv) is skipped too: thousands of
 * third-party files that would drown the project's own.
 */
const SKIPPED_DIRS = new Set(['.git', '.hg', '.svn', 'node_modules', '__pycache__', '.tox', '.nox']);

/** How many files are read from disk at once. */
const PARALLEL_READS = 32;

/**
 * True when `dir` is inside a git work tree (not a bare repository, not inside `.git`). False
 * when it is not, or when git cannot be started. Throws a UsageError when git refuses the
 * repository (owned by another user): quietly walking it instead would list ignored files.
 */
export async function isGitWorkTree(dir: string): Promise<boolean> {
  const result = await runGit(dir, ['rev-parse', '--is-inside-work-tree']).catch(() => null);
  if (result === null) return false;
  if (result.code === 0) return result.stdout.toString('utf8').trim() === 'true';
  if (/dubious ownership/.test(result.stderr)) throw await gitFailure(dir, 'checking the work tree', result);
  return false;
}

/**
 * The files under `dir`, as sorted POSIX paths relative to `dir`.
 * In a git work tree: the tracked files (`git ls-files`), so ignored build output stays out;
 * submodules are left out. Elsewhere: a walk that skips `.git`, `node_modules`, caches and
 * virtualenvs, and does not follow symbolic links to folders. In both cases a symbolic link
 * counts only when it points to a file inside `dir`, so nothing outside `dir` is ever listed.
 * Throws a UsageError when `dir` does not exist or is not a folder.
 */
export async function listTrackedFiles(dir: string): Promise<string[]> {
  const root = await realFolder(dir);
  if (await isGitWorkTree(dir)) return listGitFiles(dir, root);
  return walk(dir, root);
}

/**
 * Reads files of `dir` from disk as text, in parallel, with the limits of `readBlobs`: null when
 * a path is missing, not a file, larger than `maxBytes`, or leads outside `dir` (through `..`
 * or a symbolic link). A leading byte-order mark is dropped.
 */
export async function readFiles(
  dir: string,
  paths: readonly string[],
  options: ReadOptions = {},
): Promise<Map<string, string | null>> {
  const root = await realFolder(dir);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const result = new Map<string, string | null>();
  const unique = [...new Set(paths)];
  for (let i = 0; i < unique.length; i += PARALLEL_READS) {
    const batch = unique.slice(i, i + PARALLEL_READS);
    const texts = await Promise.all(
      batch.map(async (path): Promise<string | null> => {
        const real = await insideRealPath(root, join(dir, path));
        if (real === null || isAbsolute(path)) return null;
        const st = await stat(real).catch(() => null);
        if (st === null || !st.isFile()) return null;
        if (st.size > maxBytes) {
          options.onSkip?.({ path, reason: 'too-large', size: st.size });
          return null;
        }
        const buf = await readFile(real).catch(() => null);
        return buf === null ? null : decodeText(buf);
      }),
    );
    batch.forEach((path, j) => result.set(path, texts[j] ?? null));
  }
  return result;
}

async function realFolder(dir: string): Promise<string> {
  let st;
  try {
    st = await stat(dir);
  } catch (e) {
    throw new UsageError(`folder ${dir} does not exist: check the path`, { cause: e });
  }
  if (!st.isDirectory()) throw new UsageError(`${dir} is not a folder: give the folder to audit`);
  return realpath(dir);
}

async function listGitFiles(dir: string, root: string): Promise<string[]> {
  // -z: names as they are (no quoting), any byte but NUL allowed. --stage gives the mode, to
  // tell files from symbolic links and submodules. Paths come relative to `dir`.
  const out = await gitOutput(dir, ['ls-files', '-z', '--stage'], 'listing the tracked files');
  const files = new Set<string>();
  for (const record of out.toString('utf8').split('\0')) {
    const tab = record.indexOf('\t');
    if (tab === -1) continue;
    const mode = record.slice(0, 6);
    const path = record.slice(tab + 1);
    if (mode === '160000') continue;
    if (mode === '120000' && !(await isFileInside(root, join(dir, path)))) continue;
    files.add(path);
  }
  return [...files].sort();
}

async function walk(dir: string, root: string): Promise<string[]> {
  const files: string[] = [];
  const pending = [''];
  while (pending.length > 0) {
    const rel = pending.pop()!;
    let entries: Dirent[];
    try {
      entries = await readdir(join(dir, rel), { withFileTypes: true });
    } catch (e) {
      if (rel === '') throw new UsageError(`cannot list folder ${dir}: ${(e as Error).message}`, { cause: e });
      continue; // an unreadable subfolder is not the user's question
    }
    for (const entry of entries) {
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (SKIPPED_DIRS.has(entry.name)) continue;
        if (await stat(join(dir, path, 'pyvenv.cfg')).catch(() => null)) continue;
        pending.push(path);
      } else if (entry.isFile()) {
        files.push(path);
      } else if (entry.isSymbolicLink() && (await isFileInside(root, join(dir, path)))) {
        files.push(path);
      }
    }
  }
  return files.sort();
}

/** True when `path`, links resolved, is a regular file inside the real folder `root`. */
async function isFileInside(root: string, path: string): Promise<boolean> {
  const real = await insideRealPath(root, path);
  if (real === null) return false;
  return (await stat(real).catch(() => null))?.isFile() ?? false;
}

/** The real path of `path` when it exists and lies inside `root`; null otherwise. */
async function insideRealPath(root: string, path: string): Promise<string | null> {
  const real = await realpath(path).catch(() => null);
  if (real === null) return null;
  const rel = relative(root, real);
  if (rel === '' || isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`)) return null;
  return real;
}
