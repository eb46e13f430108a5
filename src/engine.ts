import { detectFile, detectUnreadFile, isDetectable } from './detect/index.js';
import { golangCriteria } from './evaluate/criteria.js';
import { concludeFindings, evaluateRules } from './evaluate/evaluate-rules.js';
import type { ProfileEdit } from './evaluate/profile-edit.js';
import { isIgnored, matchesAny, serviceFor } from './profile/services.js';
import type { Rule } from './rules/schema.js';
import type { Problem } from './errors.js';
import type {
  DetectedSignal,
  Detection,
  PlacedAcceptance,
  Profile,
  ProfileSource,
  Report,
  Service,
  ServiceSummary,
  Signal,
} from './types.js';
import { isUse } from './types.js';

/**
 * One file to scan: its content at head, and which of its lines the change adds. `text` is null
 * for a file too large to read (`size` bytes): its name alone still tells its language. It may
 * be the file's undecoded UTF-8 bytes, which some detectors decide from without decoding
 * ({@link detectFile}); the engine is done with them before it asks for the next file.
 */
export interface SourceFile {
  path: string;
  text: string | Buffer | null;
  addedLines: Set<number> | 'all';
  size?: number;
  /**
   * In a review, the file as it was at the base (under its previous path for a rename), when
   * it existed: a signal is then introduced only when the head has more of its kind than the
   * base had ({@link introducedFlags}), so reordered or reworded imports introduce nothing.
   */
  base?: { path: string; text: string | Buffer };
  /** What the detectors found, when a worker detected the file already (`text` is then null). */
  detection?: Detection | null;
}

export interface EngineInput {
  mode: 'review' | 'audit';
  base: string | null;
  head: string | null;
  profile: Profile;
  profileSource: ProfileSource;
  rules: Rule[];
  /**
   * Streamed, so an audit of a large tree keeps only signals in memory, never contents.
   * Synchronous, as reading is (changes/files.ts).
   */
  files: Iterable<SourceFile> | AsyncIterable<SourceFile>;
  profileEdit?: ProfileEdit;
  acceptLabel?: string;
  docsUrl: string;
  notes?: string[];
  /** Problems of the profile found by the caller against the tree (see `profile/unmatched.ts`). */
  warnings?: Problem[];
  /**
   * In a review, the base version of files the change deletes: what they held may have moved
   * into another file of the same service, which then introduces nothing ({@link MovedUses}).
   */
  removed?: Iterable<{ path: string; text: string | Buffer }>;
}

/** True when the engine would read this file: a detector reads it and the profile does not ignore it. */
export function wantsFile(profile: Profile, path: string): boolean {
  return isDetectable(path) && !isIgnored(profile, path);
}

/**
 * One review or audit from files to report. Both front doors call this; it does no I/O of
 * its own beyond iterating `files`.
 */
