import { NEEDS, WHOLE_PROFILE, type Profile, type Service } from '../types.js';

/** One thing a change flips in the profile, attributed to a service where it has one. */
export interface ProfileFlip {
  /** The service the change is about; `profile` for `accept:` and `ignore:` entries. */
  service: string;
  /** "low-latency: not declared → true" */
  change: string;
  /** Line in the head version of the profile, to point the reader at it. */
  line: number;
}

export interface ProfileEdit {
  path: string;
  flips: ProfileFlip[];
}

function show(value: unknown): string {
  return value === undefined ? 'not declared' : Array.isArray(value) ? JSON.stringify(value) : String(value);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function serviceFlips(before: Service | undefined, after: Service | undefined, line: number): ProfileFlip[] {
  const name = (after ?? before)?.name ?? '';
  if (!before) return [{ service: name, change: `service ${name} added`, line }];
  if (!after) return [{ service: name, change: `service ${name} removed`, line }];
  const flips: ProfileFlip[] = [];
  const note = (change: string) => flips.push({ service: name, change, line });
  for (const need of NEEDS) {
    if (before.needs[need] !== after.needs[need]) {
      note(`${need}: ${show(before.needs[need])} → ${show(after.needs[need])}`);
    }
  }
  if (before.context !== after.context) note(`context: ${before.context} → ${after.context}`);
  if (before.workload !== after.workload) note(`workload: ${show(before.workload)} → ${show(after.workload)}`);
  if (!sameList(before.paths, after.paths)) note(`paths: ${show(before.paths)} → ${show(after.paths)}`);
  for (const key of ['latency-p99-ms', 'concurrent-clients', 'profiling'] as const) {
    if (before.evidence[key] !== after.evidence[key]) {
      note(`evidence.${key}: ${show(before.evidence[key])} → ${show(after.evidence[key])}`);
    }
  }
  return flips;
}

/**
 * What a change does to the profile, need by need. `before` is null when the base has no
 * profile. Edits that change no declaration (comments, order, notes) give no flips, but the
 * edit is still reported so that a reviewer looks.
 */
export function diffProfiles(path: string, before: Profile | null, after: Profile): ProfileEdit {
  const flips: ProfileFlip[] = [];
  const beforeServices = new Map((before?.services ?? []).map((s) => [s.name, s]));
  const afterServices = new Map(after.services.map((s) => [s.name, s]));
  for (const s of after.services) flips.push(...serviceFlips(beforeServices.get(s.name), s, s.line));
  for (const s of before?.services ?? []) {
    if (!afterServices.has(s.name)) flips.push(...serviceFlips(s, undefined, 1));
  }
  const acceptKey = (a: Profile['accept'][number]) => `${a.rule} ${JSON.stringify(a.paths)}`;
  const beforeAccepts = new Set((before?.accept ?? []).map(acceptKey));
  for (const a of after.accept) {
    if (!beforeAccepts.has(acceptKey(a))) {
      flips.push({ service: WHOLE_PROFILE, change: `accept ${a.rule} for ${show(a.paths)} added`, line: a.line });
    }
  }
  const beforeIgnore = new Set(before?.ignore ?? []);
  const added = after.ignore.filter((g) => !beforeIgnore.has(g));
  if (added.length > 0) flips.push({ service: WHOLE_PROFILE, change: `ignore ${show(added)} added`, line: 1 });
  if (flips.length === 0) flips.push({ service: WHOLE_PROFILE, change: 'no declaration changes (layout or notes only)', line: 1 });
  return { path, flips };
}
