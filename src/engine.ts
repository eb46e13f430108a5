import { detectFile, isDetectable } from './detect/index.js';
import { golangCriteria } from './evaluate/criteria.js';
import { concludeFindings, evaluateRules } from './evaluate/evaluate-rules.js';
import type { ProfileEdit } from './evaluate/profile-edit.js';
import { isIgnored, matchesAny, serviceFor } from './profile/services.js';
import type { Rule } from './rules/schema.js';
import type { PlacedAcceptance, Profile, ProfileSource, Report, Service, ServiceSummary, Signal } from './types.js';

/** One file to scan: its text at head, and which of its lines the change adds. */
export interface SourceFile {
  path: string;
  text: string;
  addedLines: Set<number> | 'all';
}

export interface EngineInput {
  mode: 'review' | 'audit';
  base: string | null;
  head: string | null;
  profile: Profile;
  profileSource: ProfileSource;
  rules: Rule[];
  /** Streamed, so an audit of a large tree keeps only signals in memory, never contents. */
  files: AsyncIterable<SourceFile> | Iterable<SourceFile>;
  profileEdit?: ProfileEdit;
  acceptLabel?: string;
  docsUrl: string;
  notes?: string[];
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
  const acceptances: PlacedAcceptance[] = [];
  const services = new Map<string, Service>();

  for await (const file of input.files) {
    if (!wantsFile(profile, file.path)) continue;
    const detection = detectFile(file.path, file.text);
    if (!detection) continue;
    const added = file.addedLines;
    const isAdded = (line: number) => added === 'all' || added.has(line);
    if (detection.signals.length > 0) {
      const service = serviceFor(profile, file.path);
      services.set(service.name, service);
      for (const s of detection.signals) {
        signals.push({ ...s, path: file.path, service: service.name, introduced: isAdded(s.line) });
      }
    }
    for (const a of detection.acceptances) acceptances.push({ ...a, path: file.path, introduced: isAdded(a.line) });
  }
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
    notes: input.notes ?? [],
  };
}

/** Declared services in profile order, then the implicit one when it owns a signal. */
function summariseServices(profile: Profile, services: Map<string, Service>, signals: Signal[]): ServiceSummary[] {
  const declared = new Set(profile.services.map((s) => s.name));
  const owning = new Set(signals.map((s) => s.service));
  const out: ServiceSummary[] = profile.services.map((s) => ({ name: s.name, criteria: golangCriteria(s) }));
  for (const [name, s] of services) {
    if (!declared.has(name) && owning.has(name)) out.push({ name, criteria: golangCriteria(s) });
  }
  return out;
}
