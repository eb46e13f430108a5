/**
 * The check run that carries every finding: one per head commit and check name, with the
 * report as its summary and one annotation per finding, sent in batches of the Checks API's 50
 * per request (workflow-command annotations stop at 10 per level).
 */
import { createHash } from 'node:crypto';
import { sortedPlaces } from '../report/fingerprint.js';
import type { Finding, Report } from '../types.js';
import { explainGitHubError, isReadOnlyRejection, isRecord, type GitHubClient } from './github-client.js';

/** The Checks API takes at most this many annotations per create or update. */
export const CHECK_ANNOTATIONS_PER_REQUEST = 50;
/** GitHub's limit on a check run's `output.summary` (and `output.text`), in characters. */
export const CHECK_SUMMARY_MAX = 65_535;

/**
 * The summary within GitHub's limit, which is 65,535 characters and also 65,535 bytes of
 * UTF-8 (a longer one is refused with 422): the renderer counts characters, so a summary with
 * icons and non-ASCII code lines is rendered again with less room until its bytes fit.
 */
function fitSummary(render: (maxLength: number) => string, note: string): string {
  let budget = CHECK_SUMMARY_MAX - note.length;
  for (;;) {
    const text = render(budget) + note;
    const over = Buffer.byteLength(text, 'utf8') - CHECK_SUMMARY_MAX;
    if (over <= 0 || budget <= 1_000) return over <= 0 ? text : text.slice(0, 1_000);
    budget -= over + 64;
  }
}
/** Findings annotated at most, to bound the requests of a huge audit (50 requests); the summary says how many more. */
export const MAX_CHECK_ANNOTATIONS = 2_500;
/**
 * The `external_id` prefix that tells this action's check runs from the job's own check run
 * (created by GitHub Actions with the same app, and maybe the same name); the rest is a digest
 * of the annotations, which GitHub keeps adding to on every update (`incomplete` until the
 * last batch of annotations is sent).
 */
export const CHECK_EXTERNAL_ID = 'architecture-review';

export type CheckConclusion = 'success' | 'failure' | 'neutral';

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  title: string;
  message: string;
}

export interface CheckRunRequest {
  owner: string;
  repo: string;
  headSha: string;
  name: string;
  report: Report;
  /** The report as markdown, cut to fit {@link CHECK_SUMMARY_MAX}. */
  summary: (maxLength: number) => string;
  failOn: 'question' | 'never';
  /** False: no annotations (input `annotations: false`). Default true. */
  annotate?: boolean;
  /** The run's page, linked from the check. */
  detailsUrl?: string;
  /**
   * True when no earlier run of this review can have made a check run on the head yet (the
   * first attempt of an `opened` event): the run is created without looking for one first.
   */
  firstOfHead?: boolean;
  log: (message: string) => void;
}

export type CheckRunOutcome =
  | { kind: 'created' | 'updated' | 'unchanged'; url: string; annotations: number; omitted: number; conclusion: CheckConclusion }
  /** The token may not write checks (no `checks: write`, a fork's or Dependabot's token). */
  | { kind: 'forbidden'; why: string };

/**
 * `failure` while an unaccepted question remains and `fail-on` is `question`; `neutral` when
 * the findings are only notes; otherwise `success`.
 */
export function checkConclusion(report: Report, failOn: 'question' | 'never'): CheckConclusion {
  const open = report.findings.some((f) => f.verdict === 'question' && !f.accepted);
  if (open && failOn === 'question') return 'failure';
  if (report.findings.length > 0 && report.findings.every((f) => f.verdict === 'info')) return 'neutral';
  return 'success';
}

function levelOf(f: Finding): CheckAnnotation['annotation_level'] {
  if (f.accepted || f.verdict !== 'question') return 'notice';
  return 'warning';
}

/** One annotation per finding, at its first place, open questions first; the others are named in its message. */
export function checkAnnotations(report: Report): CheckAnnotation[] {
  const order = (f: Finding) => (f.verdict === 'question' && !f.accepted ? 0 : f.verdict === 'recommend' ? 1 : 2);
  const findings = [...report.findings].sort((a, b) => order(a) - order(b));
  return findings.map((f) => {
    const [first, ...others] = sortedPlaces(f, report.profile.path);
    const line = Math.max(1, first.line);
    const more = others.length > 0 ? ` Also at ${others.slice(0, 5).map((l) => `${l.path}:${l.line}`).join(', ')}${others.length > 5 ? ` and ${others.length - 5} more` : ''}.` : '';
    return {
      path: first.path,
      start_line: line,
      end_line: line,
      annotation_level: levelOf(f),
      title: `${f.rule} (${f.accepted ? 'accepted' : f.verdict})`.slice(0, 255),
      message: `${f.message}${more}`.slice(0, 60_000),
    };
  });
}

function titleOf(report: Report, conclusion: CheckConclusion): string {
  const questions = report.findings.filter((f) => f.verdict === 'question' && !f.accepted).length;
  if (questions > 0) return `${questions} open question(s) about concurrency or language choices`;
  if (report.findings.length === 0) return 'No concurrency or language choice to review';
  return conclusion === 'neutral' ? 'Notes only' : 'The rules have no open question';
}

