/**
 * Runs the bundled action (dist/index.js) the way the runner does: a node process with
 * INPUT_* variables (defaults from action.yml), the GITHUB_* variables of the event, files for
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY, and a real git checkout as GITHUB_WORKSPACE, against
 * the local GitHub API server.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { actionEnv, writeEventFile, type JsonObject } from '../support/events.js';
import type { FileTree, GitHubServer } from '../support/github-server/index.js';
import { makeRepo, type TestRepo } from '../support/git-repo.js';

const root = path.resolve(import.meta.dirname, '../..');
export const DIST = path.join(root, 'dist', 'index.js');

/** The defaults the runner fills in for inputs the workflow does not set. */
function actionDefaults(): Record<string, string> {
  const action = parse(readFileSync(path.join(root, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  const out: Record<string, string> = {};
  for (const [name, input] of Object.entries(action.inputs)) {
    // `${{ github.token }}` is filled by the runner; the test passes the server's token instead.
    if (typeof input.default === 'string' && !input.default.includes('${{')) out[name] = input.default;
  }
  return out;
}

export interface ActionRun {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** The JSON report the `report` output names; '' when none was written. */
  report: string;
  /** The `::warning ...::`, `::notice ...::` and `::error ...::` workflow commands printed. */
  commands: { level: string; props: string; message: string }[];
}

export interface RunActionOptions {
  server: GitHubServer;
  /** Default `pull_request`. */
  eventName?: 'pull_request' | 'pull_request_target' | 'push' | 'workflow_dispatch' | 'schedule' | string;
  payload: JsonObject;
  inputs?: Record<string, string>;
  /** GITHUB_WORKSPACE; none when the job has no checkout. */
  workspace?: string;
  token?: string;
  /** Added to (and overriding) the runner's variables, e.g. `ARCHITECTURE_REVIEW_REQUEST_TIMEOUT_MS`. */
  env?: Record<string, string>;
  /** GITHUB_API_URL; default the server's own (a test may put a gate in front of it). */
  apiUrl?: string;
}

/** Parses GITHUB_OUTPUT's `name<<delimiter` blocks. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!m) continue;
    const [, name, delimiter] = m;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
    out[name!] = value.join('\n');
  }
  return out;
}

/** Runs `node dist/index.js` as a step and collects what it wrote. Async: the server lives in this process. */
export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ar-step-'));
  try {
    return await runActionIn(dir, options);
  } finally {
    // The step's folder (event, outputs, RUNNER_TEMP) is read whole before it is removed.
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runActionIn(dir: string, options: RunActionOptions): Promise<ActionRun> {
  const eventPath = await writeEventFile(dir, options.payload);
  const outputFile = path.join(dir, 'output');
  const summaryFile = path.join(dir, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const inputs = { ...actionDefaults(), 'github-token': options.token ?? options.server.state.token, ...options.inputs };
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? dir,
    ...actionEnv({
      eventName: (options.eventName ?? 'pull_request') as 'pull_request',
      payload: options.payload,
      eventPath,
      apiUrl: options.apiUrl ?? options.server.url,
    }),
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: dir,
    ...options.env,
  };
  if (options.workspace) env.GITHUB_WORKSPACE = options.workspace;
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;

  const child = spawn(process.execPath, [DIST], { env, cwd: options.workspace ?? dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const commands = [...stdout.matchAll(/^::(warning|notice|error)([^:]*)::(.*)$/gm)].map((m) => ({
    level: m[1]!,
    props: m[2]!.trim(),
    message: m[3]!,
  }));
  const outputs = parseOutputs(readFileSync(outputFile, 'utf8'));
  return {
    status,
    stdout,
    stderr,
    outputs,
    summary: readFileSync(summaryFile, 'utf8'),
    report: outputs.report && existsSync(outputs.report) ? readFileSync(outputs.report, 'utf8') : '',
    commands,
  };
}

/** The last line the step printed. */
export function lastLine(run: ActionRun): string {
  return run.stdout.trimEnd().split('\n').pop() ?? '';
}

export interface PullScenario {
  repo: TestRepo;
  baseSha: string;
  headSha: string;
}

/**
 * A pull request that exists twice, consistently: as real commits in a git checkout (the
 * workspace, checked out at head) and as a PR of the local API server with the same shas and
 * trees, so the files API's patches match the checkout.
 */
export function makePullScenario(server: GitHubServer, options: { number: number; base: FileTree; head: FileTree; labels?: string[]; fork?: boolean }): PullScenario {
  const repo = makeRepo();
  for (const [p, text] of Object.entries(options.base)) repo.write(p, text);
  const baseSha = repo.commit('base');
  repo.branch(`pr-${options.number}`).checkout(`pr-${options.number}`);
  for (const p of Object.keys(options.base)) if (!(p in options.head)) repo.remove(p);
  for (const [p, text] of Object.entries(options.head)) repo.write(p, text);
  const headSha = repo.commit('change');
  server.addPull({
    number: options.number,
    base: { sha: baseSha, ref: 'main', tree: options.base },
    head: { sha: headSha, ref: `pr-${options.number}`, tree: options.head, fork: options.fork },
    labels: options.labels,
  });
  return { repo, baseSha, headSha };
}
