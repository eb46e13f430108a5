import type { Rule } from '../rules/schema.js';
import type {
  AcceptedBy,
  Conclusion,
  Finding,
  Location,
  PlacedAcceptance,
  Profile,
  ProfileFact,
  ProfileSource,
  Service,
  Signal,
  SignalKind,
  Verdict,
} from '../types.js';
import { isUse } from '../types.js';
import { evaluateCondition, type ConditionContext, type ConditionResult } from './conditions.js';
import { describeUnmetCriteria, missingGolangDeclarations } from './criteria.js';
import type { ProfileEdit } from './profile-edit.js';
import { fillTemplate, type Placeholder } from './template.js';

export interface EvaluationInput {
  rules: Rule[];
  profile: Profile;
  profileSource: ProfileSource;
  /** Every signal found, introduced or context. Rules fire on introduced ones only. */
  signals: Signal[];
  acceptances: PlacedAcceptance[];
  /** The owner of each service name the signals carry (including the implicit one). */
  services: Map<string, Service>;
  /** Set when the change edits the profile. */
  profileEdit?: ProfileEdit;
  /** Set when the accept label is on the PR: every open question counts as accepted. */
  acceptLabel?: string;
  /** Base URL of the docs; a rule's `docs` anchor is appended. */
  docsUrl: string;
}

/** How a signal kind reads in a sentence. */
const SIGNAL_WORDS: Record<SignalKind, string> = {
  golang: 'Go code',
  threads: 'Python threads',
  asyncio: 'asyncio-style async code',
  greenlets: 'greenlets',
  multiprocessing: 'multiprocessing',
  cython: 'Cython code',
  'cython-nogil': 'a cython nogil section',
  'cython-parallel': 'cython.parallel',
  numba: 'numba JIT',
};

/** The rule set's triggers and signals meet here: does this rule fire on this signal? */
function triggeredBy(rule: Rule, signal: Signal): boolean {
  if (!('signals' in rule.trigger)) return false;
  return rule.trigger.signals.some((t) => {
    if (typeof t === 'string') return t === 'any' || t === signal.signal;
    return (t.signal === 'any' || t.signal === signal.signal) && t.tags.every((tag) => signal.tags?.includes(tag));
  });
}

/**
 * The signal kinds a rule's trigger can fire on without looking at tags; null when it has a
 * tagged trigger or `any`, and each signal must go through {@link triggeredBy}. Lets the loop
 * below skip, with one set lookup, the signals of other kinds (thousands in an audit).
 */
function plainTriggerKinds(rule: Rule): Set<string> | null {
  if (!('signals' in rule.trigger)) return null;
  const kinds = new Set<string>();
  for (const t of rule.trigger.signals) {
    if (typeof t !== 'string' || t === 'any') return null;
    kinds.add(t);
  }
  return kinds;
}

/** The positions of each signal kind in `kindOf`, in order. */
function indexByKind(kindOf: readonly string[]): Map<string, number[]> {
  const ofKind = new Map<string, number[]>();
  for (let i = 0; i < kindOf.length; i++) {
    const list = ofKind.get(kindOf[i]!);
    if (list) list.push(i);
    else ofKind.set(kindOf[i]!, [i]);
  }
  return ofKind;
}

/** The positions of the signals of any of `kinds`, in order. */
function signalsOfKinds(ofKind: Map<string, number[]>, kinds: Set<string>): readonly number[] | Int32Array {
  const lists: number[][] = [];
  for (const kind of kinds) {
    const list = ofKind.get(kind);
    if (list) lists.push(list);
  }
  if (lists.length === 0) return [];
  if (lists.length === 1) return lists[0]!;
  // Numbers in a typed array sort as numbers, natively.
  return Int32Array.from(lists.flat()).sort();
}

/**
 * A real GIL release: a `with nogil:` block (or `prange(nogil=True)`), or a numba function
 * compiled with `nogil=True`. A `nogil` declaration only says a function may run without it.
 */
function isGilRelease(s: Signal): boolean {
  if (!isUse(s)) return false;
  return s.signal === 'cython-nogil' || (s.signal === 'numba' && (s.tags?.includes('nogil') ?? false));
}

/** Glob matching is the profile module's; the evaluator only needs a predicate. */
export type PathMatcher = (globs: string[], path: string) => boolean;

interface Candidate {
  rule: Rule;
  service: Service;
  signal: SignalKind | 'profile';
  location: Location | null;
  facts: ProfileFact[];
  acceptedBy: AcceptedBy | null;
  extra?: { flips?: string; release?: string };
  /** The stack's idiom that started it (`Signal.idiom`), for the message. */
  idiom?: string;
}

