/**
 * The events the action handles. Kept free of imports: the entry point reads it before it
 * loads anything else, so that a run with nothing to do costs little more than Node's start.
 */
export const PR_EVENTS = ['pull_request', 'pull_request_target'];
export const AUDIT_EVENTS = ['push', 'schedule'];
export const DISPATCH_EVENT = 'workflow_dispatch';
/** A maintainer's command in a PR comment, or in a reply in one of the action's inline threads. */
export const COMMENT_EVENTS = ['issue_comment', 'pull_request_review_comment'];

/** The one line said on an event the action does nothing for; null for the events it handles. */
export function unsupportedEvent(eventName: string | undefined, mode: string | undefined): string | null {
  const name = eventName ?? '';
  // With mode: audit every event audits the checkout.
  if ((mode ?? '').trim() === 'audit') return null;
  if (PR_EVENTS.includes(name) || AUDIT_EVENTS.includes(name) || COMMENT_EVENTS.includes(name) || name === DISPATCH_EVENT) return null;
  return `architecture-review does nothing on ${name || 'an unknown'} events: run it on pull_request, pull_request_target, issue_comment, pull_request_review_comment, workflow_dispatch, push or schedule`;
}
