/**
 * `architecture-review merge`: the JSON reports of an audit's shards become the report of the
 * whole audit (src/shard.ts); the reports of several repositories become a fleet report, one row
 * per repository and service, for a platform team that wants one view of its organisation.
 *
 * Reports are read one after the other and only what the fleet shows is kept of each (its
 * services and findings, with the evidence line of each finding's first place, never the signals), so a fleet
 * of hundreds of audits fits in memory. A repository audited in shards is merged first.
 */
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { DOCS_URL } from './docs.js';
import { formatProblem, UsageError } from './errors.js';
import { problemAt } from './config/yaml-source.js';
import { ruleSetFrom } from './load-config.js';
import { compareLocations } from './report/fingerprint.js';
import { compareStrings } from './report/outline.js';
import { toJsonReport, type JsonFinding, type JsonReport, type JsonService } from './report/json.js';
import { toRuleInfo } from './rules/rule-info.js';
import type { Rule } from './rules/schema.js';
import { lineColumn, mergeShards, readShard, type ReadShard, type ShardData } from './shard.js';
import { CRITERIA, type Conclusion, type Report, type RepositoryRef, type RuleInfo, type Verdict } from './types.js';

/** Open findings by verdict, and the accepted ones. */
export interface FleetCounts {
  question: number;
  recommend: number;
  info: number;
  accepted: number;
}

/** A finding as the fleet keeps it: SPEC 8's, with the evidence line of its first place when known. */
export interface FleetFinding extends JsonFinding {
  locations: Array<{ path: string; line: number; evidence?: string }>;
}

export interface FleetService extends JsonService {
  counts: FleetCounts;
}

export interface FleetRepository {
  repository: RepositoryRef;
  conclusion: Conclusion;
  counts: FleetCounts;
  services: FleetService[];
  findings: FleetFinding[];
  /** The profile the repository was audited with (`found: false`: none, every need not declared). */
  profile: JsonReport['profile'];
}

export interface FleetRule {
  rule: string;
  verdict: Verdict;
  /** Open findings of the rule across the fleet. */
  findings: number;
  /** Repositories with at least one open finding of the rule. */
  repositories: number;
}

export interface FleetReport {
  schemaVersion: 1;
  mode: 'fleet';
  /** By name, in character-code order. */
  repositories: FleetRepository[];
  /** Rules with open findings, the most frequent first. */
  rules: FleetRule[];
  counts: FleetCounts & { repositories: number; services: number };
  conclusion: Conclusion;
  /** What the renderers know of each rule (title, reason, docs link); not in the JSON. */
  ruleInfo: Map<string, RuleInfo>;
}

export type Merged = { kind: 'report'; report: Report; rules: Rule[] } | { kind: 'fleet'; fleet: FleetReport };

const criterion = z.boolean().nullable();
const repositoryRef = z.object({ name: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/), url: z.string(), commit: z.string().nullable() }).nullable();
const location = z.object({ path: z.string(), line: z.number().int() });
/** The fields of SPEC 8 a fleet reads; others are left alone, so later additions still merge. */
const auditReport = z.object({
  schemaVersion: z.literal(1),
  mode: z.literal('audit'),
  repository: repositoryRef,
  profile: z.object({ path: z.string(), from: z.enum(['base', 'head', 'worktree']), found: z.boolean() }),
  services: z.array(z.object({ name: z.string(), criteria: z.object(Object.fromEntries(CRITERIA.map((c) => [c, criterion])) as Record<(typeof CRITERIA)[number], typeof criterion>) })),
  // Checked one by one where they are read (evidenceOf): zod would copy tens of thousands.
  signals: z.array(z.unknown()),
  findings: z.array(
    z.object({
      rule: z.string(),
      verdict: z.enum(['recommend', 'question', 'info']),
      service: z.string(),
      signal: z.string(),
      locations: z.array(location),
      message: z.string(),
      accepted: z.boolean(),
      acceptedBy: z.looseObject({ kind: z.enum(['profile', 'inline', 'label', 'comment']), reason: z.string(), byThisChange: z.boolean() }).nullable(),
    }),
  ),
  conclusion: z.enum(['question', 'recommend', 'info', 'none']),
});

/** The one line for a report that is not what merge can read, at its place in the file. */
function badReport(name: string, text: string, path: readonly PropertyKey[], message: string): UsageError {
  const lineCounter = new LineCounter();
  // JSON is YAML: the yaml parser gives every node's place, which JSON.parse does not.
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: false });
  return new UsageError(`merge: ${formatProblem(problemAt({ file: name, doc, lineCounter }, path, message))}`);
}

