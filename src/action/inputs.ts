import { UsageError } from '../errors.js';
import { PROFILE_PATH } from '../profile/defaults.js';

/** The action's inputs (SPEC 9), validated. */
export interface ActionInputs {
  token: string;
  profile: string;
  rules?: string;
  profileFrom: 'base' | 'head';
  failOn: 'question' | 'never';
  comment: 'auto' | 'always' | 'never';
  annotations: boolean;
  acceptLabel: string;
  pullRequest?: number;
  mode: 'auto' | 'review' | 'audit';
  sarif?: string;
}

function choice<T extends string>(name: string, value: string, allowed: readonly T[], fallback: T): T {
  if (value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`input ${name} must be one of ${allowed.join(', ')} (got "${value}")`);
}

/** A path input is read inside the repository or workspace, never outside it. */
function repoPath(name: string, value: string): string {
  const normal = value.replaceAll('\\', '/').replace(/^\.\//, '');
  if (normal.startsWith('/') || normal.split('/').includes('..') || normal.includes('\0')) {
    throw new UsageError(`input ${name} must be a path inside the repository, like .github/service-profile.yml (got "${value}")`);
  }
  return normal;
}

/**
 * Reads and checks every input; `get` returns the raw (trimmed) value, "" when unset.
 * Every mistake names the input, the allowed values and the value received.
 */
export function readInputs(get: (name: string) => string): ActionInputs {
  const token = get('github-token');
  if (!token) throw new UsageError('input github-token is empty: leave it unset to use the job token, or pass a token');
  const annotations = get('annotations') || 'true';
  if (!['true', 'false'].includes(annotations.toLowerCase())) {
    throw new UsageError(`input annotations must be true or false (got "${annotations}")`);
  }
  const pr = get('pull-request');
  if (pr !== '' && !/^[1-9][0-9]{0,9}$/.test(pr)) {
    throw new UsageError(`input pull-request must be a pull-request number like 42 (got "${pr}")`);
  }
  const rules = get('rules');
  const sarif = get('sarif');
  return {
    token,
    profile: repoPath('profile', get('profile') || PROFILE_PATH),
    rules: rules ? repoPath('rules', rules) : undefined,
    profileFrom: choice('profile-from', get('profile-from'), ['base', 'head'] as const, 'base'),
    failOn: choice('fail-on', get('fail-on'), ['question', 'never'] as const, 'question'),
    comment: choice('comment', get('comment'), ['auto', 'always', 'never'] as const, 'auto'),
    annotations: annotations.toLowerCase() === 'true',
    acceptLabel: get('accept-label') || 'architecture-accepted',
    pullRequest: pr ? Number(pr) : undefined,
    mode: choice('mode', get('mode'), ['auto', 'review', 'audit'] as const, 'auto'),
    sarif: sarif ? repoPath('sarif', sarif) : undefined,
  };
}
