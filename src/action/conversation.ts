/**
 * The pull request's conversation as the state of record for maintainers' commands: its
 * comments and the replies in this action's inline threads are listed once per run (the
 * summary and inline publishers reuse the listings), the commands in them replayed in order,
 * and the comment that triggered the run (an `issue_comment` or `pull_request_review_comment`
 * event) answered: a 👍 for a command that took effect, a reply and a 👎 for a refused one,
 * a reply with the right form for a malformed one, the rule's explanation for `explain`.
 *
 * Who may accept or revoke is asked of the API (the collaborator permission endpoint), once
 * per person: write, maintain or admin. The pull request's author may not, unless the input
 * `allow-author-accept` is true. Bots are never listened to, this action least of all.
 */
import type { Rule } from '../rules/schema.js';
import type { Report } from '../types.js';
import { escapeCode, escapeInline, personLink } from '../report/escape.js';
import { findingFingerprints } from '../report/fingerprint.js';
import { markerFingerprint } from '../report/inline.js';
import { concludeFindings } from '../evaluate/evaluate-rules.js';
import { applyDecisions, isBot, parseCommands, type Command, type Decision, type Malformed } from './commands.js';
import { explainGitHubError, isRecord, listAll, unexpectedAnswer, type GitHubClient } from './github-client.js';
import type { PullRequestRef } from './github-source.js';

/** Marks this action's reply to a command comment; the comment's id follows. */
export const REPLY_MARKER_PREFIX = '<!-- architecture-review:reply ';
const REPLY_RE = /^<!-- architecture-review:reply (\d+) -->/;

export interface ListedComment {
  id: number;
  body?: string | null;
  html_url: string;
  user?: { type?: string; login?: string } | null;
  created_at?: string;
  /** Review comments only. */
  in_reply_to_id?: number | null;
  path?: string;
}

function isListedComment(v: unknown): v is ListedComment {
  return (
    isRecord(v) &&
    typeof v.id === 'number' &&
    typeof v.html_url === 'string' &&
    (v.body === undefined || v.body === null || typeof v.body === 'string')
  );
}


/** The event's own comment, when the run was triggered by one. */
export interface TriggerComment {
  id: number;
  /** `issue`: a PR conversation comment; `review`: a review comment (a thread reply). */
  where: 'issue' | 'review';
  action: 'created' | 'edited' | 'deleted';
}

/**
 * The PR's comments and review comments, each listed at most once per run. The first listing
 * of each publisher comes from here; later ones (the twin checks after a post) list afresh.
 */
export class PullConversation {
  private issue?: Promise<ListedComment[]>;
  private review?: Promise<ListedComment[]>;
  private head?: Promise<string>;

  /** `readHead`: the pull request was read from the API at the start of this run (its head is current). */
  constructor(
    private readonly octokit: GitHubClient,
    readonly pr: PullRequestRef,
    readHead = false,
  ) {
    if (readHead) this.head = Promise.resolve(pr.headSha);
  }

  /**
   * The pull request's head commit now, asked of GitHub once per run and shared by the
   * publishers, which write only when it is the head this run reviewed.
   */
  currentHead(): Promise<string> {
    this.head ??= this.readHead();
    return this.head;
  }

  private async readHead(): Promise<string> {
    const { owner, repo, number } = this.pr;
    const doing = `reading pull request #${number}`;
    let data: unknown;
    try {
      data = (await this.octokit.rest.pulls.get({ owner, repo, pull_number: number })).data;
    } catch (err) {
      throw explainGitHubError(err, doing);
    }
    const sha = isRecord(data) && isRecord(data.head) && typeof data.head.sha === 'string' ? data.head.sha : undefined;
    if (!sha) throw unexpectedAnswer(doing, 'a pull request', data);
    return sha;
  }