/** JSON, an object, this schema version: the checks every report passes before anything else. */
function parseReport(name: string, text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    const position = /position (\d+)/.exec((err as Error).message)?.[1];
    const where = position !== undefined ? `:${lineColumn(text, Number(position))}` : '';
    throw new UsageError(`merge: ${name}${where}: not JSON (${(err as Error).message.split('\n')[0]}): give the --format json report of an audit`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UsageError(`merge: ${name}: not a report (a JSON object): give the --format json report of an audit`);
  const report = parsed as Record<string, unknown>;
  if (report.schemaVersion !== 1) {
    throw badReport(name, text, ['schemaVersion'], `schemaVersion ${JSON.stringify(report.schemaVersion)} is not 1, the version this architecture-review writes: audit again with this version`);
  }
  return report;
}

interface EvidenceSignal {
  path: string;
  line: number;
  evidence: string;
}

/** A report's signals, each checked for what the fleet reads of it; a malformed one is an error at its place. */
function checkedSignals(signals: readonly unknown[], bad: (path: PropertyKey[], message: string) => Error): EvidenceSignal[] {
  for (const [i, raw] of signals.entries()) {
    const s = raw as { path?: unknown; line?: unknown; evidence?: unknown } | null;
    if (s === null || typeof s !== 'object') throw bad(['signals', i], 'not an architecture-review JSON report (a signal is not an object): give the --format json report of an audit');
    for (const [field, ok] of [['path', typeof s.path === 'string'], ['line', Number.isInteger(s.line)], ['evidence', typeof s.evidence === 'string']] as const) {
      if (!ok) throw bad(['signals', i, field], `not an architecture-review JSON report (signals.${i}.${field} is ${JSON.stringify(s[field])}): give the --format json report of an audit`);
    }
  }
  return signals as EvidenceSignal[];
}

/** What the fleet keeps of one repository's audit. */
function fleetEntry(json: JsonReport & { repository: RepositoryRef }, signals: readonly EvidenceSignal[]): FleetRepository {
  // Places by path, then line (as a report lists them): the first is the one shown and
  // fingerprinted, and only its evidence is kept; every place's, for hundreds of repositories,
  // would be most of the memory of a merge.
  const sorted = json.findings.map((f) => [...f.locations].sort(compareLocations));
  const wanted = new Set(sorted.flatMap((places) => (places[0] ? [`${places[0].line}:${places[0].path}`] : [])));
  const evidence = new Map<string, string>();
  for (const s of signals) {
    const key = `${s.line}:${s.path}`;
    if (wanted.has(key) && !evidence.has(key)) evidence.set(key, s.evidence);
  }
  const findings: FleetFinding[] = json.findings.map((f, i) => ({
    ...f,
    locations: sorted[i]!.map((l, j) => {
      const e = j === 0 ? evidence.get(`${l.line}:${l.path}`) : undefined;
      return e === undefined ? { path: l.path, line: l.line } : { path: l.path, line: l.line, evidence: e };
    }),
  }));
  const services = json.services.map((s) => ({ name: s.name, criteria: s.criteria, counts: countsOf(findings.filter((f) => f.service === s.name)) }));
  return { repository: json.repository, conclusion: json.conclusion, counts: countsOf(findings), services, findings, profile: json.profile };
}

function countsOf(findings: readonly JsonFinding[]): FleetCounts {
  const counts: FleetCounts = { question: 0, recommend: 0, info: 0, accepted: 0 };
  for (const f of findings) {
    if (f.accepted) counts.accepted++;
    else counts[f.verdict]++;
  }
  return counts;
}

const STRENGTH: Record<Conclusion, number> = { none: 0, info: 1, recommend: 2, question: 3 };

/**
 * Merges the reports named, read one at a time by `read`: all shards of one audit give that
 * audit's report; anything else (audits of different repositories, each whole or in shards)
 * gives a fleet report. Every problem is one line naming the file, and where it can, its place.
 */
export async function mergeReports(names: readonly string[], read: (name: string) => Promise<string>, docsUrl = DOCS_URL): Promise<Merged> {
  if (names.length === 0) throw new UsageError('merge: give the JSON reports to merge, like merge shard-1.json shard-2.json');
  const shards: ReadShard[] = [];
  const whole: { name: string; entry: FleetRepository }[] = [];
  for (const name of names) {
    const text = await read(name);
    const parsed = parseReport(name, text);
    if (parsed.shard !== undefined) {
      const repository = repositoryRef.optional().safeParse(parsed.repository);
      if (!repository.success) throw badReport(name, text, ['repository', ...repository.error.issues[0]!.path], `not a repository (${repository.error.issues[0]!.message}): audit again with --repository owner/name`);
      shards.push(readShard(name, parsed as { mode?: unknown; shard?: ShardData; repository?: RepositoryRef | null }));
      continue;
    }
    const checked = auditReport.safeParse(parsed);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      const what = issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message;
      if (issue.path[0] === 'mode') throw badReport(name, text, ['mode'], `the report of a ${JSON.stringify(parsed.mode)}, not of an audit: a fleet compares audits of whole repositories (audit --format json)`);
      throw badReport(name, text, issue.path, `not an architecture-review JSON report (${what}): give the --format json report of an audit`);
    }
    const json = checked.data as unknown as JsonReport;
    if (json.repository === null) {
      throw badReport(name, text, ['repository'], 'names no repository: a fleet report needs each report\'s, so audit with --repository owner/name (the fleet workflow does)');
    }
    const signals = checkedSignals(checked.data.signals, (at, message) => badReport(name, text, at, message));
    whole.push({ name, entry: fleetEntry(json as JsonReport & { repository: RepositoryRef }, signals) });
  }

  const byRepository = new Map<string, ReadShard[]>();
  for (const s of shards) {
    const key = s.repository?.name ?? '';
    byRepository.set(key, [...(byRepository.get(key) ?? []), s]);
  }
  // Shards of one audit alone: the report of that audit, byte for byte.
  if (whole.length === 0 && byRepository.size === 1) {
    const { report, rules } = await mergeShards(shards, docsUrl);
    return { kind: 'report', report, rules };
  }

  const entries = new Map<string, { name: string; entry: FleetRepository }>();
  const add = (name: string, entry: FleetRepository): void => {
    const twin = entries.get(entry.repository.name);
    if (twin) throw new UsageError(`merge: ${name} and ${twin.name} are both audits of ${entry.repository.name}: give each repository's report once (or all of its shards)`);
    entries.set(entry.repository.name, { name, entry });
  };
  for (const w of whole) add(w.name, w.entry);
  const rules = new Map<string, RuleInfo>((await ruleSetFrom()).map((r) => [r.id, toRuleInfo(r, docsUrl)]));
  for (const [key, group] of byRepository) {
    const first = group[0]!;
    if (key === '') {
      throw new UsageError(`merge: ${first.name} names no repository: a fleet report needs each report's, so audit with --repository owner/name (the fleet workflow does)`);
    }
    const { report, rules: used } = await mergeShards(group, docsUrl);
    for (const r of used) if (!rules.has(r.id)) rules.set(r.id, toRuleInfo(r, docsUrl));
    const json = toJsonReport(report);
    add(group.map((g) => g.name).join(', '), fleetEntry(json as JsonReport & { repository: RepositoryRef }, json.signals));
  }
  return { kind: 'fleet', fleet: buildFleet([...entries.values()].map((e) => e.entry), rules) };
}

