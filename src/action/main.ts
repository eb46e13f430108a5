import * as core from '@actions/core';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { auditTree } from '../audit.js';
import { docsUrlFor, VERSION } from '../docs.js';
import { formatProblem, isUserError, UsageError } from '../errors.js';
import { renderJsonChunks } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderSarif } from '../report/sarif.js';
import { parseRepository } from '../repository.js';
import { reviewChange } from '../review.js';
import { toRuleInfo } from '../rules/rule-info.js';
import type { Rule } from '../rules/schema.js';
import type { ChangeSet, Report } from '../types.js';
import { PROFILE_PATH } from '../profile/defaults.js';
import { publishCheckRun, type CheckRunOutcome } from './check-run.js';
import { syncInlineComments, type InlineOutcome } from './inline.js';
import { PullConversation, replayCommands } from './conversation.js';
import { readActionContext, type ActionContext } from './context.js';
import { createGitHubClient, isReadOnlyRejection, requestTimeoutFromEnv } from './github-client.js';
import { GitHubReviewSource } from './github-source.js';
import { readInputs, type ActionInputs } from './inputs.js';
import { ANNOTATIONS_PER_LEVEL, planAnnotations, upsertComment, type CommentOutcome } from './publish.js';
import { resolveTarget, type Target } from './target.js';

/**
 * GitHub's limit on a step's job summary is 1 MiB of UTF-8; the renderer counts UTF-16 code
 * units, and an emoji or a zero-width space takes up to 4 bytes, so stay far inside it.
 */
const SUMMARY_MAX = 250_000;
/** Exit status for bad inputs, profile or rules, or a GitHub API failure (as the CLI). */
const EXIT_USAGE = 2;

/**
 * The action, from inputs to published review:
 * inputs → target → profile → changes → detect → evaluate → report → publish.
 */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const inputs = readInputs((name) => core.getInput(name));
    // No core.setSecret: the runner already masks github.token and secrets, and add-mask would
    // print the token in the raw log.
    const ctx = await readActionContext(env);
    const octokit = createGitHubClient({
      token: inputs.token,
      baseUrl: ctx.apiUrl,
      log: (m) => core.info(m),
      requestTimeoutMs: requestTimeoutFromEnv(env),
    });
    const target = await resolveTarget(ctx, inputs, octokit);
    if (target.kind === 'unsupported') {
      core.info(target.why);
      return;
    }
    const docsUrl = docsUrlFor(ctx.actionRepository, ctx.actionRef);
    const { report, rules, changes, source } = await review(target, ctx, inputs, octokit, docsUrl);
    const conversation = target.kind === 'review' ? new PullConversation(octokit, target.pr, target.fetched) : undefined;
    if (target.kind === 'review' && conversation) await applyCommands(report, rules, target, inputs, octokit, conversation, docsUrl);
    const inline = await publishInline(report, target, inputs, octokit, changes, source, conversation);
    await publish(report, rules, target, ctx, inputs, octokit, docsUrl, env, inline, conversation);
  } catch (err) {
    if (isUserError(err)) {
      const lines = 'problems' in err ? err.problems.map(formatProblem) : [err.message];
      core.setFailed(lines.join('\n'));
      process.exitCode = EXIT_USAGE;
      return;
    }
    core.setFailed(`internal error: ${err instanceof Error ? err.message.split('\n')[0] : String(err)} (please report this)`);
    process.exitCode = EXIT_USAGE;
  }
}

async function review(
  target: Exclude<Target, { kind: 'unsupported' }>,
  ctx: ActionContext,
  inputs: ActionInputs,
  octokit: ReturnType<typeof createGitHubClient>,
  docsUrl: string,
): Promise<{ report: Report; rules: Rule[]; changes?: ChangeSet; source?: GitHubReviewSource }> {
  if (target.kind === 'audit') {
    if (!ctx.workspace) throw new UsageError('an audit reads the checkout, but GITHUB_WORKSPACE is not set: add actions/checkout before this step');
    core.info(`Auditing the checkout (${target.why}).`);
    // The default profile may be absent; another path was named on purpose and must exist.
    const profile = inputs.profile === PROFILE_PATH ? undefined : inputs.profile;
    return auditTree(ctx.workspace, { profile, rules: inputs.rules, format: 'json', failOn: inputs.failOn, docsUrl, repository: repositoryPage(ctx) });
  }
  const source = new GitHubReviewSource(octokit, target.pr, ctx.workspace);
  core.info(`Reviewing pull request #${target.pr.number} (${target.pr.baseSha.slice(0, 7)}...${target.pr.headSha.slice(0, 7)}).`);
  const { report, rules, changes } = await reviewChange(source, {
    baseCommit: target.pr.baseSha,
    profilePath: inputs.profile,
    rulesPath: inputs.rules,
    profileFrom: inputs.profileFrom,
    acceptLabel: target.labels.includes(inputs.acceptLabel) ? inputs.acceptLabel : undefined,
    docsUrl,
    notes: source.notes,
  });
  report.repository = parseRepository(repositoryPage(ctx), report.head);
  return { report, rules, changes, source };
}

