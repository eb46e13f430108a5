/**
 * Real git repositories for tests, built in a temporary folder in a few readable lines:
 *
 * ```ts
 * import { afterAll } from 'vitest';
 * import { makeRepo, removeRepos } from '../support/git-repo.js';
 * afterAll(removeRepos);
 *
 * const repo = makeRepo();                                  // `git init -b main`, empty
 * const base = repo.write('app.py', 'import os\n').commit('base');   // returns the sha
 * repo.branch('feature').checkout('feature');
 * repo.write('app.py', 'import os\nimport threading\n').rename('a.py', 'b.py').remove('old.py');
 * const head = repo.commit('feature');
 * repo.sha('main');                                          // any revision → full sha
 * repo.git('log', '--oneline');                               // any git command → stdout
 * ```
 *
 * Writers (`write`, `writeBytes`, `rename`, `remove`, `chmod`, `symlink`, `branch`, `checkout`)
 * return the repo, so they chain; `commit` stages everything (`git add -A`) and returns the new
 * sha. Paths are POSIX, relative to the repository; folders are created as needed.
 *
 * The repositories do not depend on the machine's git config: the builder's git runs with no
 * global or system config, a fixed identity and dates, `commit.gpgsign=false`, no hooks, and
 * `core.autocrlf=false`. (The code under test runs with the real environment, as users do.)
 * Every repository lives under one temporary folder per test file; call `removeRepos()` in
 * `afterAll` to delete them.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A git repository in a temporary folder, with chainable helpers. */
export interface TestRepo {
  /** Absolute path of the work tree. */
  readonly dir: string;
  /** Runs `git <args>` in the repository and returns stdout as text (untrimmed). */
  git(...args: string[]): string;
  /** Writes a text file (creating folders). */
  write(path: string, text: string): TestRepo;
  /** Writes raw bytes (binary files). */
  writeBytes(path: string, bytes: Uint8Array): TestRepo;
  /** Moves a file in the work tree; `commit` records it (git detects the rename). */
  rename(from: string, to: string): TestRepo;
  /** Deletes a file or folder from the work tree. */
  remove(path: string): TestRepo;
  /** Sets the file mode (`0o755` to make it executable). */
  chmod(path: string, mode: number): TestRepo;
  /** Creates a symbolic link at `path` pointing to `target` (as written, relative or absolute). */
  symlink(target: string, path: string): TestRepo;
  /** Stages everything and commits; returns the new commit's sha. Empty commits are allowed. */
  commit(message: string): string;
  /** Creates a branch at `from` (default: HEAD) without switching to it. */
  branch(name: string, from?: string): TestRepo;
  /** Switches to a branch, or detaches HEAD at any other revision. */
  checkout(ref: string): TestRepo;
  /** The full sha of a revision (default HEAD). */
  sha(ref?: string): string;
  /** The repository's `file://` URL, for `git clone --depth 1 <url>`. */
  readonly url: string;
}

/** Options of {@link makeRepo}. */
export interface MakeRepoOptions {
  /** Name of the first branch (default `main`). */
  branch?: string;
  /** Create a bare repository (no work tree): `write` and friends then throw. */
  bare?: boolean;
}

let root: string | undefined;
let counter = 0;

/** The temporary folder all repositories of this test file live in. */
export function tempRoot(): string {
  root ??= mkdtempSync(join(tmpdir(), 'ar-test-'));
  return root;
}

/** A fresh empty folder under the temporary root (for non-git trees, clones, …). */
export function makeTempDir(name = 'dir'): string {
  const dir = join(tempRoot(), `${name}-${++counter}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Deletes every repository and folder made by this module. Use in `afterAll`. */
export function removeRepos(): void {
  if (root !== undefined) rmSync(root, { recursive: true, force: true });
  root = undefined;
}

/**
 * Environment of the builder's own git: no user or system config, fixed identity and dates,
 * so commits are reproducible and nothing of the machine leaks in.
 */
const GIT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.org',
  GIT_COMMITTER_NAME: 'Test Author',
  GIT_COMMITTER_EMAIL: 'author@example.org',
  GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z',
  GIT_TERMINAL_PROMPT: '0',
  LC_ALL: 'C',
};
for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY']) delete GIT_ENV[name];

/** Runs git in `cwd` for test setup; throws with git's stderr when it fails. */
export function runTestGit(cwd: string, args: string[]): string {
  try {
    return execFileSync('git', args, {
      cwd,
      env: GIT_ENV,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`git ${args.join(' ')} failed in ${cwd}: ${err.stderr ?? err.message}`, { cause: e });
  }
}

const LOCAL_CONFIG: [string, string][] = [
  ['user.name', 'Test Author'],
  ['user.email', 'author@example.org'],
  ['commit.gpgsign', 'false'],
  ['tag.gpgsign', 'false'],
  ['core.autocrlf', 'false'],
  ['core.hooksPath', '/dev/null'],
];

/** Creates an empty repository (no commit yet) in a new temporary folder. */
export function makeRepo(options: MakeRepoOptions = {}): TestRepo {
  const dir = makeTempDir('repo');
  runTestGit(dir, ['init', '-q', ...(options.bare ? ['--bare'] : []), '-b', options.branch ?? 'main', '.']);
  for (const [key, value] of LOCAL_CONFIG) runTestGit(dir, ['config', key, value]);
  return wrapRepo(dir);
}

/**
 * Clones `source` into a new temporary folder: `git clone <args> file://…`. Pass
 * `['--depth', '1', '--branch', 'feature']` for a shallow clone (the `file://` URL makes
 * `--depth` work on a local source).
 */
export function cloneRepo(source: TestRepo, args: string[] = []): TestRepo {
  const dir = makeTempDir('clone');
  runTestGit(tempRoot(), ['clone', '-q', ...args, source.url, dir]);
  for (const [key, value] of LOCAL_CONFIG) runTestGit(dir, ['config', key, value]);
  return wrapRepo(dir);
}

/** Helpers around an existing work tree. */
export function wrapRepo(dir: string): TestRepo {
  const at = (path: string): string => join(dir, ...path.split('/'));
  const repo: TestRepo = {
    dir,
    url: pathToFileURL(dir).href,
    git: (...args) => runTestGit(dir, args),
    write(path, text) {
      mkdirSync(dirname(at(path)), { recursive: true });
      writeFileSync(at(path), text);
      return repo;
    },
    writeBytes(path, bytes) {
      mkdirSync(dirname(at(path)), { recursive: true });
      writeFileSync(at(path), bytes);
      return repo;
    },
    rename(from, to) {
      mkdirSync(dirname(at(to)), { recursive: true });
      renameSync(at(from), at(to));
      return repo;
    },
    remove(path) {
      rmSync(at(path), { recursive: true, force: true });
      return repo;
    },
    chmod(path, mode) {
      chmodSync(at(path), mode);
      return repo;
    },
    symlink(target, path) {
      mkdirSync(dirname(at(path)), { recursive: true });
      symlinkSync(target, at(path));
      return repo;
    },
    commit(message) {
      runTestGit(dir, ['add', '-A']);
      runTestGit(dir, ['commit', '-q', '--allow-empty', '--no-verify', '-m', message]);
      return repo.sha();
    },
    branch(name, from) {
      runTestGit(dir, ['branch', name, ...(from === undefined ? [] : [from])]);
      return repo;
    },
    checkout(ref) {
      runTestGit(dir, ['checkout', '-q', ref]);
      return repo;
    },
    sha(ref = 'HEAD') {
      return runTestGit(dir, ['rev-parse', '--verify', `${ref}^{commit}`]).trim();
    },
  };
  return repo;
}