  issueComments(): Promise<ListedComment[]> {
    this.issue ??= this.list('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { issue_number: this.pr.number }, 'comments');
    return this.issue;
  }

  reviewComments(): Promise<ListedComment[]> {
    this.review ??= this.list('GET /repos/{owner}/{repo}/pulls/{pull_number}/comments', { pull_number: this.pr.number }, 'review comments');
    return this.review;
  }

  private async list(route: string, params: Record<string, unknown>, what: string): Promise<ListedComment[]> {
    const doing = `listing the ${what} of pull request #${this.pr.number}`;
    try {
      return await listAll(this.octokit, route, { owner: this.pr.owner, repo: this.pr.repo, ...params }, isListedComment, doing, `a list of ${what}`);
    } catch (err) {
      throw explainGitHubError(err, doing);
    }
  }
}

export interface CommandRequest {
  conversation: PullConversation;
  report: Report;
  rules: Rule[];
  docsUrl: string;
  /** The pull request's author. */
  author: string;
  allowAuthorAccept: boolean;
  /** Whether to read the replies in the action's inline threads (false when inline comments are off). */
  threads: boolean;
  trigger?: TriggerComment;
  log: (message: string) => void;
}

export interface CommandOutcome {
  /** Valid accept/revoke commands by people allowed to give them, replayed. */
  decisions: number;
  /** Questions accepted by a comment in this report. */
  accepted: number;
  /** Replies written, edited or deleted, and reactions added, for the triggering comment. */
  answered: string[];
  /** Set when the token could not answer (read-only): the review itself stands. */
  cannotAnswer?: string;
}

interface Written {
  comment: ListedComment;
  where: 'issue' | 'review';
  command: Command | Malformed;
  /** For a reply in one of the action's threads: the thread's finding. */
  fingerprint?: string;
}

/** `why` is markdown: whatever came from the comment in it is escaped. */
type Verdict = { ok: true } | { ok: false; why: string };

/** What the replay found, for answering the trigger. */
interface Replay {
  written: Written[];
  verdicts: Map<Written, Verdict>;
  known: Map<string, Rule>;
  /** The rule of each finding, by fingerprint: the rule of a thread's finding. */
  threadRules: Map<string, string>;
}

/** Reads every command of the conversation, applies the acceptances to the report, and answers the trigger. */
export async function replayCommands(octokit: GitHubClient, request: CommandRequest): Promise<CommandOutcome> {
  const { conversation, report } = request;
  // One after the other: the request order stays the same from run to run.
  const issue = await conversation.issueComments();
  const review = request.threads || request.trigger?.where === 'review' ? await conversation.reviewComments() : [];
  const written = commandsOf(issue, review);
  const outcome: CommandOutcome = { decisions: 0, accepted: 0, answered: [] };
  const known = new Map(request.rules.map((r) => [r.id, r]));
  const permissions = new Map<string, Promise<string>>();
  const may = (login: string) => {
    if (!permissions.has(login)) permissions.set(login, permissionOf(octokit, conversation.pr, login));
    return permissions.get(login)!;
  };

  const decisions: Decision[] = [];
  const verdicts = new Map<Written, Verdict>();
  for (const w of written) {
    const c = w.command;
    if (c.verb !== 'accept' && c.verb !== 'revoke') continue;
    const verdict = await allowed(w, request, known, may);
    verdicts.set(w, verdict);
    if (!verdict.ok) continue;
    decisions.push({
      verb: c.verb,
      login: w.comment.user?.login ?? '',
      url: w.comment.html_url,
      reason: c.verb === 'accept' ? c.reason : undefined,
      rule: c.rule,
      glob: c.glob,
      fingerprint: c.rule === undefined ? w.fingerprint : undefined,
    });
  }
  outcome.decisions = decisions.length;
  const fingerprints = findingFingerprints(report);
  outcome.accepted = applyDecisions(report.findings, fingerprints, decisions);
  if (outcome.accepted > 0) report.conclusion = concludeFindings(report.findings);

  if (request.trigger) {
    try {
      const threadRules = new Map(fingerprints.map((fp, i) => [fp, report.findings[i]!.rule]));
      await answer(octokit, request, { written, verdicts, known, threadRules }, issue, review, outcome);
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (status === 403) outcome.cannotAnswer = 'the token may not write comments or reactions (grant `pull-requests: write`)';
      else throw explainGitHubError(err, `answering the command in comment ${request.trigger.id}`);
    }
  }
  return outcome;
}

/** Every command of people's comments, oldest comment first (ties by id), as the comments now read. */
function commandsOf(issue: ListedComment[], review: ListedComment[]): Written[] {
  const roots = new Map<number, string>();
  for (const c of review) {
    const fp = !c.in_reply_to_id && isBot(c.user) ? markerFingerprint(c.body) : undefined;
    if (fp) roots.set(c.id, fp);
  }
  const sources: { comment: ListedComment; where: 'issue' | 'review'; fingerprint?: string }[] = [];
  for (const c of issue) if (!isBot(c.user)) sources.push({ comment: c, where: 'issue' });
  for (const c of review) {
    if (isBot(c.user) || !c.in_reply_to_id) continue;
    const fingerprint = roots.get(c.in_reply_to_id);
    // Only replies in the action's own threads are commands; elsewhere review comments are code review.
    if (fingerprint) sources.push({ comment: c, where: 'review', fingerprint });
  }
  sources.sort((a, b) => (a.comment.created_at ?? '').localeCompare(b.comment.created_at ?? '') || a.comment.id - b.comment.id);
  const out: Written[] = [];
  for (const s of sources) {
    for (const command of parseCommands(s.comment.body ?? '', s.where === 'review')) out.push({ ...s, command });
  }
  return out;
}

async function allowed(w: Written, request: CommandRequest, known: Map<string, Rule>, may: (login: string) => Promise<string>): Promise<Verdict> {
  const c = w.command as Extract<Command, { verb: 'accept' | 'revoke' }>;
  if (c.rule !== undefined && !known.has(c.rule)) return { ok: false, why: `there is no rule ${escapeCode(c.rule, 100)}` };
  const login = w.comment.user?.login ?? '';
  if (login.toLowerCase() === request.author.toLowerCase() && !request.allowAuthorAccept) {
    return { ok: false, why: `the pull request's author may not ${c.verb} its questions (the workflow's input \`allow-author-accept\` is false)` };
  }
  const permission = await may(login);
  if (!['admin', 'maintain', 'write'].includes(permission)) {
    return { ok: false, why: `only people with write, maintain or admin permission on the repository may ${c.verb} a question; ${personLink(login, undefined)} has ${escapeInline(permission, 20)}` };
  }
  return { ok: true };
}

/** write, maintain, admin, triage, read or none: the role GitHub gives `login` on the repository. */
async function permissionOf(octokit: GitHubClient, pr: PullRequestRef, login: string): Promise<string> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner: pr.owner, repo: pr.repo, username: login });
    const d = data as { permission?: string; role_name?: string };
    // role_name tells maintain and triage apart; permission is the older, coarser field.
    return d.role_name || d.permission || 'none';
  } catch (err) {
    if ((err as { status?: number }).status === 404) return 'none';
    throw explainGitHubError(err, `reading the permission of @${login} on ${pr.owner}/${pr.repo}`);
  }
}

