import { parseArgs } from 'node:util';
import { UsageError } from '../errors.js';

export const FORMATS = ['text', 'markdown', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export interface CommonOptions {
  /** Where rule ids link to; the action sets the README of the version that runs. */
  docsUrl?: string;
  profile?: string;
  rules?: string;
  format: Format;
  failOn: 'question' | 'never';
  output?: string;
  /** audit: detection threads (undefined: the machine's cores, or 1 for a small tree). */
  jobs?: number;
  /** audit: only this shard of the files (`--shard I/N`). */
  shard?: { index: number; count: number };
  /** audit, review: the repository the report names (`--repository owner/name` or its URL). */
  repository?: string;
}

export type Command =
  | { name: 'review'; repo?: string; base: string; head: string; profileFrom: 'base' | 'head'; options: CommonOptions }
  | { name: 'audit'; dir?: string; options: CommonOptions }
  | { name: 'validate'; strict: boolean; options: CommonOptions }
  | { name: 'init'; dir?: string; options: CommonOptions }
  | { name: 'merge'; reports: string[]; options: CommonOptions }
  | { name: 'repositories'; list: import('../fleet-list.js').ListOptions; perJob: number; options: CommonOptions }
  | { name: 'help' }
  | { name: 'version' };

export const USAGE = `Usage:
  architecture-review review  [--repo DIR] --base REF [--head REF] [options]   review a change (git diff base...head)
  architecture-review audit   [DIR] [options]                                  audit every file of a tree
  architecture-review validate [--profile PATH] [--rules PATH] [--strict]      check the profile and rules only
  architecture-review init     [DIR]                                           write a starter profile
  architecture-review merge    REPORT.json... [options]                        merge shards' reports, or repositories' into a fleet report
  architecture-review repositories --org ORG [--topic T] [--name GLOB] [options]  list an organisation's repositories for a fleet audit

Options:
  --profile PATH              service profile (default .github/service-profile.yml)
  --rules PATH                extra rules: add, override or disable rules by id
  --profile-from base|head    review: read profile and rules from the base (default) or head commit
  --format text|markdown|json|sarif   report format (default text; markdown is the PR comment)
  --fail-on question|never    exit 1 when an unaccepted question remains (default question)
  --output FILE               write the report to FILE instead of standard output
  --strict                    validate: a service glob that matches no file is an error, not a warning
  --jobs N                    audit: detect files on N threads (default: every core, one for a small tree)
  --shard I/N                 audit: only the files of shard I of N (by a hash of the path); merge joins them
  --repository OWNER/NAME     audit, review: the repository the report names (or its URL, for GitHub Enterprise Server)
  --org ORG                   repositories: the organisation (token in GITHUB_TOKEN, API at GITHUB_API_URL)
  --topic T, --name GLOB      repositories: only those with every topic T and a name matching a GLOB (each repeatable)
  --include-archived          repositories: also archived repositories (left out by default)
  --include-forks             repositories: also forks (left out by default)
  --per-job N                 repositories: repositories per matrix job (default 1; more when past 256)
  -h, --help                  show this help
  --version                   show the version

Exit status: 0 no unaccepted question (or --fail-on never); 1 an unaccepted question;
2 bad usage, bad profile or rules, or a repository that cannot be read.`;

/** `I/N` with 1 ≤ I ≤ N ≤ 1024. */
export function parseShard(value: string): { index: number; count: number } {
  const m = /^([1-9][0-9]{0,3})\/([1-9][0-9]{0,3})$/.exec(value);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || index > count || count > 1024) throw new UsageError(`--shard must be I/N with 1 ≤ I ≤ N ≤ 1024, like 2/4 (got "${value}")`);
  return { index, count };
}

