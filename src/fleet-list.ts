/**
 * `architecture-review repositories --org ORG`: the organisation's repositories a fleet audit
 * covers, read from the REST API a page of 100 at a time, filtered by topic and name, archived
 * and forked ones left out unless asked for, and cut into the jobs of a GitHub Actions matrix
 * (at most 256 jobs, GitHub's limit per matrix: past 256 repositories a job audits several).
 */
import picomatch from 'picomatch';
import type { GitHubClient } from './action/github-client.js';
import { UsageError } from './errors.js';
import { compareStrings } from './report/outline.js';

/** GitHub runs at most this many jobs from one matrix. */
export const MAX_MATRIX_JOBS = 256;

export interface ListOptions {
  org: string;
  /** A repository needs every one of these topics. */
  topics: string[];
  /** Globs on the repository's name (`api-*`); one must match when any is given. */
  names: string[];
  includeArchived: boolean;
  includeForks: boolean;
}

export interface ListedRepository {
  /** `owner/name`. */
  name: string;
  /** The default branch, the one audited. */
  branch: string;
  /** The repository's page (github.com or the Enterprise Server's). */
  url: string;
}

export interface Listing {
  repositories: ListedRepository[];
  /** How many the organisation has, before the filters; and requests made to list them. */
  listed: number;
  requests: number;
}

/** What the listing reads of each repository (REST `minimal-repository`). */
interface ApiRepository {
  full_name: string;
  name: string;
  html_url: string;
  default_branch?: string;
  archived?: boolean;
  disabled?: boolean;
  fork: boolean;
  topics?: string[];
}

/** GitHub's rule for organisation logins: letters, digits and single inner dashes. */
const ORG = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

export async function listRepositories(octokit: GitHubClient, options: ListOptions): Promise<Listing> {
  if (!ORG.test(options.org)) throw new UsageError(`repositories: --org "${options.org}" is not an organisation login: give its name as in https://github.com/<org>`);
  const matchName = options.names.length > 0 ? picomatch(options.names, { nocase: true, dot: true }) : () => true;
  const topics = options.topics.map((t) => t.toLowerCase());
  const repositories: ListedRepository[] = [];
  let listed = 0;
  let requests = 0;
  try {
    const pages = octokit.paginate.iterator(octokit.rest.repos.listForOrg, { org: options.org, type: 'all', sort: 'full_name', per_page: 100 });
    for await (const page of pages) {
      requests++;
      for (const r of page.data as ApiRepository[]) {
        listed++;
        if (r.disabled || (r.archived && !options.includeArchived) || (r.fork && !options.includeForks)) continue;
        if (!matchName(r.name)) continue;
        const own = new Set((r.topics ?? []).map((t) => t.toLowerCase()));
        if (!topics.every((t) => own.has(t))) continue;
        repositories.push({ name: r.full_name, branch: r.default_branch ?? 'main', url: r.html_url });
      }
    }
  } catch (err) {
    throw listingError(err, options.org);
  }
  repositories.sort((a, b) => compareStrings(a.name, b.name));
  return { repositories, listed, requests };
}

/** An API refusal as the one line that says what to do about it. */
function listingError(err: unknown, org: string): unknown {
  const status = (err as { status?: unknown }).status;
  // Octokit reports a connection that failed or timed out as status 500 without a response.
  if ((err as { response?: unknown }).response === undefined && typeof status === 'number') {
    return new UsageError(`repositories: no answer from GitHub while listing ${org}'s repositories (${(err as Error).message.split('\n')[0]}): check GITHUB_API_URL and the network, then run it again`, { cause: err });
  }
  const token = 'a GITHUB_TOKEN sees only the repository of its workflow: give a GitHub App token or a fine-grained token with Contents: read on the organisation\'s repositories';
  if (status === 401) return new UsageError(`repositories: the token was refused (401 Bad credentials): check the secret; ${token}`, { cause: err });
  if (status === 403) return new UsageError(`repositories: the token may not list ${org}'s repositories (403): ${token}`, { cause: err });
  if (status === 404) return new UsageError(`repositories: no organisation "${org}" that this token can see (404): check the name; ${token}`, { cause: err });
  if (typeof status === 'number') return new UsageError(`repositories: GitHub answered ${status} while listing ${org}'s repositories: run it again later`, { cause: err });
  return err;
}

/**
 * The repositories as a matrix's `include`: `perJob` to a job (at least enough that no more
 * than {@link MAX_MATRIX_JOBS} jobs are needed), in name order.
 */
export function toMatrix(repositories: readonly ListedRepository[], perJob = 1): { perJob: number; include: { job: number; repositories: ListedRepository[] }[] } {
  const size = Math.max(perJob, Math.ceil(repositories.length / MAX_MATRIX_JOBS), 1);
  const include: { job: number; repositories: ListedRepository[] }[] = [];
  for (let i = 0; i < repositories.length; i += size) include.push({ job: include.length + 1, repositories: repositories.slice(i, i + size) });
  return { perJob: size, include };
}