/**
 * Turns signals and profile facts into findings, rule by rule. Pure: the same input gives the
 * same findings in the same order.
 */
export function evaluateRules(input: EvaluationInput, matchesAny: PathMatcher): Finding[] {
  const { rules, signals, services, profileSource } = input;
  // Where the GIL is released, for the message to cite: the first release in the file, else
  // the first one the change introduces in the service.
  const releaseFiles = new Map<string, string>();
  const releaseServices = new Map<string, string>();
  for (const s of signals) {
    if (!isGilRelease(s)) continue;
    if (!releaseFiles.has(s.path)) releaseFiles.set(s.path, `${s.path}:${s.line}`);
    if (s.introduced && !releaseServices.has(s.service)) releaseServices.set(s.service, `${s.path}:${s.line}`);
  }
  const inline = indexAcceptances(input.acceptances);
  const candidates: Candidate[] = [];
  // Rules fire on introduced uses only: an import, a lock or a declaration is context. What the
  // loop below needs of each is read once here: in an audit thousands go through every rule.
  const introduced = signals.filter((s) => s.introduced && isUse(s));
  const kindOf = introduced.map((s) => s.signal);
  const serviceOf = introduced.map((s) => services.get(s.service));
  const releaseOf = introduced.map((s) => releaseFiles.get(s.path) ?? releaseServices.get(s.service));
  const gilOf = releaseOf.map((r) => r !== undefined);
  const locationOf: (Location | undefined)[] = [];
  const ofKind = indexByKind(kindOf);

  for (const rule of rules) {
    if ('profile-edit' in rule.trigger) {
      if (input.profileEdit) candidates.push(...profileEditCandidates(rule, input, input.profileEdit));
      continue;
    }
    const anySignal = rule.trigger.signals.includes('any');
    const kinds = plainTriggerKinds(rule);
    // A condition reads only the service and the context flags: evaluate it once per pair.
    const conditionResults = new Map<Service, ConditionResult[]>();
    // A rule on plain kinds reads only the signals of those kinds; in an audit most signals are
    // of other kinds than a given rule's (10,000 golang signals in Go's tree, 20 rules).
    const indices = kinds ? signalsOfKinds(ofKind, kinds) : null;
    // A rule scoped to the service keeps, per service, the candidate at its first location.
    const perService = rule.scope === 'service' ? new Map<Service, Candidate>() : null;
    const count = indices ? indices.length : introduced.length;
    for (let n = 0; n < count; n++) {
      const i = indices ? indices[n]! : n;
      const signal = introduced[i]!;
      if (!kinds && !triggeredBy(rule, signal)) continue;
      const service = serviceOf[i];
      if (!service) continue;
      const gilReleaseNearby = gilOf[i]!;
      let results = conditionResults.get(service);
      if (results === undefined) conditionResults.set(service, (results = []));
      let result = results[gilReleaseNearby ? 1 : 0];
      if (result === undefined) {
        const ctx: ConditionContext = { service, profileFound: profileSource.found, gilReleaseNearby };
        result = results[gilReleaseNearby ? 1 : 0] = rule.when ? evaluateCondition(rule.when, ctx) : { holds: true, facts: [] };
      }
      if (!result.holds) continue;
      if (anySignal) {
        // A rule on "any" signal speaks about the run, not about each line: one finding.
        candidates.push({ rule, service, signal: 'profile', location: null, facts: result.facts, acceptedBy: null });
        break;
      }
      const location = (locationOf[i] ??= { path: signal.path, line: signal.line, evidence: signal.evidence });
      const acceptedBy =
        rule.verdict === 'question' ? findAcceptance(rule.id, location, input, inline, matchesAny) : null;
      const candidate: Candidate = { rule, service, signal: kindOf[i]!, location, facts: result.facts, acceptedBy };
      if (signal.idiom !== undefined) candidate.idiom = signal.idiom;
      if (gilReleaseNearby) candidate.extra = { release: releaseOf[i]! };
      if (perService) {
        const kept = perService.get(service);
        if (kept === undefined || byPathThenLine(location, kept.location!) < 0) perService.set(service, candidate);
        continue;
      }
      candidates.push(candidate);
    }
    if (perService) candidates.push(...perService.values());
  }
  return groupFindings(candidates, input);
}

function indexAcceptances(acceptances: PlacedAcceptance[]): Map<string, PlacedAcceptance[]> {
  const byPath = new Map<string, PlacedAcceptance[]>();
  for (const a of acceptances) {
    const list = byPath.get(a.path) ?? [];
    list.push(a);
    byPath.set(a.path, list);
  }
  return byPath;
}

