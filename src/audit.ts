import { existsSync } from 'node:fs';
import { readdir, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { headCommitOf, isGitWorkTree, listTrackedFiles, openTree } from './changes/git.js';
import type { CommonOptions } from './cli/args.js';
import { closestMatches } from './config/suggest.js';
import { DOCS_URL } from './docs.js';
import { runEngine, wantsFile, type SourceFile } from './engine.js';
import { UsageError } from './errors.js';
import { profileFromText, ruleSetFrom } from './load-config.js';
import { PROFILE_PATH } from './profile/defaults.js';
import { unmatchedGlobProblem, unmatchedGlobs } from './profile/unmatched.js';
import { checkAcceptedRules } from './rules/check-accepted.js';
import { detectInParallel, jobsFor } from './parallel/pool.js';
import { recordShard, shardOf, type ShardData } from './shard.js';
import { detectFile } from './detect/index.js';
import { parseRepository } from './repository.js';
import type { Rule } from './rules/schema.js';
import type { Report } from './types.js';

export async function readOptional(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * A profile or rules file inside an audited tree belongs to the tree, so it is read on the
 * tree's terms: only when it stays inside it. A symbolic link out of the tree (to a secret, or
 * to a profile that would justify everything) is refused, as the tree's other files are
 * skipped; an action auditing a checkout must not read outside the workspace. A file named
 * outside the tree (`--profile ~/profiles/shop.yml` on the command line) is read as named.
 */
async function assertStaysInTree(dir: string, file: string, what: string): Promise<void> {
  const top = path.resolve(dir);
  const inTree = (p: string, root: string) => {
    const rel = path.relative(root, p);
    return rel !== '' && !path.isAbsolute(rel) && rel.split(path.sep)[0] !== '..';
  };
  if (!inTree(file, top)) return;
  const [realTop, real] = await Promise.all([realpath(top).catch(() => top), realpath(file).catch(() => null)]);
  // A missing file (or a dangling link) is simply absent; reading it will say so.
  if (real === null || inTree(real, realTop)) return;
  throw new UsageError(
    `${what} ${path.relative(top, file)} leads outside ${top} (a symbolic link to ${real}): an audit reads only files inside the tree; replace the link with the file itself`,
  );
}

/**
 * The existing file whose path is closest to `file`, a missing one, when it is close enough to
 * be a typo of it: the files of its folder, or of the nearest folder that exists and the folders
 * in it, when the folder itself is mistyped (`.githb/service-profile.yml`).
 */
export async function similarFile(file: string): Promise<string | undefined> {
  let folder = path.dirname(file);
  while (!existsSync(folder) && path.dirname(folder) !== folder) folder = path.dirname(folder);
  const candidates: string[] = [];
  const list = async (dir: string, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isFile()) candidates.push(path.relative(folder, p));
      else if (e.isDirectory() && depth > 0 && e.name !== 'node_modules' && e.name !== '.git') await list(p, depth - 1);
    }
  };
  await list(folder, path.dirname(file) === folder ? 0 : 2);
  if (candidates.length > 5000) return undefined;
  const [best] = closestMatches(path.relative(folder, file), candidates.sort());
  return best === undefined ? undefined : path.join(folder, best);
}

/** The error for a file named on the command line that does not exist. */
export async function noSuchFile(option: string, given: string, file: string, cwd: string): Promise<UsageError> {
  const similar = await similarFile(file);
  const hint = similar ? ` (did you mean ${path.relative(cwd, similar) || similar}?)` : '';
  return new UsageError(`${option} ${given}: no such file${hint}: give the path of an existing file, or leave the option out for the default`);
}

/**
 * The text of the rules file `rules` names (null: none given), and its path as reports show it.
 * `inTree`: the file belongs to an audited tree, and is read on the tree's terms.
 */
async function readRulesFrom(cwd: string, rules: string | undefined, options: { inTree?: boolean } = {}): Promise<{ text: string; file: string } | null> {
  if (!rules) return null;
  const file = path.resolve(cwd, rules);
  if (options.inTree) await assertStaysInTree(cwd, file, 'rules file');
  const text = await readOptional(file);
  if (text === null) throw await noSuchFile('--rules', rules, file, cwd);
  return { text, file: path.relative(cwd, file) || file };
}

