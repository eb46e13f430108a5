import { createRequire as __arCreateRequire } from 'node:module'; const require = __arCreateRequire(import.meta.url);

// src/action/events.ts
var PR_EVENTS = ["pull_request", "pull_request_target"];
var AUDIT_EVENTS = ["push", "schedule"];
var DISPATCH_EVENT = "workflow_dispatch";
var COMMENT_EVENTS = ["issue_comment", "pull_request_review_comment"];
function unsupportedEvent(eventName, mode) {
  const name = eventName ?? "";
  if ((mode ?? "").trim() === "audit") return null;
  if (PR_EVENTS.includes(name) || AUDIT_EVENTS.includes(name) || COMMENT_EVENTS.includes(name) || name === DISPATCH_EVENT) return null;
  return `architecture-review does nothing on ${name || "an unknown"} events: run it on pull_request, pull_request_target, issue_comment, pull_request_review_comment, workflow_dispatch, push or schedule`;
}

export {
  PR_EVENTS,
  AUDIT_EVENTS,
  DISPATCH_EVENT,
  COMMENT_EVENTS,
  unsupportedEvent
};
