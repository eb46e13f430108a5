/**
 * The files of a folder for an audit: git's list when the folder is in a work tree, a careful
 * walk otherwise; and reading them from disk with the same limits as reading them from git.
 *
 * Disk access is synchronous on purpose. An audit reads thousands of small files that are
 * nearly always in the page cache; Node's promise API spends four thread-pool round trips per
 * file (open, fstat, read, close) and a Stats object per call, which measured 3 to 4 times
 * slower than the same system calls made in line (BENCHMARKS.md). An audit reads with one
 * {@link openTree} reader, file by file, between the engine's steps; nothing else waits on the
 * event loop meanwhile (the action publishes only once the report is done).
 */
import type { Dirent } from 'node:fs';
import { closeSync, constants, existsSync, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { decodeText } from '../utf8.js';
import { DEFAULT_MAX_FILE_BYTES, type ReadOptions } from './blobs.js';
import { gitFailure, gitOutput, runGit } from './run-git.js';

/**
 * Folders a walk outside git never enters: version-control data, installed dependencies and
 * caches. A folder holding `pyvenv.cfg` (a Python virtualenv) is skipped too: thousands of
 * third-party files that would drown the project's own.
 */
const SKIPPED_DIRS = new Set(['.git', '.hg', '.svn', 'node_modules', '__pycache__', '.tox', '.nox']);

/** `open` flag that refuses a symbolic link as the last part of a path; 0 where there is none (Windows). */
const O_NOFOLLOW: number = constants.O_NOFOLLOW ?? 0;
/**
 * How files are opened: read only, and without waiting (a named pipe with no writer would
 * block `open` forever); `fstat` then turns away whatever is not a regular file.
 */
const OPEN_FLAGS: number = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * True when `dir` is inside a git work tree (not a bare repository, not inside `.git`). False
 * when it is not, or when git cannot be started. Throws a UsageError when git refuses the
 * repository (owned by another user): quietly walking it instead would list ignored files.
 */
export async function isGitWorkTree(dir: string): Promise<boolean> {
  // git finds a work tree only through a `.git` in the folder or one above it (the variables
  // that could say otherwise are not passed to it: run-git.ts). Without one, starting git to
  // hear "no" would cost more than listing a small tree.
  if (!hasDotGitAbove(dir)) return false;
  const result = await runGit(dir, ['rev-parse', '--is-inside-work-tree']).catch(() => null);
  if (result === null) return false;
  if (result.code === 0) return result.stdout.toString('utf8').trim() === 'true';
  if (/dubious ownership/.test(result.stderr)) throw await gitFailure(dir, 'checking the work tree', result);
  return false;
}

/** True when `dir` or a folder above it holds a `.git` entry (a folder, or a file naming one). */
function hasDotGitAbove(dir: string): boolean {
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return true;
    if (dirname(d) === d) return false;
  }
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
  const root = realFolder(dir);
  if (await isGitWorkTree(dir)) return listGitFiles(dir, root);
  return walk(dir, root);
}

/**
 * Reads files of `dir` from disk as text, with the limits of `readBlobs`: null when a path is
 * missing, not a file, larger than `maxBytes`, or leads outside `dir` (through `..` or a
 * symbolic link). A leading byte-order mark is dropped.
 *
 * Where a file lies is checked without a `realpath` per file: the folder that holds it is
 * resolved once (and cached for the call), and the file itself is opened with `O_NOFOLLOW`,
 * so that a file opened that way is a regular entry of a folder known to be inside `dir`.
 * Only a symbolic link (the open fails) takes the slow way: resolved in full, then checked.
 */
export async function readFiles(
  dir: string,
  paths: readonly string[],
  options: ReadOptions = {},
): Promise<Map<string, string | null>> {
  const reader = openTree(dir, options);
  const result = new Map<string, string | null>();
  for (const path of paths) {
    if (!result.has(path)) result.set(path, reader.read(path));
  }
  return result;
}

/**
 * A reader of files inside `dir`, each read in line with {@link readFiles}' limits: for an audit,
 * which reads every file of a tree one after the other, and resolves each folder only once.
 */
export function openTree(dir: string, options: ReadOptions = {}): TreeFiles {
  return new TreeReader(dir, options);
}

/** What {@link openTree} returns. */
export interface TreeFiles {
  /** A file's text (see {@link readFiles}), or null. */
  read(path: string): string | null;
  /**
   * A file's bytes, undecoded, or null as for `read`. The bytes are a view of the reader's own
   * buffer: valid until the next call, so use them (or copy them) before that.
   */
  readBytes(path: string): Buffer | null;
}

