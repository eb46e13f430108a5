/**
 * Which service owns a file, and which files are ignored.
 */
import type { Profile, Service } from '../types.js';
import { matchesAny } from './globs.js';

/** The name of the service that owns the files no declared service matches. */
export const IMPLICIT_SERVICE_NAME = 'default';

/** The implicit service: every file, standalone, nothing declared. A fresh object each call. */
export function implicitService(): Service {
  return { name: IMPLICIT_SERVICE_NAME, paths: ['**'], context: 'standalone', needs: {}, evidence: {}, line: 0 };
}

// One fallback per profile, so that callers get the same object for every unmatched file.
const fallbacks = new WeakMap<Profile, Service>();

function fallbackOf(profile: Profile): Service {
  let fallback = fallbacks.get(profile);
  if (!fallback) {
    fallback = profile.services.find((s) => s.name === IMPLICIT_SERVICE_NAME) ?? implicitService();
    fallbacks.set(profile, fallback);
  }
  return fallback;
}

/**
 * The service that owns `path` (repository-relative, POSIX): the last service whose `paths`
 * match, as in CODEOWNERS, so that a broad service first and narrower ones after reads
 * naturally. A file no service matches belongs to the profile's own service named
 * `default` if it declares one, else to the implicit one ({@link implicitService}).
 * Matchers are compiled once per profile; treat a profile as immutable once used.
 */
export function serviceFor(profile: Profile, path: string): Service {
  const { services } = profile;
  for (let i = services.length - 1; i >= 0; i--) {
    const service = services[i]!;
    if (matchesAny(service.paths, path)) return service;
  }
  return fallbackOf(profile);
}

/** True when `path` matches a glob of the profile's `ignore:` list: it is never reviewed. */
export function isIgnored(profile: Profile, path: string): boolean {
  return matchesAny(profile.ignore, path);
}

export { matchesAny };
