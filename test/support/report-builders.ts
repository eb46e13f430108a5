/**
 * Builders for report data with sensible defaults: a test states only what it is about.
 * Each builder takes a partial object whose fields replace the defaults (shallow, except
 * `makeFinding`'s `detail`, which is merged, so `{ detail: { hint: '...' } }` keeps the title).
 */
import type {
  AcceptedBy,
  Conclusion,
  Finding,
  FindingDetail,
  Location,
  Report,
  RuleInfo,
  ServiceSummary,
  Signal,
  Verdict,
} from '../../src/types.js';

export const DOCS_BASE = 'https://github.com/example/architecture-review#';

/** A location with an evidence line. */
export function makeLocation(overrides: Partial<Location> = {}): Location {
  return { path: 'go/main.go', line: 12, evidence: 'go serve(conn)', ...overrides };
}

/** The parts of a `golang-unjustified` message, by default. */
export function makeDetail(overrides: Partial<FindingDetail> = {}): FindingDetail {
  return {
    title: 'Go without all four reasons',
    headline: 'Go code in service storage, which misses golang criteria: (1) low latency: `low-latency` not declared.',
    reason: 'Go pays off only when a service needs low latency, high concurrency, shared-memory multi-core and more than cython.parallel offers, all at once.',
    alternative: 'Python with multiprocessing, or cython nogil / cython.parallel for the hot loop.',
    hint: 'golang would be justified if the service declared `low-latency: true`',
    facts: [
      { key: 'needs.high-concurrency', value: true },
      { key: 'needs.low-latency', value: null },
    ],
    docs: `${DOCS_BASE}golang-unjustified`,
    ...overrides,
  };
}

/** Who accepted a finding: a profile `accept:` entry by default. */
export function makeAcceptedBy(overrides: Partial<AcceptedBy> = {}): AcceptedBy {
  return {
    kind: 'profile',
    reason: 'prototype; will be measured before release',
    path: '.github/service-profile.yml',
    line: 20,
    byThisChange: false,
    ...overrides,
  };
}

/**
 * A `golang-unjustified` question in service `storage` by default. `accepted` follows
 * `acceptedBy` unless given; `detail` is merged over {@link makeDetail}'s defaults, and its
 * `docs` follows `rule` when the rule is overridden.
 */
export function makeFinding(overrides: Partial<Omit<Finding, 'detail'>> & { detail?: Partial<FindingDetail> } = {}): Finding {
  const rule = overrides.rule ?? 'golang-unjustified';
  const { detail, ...rest } = overrides;
  const acceptedBy = overrides.acceptedBy ?? null;
  return {
    rule,
    verdict: 'question',
    service: 'storage',
    signal: 'golang',
    locations: [makeLocation()],
    message: `go/main.go:12 \`go serve(conn)\`: ${rule} fired.`,
    accepted: acceptedBy !== null,
    ...rest,
    acceptedBy,
    detail: makeDetail({ docs: `${DOCS_BASE}${rule}`, ...detail }),
  };
}

/** A service summary; criteria default to "not declared" (null). */
export function makeServiceSummary(overrides: Partial<ServiceSummary> = {}): ServiceSummary {
  return {
    name: 'storage',
    ...overrides,
    criteria: {
      'low-latency': null,
      'high-concurrency': null,
      'shared-memory-multi-core': null,
      'beyond-cython-parallel': null,
      ...overrides.criteria,
    },
  };
}

/** An introduced golang signal in `go/main.go:12`. */
export function makeSignal(overrides: Partial<Signal> = {}): Signal {
  return {
    signal: 'golang',
    path: 'go/main.go',
    line: 12,
    evidence: 'go serve(conn)',
    service: 'storage',
    introduced: true,
    construct: 'go',
    ...overrides,
  };
}

/** Rule table entry, as the SARIF renderer takes it. */
export function makeRuleInfo(overrides: Partial<RuleInfo> = {}): RuleInfo {
  const id = overrides.id ?? 'golang-unjustified';
  return {
    id,
    title: 'Go without all four reasons',
    verdict: 'question',
    reason: 'Go pays off only when all four needs hold at once.',
    alternative: 'Python with multiprocessing or cython.parallel.',
    docs: `${DOCS_BASE}${id}`,
    ...overrides,
  };
}

/** SPEC 8: the strongest unaccepted verdict, `question` > `recommend` > `info`, or `none`. */
export function conclusionOf(findings: Finding[]): Conclusion {
  const open = new Set<Verdict>(findings.filter((f) => !f.accepted).map((f) => f.verdict));
  if (open.has('question')) return 'question';
  if (open.has('recommend')) return 'recommend';
  if (open.has('info')) return 'info';
  return 'none';
}

/**
 * A review report with one service and, unless overridden, one unaccepted question. The
 * conclusion is derived from the findings unless given.
 */
export function makeReport(overrides: Partial<Report> = {}): Report {
  const findings = overrides.findings ?? [makeFinding()];
  return {
    schemaVersion: 1,
    mode: 'review',
    base: '1111111111111111111111111111111111111111',
    head: '2222222222222222222222222222222222222222',
    profile: { path: '.github/service-profile.yml', from: 'base', found: true },
    services: [makeServiceSummary()],
    signals: [makeSignal()],
    notes: [],
    warnings: [],
    ...overrides,
    findings,
    conclusion: overrides.conclusion ?? conclusionOf(findings),
  };
}
