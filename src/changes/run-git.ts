/**
 * The one place that starts git. Everything in `changes/` goes through {@link runGit}, so the
 * hardening below holds for every call: the repository is read as data, never run.
 */
import { stat } from 'node:fs/promises';
import { lazyBuiltin } from '../lazy-builtin.js';
import { UsageError } from '../errors.js';

/** node:child_process, loaded with the first git command: an audit of a folder outside git starts none. */
const childProcess = lazyBuiltin<typeof import('node:child_process')>('node:child_process');

/**
 * Config given on the command line wins over every config file, including a `.git/config`
 * that came with a repository someone handed us. Each entry closes a way for config to start a
 * program: hooks, the fsmonitor daemon, an external diff, a pager. Textconv and external diff
 * drivers are also switched off per command (`--no-textconv`, `--no-ext-diff`); clean/smudge
 * filters are never needed because no command here converts work-tree files (see worktree.ts).
 * System and global config stay readable on purpose: they hold `safe.directory`, which CI
 * containers rely on, and nothing in them can make these commands run code after these overrides.
 */
const HARDENING = [
  '-c', 'core.hooksPath=/dev/null',
  '-c', 'core.fsmonitor=false',
  '-c', 'core.pager=cat',
  '-c', 'diff.external=',
  // Fixed quoting so the diff reader sees the same escapes whatever the user's config says.
  '-c', 'core.quotePath=true',
  '--no-pager',
];

/**
 * Variables a parent git (a hook running this tool, say) may have set, which would point these
 * commands at another repository or index than the one given with `-C`, or start programs.
 */
const DROPPED_ENV = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_COMMON_DIR',
  'GIT_NAMESPACE',
  'GIT_PREFIX',
  'GIT_EXTERNAL_DIFF',
  'GIT_DIFF_OPTS',
  'GIT_PAGER',
  'PAGER',
];

/** Builds the environment of one git process. */
function gitEnv(extra: Record<string, string> | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of DROPPED_ENV) delete env[name];
  // Never wait for a password, never take locks for a read, never fetch a missing object of a
  // partial clone behind the user's back (git ≥ 2.44; ignored before), and speak English so the
  // messages below can be recognised.
  env.GIT_TERMINAL_PROMPT = '0';
  env.GIT_OPTIONAL_LOCKS = '0';
  env.GIT_NO_LAZY_FETCH = '1';
  env.LC_ALL = 'C';
  env.LANGUAGE = 'C';
  return { ...env, ...extra };
}

/** How to run one git command. */
export interface GitCall {
  /** Extra environment (a temporary index or object directory). */
  env?: Record<string, string>;
  /** Written to stdin, which is then closed. */
  input?: string | Buffer;
  /** Receives stdout as it comes; `stdout` of the result is then empty. */
  onStdout?: (chunk: Buffer) => void;
}

/** What one git command gave. */
export interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

const STDERR_CAP = 64 * 1024;

/**
 * Runs `git -C repo <hardening> ...args` without a shell. Resolves with the exit code whatever
 * it is (callers decide what a failure means); rejects with a UsageError only when git itself
 * cannot be started.
 */
export function runGit(repo: string, args: readonly string[], call: GitCall = {}): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = childProcess().spawn('git', ['-C', repo, ...HARDENING, ...args], {
      env: gitEnv(call.env),
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (call.onStdout) call.onStdout(chunk);
      else out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (err.length < STDERR_CAP) err += chunk.toString('utf8');
    });
    // git may exit before reading all of stdin (a fatal error); the exit code tells the story.
    child.stdin.on('error', () => {});
    child.on('error', (e: NodeJS.ErrnoException) => {
      reject(
        e.code === 'ENOENT'
          ? new UsageError('git is not installed or not on PATH: install git (2.30 or newer)', { cause: e })
          : new UsageError(`cannot start git in ${repo}: ${e.message}`, { cause: e }),
      );
    });
    child.on('close', (code, signal) => {
      resolve({ code: code ?? (signal ? 128 : 1), stdout: Buffer.concat(out), stderr: err });
    });
    if (call.input !== undefined) child.stdin.end(call.input);
    else child.stdin.end();
  });
}

/**
 * Runs git and returns stdout, or throws a one-line UsageError naming what failed, where, and
 * how to fix it. `what` reads as a noun phrase: "listing the files", "reading the diff".
 */
export async function gitOutput(
  repo: string,
  args: readonly string[],
  what: string,
  call: GitCall = {},
): Promise<Buffer> {
  const result = await runGit(repo, args, call);
  if (result.code !== 0) throw await gitFailure(repo, what, result);
  return result.stdout;
}

/**
 * Turns a failed git command into a UsageError whose message is one line a user can act on.
 * The raw git output stays reachable as `cause`.
 */
export async function gitFailure(repo: string, what: string, result: GitResult): Promise<UsageError> {
  const cause = new Error(`git exited with ${result.code}: ${result.stderr.trim()}`);
  const known = await knownProblem(repo, result.stderr);
  if (known !== null) return new UsageError(known, { cause });
  return new UsageError(`${what} failed in ${repo}: ${gitMessage(result.stderr)}`, { cause });
}

/** The repository-level problems that every command can hit, in words that say what to do. */
async function knownProblem(repo: string, stderr: string): Promise<string | null> {
  if (/cannot change to|No such file or directory/.test(stderr) && !(await exists(repo))) {
    return `repository folder ${repo} does not exist: check the path`;
  }
  if (/not a git repository/i.test(stderr)) {
    return `${repo} is not a git repository (nor inside one): give the folder of a git clone`;
  }
  if (/dubious ownership/.test(stderr)) {
    return (
      `git refuses to read ${repo} because another user owns it: ` +
      `if you trust it, run git config --global --add safe.directory ${repo}`
    );
  }
  return null;
}

/** The first `fatal:`/`error:` line of git's stderr, without the prefix; the first line otherwise. */
export function gitMessage(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const main = lines.find((l) => /^(fatal|error):/.test(l)) ?? lines[0] ?? 'git failed without a message';
  return main.replace(/^(fatal|error):\s*/, '');
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Refuses a revision that git would read as an option (`--output=...`). Names from users, the
 * event payload or a config file all pass through here before they reach a command line.
 */
export function assertRevision(ref: string, repo: string): void {
  if (ref === '' || ref.startsWith('-') || /[\0\n\r]/.test(ref)) {
    throw new UsageError(`${JSON.stringify(ref)} is not a valid revision for ${repo}: give a branch, tag or commit`);
  }
}
