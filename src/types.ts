/**
 * The data that flows through the pipeline: detectors produce signals, the profile gives
 * services, the evaluator turns both into findings, and the report renders them.
 * Every stage after `changes/` works on these plain objects only.
 */
import type { Problem } from './errors.js';

/** The constructs the detectors look for (SPEC 4). Stable names: they appear in reports. */
export const SIGNAL_KINDS = [
  'golang',
  'threads',
  'asyncio',
  'greenlets',
  'multiprocessing',
  'cython',
  'cython-nogil',
  'cython-parallel',
  'numba',
] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/**
 * Extra facts a detector attaches to a signal:
 * - `nogil`: numba with `nogil=True` (a GIL release, like `cython-nogil`);
 * - `parallel`: numba with `parallel=True`;
 * - `async-server`: an async server or worker (gevent/eventlet worker class, gevent.pywsgi,
 *   aiohttp.web), which matters for the frontend-congestion anti-rule;
 * - `import`: the evidence is an import (Python) or a dependency (manifests, server config);
 * - `file`: the signal stands for the whole file (a `.go` file without go statements, a `.pyx`,
 *   a `go.mod`);
 * - `use`: the code does what the signal names: creates a thread, process, pool, event loop or
 *   greenlet, subclasses a worker, runs a `go` statement or a `with nogil:` block, chooses an
 *   async worker class. Signals without it are mentions (imports, dependencies, locks and
 *   queues, `nogil` declarations, channel operations): context for the reader, never the
 *   reason a rule fires (JSON `role`).
 */
export type SignalTag = 'nogil' | 'parallel' | 'async-server' | 'import' | 'file' | 'use';

/**
 * The syntax a signal stands on, where it is syntax rather than a name: Python's
 * `async def` / `await` / `async for` / `async with`, Go's `go` statement, channel `send` and
 * `receive`, Cython's `with nogil` block and `nogil` function qualifier.
 */
export type Construct =
  | 'async def'
  | 'await'
  | 'async for'
  | 'async with'
  | 'go'
  | 'send'
  | 'receive'
  | 'with nogil'
  | 'nogil function';

/** One occurrence of a signal in one file, as a detector reports it. */
export interface DetectedSignal {
  signal: SignalKind;
  /** 1-based line of the evidence. */
  line: number;
  /** The source line, trimmed, at most 200 characters. */
  evidence: string;
  tags?: SignalTag[];
  /** For an import: the watched module it names, dotted (`concurrent.futures`, `gevent.pywsgi`). */
  module?: string;
  construct?: Construct;
  /**
   * How the stack's own idiom started it, for the message, when it is not the obvious module:
   * "pygolang's `go`", "Cython's `pthread_create`".
   */
  idiom?: string;
}

/** True when the signal is a use of what it names, not a mention (see {@link SignalTag}). */
/**
 * The `service` of a finding about the profile as a whole rather than one of its services (a
 * PR that adds an `accept:` or `ignore:` entry): in the JSON report it is `*`, and the comment
 * says "the whole profile".
 */
export const WHOLE_PROFILE = '*';

/** How a finding's service reads in a report: its name, or "the whole profile". */
export function serviceWords(service: string, code: (name: string) => string): string {
  return service === WHOLE_PROFILE ? 'the whole profile' : `service ${code(service)}`;
}

export function isUse(signal: { tags?: readonly SignalTag[] }): boolean {
  return signal.tags?.includes('use') ?? false;
}

/** `# architecture-review: accept <rule-id> -- <reason>` found in a comment. */
export interface InlineAcceptance {
  /** 1-based line of the comment itself; it accepts findings on this line and the next. */
  line: number;
  rule: string;
  reason: string;
}

/** What a detector returns for one file. */
export interface Detection {
  signals: DetectedSignal[];
  acceptances: InlineAcceptance[];
}

/** A signal placed in the repository: which file, which service, and whether the change adds it. */
export interface Signal extends DetectedSignal {
  path: string;
  service: string;
  /** True when the line is an added line of the diff, its file is new, or in an audit. */
  introduced: boolean;
}

/** A placed inline acceptance. */
export interface PlacedAcceptance extends InlineAcceptance {
  path: string;
  /** True when the comment line is itself added by the change under review. */
  introduced: boolean;
}

export const NEEDS = [
  'low-latency',
  'high-concurrency',
  'multi-core',
  'shared-memory',
  'cython-parallel',
  'parallel-request',
] as const;
export type Need = (typeof NEEDS)[number];

export const CONTEXTS = ['erp5', 'zope', 'standalone'] as const;
export type Context = (typeof CONTEXTS)[number];

export const WORKLOADS = ['io-bound', 'cpu-bound', 'mixed'] as const;
export type Workload = (typeof WORKLOADS)[number];

/** The four golang criteria of the seed, as named in the JSON report. */
export const CRITERIA = [
  'low-latency',
  'high-concurrency',
  'shared-memory-multi-core',
  'beyond-cython-parallel',
] as const;
export type Criterion = (typeof CRITERIA)[number];

export interface ServiceEvidence {
  'latency-p99-ms'?: number;
  'concurrent-clients'?: number;
  profiling?: string;
}

