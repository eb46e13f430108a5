/**
 * The identity of a finding across runs: the SARIF partial fingerprint and the hidden marker of
 * an inline review comment are the same value, so an alert and a review thread name the same
 * finding.
 */
import { lazyBuiltin } from '../lazy-builtin.js';
import type { Finding, Location, Report } from '../types.js';
import { wellFormed } from './escape.js';

/** node:crypto, loaded on first use: only SARIF files and inline comments need it. */
const crypto = lazyBuiltin<typeof import('node:crypto')>('node:crypto');

/** Locations by path, then line. */
export function compareLocations(a: Location, b: Location): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line;
}

/**
 * A finding's places, first one first (by path and line). A finding about the profile itself
 * has no code location: it points at the profile file.
 */
export function sortedPlaces(f: Finding, profilePath: string): [Location, ...Location[]] {
  const locations: Location[] = f.locations.length > 0 ? [...f.locations].sort(compareLocations) : [{ path: profilePath, line: 1 }];
  return locations as [Location, ...Location[]];
}

/**
 * One fingerprint per finding, in the report's order. Stable across unrelated edits: the rule,
 * the service, the file and the evidence line of the finding's first place with its whitespace
 * collapsed (not the line number, which moves when lines are added above), plus the occurrence
 * number among identical ones, so that two identical lines stay two findings.
 */
export function findingFingerprints(report: Report): string[] {
  const seen = new Map<string, number>();
  return report.findings.map((f) => {
    const first = sortedPlaces(f, report.profile.path)[0];
    const evidence = first.evidence !== undefined ? wellFormed(first.evidence).replace(/\s+/g, ' ').trim() : `line ${first.line}`;
    const hash = crypto()
      .createHash('sha256')
      .update(`${f.rule}\u0000${f.service}\u0000${wellFormed(first.path)}\u0000${evidence}`)
      .digest('hex')
      .slice(0, 32);
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    return `${hash}:${n}`;
  });
}