interface CheckRunData {
  id: number;
  html_url?: string | null;
  external_id?: string | null;
  name?: string;
  status?: string | null;
  conclusion?: string | null;
  details_url?: string | null;
  output?: { title?: string | null; summary?: string | null } | null;
}

function isCheckRun(v: unknown): v is CheckRunData {
  return isRecord(v) && typeof v.id === 'number';
}

/**
 * Creates the check run for the head commit, or updates this action's earlier one for the same
 * commit and name (a re-run). GitHub adds annotations on every update and never removes any,
 * so an earlier run whose annotations differ from this run's is superseded by a new run of the
 * same name (GitHub shows, and a required check reads, the latest), and an earlier run with the
 * same annotations is updated without sending them again.
 */
export async function publishCheckRun(octokit: GitHubClient, request: CheckRunRequest): Promise<CheckRunOutcome> {
  const { owner, repo, headSha, name } = request;
  const conclusion = checkConclusion(request.report, request.failOn);
  const all = request.annotate === false ? [] : checkAnnotations(request.report);
  const annotations = all.slice(0, MAX_CHECK_ANNOTATIONS);
  const omitted = all.length - annotations.length;
  const digest = createHash('sha256').update(JSON.stringify(annotations)).digest('hex').slice(0, 16);
  const externalId = `${CHECK_EXTERNAL_ID}:${digest}`;
  const note = omitted > 0 ? `\n\n${omitted} more finding(s) are not annotated here: see the JSON report.` : '';
  const summary = fitSummary(request.summary, note);
  const output = { title: titleOf(request.report, conclusion), summary };
  const batches: CheckAnnotation[][] = [];
  for (let i = 0; i < annotations.length; i += CHECK_ANNOTATIONS_PER_REQUEST) batches.push(annotations.slice(i, i + CHECK_ANNOTATIONS_PER_REQUEST));
  const where = `the check run "${name}" on ${headSha.slice(0, 7)}`;
  try {
    const earlier = request.firstOfHead ? undefined : await findEarlier(octokit, request);
    const fields = {
      name,
      head_sha: headSha,
      status: 'completed' as const,
      conclusion,
      completed_at: new Date().toISOString(),
      external_id: externalId,
      ...(request.detailsUrl ? { details_url: request.detailsUrl } : {}),
    };
    let run: CheckRunData;
    let kind: 'created' | 'updated';
    let toSend = batches;
    if (
      earlier &&
      earlier.external_id === externalId &&
      earlier.status === 'completed' &&
      earlier.conclusion === conclusion &&
      earlier.output?.title === output.title &&
      earlier.output?.summary === output.summary &&
      (earlier.details_url ?? undefined) === request.detailsUrl
    ) {
      // A re-run that would write what is there already: nothing to send.
      return { kind: 'unchanged', url: earlier.html_url ?? '', annotations: annotations.length, omitted, conclusion };
    }
    if (earlier && earlier.external_id === externalId) {
      // The same annotations are there already: only the summary and conclusion change.
      const res = await octokit.rest.checks.update({ owner, repo, check_run_id: earlier.id, ...fields, output });
      run = isCheckRun(res.data) ? res.data : earlier;
      kind = 'updated';
      toSend = [];
    } else {
      // Until the last batch is in, the run says it is incomplete: a run cut off between
      // batches (the step fails) is superseded by the re-run, not taken for complete.
      const complete = batches.length <= 1;
      const res = await octokit.rest.checks.create({
        owner,
        repo,
        ...fields,
        external_id: complete ? externalId : `${CHECK_EXTERNAL_ID}:incomplete`,
        output: { ...output, annotations: batches[0] ?? [] },
        request: { retries: 0 },
      });
      if (!isCheckRun(res.data)) throw new Error("GitHub's answer is not a check run");
      run = res.data;
      kind = 'created';
      toSend = batches.slice(1);
    }
    for (const [i, batch] of toSend.entries()) {
      const last = i === toSend.length - 1 ? { external_id: externalId } : {};
      await octokit.rest.checks.update({ owner, repo, check_run_id: run.id, ...last, output: { ...output, annotations: batch } });
    }
    return { kind, url: run.html_url ?? '', annotations: annotations.length, omitted, conclusion };
  } catch (err) {
    if (isReadOnlyRejection(err)) {
      return { kind: 'forbidden', why: 'the token may not write checks (grant `checks: write` in the workflow\'s permissions)' };
    }
    throw explainGitHubError(err, `publishing ${where}`);
  }
}

/** This action's latest check run of that name on the head commit, if any. */
async function findEarlier(octokit: GitHubClient, request: CheckRunRequest): Promise<CheckRunData | undefined> {
  const { owner, repo, headSha, name } = request;
  const res = await octokit.rest.checks.listForRef({ owner, repo, ref: headSha, check_name: name, filter: 'latest', per_page: 100 });
  const data: unknown = res.data;
  const runs = isRecord(data) && Array.isArray(data.check_runs) ? data.check_runs.filter(isCheckRun) : [];
  return runs
    .filter((r) => typeof r.external_id === 'string' && r.external_id.startsWith(`${CHECK_EXTERNAL_ID}:`))
    .sort((a, b) => b.id - a.id)[0];
}
