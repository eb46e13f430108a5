/**
 * Which repository a report is of: `--repository owner/name` (github.com) or its page's URL
 * (GitHub Enterprise Server), and the action's own repository. A fleet report (`merge` of the
 * reports of several repositories) groups and links by it.
 */
import { UsageError } from './errors.js';
import type { RepositoryRef } from './types.js';

/** GitHub's own rule for owner and repository names: letters, digits, `-`, `_` and `.`. */
const NAME = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/** `owner/name` or `https://host[/prefix]/owner/name[.git]` as a repository of `commit`. */
export function parseRepository(value: string, commit: string | null): RepositoryRef {
  const fix = 'give owner/name, like octo-org/storage, or the repository page, like https://github.example.com/octo-org/storage';
  if (NAME.test(value) && !value.split('/').some((part) => part === '.' || part === '..')) {
    return { name: value, url: `https://github.com/${value}`, commit };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--repository "${value}" is not a repository: ${fix}`);
  }
  const parts = url.pathname.replace(/\.git$/, '').split('/').filter((p) => p !== '');
  const name = parts.slice(-2).join('/');
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || url.search || url.hash || parts.length < 2 || !NAME.test(name)) {
    throw new UsageError(`--repository "${value}" is not a repository page: ${fix}`);
  }
  return { name, url: `${url.origin}/${parts.join('/')}`, commit };
}