/** The reply the trigger's commands need (undefined: none), and the reaction. */
function responseTo(
  commands: Written[],
  { verdicts, known, threadRules }: Replay,
  request: CommandRequest,
): { reply?: string; reaction?: '+1' | '-1' | 'confused' } {
  const parts: string[] = [];
  let refused = false;
  let malformed = false;
  let done = false;
  for (const w of commands) {
    const c = w.command;
    if (c.verb === 'malformed') {
      malformed = true;
      parts.push(`${escapeCode(c.line, 300)} is not a command I can run: ${c.problem}. The form:\n\n\`\`\`text\n${c.usage}\n\`\`\``);
      continue;
    }
    if (c.verb === 'explain') {
      const id = c.rule ?? (w.fingerprint ? threadRules.get(w.fingerprint) : undefined);
      const rule = id ? known.get(id) : undefined;
      if (!rule) {
        malformed = true;
        parts.push(`There is no rule ${escapeCode(id ?? '', 100)} to explain.`);
      } else parts.push(explanation(rule, request.docsUrl));
      continue;
    }
    if (c.verb === 'rerun') {
      done = true;
      continue;
    }
    const verdict = verdicts.get(w);
    if (verdict && !verdict.ok) {
      refused = true;
      parts.push(`${escapeCode(c.line, 300)} was not applied: ${verdict.why}.`);
    } else done = true;
  }
  const reaction = refused ? '-1' : malformed ? 'confused' : done ? '+1' : undefined;
  return { reply: parts.length > 0 ? parts.join('\n\n') : undefined, reaction };
}