/** Reads files inside one folder; see {@link readFiles}. */
class TreeReader implements TreeFiles {
  private readonly root: string;
  private readonly maxBytes: number;
  /** Each folder seen, by its path as given, to its real path when inside the root (else null). */
  private readonly folders = new Map<string, string | null>();

  constructor(
    private readonly dir: string,
    private readonly options: ReadOptions,
  ) {
    this.root = realFolder(dir);
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  }

  read(path: string): string | null {
    const bytes = this.readBytes(path);
    return bytes === null ? null : decodeText(bytes);
  }

  readBytes(path: string): Buffer | null {
    if (isAbsolute(path)) return null;
    let full: string;
    let entry: string;
    const slash = path.lastIndexOf('/');
    if (sep === '/' && isPlainPath(path)) {
      // The common case, a listed path: no `.` or `..` part to resolve, and no `path.join`
      // (which normalizes) per file.
      full = `${this.dir}/${path}`;
      const folder = this.realFolderOf(slash === -1 ? '' : path.slice(0, slash), true);
      if (folder === null) return null;
      entry = `${folder}/${path.slice(slash + 1)}`;
    } else {
      full = join(this.dir, path);
      const folder = this.realFolderOf(relative(this.dir, dirname(full)), false);
      if (folder === null) return null;
      entry = join(folder, basename(full));
    }
    let fd: number;
    try {
      fd = this.openEntry(entry);
    } catch (e) {
      if (!isSymbolicLinkRefused(e)) return null;
      // A symbolic link: follow it, and read it only when its target is inside the root.
      const real = insideRealPath(this.root, full);
      if (real === null) return null;
      try {
        fd = openSync(real, OPEN_FLAGS);
      } catch {
        return null;
      }
    }
    try {
      return this.readOpen(fd, path);
    } catch {
      return null;
    } finally {
      closeSync(fd);
    }
  }

  /** Opens an entry that must not be a symbolic link; throws ELOOP (or a marker error) when it is one. */
  private openEntry(entry: string): number {
    if (O_NOFOLLOW === 0 && lstatSync(entry).isSymbolicLink()) throw Object.assign(new Error('symbolic link'), { code: 'ELOOP' });
    return openSync(entry, OPEN_FLAGS | O_NOFOLLOW);
  }

  private readOpen(fd: number, path: string): Buffer | null {
    // Reads to the end, at most one byte past the limit, with no fstat first: Node builds a
    // Stats object (four Dates in it) per call, which cost more than the read for small files.
    // Only an empty or too large read asks what the entry is: a named pipe (opened without
    // waiting) reads as empty, a device as endless.
    const limit = this.maxBytes + 1;
    let buffer: Buffer = sharedBuffer;
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length >= limit) break;
        buffer = growSharedBuffer(Math.min(limit, length * 2), length);
      }
      const n = readSync(fd, buffer, length, Math.min(buffer.length, limit) - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length === 0 || length > this.maxBytes) {
      const st = fstatSync(fd);
      if (!st.isFile()) return null;
      if (length > this.maxBytes) {
        this.options.onSkip?.({ path, reason: 'too-large', size: Math.max(st.size, length) });
        return null;
      }
    }
    return buffer.subarray(0, length);
  }

  /**
   * The real path of a folder given relative to `dir` (`''` for `dir` itself), or null outside
   * the root. A `plain` folder (no `.` or `..` part) is found from its parent's real path with
   * one `lstat`: a folder that is not a symbolic link lies in its parent's real path, so only a
   * link needs resolving in full (a `realpath` reads every part of the path again).
   */
  private realFolderOf(folder: string, plain: boolean): string | null {
    let real = this.folders.get(folder);
    if (real !== undefined) return real;
    if (folder === '') {
      real = insideOrRoot(this.root, this.dir);
    } else if (plain) {
      const slash = folder.lastIndexOf('/');
      const parent = this.realFolderOf(slash === -1 ? '' : folder.slice(0, slash), true);
      // Under a parent outside the root, a link may lead back in: resolve that rare case in full.
      real = parent === null ? this.resolveFolder(folder) : this.childFolder(parent, folder.slice(slash + 1), folder);
    } else {
      real = this.resolveFolder(folder);
    }
    this.folders.set(folder, real);
    return real;
  }

  /** The real path of `folder`, whose parent's real path is `parent` and last part is `name`. */
  private childFolder(parent: string, name: string, folder: string): string | null {
    const entry = `${parent}/${name}`;
    let st;
    try {
      st = lstatSync(entry);
    } catch {
      return null; // missing, or not to be looked into (EACCES, ENOTDIR), as realpath would say
    }
    if (st.isDirectory()) return entry;
    return st.isSymbolicLink() ? this.resolveFolder(folder) : null;
  }

  /** The real path of `folder`, every part resolved, when inside the root (else null). */
  private resolveFolder(folder: string): string | null {
    return insideOrRoot(this.root, join(this.dir, folder));
  }
}

