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
  /** The check run's name; '' for no check run. */
  checkName: string;
  /** Which findings get an inline review comment on their line. */
  inline: 'questions' | 'all' | 'none';
  /** New inline comments per run at most. */
  inlineLimit: number;
  /** The event of the review that carries new inline comments (never an approval). */
  reviewEvent: 'COMMENT' | 'REQUEST_CHANGES';
  /** Whether the pull request's author may accept its questions with a comment command. */
  allowAuthorAccept: boolean;
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
  const checkName = get('check-name');
  const inlineLimit = get('inline-limit') || '25';
  if (!/^(0|[1-9][0-9]{0,3})$/.test(inlineLimit)) {
    throw new UsageError(`input inline-limit must be a whole number from 0 to 9999, like 25 (got "${inlineLimit}")`);
  }
  if (checkName.length > 100 || [...checkName].some((c) => c.charCodeAt(0) < 32)) {
    throw new UsageError(`input check-name must be one line of at most 100 characters, like architecture-review (got "${checkName.slice(0, 120)}")`);
  }
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
    checkName,
    inline: choice('inline', get('inline'), ['questions', 'all', 'none'] as const, 'questions'),
    inlineLimit: Number(inlineLimit),
    reviewEvent: choice('review-event', get('review-event'), ['comment', 'request-changes'] as const, 'comment') === 'request-changes' ? 'REQUEST_CHANGES' : 'COMMENT',
    allowAuthorAccept: choice('allow-author-accept', get('allow-author-accept').toLowerCase(), ['true', 'false'] as const, 'false') === 'true',
  };
}
