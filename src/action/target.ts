import { UsageError } from '../errors.js';
import type { ActionContext, PullRequestPayload } from './context.js';
import { explainGitHubError, type GitHubClient } from './github-client.js';
import type { PullRequestRef } from './github-source.js';
import { AUDIT_EVENTS, COMMENT_EVENTS, DISPATCH_EVENT, PR_EVENTS, unsupportedEvent } from './events.js';
import type { ActionInputs } from './inputs.js';
import { holdsCommand, isBot } from './commands.js';
import type { TriggerComment } from './conversation.js';

/** What this run reviews. */
export type Target =
  | {
      kind: 'review';
      pr: PullRequestRef;
      labels: string[];
      /** Set when the token cannot write (fork PR, Dependabot): says why, for the warning. */
      readOnly?: string;
      /** The pull request's author (who may not accept its questions by comment, by default). */
      author: string;
      /** The comment whose event started the run, to be answered. */
      trigger?: TriggerComment;
      /** True when the pull request was read from the API in this run (not taken from the payload). */
      fetched?: boolean;
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
    author: pr.user?.login ?? '',
  };
}

async function fetchPull(ctx: ActionContext, octokit: GitHubClient, number: number): Promise<PullRequestPayload> {
  try {
    const res = await octokit.rest.pulls.get({ owner: ctx.owner, repo: ctx.repo, pull_number: number });
    return res.data as unknown as PullRequestPayload;
  } catch (err) {
    throw explainGitHubError(err, `reading pull request #${number}`);
  }
}

/**
 * A comment event: the pull request it is on, fetched (its head now, not the payload's), when
 * the comment is a person's and holds a command (or held one, for an edit or a deletion).
 */
async function commentTarget(ctx: ActionContext, octokit: GitHubClient): Promise<Target> {
  const { payload, eventName } = ctx;
  const review = eventName === 'pull_request_review_comment';
  const number = review ? payload.pull_request?.number : payload.issue?.pull_request ? payload.issue.number : undefined;
  if (number === undefined) return { kind: 'unsupported', why: `Nothing to do: the ${eventName} event is not about a pull request.` };
  const comment = payload.comment;
  if (!comment || typeof comment.id !== 'number') throw new UsageError(`the ${eventName} event payload has no comment: is GITHUB_EVENT_PATH right?`);
  if (isBot(comment.user)) return { kind: 'unsupported', why: `Nothing to do: comment ${comment.id} is a bot's; commands come from people.` };
  if (!holdsCommand(comment.body) && !holdsCommand(payload.changes?.body?.from)) {
    return { kind: 'unsupported', why: `Nothing to do: comment ${comment.id} holds no /architecture-review command.` };
  }
  const action = payload.action === 'edited' || payload.action === 'deleted' ? payload.action : 'created';
  const pr = await fetchPull(ctx, octokit, number);
  // Comment events run the base branch's workflow with the base repository's token, also for
  // a fork's pull request: it may write.
  const target = reviewOf(ctx, pr, eventName);
  return target.kind === 'review' ? { ...target, fetched: true, trigger: { id: comment.id, where: review ? 'review' : 'issue', action } } : target;
}

/**
 * Decides what to review from the event and the `mode` and `pull-request` inputs: a pull
 * request (from the payload, or fetched by number on a dispatch), an audit of the checkout, or
 * nothing for events the action does not handle.
 */
export async function resolveTarget(ctx: ActionContext, inputs: ActionInputs, octokit: GitHubClient): Promise<Target> {
  const { eventName } = ctx;
  if (inputs.mode === 'audit') return { kind: 'audit', why: 'input mode is audit' };

  if (COMMENT_EVENTS.includes(eventName)) return commentTarget(ctx, octokit);
  if (inputs.pullRequest !== undefined && !PR_EVENTS.includes(eventName)) {
    const target = reviewOf(ctx, await fetchPull(ctx, octokit, inputs.pullRequest), eventName);
    return target.kind === 'review' ? { ...target, fetched: true } : target;
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