function jobsValue(value: string): number {
  if (!/^[1-9][0-9]{0,2}$/.test(value) || Number(value) > 256) {
    throw new UsageError(`--jobs must be a whole number from 1 to 256, like 4 (got "${value}")`);
  }
  return Number(value);
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got "${value}")`);
}

const COMMANDS = ['review', 'audit', 'validate', 'init', 'merge', 'repositories'] as const;

/** Parses the command line into a command; throws UsageError with the fix on any mistake. */
export function parseCommand(argv: string[]): Command {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') return { name: 'help' };
  if (name === '--version' || name === '-V') return { name: 'version' };
  if (!(COMMANDS as readonly string[]).includes(name)) {
    throw new UsageError(`unknown command "${name}": use one of ${COMMANDS.join(', ')} (see --help)`);
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        repo: { type: 'string' },
        base: { type: 'string' },
        head: { type: 'string' },
        profile: { type: 'string' },
        rules: { type: 'string' },
        'profile-from': { type: 'string' },
        format: { type: 'string' },
        'fail-on': { type: 'string' },
        output: { type: 'string' },
        strict: { type: 'boolean' },
        jobs: { type: 'string' },
        shard: { type: 'string' },
        repository: { type: 'string' },
        org: { type: 'string' },
        topic: { type: 'string', multiple: true },
        name: { type: 'string', multiple: true },
        'include-archived': { type: 'boolean' },
        'include-forks': { type: 'boolean' },
        'per-job': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    // parseArgs explains the mistake well; keep its first line, drop the stack.
    const text = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new UsageError(`${name}: ${text} (see --help)`, { cause: err });
  }
  const v = parsed.values;
  if (v.help) return { name: 'help' };
  const options: CommonOptions = {
    profile: v.profile,
    rules: v.rules,
    format: oneOf('format', v.format, FORMATS, 'text'),
    failOn: oneOf('fail-on', v['fail-on'], ['question', 'never'] as const, 'question'),
    output: v.output,
    jobs: v.jobs === undefined ? undefined : jobsValue(v.jobs),
    shard: v.shard === undefined ? undefined : parseShard(v.shard),
    repository: v.repository,
  };
  const positionals = parsed.positionals;
  const allow = (max: number, what: string) => {
    if (positionals.length > max) {
      throw new UsageError(`${name}: unexpected argument "${positionals[max]}"${what ? ` (${what})` : ''}`);
    }
  };
  const onlyFor = (option: keyof typeof v, commands: string[]) => {
    if (v[option] !== undefined && !commands.includes(name)) {
      throw new UsageError(`${name}: --${option} is only for ${commands.join(' and ')}`);
    }
  };
  onlyFor('repo', ['review']);
  onlyFor('base', ['review']);
  onlyFor('head', ['review']);
  onlyFor('profile-from', ['review']);
  onlyFor('strict', ['validate']);
  onlyFor('jobs', ['audit']);
  onlyFor('shard', ['audit']);
  onlyFor('repository', ['audit', 'review']);
  for (const o of ['org', 'topic', 'name', 'include-archived', 'include-forks', 'per-job'] as const) onlyFor(o, ['repositories']);

  switch (name) {
    case 'review': {
      allow(0, 'give the repository with --repo DIR');
      if (!v.base) throw new UsageError('review: --base REF is required (for example --base origin/main)');
      const profileFrom = oneOf('profile-from', v['profile-from'], ['base', 'head'] as const, 'base');
      return { name, repo: v.repo, base: v.base, head: v.head ?? 'HEAD', profileFrom, options };
    }
    case 'audit':
      allow(1, 'audit takes one directory');
      return { name, dir: positionals[0], options };
    case 'init':
      allow(1, 'init takes one directory');
      return { name, dir: positionals[0], options };
    case 'merge':
      if (positionals.length === 0) throw new UsageError('merge: give the JSON reports of the shards, like merge shard-1.json shard-2.json');
      if (options.profile !== undefined || options.rules !== undefined) {
        throw new UsageError('merge: --profile and --rules are not for merge: the shards carry the profile and rules they were audited with');
      }
      return { name, reports: positionals, options };
    case 'repositories': {
      allow(0, 'give the organisation with --org ORG');
      if (!v.org) throw new UsageError('repositories: --org ORG is required (the organisation whose repositories to list)');
      if (options.format !== 'text' && options.format !== 'json') throw new UsageError(`repositories: --format must be text or json (got "${options.format}")`);
      const perJob = v['per-job'] === undefined ? 1 : Number(v['per-job']);
      if (!/^[1-9][0-9]{0,3}$/.test(v['per-job'] ?? '1')) throw new UsageError(`--per-job must be a whole number from 1 to 9999, like 5 (got "${v['per-job']}")`);
      const list = { org: v.org, topics: v.topic ?? [], names: v.name ?? [], includeArchived: v['include-archived'] === true, includeForks: v['include-forks'] === true };
      return { name, list, perJob, options };
    }
    default:
      allow(0, '');
      return { name: 'validate', strict: v.strict === true, options };
  }
}