export async function runEngine(input: EngineInput): Promise<Report> {
  const { profile } = input;
  const signals: Signal[] = [];
  // One string per distinct evidence line: the same imports and calls recur across a tree.
  const evidences = new Map<string, string>();
  const acceptances: PlacedAcceptance[] = [];
  const services = new Map<string, Service>();
  const unread: string[] = [];
  const moved = new MovedUses();

  for await (const file of input.files) {
    // `wantsFile`, with the name test left to detectFile, which returns null for files no
    // detector reads: each file is classified by name once here.
    if (isIgnored(profile, file.path)) continue;
    if (file.text === null && file.detection === undefined && isDetectable(file.path)) {
      unread.push(`${file.path} (${(Math.max(file.size ?? 0, 0) / 1024 / 1024).toFixed(1)} MiB)`);
    }
    const detection =
      file.detection !== undefined ? file.detection : file.text === null ? detectUnreadFile(file.path) : detectFile(file.path, file.text);
    if (!detection) continue;
    const added = file.addedLines;
    // An unread file's signal stands for the whole file: introduced when the change adds to it.
    const isAdded =
      file.text === null ? () => added === 'all' || added.size > 0 : (line: number) => added === 'all' || added.has(line);
    const before = file.base && added !== 'all' ? detectFile(file.base.path, file.base.text) : null;
    if (detection.signals.length > 0 || (before && before.signals.length > 0)) {
      const service = serviceFor(profile, file.path);
      if (before) moved.lose(service.name, file.base!.path, before.signals, detection.signals);
      if (detection.signals.length > 0) services.set(service.name, service);
      const flags = introducedFlags(detection.signals, before?.signals ?? null, isAdded);
      for (let i = 0; i < detection.signals.length; i++) {
        const placed = placeSignal(detection.signals[i]!, file.path, service.name, flags[i]!, evidences);
        signals.push(placed);
        if (placed.introduced) moved.candidate(placed, detection.signals[i]!);
      }
    }
    for (const a of detection.acceptances) acceptances.push({ ...a, path: file.path, introduced: isAdded(a.line) });
  }
  for (const file of input.removed ?? []) {
    if (isIgnored(profile, file.path)) continue;
    const detection = detectFile(file.path, file.text);
    if (detection && detection.signals.length > 0) {
      moved.lose(serviceFor(profile, file.path).name, file.path, detection.signals, []);
    }
  }
  const movedNotes = moved.settle();
  for (const s of profile.services) services.set(s.name, s);

  const findings = evaluateRules(
    {
      rules: input.rules,
      profile,
      profileSource: input.profileSource,
      signals,
      acceptances,
      services,
      profileEdit: input.profileEdit,
      acceptLabel: input.acceptLabel,
      docsUrl: input.docsUrl,
    },
    matchesAny,
  );

  return {
    schemaVersion: 1,
    mode: input.mode,
    base: input.base,
    head: input.head,
    profile: input.profileSource,
    services: summariseServices(profile, services, signals),
    signals,
    findings,
    conclusion: concludeFindings(findings),
    notes: [
      ...(input.notes ?? []),
      ...movedNotes,
      ...(unread.length > 0
        ? [
            `${unread.length} file(s) over 5 MiB were not read; their names still count (a .go file is Go): ${unread.slice(0, 10).join(', ')}${unread.length > 10 ? ', …' : ''}.`,
          ]
        : []),
    ],
    warnings: input.warnings ?? [],
  };
}

/**
 * What a signal is, for comparing a file at base and head: its kind, use or mention, construct,
 * what it names (the module or the use's qualified name) and whether it is an async server's.
 * Not the line: lines move.
 */
function signalKey(s: DetectedSignal): string {
  const server = s.tags?.includes('async-server') ? 'server' : '';
  return `${s.signal}\u0000${isUse(s) ? 'use' : 'mention'}\u0000${s.construct ?? ''}\u0000${s.module ?? ''}\u0000${server}`;
}

/**
 * Which of a file's signals its change introduces. A signal on a line the change does not add
 * is never introduced. On an added line it is, unless the file at the base already had as many
 * of the same key ({@link signalKey}): then the change moved or reworded it (an import list
 * reordered, `thread` ported to `_thread`, a call moved into another function), and what it
 * does was there before. With no base (a new file, an audit) the added lines decide alone.
 */
export function introducedFlags(
  head: readonly DetectedSignal[],
  base: readonly DetectedSignal[] | null,
  isAdded: (line: number) => boolean,
): boolean[] {
  const flags = head.map((s) => isAdded(s.line));
  if (base === null || !flags.includes(true)) return flags;
  const before = new Map<string, number>();
  for (const s of base) {
    const key = signalKey(s);
    before.set(key, (before.get(key) ?? 0) + 1);
  }
  const after = new Map<string, number>();
  for (const s of head) {
    const key = signalKey(s);
    after.set(key, (after.get(key) ?? 0) + 1);
  }
  return head.map((s, i) => flags[i]! && after.get(signalKey(s))! > (before.get(signalKey(s)) ?? 0));
}