/** The page of the repository the action runs in, which its reports name. */
function repositoryPage(ctx: ActionContext): string {
  return `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}`;
}

async function publish(
  report: Report,
  rules: Rule[],
  target: Exclude<Target, { kind: 'unsupported' }>,
  ctx: ActionContext,
  inputs: ActionInputs,
  octokit: ReturnType<typeof createGitHubClient>,
  docsUrl: string,
  env: NodeJS.ProcessEnv,
  inline: InlineResult,
  conversation?: PullConversation,
): Promise<void> {
  const reportDir = path.join(ctx.runnerTemp ?? tmpdir(), 'architecture-review');
  await mkdir(reportDir, { recursive: true });
  const reportFile = path.join(reportDir, 'report.json');
  // Written as rendered: the report of an audit of a large tree is tens of MiB.
  await writeFile(reportFile, renderJsonChunks(report));
  if (inputs.sarif) {
    const sarifFile = path.resolve(ctx.workspace ?? process.cwd(), inputs.sarif);
    await mkdir(path.dirname(sarifFile), { recursive: true });
    await writeFile(
      sarifFile,
      renderSarif(report, rules.map((r) => toRuleInfo(r, docsUrl)), {
        name: 'architecture-review',
        version: VERSION,
        informationUri: docsUrl,
      }),
    );
  }

  // A comment that cannot be published fails the step, but only after the summary, annotations
  // and outputs are written: the review itself is not lost.
  const { comment, error: commentError } = await publishComment(report, target, ctx, inputs, octokit, conversation);
  if (inline.error) {
    // The summary comment carries every finding: the step fails for the inline comments, last.
    core.warning(`Inline comments: ${inline.error.message}`);
  }
  // A read-only token (a fork's PR, Dependabot) writes nothing: one warning says so for all.
  const readOnly = target.kind === 'review' ? target.readOnly : undefined;
  if (comment.kind === 'read-only') {
    const what = inputs.inline === 'none' ? 'No PR comment' : 'No PR comment or inline comments';
    core.warning(`${what}: ${comment.why}. The job summary, annotations and status carry the review.`);
  } else if (inline.readOnly) {
    core.warning(`No inline comments: ${inline.readOnly}. The PR comment carries every finding.`);
  }
  if (comment.kind === 'stale') core.notice(`Comment not updated: ${comment.why}.`);

  // The check run carries every finding as an annotation; without it (no `checks: write`),
  // the workflow commands below carry at most 10 per level.
  const check = await publishChecks(report, target, ctx, inputs, octokit);
  if (check.kind === 'forbidden' && !(readOnly && comment.kind === 'read-only')) {
    core.warning(`No check run: ${check.why}. Annotations fall back to workflow commands (${ANNOTATIONS_PER_LEVEL} per level).`);
  }
  const checkCarries = check.kind === 'created' || check.kind === 'updated' || check.kind === 'unchanged';

  // A glob that matches no file changes which service owns files: said on the profile's line,
  // whatever the annotations input, since it is a problem of the profile, not a finding.
  for (const w of report.warnings.slice(0, ANNOTATIONS_PER_LEVEL)) {
    core.warning(w.message, { title: 'architecture-review: service profile', file: w.file, startLine: w.line, startColumn: w.col });
  }

  let omitted = 0;
  if (inputs.annotations && !checkCarries) {
    const plan = planAnnotations(report.findings, report.warnings.length);
    omitted = plan.omitted;
    for (const a of plan.annotations) {
      const props = { title: a.title, file: a.file, startLine: a.line };
      if (a.level === 'warning') core.warning(a.message, props);
      else core.notice(a.message, props);
    }
  }

  let summary = renderMarkdown(report, { maxLength: SUMMARY_MAX, acceptLabel: inputs.acceptLabel, elsewhere: 'see the JSON report' });
  if (omitted > 0) summary += `\n\n${omitted} more finding(s) were not annotated: GitHub shows ${ANNOTATIONS_PER_LEVEL} annotations per level.\n`;
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(summary).write({ overwrite: false });

  const questions = report.findings.filter((f) => f.verdict === 'question' && !f.accepted).length;
  const recommendations = report.findings.filter((f) => f.verdict === 'recommend').length;
  core.setOutput('conclusion', report.conclusion);
  core.setOutput('questions', questions);
  core.setOutput('recommendations', recommendations);
  core.setOutput('comment-url', 'url' in comment ? comment.url : '');
  core.setOutput('check-run-url', checkCarries ? check.url : '');
  core.setOutput('report', reportFile);

  core.info(
    `Conclusion: ${report.conclusion}; ${questions} open question(s), ${recommendations} recommendation(s). ` +
      ('url' in comment
        ? `Comment ${comment.kind === 'stale' ? 'left to the run of the current head' : comment.kind}: ${comment.url}`
        : `No comment: ${comment.why}.`),
  );
  if (checkCarries) core.info(`Check run "${inputs.checkName}" ${check.kind} (${check.conclusion}, ${check.annotations} annotation(s)): ${check.url}`);
  if (commentError) throw commentError;
  if (inline.error) throw inline.error;
  if (report.conclusion === 'question' && inputs.failOn === 'question') {
    core.setFailed(`${questions} unaccepted question(s) about concurrency or language choices: see the review comment or the job summary.`);
  }
}

