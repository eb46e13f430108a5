import { readFile } from 'node:fs/promises';
import { UsageError } from '../errors.js';

/** What the runner tells the action about the run, read once from the environment. */
export interface ActionContext {
  eventName: string;
  payload: EventPayload;
  owner: string;
  repo: string;
  workspace?: string;
  apiUrl: string;
  runnerTemp?: string;
  /** GITHUB_SHA: the commit an audit (push, schedule, dispatch) reviews. */
  sha?: string;
  /** `GITHUB_SERVER_URL` without a trailing slash: https://github.com, or a GitHub Enterprise Server. */
  serverUrl: string;
  /** The run's page (`GITHUB_SERVER_URL/owner/repo/actions/runs/GITHUB_RUN_ID`), when known. */
  runUrl?: string;
  /** GITHUB_RUN_ATTEMPT: 1 for a run's first attempt, more for a re-run; undefined when unknown. */
  runAttempt?: number;
  /** The action's own repository and ref, for links to the docs of the version that runs. */
  actionRepository?: string;
  actionRef?: string;
}

export interface PullRequestPayload {
  number: number;
  base: { sha: string; ref?: string; repo?: { full_name?: string } };
  head: { sha: string; ref?: string; repo?: { full_name?: string } | null };
  labels?: { name: string }[];
  user?: { login?: string };
}

/** The comment of an `issue_comment` or `pull_request_review_comment` event. */
export interface CommentPayload {
  id: number;
  body?: string | null;
  user?: { login?: string; type?: string } | null;
  in_reply_to_id?: number;
}

export interface EventPayload {
  action?: string;
  pull_request?: PullRequestPayload;
  /** `issue_comment`: the issue, which is a pull request when it has `pull_request`. */
  issue?: { number?: number; pull_request?: unknown };
  comment?: CommentPayload;
  changes?: { body?: { from?: string } };
  repository?: { full_name?: string; owner?: { login?: string }; name?: string };
  sender?: { login?: string };
  inputs?: Record<string, unknown>;
}

/** Reads GITHUB_* variables and the event payload file. */
export async function readActionContext(env: NodeJS.ProcessEnv): Promise<ActionContext> {
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  let payload: EventPayload = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8')) as EventPayload;
    } catch (err) {
      throw new UsageError(`cannot read the event payload ${env.GITHUB_EVENT_PATH}: ${(err as Error).message}`, { cause: err });
    }
  }
  const full = env.GITHUB_REPOSITORY ?? payload.repository?.full_name ?? '';
  const [owner = '', repo = ''] = full.split('/');
  if (!owner || !repo) throw new UsageError('GITHUB_REPOSITORY is not set: run the action in a GitHub Actions job');
  return {
    eventName,
    payload,
    owner,
    repo,
    workspace: env.GITHUB_WORKSPACE || undefined,
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
    runnerTemp: env.RUNNER_TEMP || undefined,
    sha: /^[0-9a-f]{40}$/.test(env.GITHUB_SHA ?? '') ? env.GITHUB_SHA : undefined,
    runUrl:
      env.GITHUB_SERVER_URL && /^[0-9]+$/.test(env.GITHUB_RUN_ID ?? '')
        ? `${env.GITHUB_SERVER_URL.replace(/\/+$/, '')}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}`
        : undefined,
    runAttempt: /^[1-9][0-9]{0,8}$/.test(env.GITHUB_RUN_ATTEMPT ?? '') ? Number(env.GITHUB_RUN_ATTEMPT) : undefined,
    actionRepository: env.GITHUB_ACTION_REPOSITORY || undefined,
    actionRef: env.GITHUB_ACTION_REF || undefined,
  };
}
