import { closeSync, existsSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { diffCommits, isGitWorkTree, listCommitFiles, listTrackedFiles, mergeBase, readBlobs, resolveCommit, workTreeTop } from '../changes/git.js';
import { DOCS_URL, VERSION } from '../docs.js';
import { ConfigError, formatProblem, isUserError, UsageError, type Problem } from '../errors.js';
import { PROFILE_PATH } from '../profile/defaults.js';
import { renderReport } from './render.js';
import { profileFromText } from '../load-config.js';
import { reviewChange, type ReviewSource } from '../review.js';
import type { Rule } from '../rules/schema.js';
import type { Report } from '../types.js';
import { parseCommand, USAGE, type CommonOptions } from './args.js';
import { writeStarterProfile } from './init.js';
import { checkAcceptedRules } from '../rules/check-accepted.js';
import { auditTree, loadRulesFrom, noSuchFile, readOptional } from '../audit.js';
import { unmatchedGlobProblem, unmatchedGlobs } from '../profile/unmatched.js';
import { parseRepository } from '../repository.js';

/** Where the CLI writes and what it knows of its surroundings; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** Colour in text reports only on a terminal. */
  isTTY: boolean;
  /** Where `repositories` finds its token and API (default process.env). */
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs one command line and returns the exit status (0, 1 or 2, SPEC 7). Errors the user can
 * fix become plain lines on stderr; nothing is thrown.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (err) {
    if (isUserError(err)) {
      const lines = 'problems' in err ? err.problems.map(formatProblem) : [err.message];
      for (const line of lines) io.stderr(`architecture-review: ${line}\n`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr(`architecture-review: internal error: ${message.split('\n')[0]} (please report this)\n`);
    return 2;
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const command = parseCommand(argv);
  switch (command.name) {
    case 'help':
      io.stdout(`${USAGE}\n`);
      return 0;
    case 'version':
      io.stdout(`${VERSION}\n`);
      return 0;
    case 'review': {
      const repo = path.resolve(io.cwd, command.repo ?? '.');
      const profilePath = toRepoPath(command.options.profile ?? PROFILE_PATH, '--profile');
      const rulesPath = command.options.rules ? toRepoPath(command.options.rules, '--rules') : undefined;
      const repository = command.options.repository === undefined ? null : parseRepository(command.options.repository, null);
      const baseCommit = await resolveCommit(repo, command.base);
      const headCommit = await resolveCommit(repo, command.head);
      const source: ReviewSource = {
        async changes() {
          const base = await mergeBase(repo, baseCommit, headCommit);
          return { base, head: headCommit, files: await diffCommits(repo, base, headCommit) };
        },
        readFiles: (commit, paths, options) => readBlobs(repo, commit, paths, options),
        listFiles: (commit) => listCommitFiles(repo, commit),
      };
      const { report, rules } = await reviewChange(source, {
        baseCommit,
        profilePath,
        rulesPath,
        profileFrom: command.profileFrom,
        docsUrl: DOCS_URL,
      });
      report.repository = repository && { ...repository, commit: report.head };
      if (!report.profile.found) {
        await explainMissingProfile(repo, profilePath, command.profileFrom, command.profileFrom === 'base' ? baseCommit : headCommit, io);
      }
      printWarnings(report.warnings, io);
      return emit(report, rules, command.options, io);
    }
    case 'audit': {
      const dir = path.resolve(io.cwd, command.dir ?? '.');
      const { report, rules } = await auditTree(dir, command.options);
      printWarnings(report.warnings, io);
      return emit(report, rules, command.options, io);
    }
    case 'validate': {
      const profileFile = path.resolve(io.cwd, command.options.profile ?? PROFILE_PATH);
      const profileText = await readOptional(profileFile);
      if (profileText === null && command.options.profile !== undefined) {
        throw await noSuchFile('--profile', command.options.profile, profileFile, io.cwd);
      }
      const shown = path.relative(io.cwd, profileFile) || profileFile;
      const profile = await profileFromText(profileText, shown);
      const rules = await loadRulesFrom(io.cwd, command.options.rules);
      checkAcceptedRules(profile, rules, shown);
      // The globs are held to the files of the checkout validated from, when run in one.
      const warnings = profileText === null || !(await isGitWorkTree(io.cwd)) ? [] : unmatchedGlobs(profile, await listTrackedFiles(io.cwd)).map((u) => unmatchedGlobProblem(u, shown, 'in the tree'));
      if (command.strict && warnings.length > 0) throw new ConfigError(warnings);
      printWarnings(warnings, io);
      const profileLine =
        profileText === null
          ? `no profile at ${shown}: every need counts as not declared`
          : `${shown}: valid, ${profile.services.length} service(s), ${profile.accept.length} acceptance(s)`;
      io.stdout(`${profileLine}\nrules: ${rules.length} rule(s) loaded\n`);
      return 0;
    }
    case 'init': {
      const dir = path.resolve(io.cwd, command.dir ?? '.');
      const written = await writeStarterProfile(dir, command.options.profile ?? PROFILE_PATH);
      io.stdout(written);
      return 0;
    }
    case 'merge': {
      const { mergeReports } = await import('../fleet.js');
      const merged = await mergeReports(command.reports, async (name) => {
        const text = await readOptional(path.resolve(io.cwd, name));
        if (text === null) throw new UsageError(`merge: ${name}: no such file: give the path of an audit's JSON report`);
        return text;
      });
      if (merged.kind === 'report') {
        printWarnings(merged.report.warnings, io);
        return emit(merged.report, merged.rules, command.options, io);
      }
      const { renderFleet } = await import('./render.js');
      write(renderFleet(merged.fleet, command.options.format), command.options, io);
      return merged.fleet.conclusion === 'question' && command.options.failOn === 'question' ? 1 : 0;
    }
    case 'repositories': {
      const env = io.env ?? process.env;
      const token = env.GITHUB_TOKEN || env.GH_TOKEN;
      if (!token) throw new UsageError('repositories: no token: set GITHUB_TOKEN (a GitHub App token or a fine-grained token with Contents: read on the organisation\'s repositories)');
      const [{ createGitHubClient, requestTimeoutFromEnv }, { listRepositories, toMatrix }] = await Promise.all([import('../action/github-client.js'), import('../fleet-list.js')]);
      const octokit = createGitHubClient({
        token,
        baseUrl: env.GITHUB_API_URL || 'https://api.github.com',
        log: (m) => io.stderr(`architecture-review: ${m}\n`),
        // A refusal becomes one line of what to do; Octokit's own line for it would be a second.
        octokitLog: () => {},
        requestTimeoutMs: requestTimeoutFromEnv(env),
      });
      const listing = await listRepositories(octokit, command.list);
      const matrix = toMatrix(listing.repositories, command.perJob);
      io.stderr(
        `architecture-review: ${listing.repositories.length} of ${listing.listed} repositories of ${command.list.org} to audit, in ${matrix.include.length} job(s) of up to ${matrix.perJob} (${listing.requests} request(s))\n`,
      );
      const text =
        command.options.format === 'json'
          ? `${JSON.stringify({ org: command.list.org, count: listing.repositories.length, listed: listing.listed, perJob: matrix.perJob, jobs: matrix.include.length, matrix: { include: matrix.include } })}\n`
          : listing.repositories.map((r) => `${r.name}\n`).join('');
      write([text], command.options, io);
      return 0;
    }
  }
}

/** Problems of the profile that do not stop the run, one line each on stderr. */
function printWarnings(warnings: readonly Problem[], io: CliIo): void {
  for (const w of warnings) io.stderr(`architecture-review: warning: ${formatProblem(w)}\n`);
}

/**
 * A review read no profile: when the working tree has one, the user is most likely testing a
 * profile not yet committed, so say why it was not used and how to use it.
 */
async function explainMissingProfile(repo: string, profilePath: string, from: 'base' | 'head', commit: string, io: CliIo): Promise<void> {
  const top = await workTreeTop(repo);
  if (top === null || !existsSync(path.join(top, profilePath))) return;
  const how =
    from === 'base'
      ? 'to try it on this change, commit it on the branch and add --profile-from head; to make it count for every review, commit it to the base branch'
      : 'commit it on the branch, then review again';
  io.stderr(
    `architecture-review: note: ${profilePath} is in the working tree but not at the ${from} commit ${commit.slice(0, 12)}, so this review used no profile (every need not declared); ${how}\n`,
  );
}

/** Profile and rules paths in a review are paths inside the repository, read from a commit. */
function toRepoPath(p: string, option: string): string {
  const normal = path.posix.normalize(p.replaceAll('\\', '/'));
  if (path.posix.isAbsolute(normal) || normal === '..' || normal.startsWith('../')) {
    throw new UsageError(`${option} ${p}: in a review the file is read from a commit, so give a path inside the repository`);
  }
  return normal;
}

async function emit(report: Report, rules: Rule[], options: CommonOptions, io: CliIo): Promise<number> {
  write(renderReport(report, rules, options.format, { color: io.isTTY && !options.output, docsUrl: DOCS_URL }), options, io);
  return report.conclusion === 'question' && options.failOn === 'question' ? 1 : 0;
}

/** Writes a report's pieces to `--output` or standard output, one after the other. */
function write(chunks: Iterable<string>, options: CommonOptions, io: CliIo): void {
  if (options.output) {
    const file = path.resolve(io.cwd, options.output);
    let fd: number;
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      fd = openSync(file, 'w');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const reason =
        code === 'EISDIR'
          ? 'it is a folder'
          : code === 'ENOTDIR' || code === 'EEXIST'
            ? 'a part of its path is a file, not a folder'
            : (err as Error).message;
      throw new UsageError(`--output ${options.output}: cannot write the report to ${file} (${reason}): give a file path you can write`, { cause: err });
    }
    // Written in line, piece by piece, as stdout is: each piece is garbage as soon as it is
    // written, so a large JSON report never piles up in memory waiting for the disk.
    try {
      for (const chunk of chunks) writeSync(fd, chunk);
    } finally {
      closeSync(fd);
    }
  } else {
    let last = '';
    for (const chunk of chunks) {
      if (chunk === '') continue;
      io.stdout(chunk);
      last = chunk;
    }
    if (!last.endsWith('\n')) io.stdout('\n');
  }
}