interface InlineResult {
  outcome?: InlineOutcome;
  error?: Error;
  /** Why the token could not write review comments (a read-only token): said, not failed. */
  readOnly?: string;
}

/**
 * The inline review comments, before the summary comment, which then says how many went on
 * their lines and how many did not fit. A failure is kept for the end: the summary comment,
 * the check and the outputs still come.
 */
/**
 * The maintainers' commands in the pull request's conversation, replayed onto the report (an
 * accepted question is accepted everywhere: summary, inline thread, check run, JSON report),
 * and the comment that triggered this run answered.
 */
async function applyCommands(
  report: Report,
  rules: Rule[],
  target: Extract<Target, { kind: 'review' }>,
  inputs: ActionInputs,
  octokit: ReturnType<typeof createGitHubClient>,
  conversation: PullConversation,
  docsUrl: string,
): Promise<void> {
  const outcome = await replayCommands(octokit, {
    conversation,
    report,
    rules,
    docsUrl,
    author: target.author,
    allowAuthorAccept: inputs.allowAuthorAccept,
    // Thread replies are only read where the action has threads.
    threads: inputs.inline !== 'none',
    // A read-only token (a fork's pull_request run) still applies what the conversation says.
    trigger: target.readOnly ? undefined : target.trigger,
    log: (m) => core.info(m),
  });
  if (outcome.decisions > 0 || outcome.accepted > 0) {
    core.info(`Commands in the conversation: ${outcome.decisions} accept/revoke replayed, ${outcome.accepted} question(s) accepted by comment.`);
  }
  if (outcome.cannotAnswer) core.warning(`The command was applied but not answered: ${outcome.cannotAnswer}.`);
}

