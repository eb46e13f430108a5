import { createRequire as __arCreateRequire } from 'node:module'; const require = __arCreateRequire(import.meta.url);
import {
  require_picomatch
} from "./chunk-KTNYPSYG.js";
import {
  compareStrings
} from "./chunk-C6I7OBPT.js";
import {
  UsageError
} from "./chunk-4ALPS4ZO.js";
import {
  __toESM
} from "./chunk-LPW5IQWZ.js";

// src/fleet-list.ts
var import_picomatch = __toESM(require_picomatch(), 1);
var MAX_MATRIX_JOBS = 256;
var ORG = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
async function listRepositories(octokit, options) {
  if (!ORG.test(options.org)) throw new UsageError(`repositories: --org "${options.org}" is not an organisation login: give its name as in https://github.com/<org>`);
  const matchName = options.names.length > 0 ? (0, import_picomatch.default)(options.names, { nocase: true, dot: true }) : () => true;
  const topics = options.topics.map((t) => t.toLowerCase());
  const repositories = [];
  let listed = 0;
  let requests = 0;
  try {
    const pages = octokit.paginate.iterator(octokit.rest.repos.listForOrg, { org: options.org, type: "all", sort: "full_name", per_page: 100 });
    for await (const page of pages) {
      requests++;
      for (const r of page.data) {
        listed++;
        if (r.disabled || r.archived && !options.includeArchived || r.fork && !options.includeForks) continue;
        if (!matchName(r.name)) continue;
        const own = new Set((r.topics ?? []).map((t) => t.toLowerCase()));
        if (!topics.every((t) => own.has(t))) continue;
        repositories.push({ name: r.full_name, branch: r.default_branch ?? "main", url: r.html_url });
      }
    }
  } catch (err) {
    throw listingError(err, options.org);
  }
  repositories.sort((a, b) => compareStrings(a.name, b.name));
  return { repositories, listed, requests };
}
function listingError(err, org) {
  const status = err.status;
  if (err.response === void 0 && typeof status === "number") {
    return new UsageError(`repositories: no answer from GitHub while listing ${org}'s repositories (${err.message.split("\n")[0]}): check GITHUB_API_URL and the network, then run it again`, { cause: err });
  }
  const token = "a GITHUB_TOKEN sees only the repository of its workflow: give a GitHub App token or a fine-grained token with Contents: read on the organisation's repositories";
  if (status === 401) return new UsageError(`repositories: the token was refused (401 Bad credentials): check the secret; ${token}`, { cause: err });
  if (status === 403) return new UsageError(`repositories: the token may not list ${org}'s repositories (403): ${token}`, { cause: err });
  if (status === 404) return new UsageError(`repositories: no organisation "${org}" that this token can see (404): check the name; ${token}`, { cause: err });
  if (typeof status === "number") return new UsageError(`repositories: GitHub answered ${status} while listing ${org}'s repositories: run it again later`, { cause: err });
  return err;
}
function toMatrix(repositories, perJob = 1) {
  const size = Math.max(perJob, Math.ceil(repositories.length / MAX_MATRIX_JOBS), 1);
  const include = [];
  for (let i = 0; i < repositories.length; i += size) include.push({ job: include.length + 1, repositories: repositories.slice(i, i + size) });
  return { perJob: size, include };
}
export {
  MAX_MATRIX_JOBS,
  listRepositories,
  toMatrix
};