/** The fleet from its repositories: sorted, counted, and the rules that fire most. */
export function buildFleet(repositories: FleetRepository[], ruleInfo: Map<string, RuleInfo>): FleetReport {
  const sorted = [...repositories].sort((a, b) => compareStrings(a.repository.name, b.repository.name));
  const counts = { repositories: sorted.length, services: 0, question: 0, recommend: 0, info: 0, accepted: 0 };
  const rules = new Map<string, FleetRule>();
  let conclusion: Conclusion = 'none';
  for (const r of sorted) {
    counts.services += r.services.length;
    for (const k of ['question', 'recommend', 'info', 'accepted'] as const) counts[k] += r.counts[k];
    if (STRENGTH[r.conclusion] > STRENGTH[conclusion]) conclusion = r.conclusion;
    const seen = new Set<string>();
    for (const f of r.findings) {
      if (f.accepted) continue;
      const rule = rules.get(f.rule) ?? { rule: f.rule, verdict: f.verdict, findings: 0, repositories: 0 };
      rule.findings++;
      if (!seen.has(f.rule)) rule.repositories++;
      seen.add(f.rule);
      rules.set(f.rule, rule);
    }
  }
  const top = [...rules.values()].sort((a, b) => b.findings - a.findings || b.repositories - a.repositories || compareStrings(a.rule, b.rule));
  return { schemaVersion: 1, mode: 'fleet', repositories: sorted, rules: top, counts, conclusion, ruleInfo };
}
