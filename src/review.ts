import { detectFile } from './detect/index.js';
import { ConfigError, type Problem } from './errors.js';
import { runEngine, wantsFile, type SourceFile } from './engine.js';
import { diffProfiles, type ProfileEdit } from './evaluate/profile-edit.js';
import { profileFromText, ruleSetFrom } from './load-config.js';
import { serviceFor } from './profile/services.js';
import { unmatchedGlobProblem, unmatchedGlobs } from './profile/unmatched.js';
import { checkAcceptedRules } from './rules/check-accepted.js';
import type { Rule } from './rules/schema.js';
import type { ReadOptions, SkippedFile } from './changes/git.js';
import { WHOLE_PROFILE, type ChangedFile, type ChangeSet, type Profile, type ProfileSource, type Report } from './types.js';

/**
 * Where a review gets its change and its files: a local git repository for the CLI, the
 * GitHub API (or the runner's checkout) for the action, a fake in tests.
 */
export interface ReviewSource {
  /** The change: merge base of base and head, head, and the changed files with added lines. */
  changes(): Promise<ChangeSet>;
  /**
   * Reads many files at one commit in as few round trips as the source allows; null when
   * missing, or when larger than `options.maxBytes` (then `options.onSkip` is told).
   */
  readFiles(commit: string, paths: string[], options?: ReadOptions): Promise<Map<string, string | null>>;
  /**
   * Every file path at a commit, when the source can list them at a small cost (a clone, one
   * API request); null when it cannot. The service globs of the profile are held to them.
   */
  listFiles?(commit: string): Promise<string[] | null>;
}

export interface ReviewOptions {
  /** The base commit as given (the PR's base), where the profile and rules are read from by default. */
  baseCommit: string;
  profilePath: string;
  rulesPath?: string;
  profileFrom: 'base' | 'head';
  acceptLabel?: string;
  docsUrl: string;
  notes?: string[];
}

export interface ReviewResult {
  report: Report;
  rules: Rule[];
  changes: ChangeSet;
}

/**
 * Reviews one change: reads the profile and rules from the trusted commit, finds what the
 * change introduces, and evaluates it. Throws ConfigError for a bad profile or rules file,
 * before anything is published.
 */
export async function reviewChange(source: ReviewSource, options: ReviewOptions): Promise<ReviewResult> {
  const changes = await source.changes();
  const configCommit = options.profileFrom === 'base' ? options.baseCommit : changes.head;
  const configPaths = [options.profilePath, ...(options.rulesPath ? [options.rulesPath] : [])];
  const config = await readConfig(source, configCommit, configPaths);

  const profileText = config.get(options.profilePath) ?? null;
  const profile = await profileFromText(profileText, options.profilePath);
  const profileSource: ProfileSource = { path: options.profilePath, from: options.profileFrom, found: profileText !== null };
  let rules: Rule[];
  if (options.rulesPath) {
    const rulesText = config.get(options.rulesPath) ?? null;
    if (rulesText === null) {
      throw new ConfigError([
        {
          file: options.rulesPath,
          line: 1,
          col: 1,
          message: `rules file not found at the ${options.profileFrom} commit ${configCommit.slice(0, 12)}: commit it to the ${options.profileFrom} branch first, or drop the rules option`,
        },
      ]);
    }
    rules = await ruleSetFrom({ text: rulesText, file: options.rulesPath });
  } else {
    rules = await ruleSetFrom();
  }

  checkAcceptedRules(profile, rules, options.profilePath);

  const profileEdit = await findProfileEdit(source, changes, options.profilePath);

  const wanted = changes.files
    .filter((f) => f.status !== 'deleted' && !f.binary && wantsFile(profile, f.path))
    .map((f) => crossServiceRename(profile, f));
  const unread = new Map<string, number>();
  const texts = await source.readFiles(
    changes.head,
    wanted.map((f) => f.path),
    { onSkip: (s) => unread.set(s.path, s.size) },
  );
  const { bases, removed } = await readBases(source, changes, profile, wanted, texts);
  function* files(): Iterable<SourceFile> {
    for (const f of wanted) {
      const text = texts.get(f.path) ?? null;
      const size = unread.get(f.path);
      if (text === null && size === undefined) continue;
      const basePath = f.previousPath ?? f.path;
      const baseText = bases.get(basePath);
      const base = baseText == null ? undefined : { path: basePath, text: baseText };
      yield { path: f.path, text, addedLines: f.addedLines, size, base };
    }
  }
  const notes = [...(options.notes ?? [])];
  if (changes.truncated) notes.push(changes.truncated);
  let warnings: Problem[] = [];
  if (profileText !== null && profile.services.length > 0 && source.listFiles) {
    const headFiles = await source.listFiles(changes.head);
    if (headFiles) {
      const where = `at the head commit ${changes.head.slice(0, 12)}`;
      warnings = unmatchedGlobs(profile, headFiles).map((u) => unmatchedGlobProblem(u, options.profilePath, where));
    }
  }

  const report = await runEngine({
    mode: 'review',
    base: changes.base,
    head: changes.head,
    profile,
    profileSource,
    rules,
    files: files(),
    profileEdit,
    acceptLabel: options.acceptLabel,
    docsUrl: options.docsUrl,
    notes,
    warnings,
    removed,
  });
  return { report, rules, changes };
}

