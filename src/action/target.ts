import { UsageError } from '../errors.js';
import type { ActionContext, PullRequestPayload } from './context.js';
import { explainGitHubError, type GitHubClient } from './github-client.js';
import type { PullRequestRef } from './github-source.js';
import { AUDIT_EVENTS, DISPATCH_EVENT, PR_EVENTS, unsupportedEvent } from './events.js';
import type { ActionInputs } from './inputs.js';

/** What this run reviews. */
export type Target =
  | {
      kind: 'review';
      pr: PullRequestRef;
      labels: string[];
      /** Set when the token cannot write (fork PR, Dependabot): says why, for the warning. */
      readOnly?: string;
    }
  | { kind: 'audit'; why: string }
  | { kind: 'unsupported'; why: string };


function reviewOf(ctx: ActionContext, pr: PullRequestPayload, eventName: string): Target {
  const base = pr.base.repo?.full_name;
  const head = pr.head.repo?.full_name;
  const actor = ctx.payload.sender?.login ?? pr.user?.login ?? '';
  let readOnly: string | undefined;
  // pull_request runs from forks and Dependabot get a read-only token; pull_request_target does not.
  if (eventName === 'pull_request') {
    if (base && head !== base) readOnly = `this pull request comes from the fork ${head ?? '(deleted)'}, whose runs get a read-only token`;
    else if (/^dependabot(\[bot\])?$/i.test(actor)) readOnly = 'Dependabot runs get a read-only token';
  }
  return {
    kind: 'review',
    pr: { owner: ctx.owner, repo: ctx.repo, number: pr.number, baseSha: pr.base.sha, headSha: pr.head.sha },
    labels: (pr.labels ?? []).map((l) => l.name),
    readOnly,
  };
}

/**
 * Decides what to review from the event and the `mode` and `pull-request` inputs: a pull
 * request (from the payload, or fetched by number on a dispatch), an audit of the checkout, or
 * nothing for events the action does not handle.
 */
export async function resolveTarget(ctx: ActionContext, inputs: ActionInputs, octokit: GitHubClient): Promise<Target> {
  const { eventName } = ctx;
  if (inputs.mode === 'audit') return { kind: 'audit', why: 'input mode is audit' };

  if (inputs.pullRequest !== undefined && !PR_EVENTS.includes(eventName)) {
    let data: PullRequestPayload;
    try {
      const res = await octokit.rest.pulls.get({ owner: ctx.owner, repo: ctx.repo, pull_number: inputs.pullRequest });
      data = res.data as unknown as PullRequestPayload;
    } catch (err) {
      throw explainGitHubError(err, `reading pull request #${inputs.pullRequest}`);
    }
    return reviewOf(ctx, data, eventName);
  }
  if (PR_EVENTS.includes(eventName)) {
    const pr = ctx.payload.pull_request;
    if (!pr) throw new UsageError(`the ${eventName} event payload has no pull_request: is GITHUB_EVENT_PATH right?`);
    return reviewOf(ctx, pr, eventName);
  }
  if (inputs.mode === 'review') {
    throw new UsageError(`input mode is review, but the ${eventName || 'unknown'} event names no pull request: set the pull-request input`);
  }
  if (eventName === DISPATCH_EVENT) return { kind: 'audit', why: 'workflow_dispatch without a pull-request number' };
  if (AUDIT_EVENTS.includes(eventName)) return { kind: 'audit', why: `${eventName} event` };
  return { kind: 'unsupported', why: unsupportedEvent(eventName, inputs.mode) ?? `${eventName} event` };
}
