/**
 * What a run knows of profiles before reading one. Kept apart from `load-profile.ts`, which
 * brings the YAML parser and the schema: a run without a profile never loads them.
 */
import type { Profile } from '../types.js';

/** Where the profile lives by default (SPEC 3). */
export const PROFILE_PATH = '.github/service-profile.yml';

/**
 * The profile of a repository that has none: no services, so every file belongs to the
 * implicit `default` service, where every need counts as not declared.
 */
export function defaultProfile(): Profile {
  return { version: 1, services: [], accept: [], ignore: [] };
}