/**
 * The base version of the files whose comparison can tell that the change moved or reworded
 * what it adds (see `introducedFlags` and `MovedUses` in engine.ts): in every service where an
 * added line holds a signal, each modified or renamed file (its own base, and what it lost)
 * and each deleted one (what it held may now be elsewhere in the service). One read for all
 * of them, at the merge base; a change that adds no signal needs none.
 */
async function readBases(
  source: ReviewSource,
  changes: ChangeSet,
  profile: Profile,
  wanted: ChangeSet['files'],
  texts: Map<string, string | null>,
): Promise<{ bases: Map<string, string | null>; removed: { path: string; text: string }[] }> {
  const adding = new Set<string>();
  for (const f of wanted) {
    if (f.addedLines !== 'all' && f.addedLines.size === 0) continue;
    const text = texts.get(f.path);
    if (text == null) continue;
    const added = f.addedLines;
    const detection = detectFile(f.path, text);
    if (detection?.signals.some((s) => added === 'all' || added.has(s.line))) adding.add(serviceFor(profile, f.path).name);
  }
  if (adding.size === 0) return { bases: new Map(), removed: [] };
  const paths: string[] = [];
  const deleted: string[] = [];
  for (const f of wanted) {
    if ((f.status !== 'modified' && f.status !== 'renamed') || f.addedLines === 'all') continue;
    if (texts.get(f.path) == null || !adding.has(serviceFor(profile, f.path).name)) continue;
    paths.push(f.previousPath ?? f.path);
  }
  const gone = changes.files.filter((f) => f.status === 'deleted' && !f.binary).map((f) => f.path);
  // A file renamed into another service left its old one as a deletion would (see crossServiceRename).
  for (const f of wanted) {
    if (f.status === 'renamed' && f.previousPath !== undefined && serviceFor(profile, f.previousPath).name !== serviceFor(profile, f.path).name) {
      gone.push(f.previousPath);
    }
  }
  for (const path of gone) {
    if (wantsFile(profile, path) && adding.has(serviceFor(profile, path).name)) deleted.push(path);
  }
  if (paths.length + deleted.length === 0) return { bases: new Map(), removed: [] };
  const bases = await source.readFiles(changes.base, [...paths, ...deleted]);
  const removed: { path: string; text: string }[] = [];
  for (const path of deleted) {
    const text = bases.get(path);
    if (text != null) removed.push({ path, text });
  }
  return { bases, removed };
}

/**
 * A file renamed from one service into another is, for the service it enters, a new file: all
 * its lines are added and the file at its old path is not its base (a service's choice is its
 * own; see `MovedUses` in engine.ts). For the service it leaves, it is a deletion.
 */
function crossServiceRename(profile: Profile, f: ChangedFile): ChangedFile {
  if (f.status !== 'renamed' || f.previousPath === undefined || f.addedLines === 'all') return f;
  if (serviceFor(profile, f.previousPath).name === serviceFor(profile, f.path).name) return f;
  return { ...f, addedLines: 'all' };
}

/**
 * Configuration files are small; one that is not must be reported as too large, never taken
 * for a missing file (a missing profile means "nothing declared", a different review).
 */
const CONFIG_MAX_BYTES = 16 * 1024 * 1024;

async function readConfig(source: ReviewSource, commit: string, paths: string[]): Promise<Map<string, string | null>> {
  const skipped: SkippedFile[] = [];
  const texts = await source.readFiles(commit, paths, { maxBytes: CONFIG_MAX_BYTES, onSkip: (s) => skipped.push(s) });
  if (skipped.length > 0) {
    throw new ConfigError(
      skipped.map((s) => ({
        file: s.path,
        line: 1,
        col: 1,
        message: `the file is ${(s.size / 1024 / 1024).toFixed(1)} MiB, too large for a configuration file (at most ${CONFIG_MAX_BYTES / 1024 / 1024} MiB): keep it to what it declares`,
      })),
    );
  }
  return texts;
}

/** When the change touches the profile, what it flips, compared at the merge base. */
async function findProfileEdit(source: ReviewSource, changes: ChangeSet, path: string): Promise<ProfileEdit | undefined> {
  const touched = changes.files.find((f) => f.path === path || f.previousPath === path);
  if (!touched) return undefined;
  const [before, after] = await Promise.all([
    readConfig(source, changes.base, [touched.previousPath ?? path]),
    touched.status === 'deleted' ? Promise.resolve(new Map<string, string | null>()) : readConfig(source, changes.head, [path]),
  ]);
  const beforeText = before.get(touched.previousPath ?? path) ?? null;
  const afterText = after.get(path) ?? null;
  const beforeProfile = beforeText === null ? null : await safeProfile(beforeText, path);
  // The head version must be valid: a change that breaks the profile would break every later run.
  const afterProfile = await profileFromText(afterText, path);
  const edit = diffProfiles(path, beforeProfile, afterProfile);
  if (afterText === null) edit.flips.unshift({ service: WHOLE_PROFILE, change: 'the profile is deleted', line: 1 });
  return edit;
}

/** The merge base's profile may predate today's schema; an unreadable one counts as absent. */
async function safeProfile(text: string, path: string): Promise<Profile | null> {
  try {
    return await profileFromText(text, path);
  } catch {
    return null;
  }
}