/** SPEC 5, in order: the profile's `accept:`, an inline comment, then the PR label. */
function findAcceptance(
  ruleId: string,
  location: Location,
  input: EvaluationInput,
  inline: Map<string, PlacedAcceptance[]>,
  matchesAny: PathMatcher,
): AcceptedBy | null {
  for (const entry of input.profile.accept) {
    if (entry.rule === ruleId && matchesAny(entry.paths, location.path)) {
      return {
        kind: 'profile',
        reason: entry.reason,
        path: input.profileSource.path,
        line: entry.line,
        byThisChange: false,
      };
    }
  }
  for (const a of inline.get(location.path) ?? []) {
    // The comment may sit on the evidence line itself or on the line above it.
    if (a.rule === ruleId && (a.line === location.line || a.line === location.line - 1)) {
      return { kind: 'inline', reason: a.reason, path: a.path, line: a.line, byThisChange: a.introduced };
    }
  }
  if (input.acceptLabel) {
    return {
      kind: 'label',
      reason: `the label \`${input.acceptLabel}\` is on the pull request`,
      label: input.acceptLabel,
      byThisChange: false,
    };
  }
  return null;
}

function profileEditCandidates(rule: Rule, input: EvaluationInput, edit: ProfileEdit): Candidate[] {
  const byService = new Map<string, typeof edit.flips>();
  for (const flip of edit.flips) {
    const list = byService.get(flip.service) ?? [];
    list.push(flip);
    byService.set(flip.service, list);
  }
  const out: Candidate[] = [];
  for (const [name, flips] of byService) {
    const service = input.services.get(name) ?? {
      name,
      paths: [],
      context: 'standalone' as const,
      needs: {},
      evidence: {},
      line: 0,
    };
    const location: Location = { path: edit.path, line: flips[0]?.line ?? 1 };
    const acceptedBy =
      rule.verdict === 'question' && input.acceptLabel
        ? {
            kind: 'label' as const,
            reason: `the label \`${input.acceptLabel}\` is on the pull request`,
            label: input.acceptLabel,
            byThisChange: false,
          }
        : null;
    out.push({
      rule,
      service,
      signal: 'profile',
      location,
      facts: [],
      acceptedBy,
      extra: { flips: flips.map((f) => f.change).join('; ') },
    });
  }
  return out;
}

const VERDICT_ORDER: Record<Verdict, number> = { question: 0, recommend: 1, info: 2 };

function groupFindings(candidates: Candidate[], input: EvaluationInput): Finding[] {
  // Grouped by rule, service, signal and acceptance, level by level: thousands of candidates
  // in an audit, and no key string to build for each. Groups come out in the order they were
  // first seen within each level; the sort below orders the rest.
  const groups = new Map<string, Map<string, Map<string, Map<string, Candidate[]>>>>();
  for (const c of candidates) {
    const a = c.acceptedBy;
    const acceptKey = a ? `${a.kind}:${a.path ?? ''}:${a.line ?? ''}:${a.reason}` : '';
    const byAcceptance = level(level(level(groups, c.rule.id), c.service.name), c.signal);
    const group = byAcceptance.get(acceptKey);
    if (group) group.push(c);
    else byAcceptance.set(acceptKey, [c]);
  }
  const findings: Finding[] = [];
  for (const byService of groups.values()) {
    for (const bySignal of byService.values()) {
      for (const byAcceptance of bySignal.values()) {
        for (const group of byAcceptance.values()) {
          findings.push(buildFinding(group[0]!, uniqueLocations(group), input, idiomsOf(group)));
        }
      }
    }
  }
  findings.sort(
    (a, b) =>
      Number(a.accepted) - Number(b.accepted) ||
      VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] ||
      byCodeUnits(a.rule, b.rule) ||
      byCodeUnits(a.service, b.service) ||
      byCodeUnits(a.signal, b.signal),
  );
  return findings;
}

/**
 * Text order by UTF-16 code units: the same on every machine. `localeCompare` would follow
 * the runtime's locale, and its first call starts an ICU collator (about 14 ms).
 */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The map under `key` in a map of maps, made when missing. */
function level<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let next = map.get(key);
  if (next === undefined) map.set(key, (next = new Map()));
  return next;
}