async function publishInline(
  report: Report,
  target: Exclude<Target, { kind: 'unsupported' }>,
  inputs: ActionInputs,
  octokit: ReturnType<typeof createGitHubClient>,
  changes: ChangeSet | undefined,
  source: GitHubReviewSource | undefined,
  conversation?: PullConversation,
): Promise<InlineResult> {
  if (target.kind !== 'review' || !changes || inputs.inline === 'none' || target.readOnly) return {};
  const talk = conversation ?? new PullConversation(octokit, target.pr);
  try {
    const outcome = await syncInlineComments(octokit, {
      pr: target.pr,
      report,
      changes,
      mode: inputs.inline,
      limit: inputs.inlineLimit,
      event: inputs.reviewEvent,
      acceptLabel: inputs.acceptLabel,
      readHead: source ? (paths) => source.readFiles(target.pr.headSha, paths) : undefined,
      listed: () => talk.reviewComments(),
      currentHead: () => talk.currentHead(),
      log: (m) => core.info(m),
    });
    if (outcome.stale) core.notice(`Inline comments not updated: ${outcome.stale}.`);
    if (outcome.cannotResolve) core.notice(`Review threads not resolved: ${outcome.cannotResolve}.`);
    core.info(
      `Inline comments: ${outcome.posted} posted, ${outcome.edited} edited, ${outcome.settled} settled (${outcome.resolved} thread(s) resolved), ` +
        `${outcome.overLimit} over the inline-limit of ${inputs.inlineLimit}, ${outcome.offDiff} not on an added line.`,
    );
    if (outcome.onLine > 0) report.notes.push(`${outcome.onLine} finding(s) are also on their lines as review comments.`);
    if (outcome.overLimit > 0) {
      report.notes.push(`${outcome.overLimit} finding(s) did not get a review comment on their line (inline-limit ${inputs.inlineLimit}): they are listed here.`);
    }
    if (outcome.offDiff > 0) {
      report.notes.push(`${outcome.offDiff} finding(s) are about a line this pull request does not add (a review comment can only sit on the diff): they are listed here only.`);
    }
    return { outcome };
  } catch (err) {
    if (isReadOnlyRejection(err)) {
      return { readOnly: 'the token is read-only (GitHub answered "Resource not accessible by integration"); grant `pull-requests: write`' };
    }
    return { error: err instanceof Error ? err : new Error(String(err)) };
  }
}

/** The check run on the reviewed commit, or why there is none. */
async function publishChecks(
  report: Report,
  target: Exclude<Target, { kind: 'unsupported' }>,
  ctx: ActionContext,
  inputs: ActionInputs,
  octokit: ReturnType<typeof createGitHubClient>,
): Promise<CheckRunOutcome | { kind: 'skipped'; why: string }> {
  if (!inputs.checkName) return { kind: 'skipped', why: 'input check-name is empty' };
  const headSha = target.kind === 'review' ? target.pr.headSha : ctx.sha;
  if (!headSha) return { kind: 'skipped', why: 'GITHUB_SHA is not set' };
  // A fork's or Dependabot's token writes nothing: no request that is sure to be refused.
  if (target.kind === 'review' && target.readOnly) return { kind: 'forbidden', why: target.readOnly };
  return publishCheckRun(octokit, {
    owner: ctx.owner,
    repo: ctx.repo,
    headSha,
    name: inputs.checkName,
    report,
    annotate: inputs.annotations,
    summary: (maxLength) => renderMarkdown(report, { maxLength, acceptLabel: inputs.acceptLabel, elsewhere: 'see the JSON report' }),
    failOn: inputs.failOn,
    detailsUrl: ctx.runUrl,
    // A first attempt on `opened` cannot find a run of this review on the head: the listing is
    // saved. (Another workflow's run there, a push audit of the branch, is older: the newer,
    // this one, is the one GitHub shows and requires.)
    firstOfHead: target.kind === 'review' && ctx.eventName.startsWith('pull_request') && ctx.payload.action === 'opened' && ctx.runAttempt === 1,
    log: (m) => core.info(m),
  });
}

/** The PR comment, or why there is none. A failure is returned, not thrown, for the caller to raise last. */
async function publishComment(
  report: Report,
  target: Exclude<Target, { kind: 'unsupported' }>,
  ctx: ActionContext,
  inputs: ActionInputs,
  octokit: ReturnType<typeof createGitHubClient>,
  conversation?: PullConversation,
): Promise<{ comment: CommentOutcome; error?: unknown }> {
  if (target.kind !== 'review') return { comment: { kind: 'skipped', why: 'audits have no pull request to comment on' } };
  if (target.readOnly && inputs.comment !== 'never') return { comment: { kind: 'read-only', why: target.readOnly } };
  const talk = conversation ?? new PullConversation(octokit, target.pr);
  try {
    const comment = await upsertComment(octokit, {
      pr: target.pr,
      render: ({ marker, maxLength }) => renderMarkdown(report, { marker, maxLength, acceptLabel: inputs.acceptLabel }),
      mode: inputs.comment,
      hasFindings: report.findings.length > 0,
      listed: () => talk.issueComments(),
      currentHead: () => talk.currentHead(),
      log: (m) => core.info(m),
    });
    return { comment };
  } catch (error) {
    return { comment: { kind: 'skipped', why: 'the comment could not be published (see the error)' }, error };
  }
}
