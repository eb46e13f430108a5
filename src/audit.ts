import { existsSync } from 'node:fs';
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { listTrackedFiles, openTree } from './changes/git.js';
import type { CommonOptions } from './cli/args.js';
import { DOCS_URL } from './docs.js';
import { runEngine, wantsFile, type SourceFile } from './engine.js';
import { UsageError } from './errors.js';
import { profileFromText, ruleSetFrom } from './load-config.js';
import { PROFILE_PATH } from './profile/defaults.js';
import { checkAcceptedRules } from './rules/check-accepted.js';
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

export async function loadRulesFrom(cwd: string, rules: string | undefined, options: { inTree?: boolean } = {}): Promise<Rule[]> {
  if (!rules) return ruleSetFrom();
  const file = path.resolve(cwd, rules);
  if (options.inTree) await assertStaysInTree(cwd, file, 'rules file');
  const text = await readOptional(file);
  if (text === null) throw new UsageError(`--rules ${rules}: no such file`);
  return ruleSetFrom({ text, file: path.relative(cwd, file) || file });
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
  const profileFile = path.resolve(dir, options.profile ?? PROFILE_PATH);
  if (withProfile) await assertStaysInTree(dir, profileFile, 'profile');
  const profileText = withProfile ? await readOptional(profileFile) : null;
  const profilePath = path.relative(dir, profileFile) || profileFile;
  const profile = await profileFromText(profileText, profilePath);
  const rules = await loadRulesFrom(dir, options.rules, { inTree: true });
  checkAcceptedRules(profile, rules, profilePath);
  const paths = (await listTrackedFiles(dir)).filter((p) => wantsFile(profile, p));
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
  const report = await runEngine({
    mode: 'audit',
    base: null,
    head: null,
    profile,
    profileSource: { path: profilePath, from: 'worktree', found: profileText !== null },
    rules,
    files: files(),
    docsUrl: options.docsUrl ?? DOCS_URL,
  });
  return { report, rules };
}

