/**
 * Service globs that match no file: a typo in `paths:` silently hands a service's files to
 * another service (an earlier one whose globs overlap, or the default service, whose needs
 * are not declared), so every verdict on them changes. Found
 * against the files of the tree (an audit, `validate`) or of the change's head (a review).
 */
import { closestMatches } from '../config/suggest.js';
import type { Problem } from '../errors.js';
import type { Profile } from '../types.js';
import { matchesAny } from './globs.js';

/** A service glob that matches no file, with its place in the profile and a likely fix. */
export interface UnmatchedGlob {
  service: string;
  glob: string;
  line: number;
  col: number;
  /** The existing folder closest to the glob's folder, when one is close enough to be the intended one. */
  closestFolder?: string;
  /** The glob with its folder part replaced by {@link closestFolder}. */
  suggestion?: string;
}

/** The folder part of a glob: its leading segments up to the first with a wildcard. */
function literalFolder(glob: string): string {
  const segments = glob.split('/');
  const literal: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    if (/[*?[\]{}()!+@]/.test(segment)) break;
    literal.push(segment);
  }
  return literal.join('/');
}

/** Every folder that holds a file, as `a`, `a/b`, … (the root is not one). */
function foldersOf(files: readonly string[]): string[] {
  const folders = new Set<string>();
  for (const file of files) {
    let slash = file.indexOf('/');
    while (slash !== -1) {
      folders.add(file.slice(0, slash));
      slash = file.indexOf('/', slash + 1);
    }
  }
  return [...folders].sort();
}

/**
 * The globs of `profile`'s services that match none of `files` (repository-relative POSIX
 * paths), in profile order. An empty file list finds nothing: there is nothing to hold the
 * globs to, and every glob would be reported.
 */
export function unmatchedGlobs(profile: Profile, files: readonly string[]): UnmatchedGlob[] {
  if (files.length === 0) return [];
  let folders: string[] | undefined;
  const out: UnmatchedGlob[] = [];
  for (const service of profile.services) {
    service.paths.forEach((glob, i) => {
      // A list of one glob, compiled and cached as its own matcher.
      const one = [glob];
      if (files.some((f) => matchesAny(one, f))) return;
      const position = service.pathPositions?.[i] ?? { line: service.line, col: 1 };
      const entry: UnmatchedGlob = { service: service.name, glob, ...position };
      const folder = literalFolder(glob);
      if (folder !== '') {
        folders ??= foldersOf(files);
        const [closest] = closestMatches(folder, folders);
        if (closest !== undefined) {
          entry.closestFolder = closest;
          entry.suggestion = closest + glob.slice(folder.length);
        }
      }
      out.push(entry);
    });
  }
  return out;
}

/** The warning for one unmatched glob, as a problem placed at the glob in `file`. */
export function unmatchedGlobProblem(u: UnmatchedGlob, file: string, where: string): Problem {
  const fix = u.suggestion
    ? `the closest folder is ${u.closestFolder}/: did you mean ${JSON.stringify(u.suggestion)}?`
    : `its files belong to another service (or the default one) whose needs may not be ${JSON.stringify(u.service)}'s: fix the glob or remove it`;
  return {
    file,
    line: u.line,
    col: u.col,
    message: `service ${JSON.stringify(u.service)}: paths glob ${JSON.stringify(u.glob)} matches no file ${where}; ${fix}`,
  };
}
