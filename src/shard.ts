/**
 * Sharded audits: `audit --shard I/N` audits the files whose path hashes to shard I of N (the
 * same path always lands in the same shard, whatever files are added elsewhere), and
 * `architecture-review merge` merges the JSON reports of all N shards into the report a single
 * audit gives, byte for byte. A shard's report carries, besides the usual fields, a `shard`
 * object: its place (`index`, `count`), the profile and rules it was judged by, and what the
 * detectors found in each of its files, which the merge replays through the same engine.
 */
import { createHash } from 'node:crypto';
import { DOCS_URL } from './docs.js';
import { runEngine, type SourceFile } from './engine.js';
import { UsageError, type Problem } from './errors.js';
import { profileFromText, ruleSetFrom } from './load-config.js';
import { checkAcceptedRules } from './rules/check-accepted.js';
import type { Rule } from './rules/schema.js';
import type { DetectedSignal, InlineAcceptance, Report, RepositoryRef } from './types.js';

export interface ShardSpec {
  /** 1-based. */
  index: number;
  count: number;
}

/** What a shard's JSON report carries for the merge. */
export interface ShardData extends ShardSpec {
  profile: { path: string; text: string | null };
  rules: { file: string; text: string } | null;
  /** Files with something detected, in the audit's order. */
  files: { path: string; signals: DetectedSignal[]; acceptances: InlineAcceptance[] }[];
  /** Files too large to read (their name alone decides). */
  unread: { path: string; size: number }[];
  notes: string[];
  warnings: Problem[];
}

/** The shard (1-based) of `path` among `count`: from a hash of the path alone. */
export function shardOf(path: string, count: number): number {
  return (createHash('sha1').update(path).digest().readUInt32BE(0) % count) + 1;
}

/** Records what the engine is given, for the shard's report. */
export function recordShard(files: Iterable<SourceFile> | AsyncIterable<SourceFile>, detect: (f: SourceFile) => SourceFile, into: ShardData): AsyncGenerator<SourceFile> {
  return (async function* () {
    for await (const raw of files) {
      const file = detect(raw);
      if (file.detection === undefined && file.text === null && file.size !== undefined) into.unread.push({ path: file.path, size: file.size });
      const d = file.detection;
      if (d && (d.signals.length > 0 || d.acceptances.length > 0)) into.files.push({ path: file.path, signals: d.signals, acceptances: d.acceptances });
      yield file;
    }
  })();
}

/** A shard's report as read: its shard object and the repository it names. */
export interface ReadShard {
  name: string;
  data: ShardData;
  repository: RepositoryRef | null;
}

/** Where `position` falls in `text`, as line:column (1-based). */
export function lineColumn(text: string, position: number): string {
  const before = text.slice(0, position).split('\n');
  return `${before.length}:${(before[before.length - 1]?.length ?? 0) + 1}`;
}

/** Checks the shard object of a parsed report; every problem names the file and the fix. */
export function readShard(name: string, parsed: { mode?: unknown; shard?: ShardData; repository?: RepositoryRef | null }): ReadShard {
  const shard = parsed.shard;
  if (parsed.mode !== 'audit' || !shard || typeof shard !== 'object' || !Number.isInteger(shard.index) || !Number.isInteger(shard.count) || !Array.isArray(shard.files)) {
    throw new UsageError(`merge: ${name}: not the report of a sharded audit (no "shard" object): run audit --shard I/N --format json for each shard`);
  }
  return { name, data: shard, repository: parsed.repository ?? null };
}

/**
 * The report of the whole tree from its shards' reports: the same profile and rules, every
 * shard once, the files put back in the audit's order and judged again by the engine.
 */
export async function mergeShards(shards: ReadShard[], docsUrl = DOCS_URL): Promise<{ report: Report; rules: Rule[] }> {
  const first = shards[0];
  if (!first) throw new UsageError('merge: give the JSON reports of the shards, like merge shard-1.json shard-2.json');
  const count = first.data.count;
  const seen = new Map<number, string>();
  for (const s of shards) {
    if (s.data.count !== count) throw new UsageError(`merge: ${s.name} is shard ${s.data.index}/${s.data.count}, but ${first.name} is one of ${count}: merge the shards of one audit`);
    const twin = seen.get(s.data.index);
    if (twin) throw new UsageError(`merge: ${s.name} and ${twin} are both shard ${s.data.index}/${count}: give each shard once`);
    seen.set(s.data.index, s.name);
    if (JSON.stringify(s.repository) !== JSON.stringify(first.repository)) {
      throw new UsageError(`merge: ${s.name} is of ${describeRepository(s.repository)}, but ${first.name} of ${describeRepository(first.repository)}: merge the shards of one audit`);
    }
    const same = JSON.stringify([s.data.profile, s.data.rules]) === JSON.stringify([first.data.profile, first.data.rules]);
    if (!same) throw new UsageError(`merge: ${s.name} was audited with another profile or rules file than ${first.name}: audit every shard of one commit with the same profile and rules`);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new UsageError(`merge: shard(s) ${missing.map((i) => `${i}/${count}`).join(', ')} missing: give all ${count} shard reports`);

  const { profile: source, rules: rulesSource, notes, warnings } = first.data;
  const profile = await profileFromText(source.text, source.path);
  const rules = await ruleSetFrom(rulesSource ?? undefined);
  checkAcceptedRules(profile, rules, source.path);
  const files: SourceFile[] = [];
  for (const s of shards) {
    for (const f of s.data.files) files.push({ path: f.path, text: null, addedLines: 'all', detection: { signals: f.signals, acceptances: f.acceptances } });
    for (const u of s.data.unread) files.push({ path: u.path, text: null, addedLines: 'all', size: u.size });
  }
  // The audit's order: its file list is sorted.
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const report = await runEngine({
    mode: 'audit',
    base: null,
    head: null,
    profile,
    profileSource: { path: source.path, from: 'worktree', found: source.text !== null },
    rules,
    files,
    docsUrl,
    notes,
    warnings,
  });
  report.repository = first.repository;
  return { report, rules };
}

function describeRepository(r: RepositoryRef | null): string {
  if (r === null) return 'no named repository';
  return r.commit ? `${r.name} at ${r.commit.slice(0, 12)}` : r.name;
}