/** A relative POSIX path with no empty, `.` or `..` part (and no backslash): it needs no normalizing. */
function isPlainPath(path: string): boolean {
  if (path === '' || path.includes('//') || path.includes('\\') || path.endsWith('/')) return false;
  if (path === '.' || path === '..' || path.startsWith('./') || path.startsWith('../')) return false;
  return !path.includes('/./') && !path.includes('/../') && !path.endsWith('/.') && !path.endsWith('/..');
}

/** One buffer for every read: `readBytes` returns a view of it, used (or decoded) before the next read. */
let sharedBuffer: Buffer = Buffer.allocUnsafe(1 << 16);

/** A larger shared buffer of `size` bytes, holding the first `keep` bytes of the old one. */
function growSharedBuffer(size: number, keep: number): Buffer {
  const larger = Buffer.allocUnsafe(size);
  sharedBuffer.copy(larger, 0, 0, keep);
  sharedBuffer = larger;
  return larger;
}

/** ELOOP is what `open` with O_NOFOLLOW says of a symbolic link (EMLINK on FreeBSD). */
function isSymbolicLinkRefused(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ELOOP' || code === 'EMLINK';
}

function realFolder(dir: string): string {
  let st;
  try {
    st = statSync(dir);
  } catch (e) {
    throw new UsageError(`folder ${dir} does not exist: check the path`, { cause: e });
  }
  if (!st.isDirectory()) throw new UsageError(`${dir} is not a folder: give the folder to audit`);
  return realpathSync.native(dir);
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
    if (mode === '120000' && !isFileInside(root, join(dir, path))) continue;
    files.add(path);
  }
  return [...files].sort();
}

function walk(dir: string, root: string): string[] {
  const files: string[] = [];
  const pending = [''];
  while (pending.length > 0) {
    const rel = pending.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(rel === '' ? dir : join(dir, rel), { withFileTypes: true });
    } catch (e) {
      if (rel === '') throw new UsageError(`cannot list folder ${dir}: ${(e as Error).message}`, { cause: e });
      continue; // an unreadable subfolder is not the user's question
    }
    // A virtualenv below the root is skipped whole: its `pyvenv.cfg` is among its own entries.
    if (rel !== '' && entries.some((e) => e.name === 'pyvenv.cfg') && exists(join(dir, rel, 'pyvenv.cfg'))) continue;
    const kept: string[] = [];
    for (const entry of entries) {
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) pending.push(path);
      } else if (entry.isFile()) {
        kept.push(path);
      } else if (entry.isSymbolicLink() && isFileInside(root, join(dir, path))) {
        kept.push(path);
      }
    }
    for (const path of kept) files.push(path);
  }
  return files.sort();
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** True when `path`, links resolved, is a regular file inside the real folder `root`. */
function isFileInside(root: string, path: string): boolean {
  const real = insideRealPath(root, path);
  if (real === null) return false;
  try {
    return statSync(real).isFile();
  } catch {
    return false;
  }
}

/** The real path of `path` when it exists and lies inside `root`; null otherwise. */
function insideRealPath(root: string, path: string): string | null {
  const real = realPathOrNull(path);
  if (real === null) return null;
  const rel = relative(root, real);
  if (rel === '' || isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`)) return null;
  return real;
}

/** Like {@link insideRealPath}, for a folder: the root itself counts as inside. */
function insideOrRoot(root: string, path: string): string | null {
  const real = realPathOrNull(path);
  if (real === null) return null;
  const rel = relative(root, real);
  if (rel !== '' && (isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`))) return null;
  return real;
}

function realPathOrNull(path: string): string | null {
  try {
    return realpathSync.native(path);
  } catch {
    return null;
  }
}