export async function loadRulesFrom(cwd: string, rules: string | undefined, options: { inTree?: boolean } = {}): Promise<Rule[]> {
  return ruleSetFrom((await readRulesFrom(cwd, rules, options)) ?? undefined);
}

/**
 * Every file of a tree (tracked files in a git work tree), profile and rules from disk.
 * `init` audits without a profile, since it is about to write one.
 */
export async function auditTree(
  dir: string,
  options: CommonOptions,
  { withProfile = true } = {},
): Promise<{ report: Report; rules: Rule[] }> {
  if (!existsSync(dir)) throw new UsageError(`audit: ${dir} does not exist`);
  const repository = options.repository === undefined ? null : parseRepository(options.repository, null);
  const profileFile = path.resolve(dir, options.profile ?? PROFILE_PATH);
  if (withProfile) await assertStaysInTree(dir, profileFile, 'profile');
  const profileText = withProfile ? await readOptional(profileFile) : null;
  // The default profile may be absent (every need not declared); one named on purpose may not.
  if (withProfile && profileText === null && options.profile !== undefined) {
    throw await noSuchFile('--profile', options.profile, profileFile, dir);
  }
  const profilePath = path.relative(dir, profileFile) || profileFile;
  const profile = await profileFromText(profileText, profilePath);
  const rulesRead = await readRulesFrom(dir, options.rules, { inTree: true });
  const rules = await ruleSetFrom(rulesRead ?? undefined);
  checkAcceptedRules(profile, rules, profilePath);
  const tracked = await listTrackedFiles(dir);
  const notes = tracked.length === 0 ? [await emptyTreeNote(dir)] : [];
  const shard = options.shard;
  const paths = tracked.filter((p) => wantsFile(profile, p) && (!shard || shardOf(p, shard.count) === shard.index));
  const warnings = unmatchedGlobs(profile, tracked).map((u) => unmatchedGlobProblem(u, profilePath, 'in the tree'));
  // Read one file after the other: the engine keeps signals, never contents, so memory stays
  // flat on large trees. The reader refuses paths that lead outside the tree (symbolic links, `..`).
  const tooLarge = new Map<string, number>();
  const tree = openTree(dir, { onSkip: (s) => tooLarge.set(s.path, s.size) });
  function* files(): Iterable<SourceFile> {
    for (const p of paths) {
      // Bytes, not text: the detectors decode only what they need (most of a Go file is never
      // decoded), and the engine is done with them before the next read reuses the buffer.
      const text = tree.readBytes(p);
      const size = tooLarge.get(p);
      if (text !== null || size !== undefined) yield { path: p, text, addedLines: 'all', size };
    }
  }
  const jobs = jobsFor(options.jobs, paths.length);
  const detected = jobs > 1 ? detectInParallel(dir, paths, jobs) : files();
  const data: ShardData | undefined = shard
    ? { ...shard, profile: { path: profilePath, text: profileText }, rules: rulesRead, files: [], unread: [], notes, warnings }
    : undefined;
  const report = await runEngine({
    mode: 'audit',
    base: null,
    head: null,
    profile,
    profileSource: { path: profilePath, from: 'worktree', found: profileText !== null },
    rules,
    // The same files in the same order, detected on worker threads: the same report.
    files: data ? recordShard(detected, withDetection, data) : detected,
    docsUrl: options.docsUrl ?? DOCS_URL,
    notes,
    warnings,
  });
  if (data) report.shard = data;
  report.repository = repository && { ...repository, commit: await headCommitOf(dir) };
  return { report, rules };
}

/** A file with its detection done here (as a worker would), so a shard can record it. */
function withDetection(file: SourceFile): SourceFile {
  if (file.detection !== undefined || file.text === null) return file;
  return { ...file, text: null, detection: detectFile(file.path, file.text) };
}

/**
 * Why an audit found nothing to read, so that "all clear" on an empty tree is not taken for a
 * verdict: in a git work tree only tracked files count, and files not yet added are not.
 */
async function emptyTreeNote(dir: string): Promise<string> {
  if (await isGitWorkTree(dir)) {
    return `No file is tracked by git in ${dir}: an audit reads the files git tracks, so nothing was read. Add them (\`git add\`; a commit is not needed) and run it again.`;
  }
  return `${dir} holds no file to read: nothing was audited.`;
}