/** The group's locations, each path and line once (the first seen), by path then line. */
function uniqueLocations(group: Candidate[]): Location[] {
  const all: Location[] = [];
  let ordered = true;
  for (const c of group) {
    if (!c.location) continue;
    if (ordered && all.length > 0 && byPathThenLine(all[all.length - 1]!, c.location) > 0) ordered = false;
    all.push(c.location);
  }
  // Candidates come in signal order, which in an audit is path by path and line by line
  // already (an audit of Go's tree has a finding with 10,000 locations): sort only when not.
  // The sort is stable, so a line's repeats stay in the order seen, next to each other.
  if (!ordered) all.sort(byPathThenLine);
  const locations: Location[] = [];
  for (const l of all) {
    if (locations.length === 0 || byPathThenLine(locations[locations.length - 1]!, l) !== 0) locations.push(l);
  }
  return locations;
}

function byPathThenLine(a: Location, b: Location): number {
  // Neighbours mostly share their path: one equality test, where `<` then `>` compared twice.
  if (a.path === b.path) return a.line - b.line;
  return a.path < b.path ? -1 : 1;
}

function uniqueFacts(facts: ProfileFact[]): ProfileFact[] {
  const seen = new Map<string, ProfileFact>();
  for (const f of facts) if (!seen.has(f.key)) seen.set(f.key, f);
  return [...seen.values()];
}

/** "needs.low-latency: true, needs.multi-core: not declared" */
export function describeFacts(facts: ProfileFact[]): string {
  return facts.map((f) => `${f.key}: ${f.value === null ? 'not declared' : String(f.value)}`).join(', ');
}

/** The idioms that started a group's signals, each once, in the order seen. */
function idiomsOf(group: Candidate[]): string[] {
  const idioms: string[] = [];
  for (const c of group) if (c.idiom !== undefined && !idioms.includes(c.idiom)) idioms.push(c.idiom);
  return idioms;
}

function buildFinding(c: Candidate, locations: Location[], input: EvaluationInput, idioms: string[] = []): Finding {
  const { rule, service } = c;
  const facts = uniqueFacts(c.facts);
  const count = locations.length;
  // "Python threads started with pygolang's `go`": the stack's idiom, named, so the reader sees
  // why a line without `threading` counts as threads.
  const words = c.signal === 'profile' ? 'The service profile' : SIGNAL_WORDS[c.signal];
  const what = idioms.length > 0 ? `${words} started with ${idioms.join(' and ')}` : words;
  const values: Partial<Record<Placeholder, () => string>> = {
    what: () => (count > 1 ? `${what} (${count} places)` : what),
    service: () => service.name,
    signal: () => c.signal,
    count: () => String(count),
    facts: () => describeFacts(facts.filter((f) => f.value !== null && f.value !== false)) || 'none declared',
    undeclared: () =>
      facts
        .filter((f) => f.value === null)
        .map((f) => f.key)
        .join(', ') || 'none',
    'golang-unmet': () => describeUnmetCriteria(service),
    'golang-missing': () => missingGolangDeclarations(service),
    'profile-path': () => input.profileSource.path,
    flips: () => c.extra?.flips ?? '',
    'gil-release': () => c.extra?.release ?? 'no place',
  };
  const headline = fillTemplate(rule.message, values);
  const hint = rule.hint ? fillTemplate(rule.hint, values) : undefined;
  const docs = `${input.docsUrl}#${rule.docs}`;

  const parts = [`[${rule.id}] ${headline}`];
  const firstLoc = locations[0];
  if (firstLoc) {
    const more = count > 1 ? ` (and ${count - 1} more)` : '';
    parts.push(`Evidence: ${firstLoc.path}:${firstLoc.line}${firstLoc.evidence ? ` \`${firstLoc.evidence}\`` : ''}${more}.`);
  }
  if (facts.length > 0) {
    const undeclared = facts.filter((f) => f.value === null).map((f) => f.key);
    parts.push(
      `Profile: ${describeFacts(facts)}${undeclared.length ? ` (not declared: ${undeclared.join(', ')})` : ''}.`,
    );
  }
  parts.push(`Why: ${rule.reason}`);
  parts.push(`Instead: ${rule.alternative}`);
  if (hint) parts.push(hint);

  return {
    rule: rule.id,
    verdict: rule.verdict,
    service: service.name,
    signal: c.signal,
    locations,
    message: parts.join(' '),
    detail: { title: rule.title, headline, reason: rule.reason, alternative: rule.alternative, hint, facts, docs },
    accepted: c.acceptedBy !== null,
    acceptedBy: c.acceptedBy,
  };
}

/** The strongest verdict among findings that are not accepted (SPEC 8). */
export function concludeFindings(findings: Finding[]): Conclusion {
  let best: Conclusion = 'none';
  for (const f of findings) {
    if (f.accepted) continue;
    if (f.verdict === 'question') return 'question';
    if (f.verdict === 'recommend') best = 'recommend';
    else if (best === 'none') best = 'info';
  }
  return best;
}