/**
 * Uses that move between files of one service. A refactor that takes `Thread(...)` out of one
 * module and writes it into another (or into a new one) adds a line that creates a thread, but
 * the service chose threads before the change as much as after: the choice is the service's,
 * so the comparison of base and head is the service's too. What a changed or deleted file of a
 * service held at the base and no longer holds, key by key ({@link signalKey}), cancels as many
 * introduced signals of the same key elsewhere in that service. A move into another service is
 * a new choice for that service, and stays introduced.
 */
class MovedUses {
  /** Per service and key, the files that lost one such signal (one entry per signal lost). */
  private readonly lost = new Map<string, string[]>();
  private readonly candidates: { signal: Signal; key: string }[] = [];

  /** A file of `service` had `base` at the base and has `head` now. */
  lose(service: string, path: string, base: readonly DetectedSignal[], head: readonly DetectedSignal[]): void {
    const left = new Map<string, number>();
    for (const s of head) {
      const key = signalKey(s);
      left.set(key, (left.get(key) ?? 0) + 1);
    }
    for (const s of base) {
      const key = signalKey(s);
      const still = left.get(key) ?? 0;
      if (still > 0) {
        left.set(key, still - 1);
        continue;
      }
      const id = `${service}\u0000${key}`;
      const from = this.lost.get(id);
      if (from) from.push(path);
      else this.lost.set(id, [path]);
    }
  }

  candidate(signal: Signal, detected: DetectedSignal): void {
    this.candidates.push({ signal, key: `${signal.service}\u0000${signalKey(detected)}` });
  }

  /**
   * Marks the candidates that a loss in their service accounts for as not introduced, in the
   * order files came; returns a note for each moved use (mentions, such as an import that went
   * with it, cancel silently).
   */
  settle(): string[] {
    if (this.lost.size === 0) return [];
    const notes: string[] = [];
    for (const { signal, key } of this.candidates) {
      const from = this.lost.get(key);
      if (!from || from.length === 0) continue;
      // Never the signal's own file: a file's loss and its surplus of one key exclude each other.
      const source = from.shift()!;
      signal.introduced = false;
      if (isUse(signal)) {
        notes.push(
          `The ${signal.signal} use at ${signal.path}:${signal.line} (${clip(signal.evidence)}) moved from ${source}, in the same service "${signal.service}": not counted as introduced.`,
        );
      }
    }
    if (notes.length > 10) return [...notes.slice(0, 10), `…and ${notes.length - 10} more moved use(s).`];
    return notes;
  }
}

function clip(text: string): string {
  const line = text.trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

/**
 * A detected signal placed in a file and service. Built field by field, optional ones only when
 * present, rather than spread: every signal then has one of a few shapes, which keeps reading
 * them fast in the evaluator, where thousands go through every rule.
 */
function placeSignal(
  s: DetectedSignal,
  path: string,
  service: string,
  introduced: boolean,
  evidences: Map<string, string>,
): Signal {
  let evidence = evidences.get(s.evidence);
  if (evidence === undefined) evidences.set(s.evidence, (evidence = s.evidence));
  const placed = { signal: s.signal, line: s.line, evidence } as Signal;
  if (s.tags !== undefined) placed.tags = s.tags;
  if (s.module !== undefined) placed.module = s.module;
  if (s.construct !== undefined) placed.construct = s.construct;
  if (s.idiom !== undefined) placed.idiom = s.idiom;
  placed.path = path;
  placed.service = service;
  placed.introduced = introduced;
  return placed;
}

/** Declared services in profile order, then the implicit one when it owns a signal. */
function summariseServices(profile: Profile, services: Map<string, Service>, signals: Signal[]): ServiceSummary[] {
  const declared = new Set(profile.services.map((s) => s.name));
  const owning = new Set(signals.map((s) => s.service));
  const out: ServiceSummary[] = profile.services.map((s) => {
    const summary: ServiceSummary = { name: s.name, criteria: golangCriteria(s) };
    if (Object.keys(s.evidence).length > 0) summary.evidence = s.evidence;
    if (s.notes) summary.notes = s.notes;
    return summary;
  });
  for (const [name, s] of services) {
    if (!declared.has(name) && owning.has(name)) out.push({ name, criteria: golangCriteria(s) });
  }
  return out;
}
