/**
 * The JSON report of SPEC 8 (`--format json` and the action's `report` output): a stable,
 * public shape. Objects are rebuilt key by key so that the key order is the documented one and
 * internal fields (`detail`, `tags`, `construct`, `module`, `notes`) never leak into it.
 */
import { CRITERIA, isUse } from '../types.js';
import type { AcceptedBy, Conclusion, Criterion, Finding, ProfileSource, Report, RepositoryRef, Signal, SignalKind, Verdict } from '../types.js';

export interface JsonAcceptedBy {
  kind: AcceptedBy['kind'];
  reason: string;
  login?: string;
  url?: string;
  path?: string;
  line?: number;
  byThisChange: boolean;
  label?: string;
}

export interface JsonFinding {
  rule: string;
  verdict: Verdict;
  service: string;
  signal: SignalKind | 'profile';
  locations: Array<{ path: string; line: number }>;
  message: string;
  accepted: boolean;
  acceptedBy: JsonAcceptedBy | null;
}

export interface JsonSignal {
  signal: SignalKind;
  path: string;
  line: number;
  service: string;
  introduced: boolean;
  /** `use` when the code does what the signal names, `mention` when it only names it. */
  role: 'use' | 'mention';
  evidence: string;
}

export interface JsonService {
  name: string;
  criteria: Record<Criterion, boolean | null>;
}

/** SPEC 8, exactly. */
export interface JsonReport {
  schemaVersion: 1;
  mode: 'review' | 'audit';
  /** Which repository, at which commit: null when the run was not told (`--repository`). */
  repository: RepositoryRef | null;
  base: string | null;
  head: string | null;
  profile: { path: string; from: ProfileSource['from']; found: boolean };
  services: JsonService[];
  signals: JsonSignal[];
  findings: JsonFinding[];
  conclusion: Conclusion;
}

function toJsonAcceptedBy(by: AcceptedBy): JsonAcceptedBy {
  // Optional keys are absent, not null, when the acceptance has no place or label.
  return {
    kind: by.kind,
    reason: by.reason,
    ...(by.login !== undefined ? { login: by.login } : {}),
    ...(by.url !== undefined ? { url: by.url } : {}),
    ...(by.path !== undefined ? { path: by.path } : {}),
    ...(by.line !== undefined ? { line: by.line } : {}),
    byThisChange: by.byThisChange,
    ...(by.label !== undefined ? { label: by.label } : {}),
  };
}

function toJsonFinding(f: Finding): JsonFinding {
  return {
    rule: f.rule,
    verdict: f.verdict,
    service: f.service,
    signal: f.signal,
    locations: f.locations.map((l) => ({ path: l.path, line: l.line })),
    message: f.message,
    accepted: f.accepted,
    acceptedBy: f.acceptedBy ? toJsonAcceptedBy(f.acceptedBy) : null,
  };
}

function toJsonSignal(s: Signal): JsonSignal {
  return {
    signal: s.signal,
    path: s.path,
    line: s.line,
    service: s.service,
    introduced: s.introduced,
    role: isUse(s) ? 'use' : 'mention',
    evidence: s.evidence,
  };
}

/**
 * The report as the plain object of SPEC 8, keys in the documented order, nothing else.
 * Values are data, not escaped: consumers of JSON escape for their own medium.
 */
export function toJsonReport(report: Report): JsonReport {
  return {
    schemaVersion: report.schemaVersion,
    mode: report.mode,
    repository: report.repository ? { name: report.repository.name, url: report.repository.url, commit: report.repository.commit } : null,
    base: report.base,
    head: report.head,
    profile: { path: report.profile.path, from: report.profile.from, found: report.profile.found },
    services: report.services.map((s) => ({
      name: s.name,
      criteria: Object.fromEntries(CRITERIA.map((c) => [c, s.criteria[c] ?? null])) as Record<Criterion, boolean | null>,
    })),
    signals: report.signals.map(toJsonSignal),
    findings: report.findings.map(toJsonFinding),
    conclusion: report.conclusion,
  };
}

/** SPEC 8's JSON report, pretty-printed with two spaces and a trailing newline. */
export function renderJson(report: Report): string {
  return [...renderJsonChunks(report)].join('');
}

/** Items of the long arrays serialized per chunk of {@link renderJsonChunks}. */
const ITEMS_PER_CHUNK = 2000;

/**
 * {@link renderJson}'s text in pieces, to be written one after the other: what
 * `JSON.stringify(toJsonReport(report), null, 2)` gives, without ever holding the whole text
 * (tens of MiB for an audit of a large tree) or a JSON copy of every signal at once.
 */
export function* renderJsonChunks(report: Report): Generator<string> {
  const { schemaVersion, mode, repository, base, head, profile, services, conclusion } = toJsonReport({ ...report, signals: [], findings: [] });
  const opening = JSON.stringify({ schemaVersion, mode, repository, base, head, profile, services }, null, 2);
  yield opening.slice(0, opening.lastIndexOf('\n}'));
  yield* jsonArray('signals', report.signals, printSignal);
  yield* jsonArray('findings', report.findings, (f) => nested(toJsonFinding(f), 2));
  // A shard's own object last, so that the fields before it are those of an unsharded audit.
  const shard = report.shard ? `,\n  "shard": ${JSON.stringify(report.shard)}` : '';
  yield `,\n  "conclusion": ${nested(conclusion, 1)}${shard}\n}\n`;
}

/**
 * `nested(toJsonSignal(s), 2)`, printed directly: an audit has a signal per construct, so this
 * is most of a large report. The test of {@link renderJsonChunks} holds the two to each other.
 */
function printSignal(s: Signal): string {
  const q = JSON.stringify;
  // A signal kind is a lowercase word with dashes, a line an integer, `introduced` a boolean:
  // JSON writes them as they are, and 30,000 fewer calls to the printer in an audit of Go's tree
  // saved 5 to 12 ms. The texts, which come from the repository, still go through it.
  return `{\n      "signal": "${s.signal}",\n      "path": ${q(s.path)},\n      "line": ${s.line},\n      "service": ${q(s.service)},\n      "introduced": ${s.introduced},\n      "role": "${isUse(s) ? 'use' : 'mention'}",\n      "evidence": ${q(s.evidence)}\n    }`;
}

/**
 * A value pretty-printed as `JSON.stringify(…, null, 2)` prints it `depth` levels down. The
 * value is printed inside `depth` arrays and cut out of them, so V8's own printer does the
 * indenting; re-indenting with `replaceAll` cost several times the text's size in garbage.
 */
export function nested(value: unknown, depth: number): string {
  let wrapped = value;
  for (let i = 0; i < depth; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // Level k opens with `[`, a line break and 2k spaces, and closes with a line break, 2(k-1) spaces and `]`.
  return text.slice(depth * (depth + 3), text.length - depth * (depth + 1));
}

/** `,\n  "key": [ ... ]` as pretty-printed at depth one, a chunk per {@link ITEMS_PER_CHUNK} items. */
function* jsonArray<T>(key: string, items: readonly T[], print: (item: T) => string): Generator<string> {
  if (items.length === 0) {
    yield `,\n  ${JSON.stringify(key)}: []`;
    return;
  }
  let chunk = `,\n  ${JSON.stringify(key)}: [`;
  for (let i = 0; i < items.length; i++) {
    chunk += `${i === 0 ? '' : ','}\n    ${print(items[i]!)}`;
    if ((i + 1) % ITEMS_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}\n  ]`;
}