/** A service of the profile, defaults applied. Needs not declared are absent from `needs`. */
export interface Service {
  name: string;
  paths: string[];
  context: Context;
  workload?: Workload;
  needs: Partial<Record<Need, boolean>>;
  evidence: ServiceEvidence;
  notes?: string;
  /** Line of the service entry in the profile, for messages; 0 for the implicit service. */
  line: number;
  /** Line and column of each of `paths` in the profile, in order, when read from a file. */
  pathPositions?: Array<{ line: number; col: number }>;
}

export interface AcceptEntry {
  rule: string;
  paths: string[];
  reason: string;
  line: number;
  /** Line and column of the `rule:` value, where a problem with the id is reported. */
  rulePosition: { line: number; col: number };
}

export interface Profile {
  version: 1;
  services: Service[];
  accept: AcceptEntry[];
  ignore: string[];
}

/** The profile as the run found it. */
export interface ProfileSource {
  path: string;
  from: 'base' | 'head' | 'worktree';
  found: boolean;
}

export type Verdict = 'recommend' | 'question' | 'info';
export type Conclusion = Verdict | 'none';

export interface Location {
  path: string;
  line: number;
  /** The evidence line, as found; the report escapes it. */
  evidence?: string;
}

export interface AcceptedBy {
  /** `comment`: a maintainer's `/architecture-review accept` command in the pull request. */
  kind: 'profile' | 'inline' | 'label' | 'comment';
  reason: string;
  /** Who wrote the command, and the comment's page, for `kind: comment`. */
  login?: string;
  url?: string;
  /** Where the acceptance is written (profile line, inline comment), when it has a place. */
  path?: string;
  line?: number;
  /** True when the change under review adds the acceptance itself (an inline comment). */
  byThisChange: boolean;
  /** The label name, for `kind: label`. */
  label?: string;
}

export interface Finding {
  rule: string;
  verdict: Verdict;
  service: string;
  /** The signal that triggered the rule, or `profile` for profile-level rules. */
  signal: SignalKind | 'profile';
  locations: Location[];
  /** Plain text, one paragraph: evidence, facts, reason, alternative, hint. */
  message: string;
  /** The parts of the message, so renderers can lay them out. */
  detail: FindingDetail;
  accepted: boolean;
  acceptedBy: AcceptedBy | null;
}

export interface ProfileFact {
  /** e.g. `needs.low-latency`, `workload`, `context`, `evidence.profiling`. */
  key: string;
  /** The declared value, or null when not declared. */
  value: string | number | boolean | null;
}

export interface FindingDetail {
  title: string;
  /** The rule's message filled in for this finding: what was found, where, and the gist. */
  headline: string;
  reason: string;
  alternative: string;
  /** The declaration that would change the verdict, when there is one. */
  hint?: string;
  facts: ProfileFact[];
  /** Full URL of the rule's section in the docs. */
  docs: string;
}

export interface ServiceSummary {
  name: string;
  criteria: Record<Criterion, boolean | null>;
  /** What the profile records for the service (shown in the comment), when it records any. */
  evidence?: ServiceEvidence;
  notes?: string;
}

/** The repository a report is of (`--repository`, or the action's own), and the commit read. */
export interface RepositoryRef {
  /** `owner/name`. */
  name: string;
  /** Its page, `https://github.com/owner/name` or the GitHub Enterprise Server's. */
  url: string;
  /** The commit whose files were read, when known. */
  commit: string | null;
}

export interface Report {
  schemaVersion: 1;
  mode: 'review' | 'audit';
  /** Set by the caller, which knows where the files came from; null or absent when unknown. */
  repository?: RepositoryRef | null;
  base: string | null;
  head: string | null;
  profile: ProfileSource;
  services: ServiceSummary[];
  signals: Signal[];
  findings: Finding[];
  conclusion: Conclusion;
  /** Notes for the reader: truncated file lists, skipped files, and the like. */
  notes: string[];
  /**
   * Problems of the profile that do not stop the run, each placed in the profile: a service
   * glob that matches no file. The CLI prints them on stderr, the action as annotations on
   * the profile, the PR comment among its notes; the JSON report leaves them out.
   */
  warnings: Problem[];
  /** A sharded audit's place and what the merge needs (`audit --shard`, src/shard.ts). */
  shard?: import('./shard.js').ShardData;
}

/** One file of a change, as `changes/` reports it. */
export interface ChangedFile {
  path: string;
  /** For a rename or copy: the path in the base commit. */
  previousPath?: string;
  status: 'added' | 'modified' | 'renamed' | 'deleted';
  /** 1-based line numbers (in the head version) of the added lines; `all` for a new file. */
  addedLines: Set<number> | 'all';
  /** Binary files are listed but never read. */
  binary: boolean;
}

export interface ChangeSet {
  /** Commits as resolved: the merge base of base and head, and head. */
  base: string;
  head: string;
  files: ChangedFile[];
  /** Set when the list of files is known to be incomplete (e.g. GitHub's 3000-file cap). */
  truncated?: string;
}

/** What renderers need to know of a rule (SARIF's rule table, the comment's links). */
export interface RuleInfo {
  id: string;
  title: string;
  verdict: Verdict;
  reason: string;
  alternative: string;
  /** Full URL of the rule's section in the docs. */
  docs: string;
}