/** `explain`: the rule's reason, its conditions on the profile, the alternative, the docs. */
function explanation(rule: Rule, docsUrl: string): string {
  const lines = [`**${escapeCode(rule.id, 100)}** (${rule.verdict}): ${escapeInline(rule.title, 300)}`, '', `**Why:** ${escapeInline(rule.reason, 1000)}`];
  if (rule.when) lines.push('', `**When it applies:** ${escapeCode(JSON.stringify(rule.when), 1000)}`);
  lines.push('', `**Instead:** ${escapeInline(rule.alternative, 1000)}`);
  if (rule.hint) lines.push('', `**Would change the verdict:** ${escapeInline(rule.hint, 600)}`);
  lines.push('', `Docs: ${docsUrl}#${rule.docs}`);
  return lines.join('\n');
}

async function answer(octokit: GitHubClient, request: CommandRequest, replay: Replay, issue: ListedComment[], review: ListedComment[], outcome: CommandOutcome): Promise<void> {
  const { written } = replay;
  const trigger = request.trigger!;
  const { owner, repo, number } = request.conversation.pr;
  const mine = written.filter((w) => w.comment.id === trigger.id && w.where === trigger.where);
  const source = (trigger.where === 'issue' ? issue : review).find((c) => c.id === trigger.id);
  // The reply already written for this comment (a re-run, or the command was edited).
  const earlier = (trigger.where === 'issue' ? issue : review).find((c) => isBot(c.user) && REPLY_RE.exec(c.body ?? '')?.[1] === String(trigger.id));
  const { reply, reaction } = trigger.action === 'deleted' || !source ? {} : responseTo(mine, replay, request);
  const body = reply !== undefined ? `${REPLY_MARKER_PREFIX}${trigger.id} -->\n${source ? `${personLink(source.user?.login ?? '', source.html_url)}: ` : ''}${reply}\n` : undefined;

  if (body === undefined && earlier) {
    await (trigger.where === 'issue'
      ? octokit.rest.issues.deleteComment({ owner, repo, comment_id: earlier.id })
      : octokit.rest.pulls.deleteReviewComment({ owner, repo, comment_id: earlier.id }));
    outcome.answered.push('reply deleted');
  } else if (body !== undefined && earlier) {
    if (earlier.body !== body) {
      await (trigger.where === 'issue'
        ? octokit.rest.issues.updateComment({ owner, repo, comment_id: earlier.id, body })
        : octokit.rest.pulls.updateReviewComment({ owner, repo, comment_id: earlier.id, body }));
      outcome.answered.push('reply edited');
    }
  } else if (body !== undefined) {
    await (trigger.where === 'issue'
      ? octokit.rest.issues.createComment({ owner, repo, issue_number: number, body })
      : octokit.rest.pulls.createReplyForReviewComment({ owner, repo, pull_number: number, comment_id: trigger.id, body }));
    outcome.answered.push('reply posted');
  }
  if (reaction && source) {
    // GitHub answers 200 with the existing reaction when it is there already: no duplicate.
    await (trigger.where === 'issue'
      ? octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: trigger.id, content: reaction })
      : octokit.rest.reactions.createForPullRequestReviewComment({ owner, repo, comment_id: trigger.id, content: reaction }));
    outcome.answered.push(`reaction ${reaction}`);
  }
  request.log(`Command comment ${trigger.id}: ${outcome.answered.join(', ') || 'nothing to answer'}.`);
}
